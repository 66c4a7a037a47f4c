/// "Another key of the same object has one of these values" (its default when absent), which
/// decides whether a form offers a key.
public struct KeyCondition: Sendable {
    public let key: String
    public let values: [String]

    public init(_ key: String, in values: [String]) {
        self.key = key
        self.values = values
    }
}
