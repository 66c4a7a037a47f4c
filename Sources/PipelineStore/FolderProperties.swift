/// What a folder holds, counting everything below it.
public struct FolderProperties: Sendable, Hashable {
    public var files: Int
    public var folders: Int
    public var bytes: Int

    public init(files: Int, folders: Int, bytes: Int) {
        self.files = files
        self.folders = folders
        self.bytes = bytes
    }
}
