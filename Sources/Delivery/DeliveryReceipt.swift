/// How a delivery ended, with every attempt.
public struct DeliveryReceipt: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// A 2xx answer.
        case delivered
        /// The receiver answered 410 Gone: it wants no more deliveries.
        case gone
        /// Every attempt allowed (by the policy or the time given) failed.
        case gaveUp
        /// The address is not allowed (loopback, private, link-local) or cannot be resolved.
        case refused
    }

    public var outcome: Outcome
    /// The same on every attempt, so receivers can de-duplicate.
    public var webhookID: String
    public var attempts: [DeliveryAttempt]
    /// Why it was refused, for `refused`.
    public var reason: String?
}
