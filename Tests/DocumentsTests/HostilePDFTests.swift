import Documents
import Foundation
import Imaging
import Testing

/// PDFs made to hurt (Fixtures/make-test-pdf.py): each gives a result or its code, quickly.
@Suite(.serialized) struct HostilePDFTests {
    static let maker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/make-test-pdf.py").path

    private func make(_ kind: String) async throws -> (String, String) {
        let folder = try Scratch.folder("hostile-pdf")
        let made = try await Tool.run("/usr/bin/python3", [Self.maker, kind, "\(folder)/\(kind).pdf"])
        try #require(made.status == 0)
        return (folder, "\(folder)/\(kind).pdf")
    }

    /// An image that says 100 × 100 RGB (30 KB) but whose stream inflates to 300 MB: the lossy
    /// pass stops decoding it past its size and leaves it; the rewrite still streams it.
    @Test func aStreamBombIsLeftAloneByTheLossyPass() async throws {
        let (folder, bomb) = try await make("bomb")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let info = try PDFStructure.rewrite(bomb, to: "\(folder)/out.pdf", stripMetadata: false, maxPages: 2000,
                                            images: PDFStructure.ImageSettings(dpi: 150, quality: 75, maxPixels: 100_000_000))
        #expect(info.pages == 1 && info.imagesRecompressed == 0, "\(info)")
        #expect(try await Tool.run("/usr/bin/qpdf", ["--check", "\(folder)/out.pdf"]).status == 0)
    }

    @Test func aPageTreeThatContainsItselfIsCorrupt() async throws {
        let (folder, loop) = try await make("loop")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try PDFStructure.inspect(loop, maxPages: 2000)
        } throws: { error in
            (error as? ImagingError)?.code == .corruptDocument && "\(error)".contains("Loop detected")
        }
    }

    @Test func aHundredThousandPagesAreRefusedByThePageLimit() async throws {
        let (folder, pages) = try await make("pages")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try PDFStructure.rewrite(pages, to: "\(folder)/out.pdf", stripMetadata: false, maxPages: 2000)
        } throws: { error in
            (error as? ImagingError)?.code == .pdfTooManyPages && "\(error)".contains("100000 pages")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out.pdf"))
    }
}
