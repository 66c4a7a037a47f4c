import ArgumentParser
import Delivery
import Foundation
import PipelineReceiver

/// `pipeline receive`: the reference postback receiver.
struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Receive postbacks: verify signatures, check and unpack each ZIP into OUT/<jobId>/.")

    @Option(help: "Port to listen on.")
    var port: Int = 9000

    @Option(help: "Address to listen on (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(help: "The signing secret, whsec_<base64>. Default: $PIPELINE_POSTBACK_SECRET; without one, signatures are not checked.")
    var secret: String?

    @Option(help: "Where deliveries are unpacked.")
    var out: String = "inbox"

    func run() async throws {
        let secretText = secret ?? ProcessInfo.processInfo.environment["PIPELINE_POSTBACK_SECRET"]
        var parsed: WebhookSecret?
        if let secretText {
            do { parsed = try WebhookSecret(secretText) } catch {
                Console.error("error: --secret: \(error)")
                throw ExitStatus.usage.exitCode
            }
        } else {
            Console.error("warning: no secret given; signatures are NOT checked")
        }
        let folder = URL(fileURLWithPath: out).standardizedFileURL.path
        let receiver = PostbackReceiver(secret: parsed, outputFolder: folder, host: host, port: port) { Console.out($0) }
        try await receiver.run { port in
            Console.out("Receiving on http://\(host):\(port)/ into \(folder)")
        }
    }
}
