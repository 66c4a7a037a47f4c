import Foundation
import PipelineCore

/// What an account may do and how much (SPEC §6, "Accounts and plans"). Plans are data: the
/// shipped ones are written into a new database and can be changed there (`pipeline plans set`),
/// and operators add their own. A nil limit is no limit.
public struct AccountPlan: Sendable, Hashable, Codable {
    public var name: String
    /// Requests per minute per API key (a token bucket of this size, refilled evenly).
    public var requestsPerMinute: Int?
    /// Sources accepted per UTC day, by the account and its sub-accounts together.
    public var sourcesPerDay: Int?
    /// The most bytes one upload request may carry (the server's own limit still applies).
    public var bytesPerUpload: Int?
    /// Saved configurations.
    public var savedConfigurations: Int?
    /// Outputs one source may give (the plan's leaves).
    public var outputsPerSource: Int?
    /// Feature types configurations may use (`resize`, `watermark`, …); nil: all of them.
    public var features: [FeatureType]?
    /// Output formats configurations may write (`jpeg`, `avif`, …); nil: all of them.
    public var formats: [ImageFormat]?
    /// Credits per calendar month (UTC), by the account and its sub-accounts together.
    public var creditsPerMonth: Int?
    /// How long archives and sources are kept when an upload asks for nothing else; nil: the
    /// server's `--retention-hours`.
    public var retentionHours: Double?
    /// How many client IPs the allow-list may hold; nil: any number.
    public var allowedIPs: Int?
    /// The longest `storageDuration` an upload may ask for, in hours; nil: any.
    public var storageHours: Double?
    /// Whether an upload may ask for `storageDuration: "permanent"`.
    public var permanentStorage: Bool
    /// The bytes the account may keep in its media library (the sum of its files' sizes).
    public var storageBytes: Int?
    /// The largest file the library takes.
    public var maxFileBytes: Int?
    /// On-the-fly renders (cache misses) per UTC day, by the account and its sub-accounts.
    public var rendersPerDay: Int?

    public init(name: String, requestsPerMinute: Int? = nil, sourcesPerDay: Int? = nil, bytesPerUpload: Int? = nil,
                savedConfigurations: Int? = nil, outputsPerSource: Int? = nil, features: [FeatureType]? = nil, formats: [ImageFormat]? = nil,
                creditsPerMonth: Int? = nil, retentionHours: Double? = nil, allowedIPs: Int? = nil, storageHours: Double? = nil,
                permanentStorage: Bool = false, storageBytes: Int? = nil, maxFileBytes: Int? = nil, rendersPerDay: Int? = nil) {
        self.name = name
        self.requestsPerMinute = requestsPerMinute
        self.sourcesPerDay = sourcesPerDay
        self.bytesPerUpload = bytesPerUpload
        self.savedConfigurations = savedConfigurations
        self.outputsPerSource = outputsPerSource
        self.features = features
        self.formats = formats
        self.creditsPerMonth = creditsPerMonth
        self.retentionHours = retentionHours
        self.allowedIPs = allowedIPs
        self.storageHours = storageHours
        self.permanentStorage = permanentStorage
        self.storageBytes = storageBytes
        self.maxFileBytes = maxFileBytes
        self.rendersPerDay = rendersPerDay
    }

    /// The plan of accounts made without one (`pipeline keys create`): a self-hosting operator's
    /// own use, with no limits.
    public static let defaultName = "unlimited"

    /// What an account whose plan is missing from the plans table works under: the default plan.
    public static let fallback = AccountPlan(name: defaultName, permanentStorage: true)

    /// `free`, `trial` and `paid` as imagecogni and CoreNexis sell them, and `unlimited`.
    public static let shipped: [AccountPlan] = [
        AccountPlan(name: "free", requestsPerMinute: 60, sourcesPerDay: 100, bytesPerUpload: 10 * 1024 * 1024, savedConfigurations: 3,
                    outputsPerSource: 20, features: [.resize, .crop, .compress, .convert, .rotate, .grayscale],
                    formats: [.jpeg, .png, .webp], creditsPerMonth: 2_000, retentionHours: 24, allowedIPs: 3, storageHours: 24,
                    storageBytes: 1 << 30, maxFileBytes: 10 << 20, rendersPerDay: 1_000),
        AccountPlan(name: "trial", requestsPerMinute: 120, sourcesPerDay: 500, bytesPerUpload: 25 * 1024 * 1024, savedConfigurations: 10,
                    outputsPerSource: 60, formats: [.jpeg, .png, .webp, .gif, .tiff], creditsPerMonth: 10_000,
                    retentionHours: 72, allowedIPs: 10, storageHours: 168, storageBytes: 5 << 30, maxFileBytes: 25 << 20,
                    rendersPerDay: 10_000),
        AccountPlan(name: "paid", requestsPerMinute: 600, sourcesPerDay: 20_000, bytesPerUpload: 40 * 1024 * 1024, savedConfigurations: 200,
                    outputsPerSource: 400, creditsPerMonth: 1_000_000, retentionHours: 168, allowedIPs: 50, storageHours: 2160,
                    permanentStorage: true, storageBytes: 500 << 30, maxFileBytes: 40 << 20, rendersPerDay: 1_000_000),
        fallback,
    ]
}
