import ArgumentParser
import PipelineCore
import PipelineRuntime

/// `pipeline templates`: lists the social-media templates.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the social-media size templates and where each size comes from.")

    @Flag(help: "Print the catalogue as JSON.")
    var json = false

    func run() throws {
        let catalog = SocialTemplateCatalog.shipped
        if json {
            Console.out(String(decoding: try JSONOutput.encode(catalog), as: UTF8.self))
            return
        }
        Console.out("Social templates, catalogue version \(catalog.version):")
        let width = catalog.templates.map(\.name.count).max() ?? 0
        for template in catalog.templates {
            let padded = template.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let size = "\(template.width)x\(template.height)".padding(toLength: 10, withPad: " ", startingAt: 0)
            Console.out("  \(padded)  \(size)  \(template.source) (\(template.date))")
        }
    }
}
