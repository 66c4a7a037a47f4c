import Foundation

/// One try at delivering a postback.
public struct DeliveryAttempt: Sendable, Hashable, Codable {
    /// 1 for the first attempt.
    public var number: Int
    public var startedAt: Date
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// What went wrong without a response (connection refused, timeout, …).
    public var error: String?
    /// Seconds from start to the end of the exchange.
    public var latency: Double
    /// The `webhook-timestamp` sent.
    public var timestamp: Int

    /// `HTTP 500 in 0.01 s` or `error: Couldn't connect to server`.
    public var summary: String {
        let outcome = status.map { "HTTP \($0)" } ?? "error: \(error ?? "unknown")"
        return "attempt \(number): \(outcome) in \(String(format: "%.2f", latency)) s"
    }
}
