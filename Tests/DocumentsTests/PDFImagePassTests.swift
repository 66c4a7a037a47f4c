import Documents
import Foundation
import Imaging
import Testing

/// The lossy pass (SPEC §12) on PDFs made by `scripts/make-sample-pdf` from the sample photos:
/// photos stored larger than shown are downsampled to 150 dpi at their shown size and stay JPEG;
/// the bar chart (line art, flate), whose edges the smaller size would blur (about 30 dB enlarged
/// back, under the pass's 35), keeps its resolution and stays flate, as do scanned pages of text;
/// images already small enough are only re-encoded when that makes them smaller, and nothing but
/// the images changes.
@Suite(.serialized) struct PDFImagePassTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// One row of `pdfimages -list`: an image as drawn on a page.
    struct DrawnImage: Equatable {
        var page: Int, width: Int, height: Int
        var encoding: String
        var ppi: (x: Int, y: Int)
        var size: String

        static func == (a: DrawnImage, b: DrawnImage) -> Bool {
            a.page == b.page && a.width == b.width && a.height == b.height && a.encoding == b.encoding && a.size == b.size
        }
    }

    private func images(_ path: String) async throws -> [DrawnImage] {
        let list = try await Tool.run("/usr/bin/pdfimages", ["-list", path]).text
        return list.split(separator: "\n").dropFirst(2).map { line in
            let f = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            return DrawnImage(page: Int(f[0])!, width: Int(f[3])!, height: Int(f[4])!, encoding: f[8], ppi: (Int(f[12])!, Int(f[13])!), size: f[14])
        }
    }

    /// Each page of `after` against the same page of `before`, both drawn by poppler at 100 dpi.
    private func pagePSNRs(_ before: String, _ after: String) async throws -> [Double] {
        let pagesBefore = try await PDFFacts.pixels(before, dpi: 100), pagesAfter = try await PDFFacts.pixels(after, dpi: 100)
        #expect(pagesBefore.count == pagesAfter.count)
        return try zip(pagesBefore, pagesAfter).map { a, b in
            let imageBefore = try #require(PPMImage(a)), imageAfter = try #require(PPMImage(b))
            return try #require(imageBefore.psnr(imageAfter))
        }
    }

    @Test func photosAreDownsampledToTheirShownSizeTheChartKeepsItsEdgesAndNothingElseChanges() async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = "\(work)/big.pdf", lossy = "\(work)/lossy.pdf", lossless = "\(work)/lossless.pdf"
        _ = try await Tool.run("/usr/bin/python3", ["\(Self.repository)/scripts/make-sample-pdf", source, "1600"])
        let settings = PDFStructure.ImageSettings(dpi: 150, quality: 75, maxPixels: 100_000_000)
        let info = try PDFStructure.rewrite(source, to: lossy, stripMetadata: false, maxPages: 2000, images: settings)
        _ = try PDFStructure.rewrite(source, to: lossless, stripMetadata: false, maxPages: 2000)
        // Three photos made smaller in pixels, the chart kept sharp; the logos (100 px shown at
        // 48 pt need 100 px at 150 dpi) only re-encoded, once, after which the copies are shared.
        #expect(info.imagesDownsampled == 3 && info.imagesKeptSharp == 1, "\(info)")
        #expect(info.imageBytesAfter < info.imageBytesBefore)
        let lossySize = try FileManager.default.attributesOfItem(atPath: lossy)[.size] as? Int ?? 0
        let losslessSize = try FileManager.default.attributesOfItem(atPath: lossless)[.size] as? Int ?? 0
        #expect(lossySize < losslessSize / 2, "\(lossySize) vs \(losslessSize)")
        let before = try await images(source), after = try await images(lossy)
        #expect(before.count == after.count)
        // Photos now at 150 dpi as shown (both sides at least that; a pixel of rounding above)
        // and still JPEG; the chart (line art) at its own size, still flate.
        let photos = after.filter { $0.width > 200 && $0.encoding == "jpeg" }, charts = after.filter { $0.encoding == "image" }
        #expect(photos.count == 3 && charts.count == 1, "\(after)")
        for image in photos {
            #expect((150...152).contains(image.ppi.x) && (150...152).contains(image.ppi.y), "\(image)")
        }
        #expect(charts.map { [$0.width, $0.height] } == before.filter { $0.encoding == "image" }.map { [$0.width, $0.height] })
        // Everything a reader sees apart from the images' resolution is the same.
        let factsBefore = try await PDFFacts.read(source), factsAfter = try await PDFFacts.read(lossy)
        #expect(factsAfter == factsBefore)
        let psnrs = try await pagePSNRs(source, lossy)
        #expect(psnrs.count == 3 && psnrs.allSatisfy { $0 >= 35 }, "\(psnrs) dB")
    }

    /// As PDF Annotator writes them: a photograph with a soft mask and a colour-key /Mask (which
    /// readers ignore when a soft mask is given, so it goes and the photo becomes a JPEG), and the
    /// editor's private data in /PieceInfo (dropped with the metadata, kept when it is kept).
    @Test(arguments: [true, false]) func aSoftMaskedPhotoWithAColourKeyIsReencodedAndPrivateDataGoesWithMetadata(_ strip: Bool) async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = "\(work)/annotated.pdf", out = "\(work)/out.pdf"
        _ = try await Tool.run("/usr/bin/python3", [HostilePDFTests.maker, "annotator", source])
        let info = try PDFStructure.rewrite(source, to: out, stripMetadata: strip, maxPages: 2000,
                                            images: PDFStructure.ImageSettings(dpi: 150, quality: 75, maxPixels: 100_000_000))
        #expect(info.imagesRecompressed == 1, "\(info)")
        let after = try await images(out)
        #expect(after.map(\.encoding) == ["jpeg", "image"], "the photo a JPEG, its soft mask kept: \(after)")
        let json = try await Tool.run("/usr/bin/qpdf", ["--json", out]).text
        #expect(!json.contains("\"/Mask\""), "the ignored colour key is gone")
        #expect(json.contains("/PieceInfo") == !strip, "private data \(strip ? "dropped" : "kept")")
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: source)[.size] as? Int ?? 0
        let sizeAfter = try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int ?? 0
        #expect(sizeAfter < sizeBefore / 4, "\(sizeAfter) from \(sizeBefore)")
        let pagesBefore = try await PDFFacts.pixels(source, dpi: 100), pagesAfter = try await PDFFacts.pixels(out, dpi: 100)
        let imageBefore = try #require(pagesBefore.first.flatMap(PPMImage.init)), imageAfter = try #require(pagesAfter.first.flatMap(PPMImage.init))
        let psnr = try #require(imageBefore.psnr(imageAfter))
        #expect(psnr >= 35, "\(psnr) dB")
    }

    @Test func anImageThatWouldNotGetSmallerIsLeftAsItWas() async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        // The fixture's photos (400 px, quality 92) are shown at 495 pt: no downsampling, and
        // at quality 100 a JPEG of the two photographs (pages 2 and 3) is larger, so they stay
        // byte for byte. (Page 1's, mostly white, does get smaller: Huffman optimisation.)
        let info = try PDFStructure.rewrite(PDFStructureTests.sample, to: "\(work)/out.pdf", stripMetadata: false, maxPages: 2000,
                                            images: PDFStructure.ImageSettings(dpi: 150, quality: 100, maxPixels: 100_000_000))
        #expect(info.imagesDownsampled == 0 && info.imagesKeptSharp == 1, "the chart, kept sharp: \(info)")
        let before = try await images(PDFStructureTests.sample), after = try await images("\(work)/out.pdf")
        let photosBefore = before.filter { $0.width == 400 && $0.page > 1 }, photosAfter = after.filter { $0.width == 400 && $0.page > 1 }
        #expect(photosBefore.count == 2 && photosAfter == photosBefore, "\(photosAfter)")
        #expect(info.imageBytesAfter < info.imageBytesBefore)
    }

    /// Pages of text scanned at 300 dpi (Benchmarks/make-scanned-pdf: each page one grey JPEG),
    /// shown at their page size: 150 dpi would halve them and blur every glyph edge (enlarged
    /// back, the halved page is about 21 dB from the scan), so they keep their resolution and are
    /// only re-encoded; each page stays within 35 dB of the source at 100 dpi. The brochure's
    /// photos are still downsampled (the first test).
    @Test func scannedPagesOfTextKeepTheirResolutionAndAreOnlyReencoded() async throws {
        let work = try Scratch.folder("pdf")
        defer { try? FileManager.default.removeItem(atPath: work) }
        let text = "\(work)/text.pdf", scanned = "\(work)/scanned.pdf", out = "\(work)/out.pdf"
        _ = try await Tool.run("/usr/bin/python3", [HostilePDFTests.maker, "type1", text] +
                               ["NimbusSans-Regular", "NimbusRoman-Italic"].map { "\(PDFFontPassTests.fontFolder)/\($0).pfb" })
        _ = try await Tool.run("/usr/bin/python3", ["\(Self.repository)/Benchmarks/make-scanned-pdf", text, scanned, "300", "gray"])
        let info = try PDFStructure.rewrite(scanned, to: out, stripMetadata: true, maxPages: 2000,
                                            images: PDFStructure.ImageSettings(dpi: 150, quality: 75, maxPixels: 100_000_000))
        #expect(info.imagesKeptSharp == 2 && info.imagesDownsampled == 0 && info.imagesRecompressed == 2, "\(info)")
        let sizeBefore = try FileManager.default.attributesOfItem(atPath: scanned)[.size] as? Int ?? 0
        let sizeAfter = try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int ?? 0
        #expect(sizeAfter < sizeBefore * 9 / 10, "\(sizeAfter) against \(sizeBefore)")
        let after = try await images(out)
        #expect(after.count == 2 && after.allSatisfy { $0.width == 2550 && $0.height == 3300 && $0.encoding == "jpeg" }, "\(after)")
        let psnrs = try await pagePSNRs(scanned, out)
        #expect(psnrs.count == 2 && psnrs.allSatisfy { $0 >= 35 }, "\(psnrs) dB")
    }
}
