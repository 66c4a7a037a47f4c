/// Why an archive could not be written or read.
public struct PackagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A sentence naming the archive or entry.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
