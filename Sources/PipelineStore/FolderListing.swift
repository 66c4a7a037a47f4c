/// One page of a folder: its direct sub-folders (on the first page, at most `folderLimit`) and
/// a page of its assets, with the cursor of the next page.
public struct FolderListing: Sendable, Hashable {
    public var folders: [FolderPath]
    /// Whether there are more sub-folders than were listed.
    public var foldersTruncated: Bool
    public var assets: [AssetRecord]
    public var next: AssetCursor?

    public static let folderLimit = 1000

    public init(folders: [FolderPath], foldersTruncated: Bool, assets: [AssetRecord], next: AssetCursor?) {
        self.folders = folders
        self.foldersTruncated = foldersTruncated
        self.assets = assets
        self.next = next
    }
}
