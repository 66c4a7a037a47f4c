import ArgumentParser
import Foundation
import Packaging
import PipelineCore

/// `pipeline deliver ZIP --postback URL`: posts an existing result ZIP again.
struct DeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Post an existing result ZIP to a postback URL (signed, with retries).")

    @Argument(help: "A ZIP written by `pipeline run`.")
    var archive: String

    @OptionGroup var delivery: DeliveryOptions

    func validate() throws {
        if delivery.postback == nil { throw ValidationError("give --postback URL") }
    }

    func run() async throws {
        let manifest: Manifest
        do {
            let reader = try ZipArchiveReader(path: archive)
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(try reader.read("configuration/manifest.json")))
        } catch {
            Console.error("error: \(archive) is not a result ZIP with a manifest (\(error))")
            throw ExitStatus.usage.exitCode
        }
        let path = URL(fileURLWithPath: archive).standardizedFileURL.path
        try await Postback.deliver(archive: path, jobID: manifest.jobId.rawValue, configID: manifest.configId.rawValue,
                                   status: manifest.status.rawValue, options: delivery)
    }
}
