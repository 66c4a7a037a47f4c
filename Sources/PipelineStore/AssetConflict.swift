/// What an upload does when its folder already has a file of that name (`onConflict`).
public enum AssetConflict: String, Sendable, CaseIterable {
    /// Refuse (409); nothing is stored.
    case fail
    /// The new asset takes the name; the old one is deleted.
    case overwrite
    /// The new asset is named `name (2).jpg`, `name (3).jpg`, … (the first free one).
    case rename
}
