import ArgumentParser
import Foundation

/// `pipeline receive`: runs the reference postback receiver, `pipeline-receiver`.
struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Receive postbacks: verify signatures, check and unpack each ZIP into OUT/<jobId>/.",
        discussion: "Options: --port (9000), --host (127.0.0.1), --secret whsec_… (or $PIPELINE_POSTBACK_SECRET), --out (inbox); see `pipeline receive --help`.")

    @Argument(parsing: .captureForPassthrough, help: "Options for the receiver.")
    var arguments: [String] = []

    func run() throws {
        try CompanionProgram.exec("pipeline-receiver", arguments, command: "receive")
    }
}
