/// One problem found in a configuration: where it is and what to do about it.
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The JSON path, e.g. `features[1].outputs[3].percent`; empty for the document itself.
    public var path: String
    /// A sentence a person can act on.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`, the form printed by the CLI.
    public var description: String { "\(path.isEmpty ? "(document)" : path): \(message)" }
}
