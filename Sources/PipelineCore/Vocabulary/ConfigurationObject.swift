/// One kind of JSON object in a configuration document (the document, `output`, a feature of
/// one type, an output of one type): its keys in the order a form shows them, and the sets of
/// keys that are alternatives to each other (a resize output's size is pixels, a percent or a
/// template).
public struct ConfigurationObject: Sendable {
    /// The schema's `$defs` name, e.g. `output.crop`.
    public let name: String
    public let title: String
    public let keys: [ConfigurationKey]
    public var required: [String]
    public var alternatives: [Alternative]
    /// Whether one of the alternatives must be used (a compress output may inherit the
    /// feature's `maxBytes` instead).
    public var alternativeRequired: Bool

    /// One way to fill the object: the keys it uses (the first one marks it), what a form puts
    /// in when it is chosen, the defaults it brings (a template's fit is `cover`), and keys that
    /// do not apply with it.
    public struct Alternative: Sendable {
        public let name: String
        public let keys: [String]
        public var starter: [String: JSONValue]
        public var defaults: [String: JSONValue]
        public var excludes: [String]

        public init(_ name: String, keys: [String], starter: [String: JSONValue], defaults: [String: JSONValue] = [:], excludes: [String] = []) {
            self.name = name
            self.keys = keys
            self.starter = starter
            self.defaults = defaults
            self.excludes = excludes
        }
    }

    public init(_ name: String, title: String, keys: [ConfigurationKey], required: [String] = [], alternatives: [Alternative] = [],
                alternativeRequired: Bool = true) {
        self.name = name
        self.title = title
        self.keys = keys
        self.required = required
        self.alternatives = alternatives
        self.alternativeRequired = alternativeRequired
    }

    public var keyNames: [String] { keys.map(\.name) }

    /// The key called `name`; the tables and the parser name the same keys, so a miss is a bug.
    public subscript(_ name: String) -> ConfigurationKey {
        guard let key = keys.first(where: { $0.name == name }) else {
            preconditionFailure("\(self.name) has no key \"\(name)\"")
        }
        return key
    }
}
