/// One key of the configuration language: its name, the values it takes, what it means, its
/// default, and when a form should offer it. The parser reads every key through one of these,
/// so the ranges, choices and key sets it enforces are the ones `ConfigurationSchema` publishes
/// (and the console builds its forms from).
public struct ConfigurationKey: Sendable {
    public let name: String
    public let value: KeyValue
    /// One sentence for people: shown beside the control and as the schema's `description`.
    public let summary: String
    /// What the parser uses when the key is absent (nil: absent means "none").
    public var defaultValue: JSONValue?
    /// Offered only when another key of the same object has one of these values.
    public var shownWhen: KeyCondition?
    /// Shown but not settable when another key of the same object has one of these values.
    public var disabledWhen: KeyCondition?

    public init(_ name: String, _ value: KeyValue, _ summary: String, default defaultValue: JSONValue? = nil,
                shownWhen: KeyCondition? = nil, disabledWhen: KeyCondition? = nil) {
        self.name = name
        self.value = value
        self.summary = summary
        self.defaultValue = defaultValue
        self.shownWhen = shownWhen
        self.disabledWhen = disabledWhen
    }

    /// The choices of a `.choice` key (empty for other kinds).
    public var choices: [String] {
        if case .choice(let values) = value { return values }
        return []
    }
}
