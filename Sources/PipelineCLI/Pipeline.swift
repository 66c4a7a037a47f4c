import ArgumentParser
import Foundation
import PipelineCore

/// The `pipeline` command.
struct Pipeline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Config-driven image pipeline on libvips: one configuration, many outputs, one ZIP.",
        discussion: """
            Exit codes: 0 success, 1 failure, 2 usage error, 3 invalid configuration,
            4 partial result (some sources failed), 5 the ZIP was written but not delivered.
            """,
        version: ProductInfo.version,
        subcommands: [RunCommand.self, PlanCommand.self, ValidateCommand.self, TemplatesCommand.self, SchemaCommand.self,
                      DeliverCommand.self, ReceiveCommand.self, ServeCommand.self, KeysCommand.self,
                      PlansCommand.self, AccountsCommand.self,
                      RenderSourceCommand.self])
}

/// Entry point: runs the command and maps every way it can end to a documented exit code.
@main
enum Main {
    static func main() async {
        do {
            var command = try Pipeline.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Pipeline.exitCode(for: error)
            if code == .success {
                Pipeline.exit(withError: error)
            }
            FileHandle.standardError.write(Data((Pipeline.fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}
