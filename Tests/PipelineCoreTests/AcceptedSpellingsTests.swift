import Foundation
import PipelineCore
import Testing

/// The seeds' spellings (SPEC §11) are read as the language's own values, so a document written
/// for NHN (`"gravity": "NorthWest"`) or with a file extension for a format (`jpg`) means the
/// same as the canonical one, and the stored (normalised) document says it one way.
@Suite struct AcceptedSpellingsTests {
    /// A crop with `gravity`, a resize with `fit`, a convert with `format`, written as `spelled`.
    static func document(gravity: String = "center", fit: String = "cover", format: String = "webp", quality: String = "80") -> String {
        #"""
        {"features": [
          {"type": "resize", "outputs": [{"width": 300, "height": 200, "fit": "\#(fit)", "gravity": "\#(gravity)"}]},
          {"type": "crop", "outputs": [{"width": 100, "height": 100, "gravity": "\#(gravity)"}]},
          {"type": "watermark", "outputs": [{"text": "x", "gravity": "\#(gravity)"}]},
          {"type": "convert", "outputs": [{"format": "\#(format)"}]},
          {"type": "compress", "outputs": [{"quality": \#(quality)}]}],
         "output": {"format": "\#(format)", "quality": {"webp": \#(quality)}}}
        """#
    }

    static let nhnGravities = ["NorthWest": "northwest", "North": "north", "NorthEast": "northeast", "West": "west", "Center": "center",
                               "East": "east", "SouthWest": "southwest", "South": "south", "SouthEast": "southeast"]

    @Test(arguments: nhnGravities.sorted { $0.key < $1.key })
    func nhnsGravityNamesAreTheSameGravities(_ pair: (key: String, value: String)) throws {
        let spelled = try parse(Self.document(gravity: pair.key))
        let canonical = try parse(Self.document(gravity: pair.value))
        #expect(spelled == canonical)
        #expect(pair.key != pair.value) // the case differs, so the test reads something new
    }

    @Test(arguments: Fit.allCases)
    func fitIsReadInAnyCase(_ fit: Fit) throws {
        let canonical = try parse(Self.document(fit: fit.rawValue))
        for spelled in [fit.rawValue.uppercased(), fit.rawValue.prefix(1).uppercased() + fit.rawValue.dropFirst()] {
            #expect(try parse(Self.document(fit: spelled)) == canonical, "\(spelled)")
        }
    }

    @Test(arguments: [("jpg", "jpeg"), ("JPG", "jpeg"), ("jpe", "jpeg"), ("Jpeg", "jpeg"), ("tif", "tiff"), ("TIF", "tiff"), ("WebP", "webp")])
    func formatsAreReadByTheirExtensionsToo(_ spelled: String, _ value: String) throws {
        let config = try parse(Self.document(format: spelled))
        #expect(config == (try parse(Self.document(format: value))))
        #expect(config.output.format.rawValue == value)
        let stored = String(decoding: try JSONEncoder().encode(config), as: UTF8.self)
        #expect(!stored.contains("\"\(spelled)\"") || spelled == value, "\(stored)")
    }

    @Test func aValueNoSpellingMeansIsStillRefusedWithTheChoices() {
        #expect(issues(Self.document(gravity: "NorthNorthWest")).contains { $0.contains("gravity") && $0.contains("\"northwest\"") })
        #expect(issues(Self.document(format: "jpeg2000")).contains { $0.contains("format") && $0.contains("\"jpeg\"") })
    }

    @Test(arguments: [("80.5", 81), ("80.4", 80), ("99.5", 100), ("0.5", 1)])
    func aFractionalQualityIsRoundedAndSaidInAWarning(_ text: String, _ whole: Int) throws {
        var notes: [ValidationIssue] = []
        let config = try ConfigurationParser().parse(Data(Self.document(quality: text).utf8), notes: &notes)
        #expect(config.output.quality(for: .webp) == whole)
        guard case .compress(let outputs) = config.features[4].kind else { Issue.record("not a compress"); return }
        #expect(outputs[0].setting == .quality(whole))
        #expect(notes.map(\.path).sorted() == ["features[4].outputs[0].quality", "output.quality.webp"], "\(notes)")
        #expect(notes.allSatisfy { $0.message.contains("rounded to \(whole)") }, "\(notes)")
    }

    @Test func aQualityRoundedOutOfRangeIsRefusedNotRounded() {
        #expect(issues(Self.document(quality: "100.5")).count == 2)
        #expect(issues(Self.document(quality: "0.4")).count == 2)
        var notes: [ValidationIssue] = []
        _ = try? ConfigurationParser().parse(Data(Self.document(quality: "80").utf8), notes: &notes)
        #expect(notes.isEmpty)
    }
}
