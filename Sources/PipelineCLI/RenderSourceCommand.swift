import ArgumentParser
import PipelineRuntime

/// `pipeline render-source REQUEST OUTCOME`: the child side of `run --isolate` (not for people).
struct RenderSourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-source",
        abstract: "Work on one source for `pipeline run --isolate` (internal).",
        shouldDisplay: false)

    @Argument var request: String
    @Argument var outcome: String

    func run() throws {
        try SourceIsolation.runChild(requestFile: request, outcomeFile: outcome)
    }
}
