import ArgumentParser
import Foundation

/// `pipeline plans`: runs `pipeline-server plans`.
struct PlansCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "List, show and change the server's plans (or add custom ones).",
        discussion: "pipeline plans list; pipeline plans show NAME; pipeline plans set NAME --requests-per-minute N --sources-per-day N …")

    @Argument(parsing: .captureForPassthrough, help: "A subcommand and its options.")
    var arguments: [String] = []

    func run() throws {
        try CompanionProgram.exec("pipeline-server", ["plans"] + arguments, command: "plans")
    }
}
