import Documents
import Imaging
import Foundation
import Testing

/// The lossless rewrite (SPEC §12) on a PDF made for this project (`scripts/make-sample-pdf`:
/// three pages with photos, captions, links, bookmarks, a form field, a bar chart, a logo
/// embedded once per page, uncompressed content streams), checked with qpdf's JSON and poppler as a user would.
@Suite struct PDFStructureTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/sample.pdf").path

    private func size(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? -1
    }

    @Test func theLosslessRewriteIsSmallerAndKeepsEveryPagePixelLinkBookmarkAndField() async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let out = "\(work)/out.pdf"
        let info = try PDFStructure.rewrite(Self.sample, to: out, stripMetadata: false, maxPages: 2000)
        #expect(info.pages == 3)
        #expect(info.images == 7)
        #expect(info.duplicatesShared == 2, "the logo is embedded once per page")
        #expect(!info.encrypted && !info.signed && !info.repaired)
        #expect(try size(out) < size(Self.sample))
        #expect(try await Tool.run("/usr/bin/qpdf", ["--check", out]).status == 0)
        let before = try await PDFFacts.read(Self.sample), after = try await PDFFacts.read(out)
        #expect(before.pages == 3 && before.links == 3 && before.annotations == 4 && before.outlines == 3 && before.formFields == 1)
        #expect(after == before)
        let pixelsBefore = try await PDFFacts.pixels(Self.sample), pixelsAfter = try await PDFFacts.pixels(out)
        #expect(pixelsBefore.count == 3)
        let samePixels = pixelsAfter == pixelsBefore // a Bool: on failure #expect would diff megabytes of pixels
        #expect(samePixels)
        #expect(try PDFStructure.inspect(out, maxPages: 2000).images == 5, "the shared copies are gone")
    }

    /// The same source and settings give the same bytes, lossless and lossy, as image outputs
    /// do (the CLI's and the server's results are compared byte for byte); the trailer's /ID is
    /// made from the content, not the clock.
    @Test(arguments: [false, true]) func theSameSourceGivesTheSameBytes(_ lossy: Bool) throws {
        let work = try Scratch.folder("pdf-same")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let images = lossy ? PDFStructure.ImageSettings(dpi: 150, quality: 75, maxPixels: 100_000_000) : nil
        _ = try PDFStructure.rewrite(Self.sample, to: "\(work)/a.pdf", stripMetadata: true, maxPages: 2000, images: images)
        _ = try PDFStructure.rewrite(Self.sample, to: "\(work)/b.pdf", stripMetadata: true, maxPages: 2000, images: images)
        let first = try Data(contentsOf: URL(fileURLWithPath: "\(work)/a.pdf")), second = try Data(contentsOf: URL(fileURLWithPath: "\(work)/b.pdf"))
        #expect(first.count > 0 && first == second, "\(first.count) and \(second.count) bytes")
    }

    @Test(arguments: [false, true]) func metadataIsKeptOrStrippedAsAsked(_ strip: Bool) async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = try PDFStructure.rewrite(Self.sample, to: "\(work)/out.pdf", stripMetadata: strip, maxPages: 2000)
        let info = try await Tool.run("/usr/bin/pdfinfo", ["\(work)/out.pdf"]).text
        #expect(info.contains("ImagePipeline sample") == !strip, "\(info)")
        #expect(info.contains("Metadata Stream: yes") == !strip, "\(info)")
    }

    @Test func aPasswordProtectedPDFIsRefusedAndOneOpenWithoutAPasswordStaysEncrypted() async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        _ = try await Tool.run("/usr/bin/qpdf", ["--encrypt", "secret", "owner", "256", "--", Self.sample, "\(work)/locked.pdf"])
        #expect {
            try PDFStructure.rewrite("\(work)/locked.pdf", to: "\(work)/out.pdf", stripMetadata: false, maxPages: 2000)
        } throws: { error in
            (error as? ImagingError)?.code == .pdfEncrypted && "\(error)".contains("locked.pdf")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(work)/out.pdf"))
        _ = try await Tool.run("/usr/bin/qpdf", ["--encrypt", "", "owner", "256", "--print=none", "--", Self.sample, "\(work)/restricted.pdf"])
        let info = try PDFStructure.rewrite("\(work)/restricted.pdf", to: "\(work)/out.pdf", stripMetadata: false, maxPages: 2000)
        #expect(info.encrypted)
        let encryption = try await Tool.run("/usr/bin/qpdf", ["--show-encryption", "\(work)/out.pdf"]).text
        #expect(encryption.contains("R = 6") && encryption.contains("print low resolution: not allowed"), "\(encryption)")
        #expect(try await PDFFacts.read("\(work)/out.pdf").text == PDFFacts.read(Self.sample).text)
    }

    @Test func aDocumentOverThePageLimitIsRefusedNamingTheCountAndTheSetting() throws {
        #expect {
            try PDFStructure.inspect(Self.sample, maxPages: 2)
        } throws: { error in
            (error as? ImagingError)?.code == .pdfTooManyPages && "\(error)".contains("3 pages") && "\(error)".contains("--max-pdf-pages")
        }
    }

    @Test func aDamagedCrossReferenceIsRepairedAndNotAPDFIsCorrupt() throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: Self.sample))
        let xref = try #require(bytes.range(of: Data("xref\n".utf8), options: .backwards))
        bytes.replaceSubrange(xref.lowerBound..<bytes.endIndex, with: Data("%%EOF\n".utf8))
        try bytes.write(to: URL(fileURLWithPath: "\(work)/damaged.pdf"))
        let info = try PDFStructure.rewrite("\(work)/damaged.pdf", to: "\(work)/out.pdf", stripMetadata: false, maxPages: 2000)
        #expect(info.repaired && info.pages == 3)
        // A document without a page (or whose pages did not survive the repair) would be
        // written as an empty PDF: it is refused instead.
        let empty = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        try Data(empty.utf8).write(to: URL(fileURLWithPath: "\(work)/empty.pdf"))
        #expect {
            try PDFStructure.rewrite("\(work)/empty.pdf", to: "\(work)/empty-out.pdf", stripMetadata: false, maxPages: 2000)
        } throws: { error in
            (error as? ImagingError)?.code == .corruptDocument && "\(error)".contains("no page")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(work)/empty-out.pdf"))
        try Data("%PDF-1.7\nthis is not a document".utf8).write(to: URL(fileURLWithPath: "\(work)/junk.pdf"))
        #expect {
            try PDFStructure.inspect("\(work)/junk.pdf", maxPages: 2000)
        } throws: { error in
            (error as? ImagingError)?.code == .corruptDocument && "\(error)".contains("junk.pdf")
        }
    }

    @Test func aSignedDocumentIsRecognised() throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let text = try #require(String(data: Data(contentsOf: URL(fileURLWithPath: Self.sample)), encoding: .isoLatin1))
        let signed = text.replacingOccurrences(of: "/FT /Tx /T (reviewer) /V (ImagePipeline)",
                                               with: "/FT /Sig /T (reviewer) /V << /Type /Sig /Filter /Adobe.PPKLite >>")
        #expect(signed != text)
        try #require(signed.data(using: .isoLatin1)).write(to: URL(fileURLWithPath: "\(work)/signed.pdf"))
        #expect(try PDFStructure.inspect("\(work)/signed.pdf", maxPages: 2000).signed)
        #expect(try !PDFStructure.inspect(Self.sample, maxPages: 2000).signed)
    }
}
