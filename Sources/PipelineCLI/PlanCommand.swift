import ArgumentParser
import Foundation
import Imaging
import PipelineCore
import PipelineRuntime

/// `pipeline plan CONFIG [--source IMG]`: shows how a configuration will run.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the planned and declared order, the work of each, and every output path.")

    @Argument(help: "The configuration document (JSON).")
    var config: String

    @Option(help: "An image: sizes and formats are then resolved for it, and identical outputs shown as aliases.")
    var source: String?

    @Flag(help: "Print the plan as JSON.")
    var json = false

    @OptionGroup(title: "Source limits")
    var limits: SourcePolicyOptions

    func run() throws {
        Libvips.prepare(loadingPDF: limits.allowPDF)
        let (config, configID) = try ConfigurationFile.load(self.config)
        var description: SourceDescription?
        if let source {
            do {
                try Libvips.allow(limits.policy.allowedFormats)
                description = try SourceHeader.read(path: source, policy: limits.policy, page: config.output.page).planningInput
            } catch {
                Console.error("error: cannot plan for \(source): \(error)")
                throw ExitStatus.failure.exitCode
            }
        }
        let plan = Planner.plan(config, source: description)
        if json {
            let report = PlanReport(configId: configID, config: config, plan: plan)
            Console.out(String(decoding: try JSONOutput.encode(report), as: UTF8.self))
        } else {
            for line in PlanReport.lines(configId: configID, config: config, plan: plan) { Console.out(line) }
        }
    }
}
