import ArgumentParser
import Delivery
import Foundation
import PipelineReceiver

/// `pipeline-receiver` (run as `pipeline receive`): the reference postback receiver. It is an
/// executable of its own so that `pipeline run` does not map the HTTP server's code (SwiftNIO,
/// Hummingbird): that kept every run about 8 ms longer at start-up and 5–8 MB larger.
@main
struct ReceiverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline receive",
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
                Self.write("error: --secret: \(error)", to: .standardError)
                throw ExitCode(2) // a usage error, as for every pipeline command
            }
        } else {
            Self.write("warning: no secret given; signatures are NOT checked", to: .standardError)
        }
        let folder = URL(fileURLWithPath: out).standardizedFileURL.path
        let receiver = PostbackReceiver(secret: parsed, outputFolder: folder, host: host, port: port) { Self.write($0, to: .standardOutput) }
        try await receiver.run { port in
            Self.write("Receiving on http://\(host):\(port)/ into \(folder)", to: .standardOutput)
        }
    }

    /// One line, written at once (a reader of the output sees each delivery as it happens).
    static func write(_ line: String, to handle: FileHandle) {
        handle.write(Data((line + "\n").utf8))
    }
}
