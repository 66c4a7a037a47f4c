import ArgumentParser
import Foundation

/// `pipeline serve`: runs the HTTP server, `pipeline-server serve`.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP API: saved configurations, uploads by configId, durable jobs and postbacks.",
        discussion: "Options: --host (127.0.0.1), --port (8080), --data (./pipeline-data), --workers, --allow-private-addresses, --retention-hours, --max-upload-bytes, --public-url, --trusted-proxy; see `pipeline serve --help`.")

    @Argument(parsing: .captureForPassthrough, help: "Options for the server.")
    var arguments: [String] = []

    func run() throws {
        try CompanionProgram.exec("pipeline-server", ["serve"] + arguments, command: "serve")
    }
}

/// `pipeline keys create|list|revoke`: runs `pipeline-server keys`.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create (shown once), list and revoke the server's API keys.",
        discussion: "pipeline keys create [--data DIR] [--account NAME] [--plan PLAN]; pipeline keys list; pipeline keys revoke ID.")

    @Argument(parsing: .captureForPassthrough, help: "create, list or revoke, and their options.")
    var arguments: [String] = []

    func run() throws {
        try CompanionProgram.exec("pipeline-server", ["keys"] + arguments, command: "keys")
    }
}
