import Foundation
import PipelineCore
import Testing

/// The ad-hoc options of a rendering URL become the configuration they stand for, and every
/// value goes through the configuration's own validator (SPEC §10).
@Suite struct AdHocOptionsTests {
    static func config(_ options: String) throws -> PipelineConfig {
        try ConfigurationParser().parse(try AdHocOptions(options).document)
    }

    static func validatorIssues(_ options: String) throws -> [String] {
        do {
            _ = try config(options)
            return []
        } catch let error as ConfigurationError {
            return error.issues.map(\.description)
        }
    }

    @Test func aSizeFitGravityFormatAndQualityMakeOneResizedOutput() throws {
        let config = try Self.config("w:400,h:300,fit:cover,g:attention,f:webp,q:78")
        guard case .resize(let outputs) = config.features.first?.kind else { Issue.record("\(config.features)"); return }
        #expect(config.features.count == 1 && outputs.count == 1)
        #expect(outputs[0].target == .box(width: 400, height: 300) && outputs[0].fit == .cover && outputs[0].gravity == .attention)
        #expect(config.output.format == .webp && config.output.quality(for: .webp) == 78)
        #expect(Planner.leafCount(config) == 1)
    }

    @Test func aTemplateAPercentAndAFormatAloneAreEachOneOutput() throws {
        let template = try Self.config("t:instagram-square")
        guard case .resize(let outputs) = template.features.first?.kind, case .template(let chosen) = outputs[0].target else {
            Issue.record("\(template.features)"); return
        }
        #expect(chosen.name == "instagram-square" && outputs[0].fit == .cover)
        let percent = try Self.config("pct:50,g:north")
        #expect(Planner.leafCount(percent) == 1)
        let converted = try Self.config("f:png")
        #expect(converted.features.first?.type == .convert && Planner.leafCount(converted) == 1)
        let automatic = try AdHocOptions("pct:50,f:auto")
        #expect(automatic.automaticFormat)
        #expect(try ConfigurationParser().parse(automatic.document).output.format == .jpeg)
    }

    /// What a configuration could not say is refused by the configuration's validator, with its
    /// own message and path.
    @Test(arguments: [
        ("w:0", "features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got 0"),
        ("w:abc", #"features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got "abc""#),
        ("w:20000", "features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got 20000"),
        ("pct:0", "features[0].outputs[0].percent: expected a number from 1 to 1000, got 0"),
        ("w:10,fit:squash", #"features[0].outputs[0].fit: expected one of "inside", "cover", "contain", "fill", "outside", got "squash""#),
        ("w:10,g:up", #"features[0].outputs[0].gravity: expected one of "center", "north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest", "attention", "entropy", got "up""#),
        ("t:myspace", #"features[0].outputs[0].template: "myspace" is not a known template; run `pipeline templates` to list them"#),
        ("pct:50,sc:both", "features[0].outputs[0].scaling: does not apply to a percent size, which always scales by its factor; remove it"),
        ("w:10,t:x-post", #"features[0].outputs[0]: give one kind of size: "width"/"height", "percent" or "template", not several"#),
        ("f:bmp", #"features[0].outputs[0].format: expected one of "original", "jpeg", "png", "webp", "avif", "gif", "tiff", got "bmp""#),
        ("w:10,q:0", "output.quality: expected a whole number from 1 to 100 or an object such as {\"jpeg\": 82, \"webp\": 80}, got 0"),
    ])
    func theValidatorRefusesWhatAConfigurationCouldNotSay(_ options: String, _ expected: String) throws {
        let issues = try Self.validatorIssues(options)
        #expect(issues.contains(expected), "\(options): \(issues)")
    }

    @Test(arguments: [
        ("", #""" is not option:value"#), ("w400", #""w400" is not option:value"#), ("w:", #""w:" is not option:value"#),
        ("width:400", "unknown option width; options are"), ("ww:400", "unknown option ww; did you mean w?"),
        ("w:1,w:2", "option w is given twice"), ("fit:cover", "give a size too"), ("q:80", "give a size (w, h, pct or t) or a format (f)"),
    ])
    func theGrammarRefusesInWords(_ options: String, _ expected: String) {
        do {
            _ = try AdHocOptions(options)
            Issue.record("\(options) was accepted")
        } catch {
            #expect(error.message.contains(expected), "\(options): \(error.message)")
        }
    }
}
