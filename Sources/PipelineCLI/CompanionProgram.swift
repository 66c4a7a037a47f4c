import Foundation

/// An executable built beside `pipeline` that a subcommand runs in its place (`pipeline-receiver`,
/// `pipeline-server`): it replaces this process, so its output, signals and exit code are the
/// command's own, and the HTTP server's code stays out of `pipeline run`.
enum CompanionProgram {
    /// The executable `name` beside the running `pipeline`.
    static func path(_ name: String) -> String {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent(name).path
    }

    /// Replaces this process with `name arguments…`; returns only by throwing.
    static func exec(_ name: String, _ arguments: [String], command: String) throws -> Never {
        let path = path(name)
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Console.error("error: pipeline \(command) runs \(path), which is not there; build it with `swift build -c release --product \(name) --static-swift-stdlib`")
            throw ExitStatus.usage.exitCode
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        Console.error("error: cannot start \(path): \(String(cString: strerror(errno)))")
        throw ExitStatus.failure.exitCode
    }
}
