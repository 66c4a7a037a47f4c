import ArgumentParser
import Foundation

/// `pipeline receive`: runs the reference postback receiver, the `pipeline-receiver`
/// executable beside this one, with the same arguments (it replaces this process, so its
/// output, signals and exit code are the command's own).
struct ReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive",
        abstract: "Receive postbacks: verify signatures, check and unpack each ZIP into OUT/<jobId>/.",
        discussion: "Options: --port (9000), --host (127.0.0.1), --secret whsec_… (or $PIPELINE_POSTBACK_SECRET), --out (inbox); see `pipeline receive --help`.")

    @Argument(parsing: .captureForPassthrough, help: "Options for the receiver.")
    var arguments: [String] = []

    /// The receiver's executable: beside the running `pipeline`.
    static var receiverPath: String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("pipeline-receiver").path
    }

    func run() throws {
        let path = Self.receiverPath
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Console.error("error: pipeline receive runs \(path), which is not there; build it with `swift build -c release --product pipeline-receiver`")
            throw ExitStatus.usage.exitCode
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        Console.error("error: cannot start \(path): \(String(cString: strerror(errno)))")
        throw ExitStatus.failure.exitCode
    }
}
