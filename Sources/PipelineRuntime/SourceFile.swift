/// One source image of a job.
public struct SourceFile: Sendable, Hashable, Codable {
    /// Where the file is.
    public var path: String
    /// Its name as the user knows it (relative to the folder it was found in).
    public var name: String
    /// Why its bytes could not be had (a source URL that failed), reported as its failure with
    /// this code and message instead of reading `path`.
    public var unavailable: Unavailable?

    /// A source whose bytes could not be had.
    public struct Unavailable: Sendable, Hashable, Codable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public init(path: String, name: String, unavailable: Unavailable? = nil) {
        self.path = path
        self.name = name
        self.unavailable = unavailable
    }
}
