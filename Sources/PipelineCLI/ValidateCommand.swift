import ArgumentParser
import Foundation
import PipelineCore

/// `pipeline validate CONFIG…`: checks configurations and lists every problem.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check configuration documents; every problem is listed with its JSON path (exit 3 if any).")

    @Argument(help: "Configuration documents (JSON).")
    var configs: [String]

    func validate() throws {
        if configs.isEmpty { throw ValidationError("give at least one configuration file") }
    }

    func run() throws {
        var invalid = false
        for path in configs {
            let data = try ConfigurationFile.read(path)
            do {
                let config = try ConfigurationFile.parse(data, path: path)
                Console.out("\(path): valid (\(config.features.count) features, \(Planner.leafCount(config)) outputs per source)")
            } catch {
                invalid = true
                Console.out("\(path): \(error)")
            }
        }
        if invalid { throw ExitStatus.invalidConfiguration.exitCode }
    }
}
