/// A configuration that cannot be used, with every problem found in it.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// All problems, in document order.
    public var issues: [ValidationIssue]

    public init(issues: [ValidationIssue]) { self.issues = issues }

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return "invalid configuration (\(count)):\n" + issues.map { "  " + $0.description }.joined(separator: "\n")
    }
}
