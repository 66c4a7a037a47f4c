/// How a URL names an asset: by its id, or by its folder and name.
public enum AssetLocator: Sendable, Hashable {
    case id(AssetID)
    case place(FolderPath, String)
}
