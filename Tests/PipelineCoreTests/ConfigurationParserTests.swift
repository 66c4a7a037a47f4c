import Foundation
import PipelineCore
import Testing

/// Parses `json`, expecting it to be valid.
func parse(_ json: String) throws -> PipelineConfig {
    try ConfigurationParser().parse(Data(json.utf8))
}

/// The issues `json` has, as `path: message` lines.
func issues(_ json: String) -> [String] {
    do {
        _ = try ConfigurationParser().parse(Data(json.utf8))
        return []
    } catch {
        return error.issues.map(\.description)
    }
}

@Suite struct ConfigurationParserTests {
    @Test func aMinimalDocumentGetsEveryDefault() throws {
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [{"width": 800}]}]}"#)
        #expect(config.id == nil)
        #expect(config.order == .auto)
        #expect(config.output.format == .original)
        #expect(config.output.metadata == .strip)
        #expect(config.output.colorProfile == .srgb)
        #expect(config.output.animation == .firstFrame)
        #expect(config.output.quality(for: .jpeg) == 82)
        #expect(config.output.background == .white)
        guard case .resize(let outputs) = config.features[0].kind else {
            Issue.record("expected a resize feature")
            return
        }
        #expect(outputs == [ResizeOutput(target: .box(width: 800, height: nil), fit: .inside, scaling: .downOnly, gravity: .center)])
        #expect(config.features[0].labels == ["800w"])
    }

    @Test func threeMistakesAreAllReportedWithTheirPaths() {
        let found = issues(#"""
            {"features": [
              {"type": "resize", "outputs": [{"width": 0}, {"percent": 50}, {"widht": 300}]},
              {"type": "compress", "outputs": [{"quality": 101}]}
            ]}
            """#)
        #expect(found == [
            "features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got 0",
            "features[0].outputs[2].widht: unknown key; did you mean \"width\"? expected one of: fit, gravity, height, name, percent, scaling, template, width",
            "features[0].outputs[2]: needs a size: \"width\" and/or \"height\" in pixels, \"percent\", or \"template\"",
            "features[1].outputs[0].quality: expected a whole number from 1 to 100, got 101",
        ])
    }

    @Test func unknownKeysAreErrorsAtEveryLevel() {
        let found = issues(#"{"colour": 1, "features": [{"type": "grayscale", "strength": 2}], "output": {"formt": "png"}}"#)
        #expect(found == [
            "features[0].strength: unknown key; expected one of: name, outputs, type",
            "output.formt: unknown key; did you mean \"format\"? expected one of: animation, background, colorProfile, format, imageDpi, metadata, page, pdf, quality, store",
            "colour: unknown key; expected one of: description, features, id, name, order, output, postbackFormat, postbackUrl",
        ])
    }

    @Test func anUnknownFeatureTypeListsTheKnownOnes() {
        #expect(issues(#"{"features": [{"type": "sepia"}]}"#) == [
            "features[0].type: expected one of \"resize\", \"compress\", \"convert\", \"crop\", \"grayscale\", \"rotate\", \"watermark\", \"blur\", \"sharpen\", \"slice\", \"grid\", got \"sepia\"",
        ])
    }

    @Test(arguments: [
        (#"{"width": 16385}"#, "features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got 16385"),
        (#"{"height": 0}"#, "features[0].outputs[0].height: expected a whole number from 1 to 16384 pixels, got 0"),
        (#"{"width": 10.5}"#, "features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got 10.5"),
        (#"{"width": "800"}"#, "features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got \"800\""),
        (#"{"percent": 0}"#, "features[0].outputs[0].percent: expected a number from 1 to 1000, got 0"),
        (#"{"percent": 1001}"#, "features[0].outputs[0].percent: expected a number from 1 to 1000, got 1001"),
        (#"{"percent": 50, "scaling": "both"}"#, "features[0].outputs[0].scaling: does not apply to a percent size, which always scales by its factor; remove it"),
        (#"{"width": 10, "percent": 50}"#, "features[0].outputs[0]: give one kind of size: \"width\"/\"height\", \"percent\" or \"template\", not several"),
        (#"{"template": "instagram-squar"}"#, "features[0].outputs[0].template: \"instagram-squar\" is not a known template; known ones include instagram-square, instagram-portrait, instagram-landscape, instagram-story"),
        (#"{"template": "myspace"}"#, "features[0].outputs[0].template: \"myspace\" is not a known template; run `pipeline templates` to list them"),
        (#"{"width": 10, "fit": "stretch"}"#, "features[0].outputs[0].fit: expected one of \"inside\", \"cover\", \"contain\", \"fill\", \"outside\", got \"stretch\""),
        (#"{"width": 10, "name": "../up"}"#, "features[0].outputs[0].name: \"../up\" cannot be a folder name; use 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'"),
    ])
    func resizeOutputLimits(output: String, expected: String) {
        #expect(issues(#"{"features": [{"type": "resize", "outputs": [\#(output)]}]}"#) == [expected])
    }

    @Test func featureAndOutputCountsAreLimitedTo20() {
        let outputs = (1...21).map { #"{"width": \#($0)}"# }.joined(separator: ",")
        #expect(issues(#"{"features": [{"type": "resize", "outputs": [\#(outputs)]}]}"#) == [
            "features[0].outputs: has 21 outputs; a feature makes 1 to 20",
        ])
        let features = (1...21).map { _ in #"{"type": "grayscale"}"# }.joined(separator: ",")
        #expect(issues(#"{"features": [\#(features)]}"#) == ["features: has 21 features; a configuration needs 1 to 20"])
        #expect(issues(#"{"features": []}"#) == ["features: has 0 features; a configuration needs 1 to 20"])
        #expect(issues(#"{"features": [{"type": "convert", "outputs": []}]}"#) == ["features[0].outputs: has 0 outputs; a feature makes 1 to 20"])
    }

    @Test func featuresAreRequired() {
        #expect(issues("{}") == [
            "features: is required: list 1 to 20 features, e.g. [{\"type\": \"resize\", \"outputs\": [{\"width\": 800}]}]",
        ])
    }

    @Test func tooManyOutputsPerSourceAreRejected() {
        let twenty = (1...20).map { #"{"width": \#($0)}"# }.joined(separator: ",")
        let qualities = (1...20).map { #"{"quality": \#($0)}"# }.joined(separator: ",")
        #expect(issues(#"{"features": [{"type": "resize", "outputs": [\#(twenty)]}, {"type": "compress", "outputs": [\#(qualities)]}, {"type": "convert", "outputs": [{"format": "png"}, {"format": "webp"}, {"format": "jpeg"}, {"format": "gif"}, {"format": "tiff"}, {"format": "avif"}]}]}"#) == [
            "features: make 2400 outputs per source (the product of the features' output counts); at most 2000 are allowed, so split this into several configurations",
        ])
    }

    @Test func outputLabelsMustBeDistinctWithinAFeature() {
        #expect(issues(#"{"features": [{"type": "resize", "outputs": [{"width": 800}, {"width": 800, "height": 600, "name": "800w"}]}]}"#) == [
            "features[0].outputs[1]: its folder label \"800w\" is already used by outputs[0]; give one of them a distinct \"name\"",
        ])
    }

    @Test func onlyOneCompressAndOneConvertFeature() {
        #expect(issues(#"{"features": [{"type": "convert", "outputs": [{"format": "png"}]}, {"type": "convert", "outputs": [{"format": "webp"}]}]}"#) == [
            "features[1].type: a second convert feature (the first is features[0]) would override it; put all its outputs in one convert feature",
        ])
    }

    @Test func compressOutputsTakeQualityOrLossless() throws {
        #expect(issues(#"{"features": [{"type": "compress", "outputs": [{"quality": 80, "lossless": true}, {}]}]}"#) == [
            "features[0].outputs[0]: give either \"quality\" or \"lossless\": true, not both",
            "features[0].outputs[1]: needs \"quality\" (1 to 100), \"lossless\": true, or \"maxBytes\"",
        ])
        let config = try parse(#"{"features": [{"type": "compress", "outputs": [{"quality": 80}, {"lossless": true}]}]}"#)
        #expect(config.features[0].labels == ["q80", "lossless"])
    }

    @Test func outputSettingsAreValidated() throws {
        #expect(issues(#"{"features": [{"type": "grayscale"}], "output": {"format": "bmp", "quality": "high", "metadata": "all", "background": "white", "animation": "all"}}"#) == [
            "output.format: expected one of \"original\", \"jpeg\", \"png\", \"webp\", \"avif\", \"gif\", \"tiff\", got \"bmp\"",
            "output.quality: expected a whole number from 1 to 100 or an object such as {\"jpeg\": 82, \"webp\": 80}, got \"high\"",
            "output.metadata: expected one of \"strip\", \"keep\", \"keepCopyright\", got \"all\"",
            "output.animation: expected one of \"keep\", \"firstFrame\", got \"all\"",
            "output.background: expected a colour as \"#rrggbb\", got \"white\"",
        ])
        let config = try parse(##"{"features": [{"type": "grayscale"}], "output": {"quality": 70, "background": "#102030"}}"##)
        #expect(config.output.quality(for: .webp) == 70)
        #expect(config.output.quality(for: .avif) == 70)
        #expect(config.output.background == RGBColor(red: 0x10, green: 0x20, blue: 0x30))
    }

    @Test func documentFieldsAreValidated() {
        #expect(issues(#"{"id": "My Config", "postbackUrl": "ftp://x", "features": [{"type": "grayscale"}]}"#) == [
            "id: \"My Config\" is not a valid configId; use 1 to 64 lower-case letters, digits and '-', starting with a letter or digit",
            "postbackUrl: \"ftp://x\" is not an http(s) URL; write it as https://host/path",
        ])
    }

    @Test func brokenJSONSaysWhere() {
        #expect(issues(#"{"features": ["#) == [
            "(document): is not valid JSON (Unexpected end of file during JSON parse.); check for a missing comma, quote or bracket",
        ])
        #expect(issues("[1, 2]") == ["(document): expected an object, got an array"])
    }

    @Test func templatesDefaultToCoverAttentionAndReachTheirSize() throws {
        let config = try parse(#"{"features": [{"type": "resize", "outputs": [{"template": "instagram-portrait"}, {"template": "x-header", "fit": "inside", "scaling": "downOnly"}]}]}"#)
        guard case .resize(let outputs) = config.features[0].kind else { Issue.record("not a resize"); return }
        #expect(outputs[0].fit == .cover)
        #expect(outputs[0].gravity == .attention)
        #expect(outputs[0].scaling == .both)
        #expect(outputs[1].fit == .inside)
        #expect(outputs[1].scaling == .downOnly)
        #expect(config.features[0].labels == ["instagram-portrait", "x-header"])
    }

    @Test func featureLevelFitRulesApplyToOutputsWithoutTheirOwn() throws {
        let config = try parse(#"{"features": [{"type": "resize", "fit": "cover", "gravity": "north", "outputs": [{"width": 10, "height": 10}, {"width": 20, "height": 20, "fit": "fill"}]}]}"#)
        guard case .resize(let outputs) = config.features[0].kind else { Issue.record("not a resize"); return }
        #expect(outputs.map(\.fit) == [.cover, .fill])
        #expect(outputs.map(\.gravity) == [.north, .north])
    }

    @Test func labelsFollowNamesThenDerivedForms() throws {
        let config = try parse(#"""
            {"features": [
              {"type": "resize", "outputs": [{"width": 800, "height": 600}, {"height": 300}, {"percent": 12.5}, {"name": "hero", "width": 1}]},
              {"type": "grayscale", "name": "bw"},
              {"type": "convert", "outputs": [{"format": "webp"}]}
            ]}
            """#)
        #expect(config.features.map(\.labels) == [["800x600", "300h", "12.5pct", "hero"], ["bw"], ["webp"]])
    }

    @Test func theNormalisedDocumentParsesBackToTheSameConfiguration() throws {
        let original = try parse(#"{"id": "x", "features": [{"type": "resize", "fit": "cover", "outputs": [{"template": "x-post"}, {"width": 5, "name": "tiny"}, {"percent": 12.5}]}, {"type": "compress", "outputs": [{"lossless": true}]}], "output": {"quality": {"jpeg": 90}}}"#)
        let encoded = try JSONEncoder().encode(original)
        let reparsed = try ConfigurationParser().parse(encoded)
        #expect(reparsed == original)
    }

    @Test func jsonDecoderValidatesThroughTheParser() throws {
        let config = try JSONDecoder().decode(PipelineConfig.self, from: Data(#"{"features": [{"type": "grayscale"}]}"#.utf8))
        #expect(config.features.map(\.type) == [.grayscale])
        #expect(throws: ConfigurationError(issues: [ValidationIssue(path: "features", message: "has 0 features; a configuration needs 1 to 20")])) {
            try JSONDecoder().decode(PipelineConfig.self, from: Data(#"{"features": []}"#.utf8))
        }
    }
}
