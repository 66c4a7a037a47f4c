import ArgumentParser
import Delivery
import Foundation

/// Delivers a ZIP for the CLI and reports every attempt; exits 5 when it could not be delivered.
enum Postback {
    static func deliver(archive: String, jobID: String, configID: String, status: String, options: DeliveryOptions) async throws {
        guard let url = options.postback else { return }
        let request = PostbackRequest(url: url, jobID: jobID, configID: configID, status: status,
                                      archivePath: archive, secrets: try options.secrets())
        // The CLI posts to loopback and private addresses too: local development is its use.
        let delivery = PostbackDelivery(addresses: AddressPolicy(allowPrivateAddresses: true))
        Console.error("Delivering \(jobID).zip to \(url) (retrying for up to \(options.retryFor))")
        let receipt = try await delivery.deliver(request, deadline: Date().addingTimeInterval(options.retrySeconds)) { attempt in
            Console.error("  \(attempt.summary)")
        }
        switch receipt.outcome {
        case .delivered:
            Console.out("Delivered to \(url) (webhook-id \(receipt.webhookID), \(receipt.attempts.count) attempt\(receipt.attempts.count == 1 ? "" : "s"))")
        case .gone, .gaveUp, .refused:
            Console.out("Not delivered to \(url): \(receipt.reason ?? receipt.outcome.rawValue)")
            for attempt in receipt.attempts { Console.out("  \(attempt.summary)") }
            Console.out("The ZIP is kept at \(archive). Deliver it again with:")
            Console.out("  pipeline deliver \(archive) --postback \(url)   (secret from --secret or PIPELINE_POSTBACK_SECRET)")
            throw ExitStatus.deliveryFailed.exitCode
        }
    }
}
