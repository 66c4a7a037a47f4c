/// What a rendering request reads (SPEC §10), in one read of the store: every request asks,
/// cached result or not, so a deleted asset or configuration is seen at once.
public struct RenderLookup: Sendable {
    public var account: Account?
    /// The account's URL key, nil until it was first made.
    public var urlKey: String?
    /// The configuration's latest version (nil when deleted or absent, or not asked for).
    public var configuration: StoredConfiguration?
    public var asset: AssetRecord?

    public init(account: Account? = nil, urlKey: String? = nil, configuration: StoredConfiguration? = nil, asset: AssetRecord? = nil) {
        self.account = account
        self.urlKey = urlKey
        self.configuration = configuration
        self.asset = asset
    }
}
