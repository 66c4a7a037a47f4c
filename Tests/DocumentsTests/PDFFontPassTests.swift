import Documents
import Foundation
import Testing

/// The lossy pass's fonts (SPEC §12): an embedded Type 1 font program is rewritten as CFF
/// (/FontFile3 /Subtype /Type1C) holding the same glyphs. Checked on every glyph of the 35 URW
/// base fonts (Debian's fonts-urw-base35: flex, hint replacement, accented glyphs, symbol and
/// dingbat encodings), each drawn by name and through the font's own encoding: the pages are
/// pixel-identical in poppler before and after, and so is the text; the lossless rewrite leaves
/// the fonts alone; a font program the converter does not understand is kept as it was.
@Suite(.serialized) struct PDFFontPassTests {
    static let fontFolder = "/usr/share/fonts/X11/Type1"
    static let settings = PDFStructure.ImageSettings(dpi: 150, quality: 75, maxPixels: 100_000_000)

    static func fonts() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: fontFolder).filter { $0.hasSuffix(".pfb") }.sorted()
        return names.map { "\(fontFolder)/\($0)" }
    }

    /// The font types `pdffonts` reports, one per font resource.
    private func fontTypes(_ path: String) async throws -> [String] {
        let lines = try await Tool.run("/usr/bin/pdffonts", [path]).text.split(separator: "\n").dropFirst(2)
        // name, then the type (one or two words) before the encoding column
        return lines.map { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            return fields[1] == "Type" ? "\(fields[1]) \(fields[2])" : String(fields[1])
        }
    }

    @Test func everyGlyphOfEveryURWFontIsDrawnTheSameAfterItsProgramBecomesCFF() async throws {
        let fonts = try Self.fonts()
        #expect(fonts.count == 35, "fonts-urw-base35 is installed by scripts/install-deps --tests")
        let work = try Scratch.folder("pdf-fonts")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = "\(work)/urw.pdf", lossy = "\(work)/lossy.pdf", lossless = "\(work)/lossless.pdf"
        _ = try await Tool.run("/usr/bin/python3", [HostilePDFTests.maker, "type1", source] + fonts)

        let info = try PDFStructure.rewrite(source, to: lossy, stripMetadata: false, maxPages: 2000, images: Self.settings)
        #expect(info.fontsConverted == fonts.count, "\(info)")
        #expect(info.fontBytesAfter < info.fontBytesBefore, "\(info)")
        let losslessInfo = try PDFStructure.rewrite(source, to: lossless, stripMetadata: false, maxPages: 2000)
        #expect(losslessInfo.fontsConverted == 0)

        let typesBefore = try await fontTypes(source), typesAfter = try await fontTypes(lossy)
        #expect(Set(typesBefore) == ["Type 1"] && Set(typesAfter) == ["Type 1C"], "\(Set(typesAfter))")
        #expect(typesAfter.count == typesBefore.count)
        let typesLossless = try await fontTypes(lossless)
        #expect(typesLossless == typesBefore)

        let size = { (path: String) in try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 }
        let lossySize = try size(lossy), losslessSize = try size(lossless)
        #expect(lossySize < losslessSize * 2 / 3, "\(lossySize) against \(losslessSize)")

        let factsBefore = try await PDFFacts.read(source), factsAfter = try await PDFFacts.read(lossy)
        #expect(factsAfter == factsBefore)
        let before = try await PDFFacts.pixels(source, dpi: 100), after = try await PDFFacts.pixels(lossy, dpi: 100)
        #expect(before.count == fonts.count && after.count == fonts.count)
        for (page, (a, b)) in zip(before, after).enumerated() {
            let same = a == b // (a Bool: comparing the bytes inside #expect would diff megabytes on failure)
            #expect(same, "page \(page + 1) (\(fonts[page])) is drawn differently")
        }
    }

    /// Damaged font programs: each charstring's bytes changed at random (then encrypted again,
    /// so the damage reaches the interpreter rather than the cipher), the eexec part cut short,
    /// the clear text's /Length1 wrong, the encrypted part random bytes. Each rewrite ends with a
    /// PDF whose pages poppler draws exactly as before: a font is converted only when all of it
    /// was understood (here, at most the one with the wrong /Length1, which readers find anyway),
    /// and kept as it was otherwise.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8]) func damagedFontProgramsAreKeptOrConvertedNeverACrash(_ seed: Int) async throws {
        let work = try Scratch.folder("pdf-fonts")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = "\(work)/damaged.pdf", out = "\(work)/out.pdf"
        let font = "\(Self.fontFolder)/StandardSymbolsPS.pfb"
        _ = try await Tool.run("/usr/bin/python3", [HostilePDFTests.maker, "type1-damaged", source, String(seed), font])
        let info = try PDFStructure.rewrite(source, to: out, stripMetadata: false, maxPages: 2000, images: Self.settings)
        #expect(info.pages == 6)
        #expect(info.fontsConverted <= 1, "\(info)")
        let factsBefore = try await PDFFacts.read(source), factsAfter = try await PDFFacts.read(out)
        #expect(factsAfter == factsBefore)
        let before = try await PDFFacts.pixels(source, dpi: 100), after = try await PDFFacts.pixels(out, dpi: 100)
        #expect(before.count == 6 && after.count == 6)
        for (page, (a, b)) in zip(before, after).enumerated() {
            let same = a == b
            #expect(same, "page \(page + 1) is drawn differently")
        }
    }
}
