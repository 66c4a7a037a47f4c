import ArgumentParser
import Foundation

/// `pipeline accounts`: runs `pipeline-server accounts`.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Create, list, re-plan, suspend and reinstate the server's accounts.",
        discussion: "pipeline accounts create NAME --plan free; pipeline accounts list; pipeline accounts set-plan NAME PLAN; pipeline accounts suspend NAME; pipeline accounts reinstate NAME.")

    @Argument(parsing: .captureForPassthrough, help: "A subcommand and its options.")
    var arguments: [String] = []

    func run() throws {
        try CompanionProgram.exec("pipeline-server", ["accounts"] + arguments, command: "accounts")
    }
}
