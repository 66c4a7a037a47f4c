/// What to deliver: the ZIP of one job and where to.
public struct PostbackRequest: Sendable, Hashable {
    public var url: String
    public var jobID: String
    public var configID: String
    /// `succeeded`, `partial` or `failed`.
    public var status: String
    /// The ZIP on disk.
    public var archivePath: String
    /// Every secret signs (several during a rotation).
    public var secrets: [WebhookSecret]

    public init(url: String, jobID: String, configID: String, status: String, archivePath: String, secrets: [WebhookSecret]) {
        self.url = url
        self.jobID = jobID
        self.configID = configID
        self.status = status
        self.archivePath = archivePath
        self.secrets = secrets
    }
}
