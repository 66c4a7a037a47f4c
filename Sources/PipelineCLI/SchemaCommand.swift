import ArgumentParser
import PipelineCore
import PipelineRuntime

/// `pipeline schema`: the configuration language as a JSON Schema, the same document
/// `GET /v1/configurations/schema` serves (for editors and clients working offline).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the configuration language as a JSON Schema (draft 2020-12).")

    func run() throws {
        let schema = ConfigurationSchema.document(templates: ConfigurationParser().templates)
        Console.out(String(decoding: try JSONOutput.encode(schema).dropLast(), as: UTF8.self))
    }
}
