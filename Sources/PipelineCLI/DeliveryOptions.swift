import ArgumentParser
import Delivery
import Foundation

/// Where and how a result ZIP is posted (`run --postback`, `deliver`).
struct DeliveryOptions: ParsableArguments {
    @Option(help: "POST the ZIP to this URL (multipart/form-data, signed; see README \"Receiving results\").")
    var postback: String?

    @Option(help: "Signing secret(s), whsec_<base64>, space- or comma-separated during a rotation. Default: $PIPELINE_POSTBACK_SECRET.")
    var secret: String?

    @Option(name: .customLong("retry-for"), help: "Keep retrying a failed delivery for this long (e.g. 20s, 5m, 2h; default 3m).")
    var retryFor: String = "3m"

    func validate() throws {
        if postback != nil {
            _ = try secrets()
            guard Duration.seconds(in: retryFor) != nil else {
                throw ValidationError("--retry-for '\(retryFor)' is not a duration; write e.g. 30s, 5m or 2h")
            }
        }
        if let postback, !(postback.hasPrefix("http://") || postback.hasPrefix("https://")) {
            throw ValidationError("--postback '\(postback)' is not an http(s) URL")
        }
    }

    /// The secrets from --secret or the environment.
    func secrets() throws -> [WebhookSecret] {
        guard let text = secret ?? ProcessInfo.processInfo.environment["PIPELINE_POSTBACK_SECRET"] else {
            throw ValidationError("a postback needs a signing secret: --secret whsec_… or PIPELINE_POSTBACK_SECRET (new one: \(WebhookSecret.random()))")
        }
        do { return try WebhookSecret.list(text) } catch { throw ValidationError("the secret is not valid: \(error)") }
    }

    var retrySeconds: Double { Duration.seconds(in: retryFor) ?? 180 }
}

extension Duration {
    /// Seconds in "90", "20s", "5m", "2h" or "1d".
    static func seconds(in text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let unit = text.last.flatMap({ units[$0] }), let value = Double(text.dropLast()), value >= 0 { return value * unit }
        if let value = Double(text), value >= 0 { return value }
        return nil
    }
}
