/// One source image of a job.
public struct SourceFile: Sendable, Hashable, Codable {
    /// Where the file is.
    public var path: String
    /// Its name as the user knows it (relative to the folder it was found in).
    public var name: String

    public init(path: String, name: String) {
        self.path = path
        self.name = name
    }
}
