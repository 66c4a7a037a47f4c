import Foundation
import Imaging
import PipelineCore
import Testing

@Suite struct SourceRendererTests {
    @Test(arguments: ["\(samples)/fallenleaf_2560x1600.jpg", "\(fixtures)/small.jpg", "\(samples)/arc-colors-transparent_2140x1200.png"])
    func everyFitModeAndScalingRuleGivesTheComputedSize(path: String) throws {
        let rendered = try render(#"""
            {"features": [{"type": "resize", "outputs": [
              {"width": 300, "height": 300, "fit": "inside"},
              {"name": "outside", "width": 300, "height": 300, "fit": "outside"},
              {"width": 300, "height": 200, "fit": "cover", "gravity": "northwest"},
              {"name": "cover-attention", "width": 250, "height": 400, "fit": "cover", "gravity": "attention"},
              {"name": "cover-entropy", "width": 400, "height": 120, "fit": "cover", "gravity": "entropy"},
              {"name": "contain", "width": 300, "height": 300, "fit": "contain"},
              {"width": 123, "height": 457, "fit": "fill"},
              {"width": 5000, "scaling": "downOnly"},
              {"name": "up", "width": 3000, "scaling": "upOnly"},
              {"width": 999},
              {"height": 77},
              {"percent": 33.3},
              {"template": "x-header"}
            ]}], "output": {"format": "png"}}
            """#, path)
        #expect(rendered.count >= 10)
        for output in rendered {
            let expected = try #require(output.leaf.size)
            #expect(output.probe.size == expected, "\(output.leaf.labels)")
            #expect(output.image.size == expected, "\(output.leaf.labels)")
        }
    }

    @Test func aTwentySizeJobHasExactWidthsFromOneDecode() throws {
        let sizes = (1...20).map { #"{"width": \#($0 * 100)}"# }.joined(separator: ",")
        let path = "\(samples)/kleiber_6028x3391.jpg"
        let rendered = try render(#"{"features": [{"type": "resize", "outputs": [\#(sizes)]}], "output": {"format": "jpeg"}}"#, path)
        #expect(rendered.map(\.probe.size.width) == (1...20).map { $0 * 100 })
        #expect(rendered.map(\.probe.size.height) == (1...20).map { Int((Double($0 * 100) * 3391 / 6028).rounded()) })
    }

    @Test(arguments: ["Landscape", "Portrait"])
    func everyEXIFOrientationComesOutUpright(kind: String) throws {
        let config = #"{"features": [{"type": "resize", "outputs": [{"width": 120}]}], "output": {"format": "png"}}"#
        let reference = try render(config, "\(fixtures)/exif-orientation/\(kind)_1.jpg")[0].probe
        for orientation in 0...8 {
            let output = try render(config, "\(fixtures)/exif-orientation/\(kind)_\(orientation).jpg")[0].probe
            #expect(output.size == reference.size, "\(kind)_\(orientation)")
            if kind == "Landscape" { #expect(output.size.width > output.size.height) } else { #expect(output.size.width < output.size.height) }
            // The same picture the same way up: pixels nearly equal (JPEG noise aside).
            #expect(try output.meanDifference(to: reference) < 6, "\(kind)_\(orientation)")
        }
    }

    @Test func cmykInputBecomesSRGB() throws {
        let config = #"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "png"}}"#
        let fromCMYK = try render(config, "\(fixtures)/cmyk-noprofile.jpg")[0].probe
        let fromRGB = try render(config, "\(fixtures)/small.jpg")[0].probe
        #expect(fromCMYK.bands == 3)
        #expect(!fromCMYK.hasICCProfile)
        #expect(try fromCMYK.meanDifference(to: fromRGB) < 12)
    }

    @Test func iccTaggedInputIsConvertedOrKeptAsConfigured() throws {
        let path = "\(fixtures)/p3-tagged.jpg"
        let converted = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "jpeg"}}"#, path)[0].probe
        #expect(!converted.hasICCProfile)
        let kept = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "jpeg", "colorProfile": "keep"}}"#, path)[0].probe
        #expect(kept.hasICCProfile)
        // libvips writes a technical EXIF block when it may not strip (the profile must stay),
        // but nothing from the camera survives.
        #expect(kept.string("exif-ifd0-Model") == nil)
        #expect(kept.string("exif-ifd2-LensModel") == nil)
        #expect(try ImageProbe(path: path).string("exif-ifd0-Model") != nil)
    }

    @Test func alphaIsKeptWhereTheFormatHasItAndFlattenedOtherwise() throws {
        let path = "\(fixtures)/alpha.png"
        let rendered = try render(##"{"features": [{"type": "convert", "outputs": [{"format": "png"}, {"format": "jpeg"}, {"format": "webp"}]}], "output": {"background": "#000080"}}"##, path)
        let png = rendered[0].probe, jpeg = rendered[1].probe, webp = rendered[2].probe
        #expect(png.hasAlpha && png.bands == 4)
        #expect(try png.pixel(x: 0, y: 0)[3] == 0)
        #expect(webp.hasAlpha)
        #expect(!jpeg.hasAlpha && jpeg.bands == 3)
        let corner = try jpeg.pixel(x: 0, y: 0)
        #expect(corner[0] < 10 && corner[1] < 10 && abs(corner[2] - 128) < 10, "transparent corner flattened onto #000080, got \(corner)")
        #expect(png.size == PixelSize(width: 320, height: 179))
    }

    @Test func containPadsTransparentlyWithAlphaAndWithTheBackgroundWithout() throws {
        let config = #"{"features": [{"type": "resize", "outputs": [{"width": 200, "height": 200, "fit": "contain"}]}], "output": {"format": "png"}}"#
        let opaque = try render(config, "\(fixtures)/small.jpg")[0].probe
        #expect(try opaque.pixel(x: 100, y: 0) == [255, 255, 255])
        let transparent = try render(config, "\(fixtures)/alpha.png")[0].probe
        #expect(try transparent.pixel(x: 100, y: 0)[3] == 0)
    }

    @Test func grayscaleGivesOneBand() throws {
        let rendered = try render(#"{"features": [{"type": "grayscale"}], "output": {"format": "jpeg"}}"#, "\(fixtures)/small.jpg")
        #expect(rendered[0].probe.bands == 1)
        #expect(rendered[0].probe.size == PixelSize(width: 320, height: 200))
    }

    @Test func everyFormatIsWrittenAndReadsBackAtItsSize() throws {
        let rendered = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 100}]}, {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "png"}, {"format": "webp"}, {"format": "avif"}, {"format": "gif"}, {"format": "tiff"}, {"format": "original"}]}]}"#, "\(fixtures)/small.jpg")
        #expect(rendered.map(\.image.format) == [.jpeg, .png, .webp, .avif, .gif, .tiff])
        #expect(rendered.map { $0.probe.loader.replacingOccurrences(of: "_source", with: "") } == ["jpegload", "pngload", "webpload", "heifload", "gifload", "tiffload"])
        for output in rendered { #expect(output.probe.size == PixelSize(width: 100, height: 63)) }
        // `original` of a JPEG source is the JPEG leaf itself.
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "resize", "outputs": [{"width": 100}]}, {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "original"}]}]}"#.utf8))
        let plan = Planner.plan(config, source: try SourceHeader.read(path: "\(fixtures)/small.jpg").planningInput)
        #expect(plan.leaves[1].aliasOf == 0)
    }

    @Test func qualityAndLosslessChangeTheEncoding() throws {
        let rendered = try render(#"{"features": [{"type": "compress", "outputs": [{"quality": 20}, {"quality": 95}, {"lossless": true}]}, {"type": "convert", "outputs": [{"format": "webp"}, {"format": "png"}]}]}"#, "\(fixtures)/small.jpg")
        let bytes = rendered.map(\.image.bytes.count)
        #expect(bytes[0] < bytes[2], "webp q20 smaller than q95")
        // Lossless WebP decodes to the very pixels the lossless PNG holds.
        #expect(try rendered[4].probe.meanDifference(to: rendered[5].probe) == 0)
    }

    @Test func metadataIsStrippedByDefaultAndKeptWhenAsked() throws {
        let path = "\(samples)/fallenleaf_2560x1600.jpg"
        #expect(try ImageProbe(path: path).hasEXIF)
        let stripped = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 64}]}], "output": {"format": "jpeg"}}"#, path)[0].probe
        #expect(!stripped.hasEXIF)
        let kept = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 64}]}], "output": {"format": "jpeg", "metadata": "keep"}}"#, path)[0].probe
        #expect(kept.hasEXIF)
        #expect(kept.string("exif-ifd0-Model") != nil)
        let copyright = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 64}]}], "output": {"format": "jpeg", "metadata": "keepCopyright"}}"#, path)[0].probe
        #expect(copyright.string("exif-ifd0-Model") == nil)
        #expect(copyright.string("exif-ifd0-Artist")?.hasPrefix("Martin Klapetek") == true)
        #expect(stripped.string("exif-ifd0-Artist") == nil)
    }

    @Test func identicalLeavesAreRenderedOnce() throws {
        let rendered = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 1000}, {"width": 2000}, {"width": 50}]}]}"#, "\(fixtures)/small.jpg")
        #expect(rendered.map(\.leaf.labels) == [["1000w"], ["50w"]])
    }
}

/// A source whose embedded ICC profile cannot be read is made as browsers show it.
@Suite struct BrokenColourProfileTests {
    /// `p3-tagged.jpg` with its ICC profile cut to `length` bytes (a profile's header alone is 128).
    static func jpegWithProfileCut(to length: Int) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(fixtures)/p3-tagged.jpg")))
        var out: [UInt8] = [0xFF, 0xD8]
        var index = 2
        var cut = false
        while index + 4 <= bytes.count {
            let marker = bytes[index + 1]
            if marker == 0xDA { out += bytes[index...]; break }
            let length16 = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            var segment = Array(bytes[index..<index + 2 + length16])
            if marker == 0xE2, segment[4..<16].elementsEqual(Array("ICC_PROFILE\0".utf8)) {
                // "ICC_PROFILE\0", chunk 1 of 1, then the first bytes of the profile.
                let payload = Array("ICC_PROFILE\0".utf8) + [1, 1] + segment[18..<18 + length]
                segment = [0xFF, 0xE2, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
                cut = true
            }
            out += segment
            index += 2 + length16
        }
        #expect(cut, "the fixture has an ICC profile to cut")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("icc-cut-\(length)-\(UUID().uuidString).jpg").path
        try Data(out).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [7, 130, 400])
    func aTruncatedProfileIsIgnoredWithAWarningAndTheOutputIsSRGB(length: Int) throws {
        let path = try Self.jpegWithProfileCut(to: length)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ImageProbe(path: path).hasICCProfile)
        for config in [#"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "png"}}"#,
                       #"{"features": [{"type": "resize", "outputs": [{"template": "instagram-square"}, {"width": 100}]}], "output": {"format": "png"}}"#] {
            let result = try renderAll(config, path)
            #expect(result.failures.isEmpty)
            #expect(result.warnings.map(\.code) == [.iccProfileIgnored])
            for file in result.files {
                #expect(!file.probe.hasICCProfile)
                #expect(file.probe.bands == 3)
                #expect(file.probe.size == file.leaf.size)
            }
        }
        // The pixels are the stored values taken as sRGB: the same as the file without a profile.
        let ignored = try renderAll(#"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "png", "colorProfile": "srgb"}}"#, path).files[0].probe
        let asStored = try renderAll(#"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "png", "colorProfile": "keep"}}"#, path).files[0].probe
        #expect(try ignored.meanDifference(to: asStored) < 0.5)
    }

    @Test func aGoodProfileGivesNoWarning() throws {
        let result = try renderAll(#"{"features": [{"type": "resize", "outputs": [{"width": 160}]}], "output": {"format": "png"}}"#, "\(fixtures)/p3-tagged.jpg")
        #expect(result.warnings.isEmpty)
    }
}

/// The work of a leaf is bounded by its output and the source, whatever the aspect ratio.
@Suite struct PixelBudgetTests {
    @Test func aLeafThatWouldBuildAnImagePastTheSourceLimitFailsAloneBeforeDecoding() throws {
        let result = try renderAll(#"""
            {"features": [{"type": "resize", "outputs": [
                {"name": "huge", "width": 12000, "height": 12000, "fit": "fill", "scaling": "both"}, {"width": 50}]},
              {"type": "crop", "outputs": [{"shape": "rectangle", "width": 20, "height": 20}]}], "output": {"format": "png"}}
            """#, "\(fixtures)/matrix/extreme-3x240.png")
        #expect(result.failures.count == 1)
        let failure = try #require(result.failures[0])
        #expect(failure.code == .outputTooLarge)
        #expect(failure.message == "output huge/crop-20x20 would need an image of 12000x12000 = 144000000 pixels; the limit is 100000000 (the operator can raise it with --max-pixels)")
        // The other output (3 px wide, never enlarged, then cut to 20 rows) is made.
        #expect(result.files.map(\.probe.size) == [PixelSize(width: 3, height: 20)])
    }

    @Test(arguments: ["instagram-story", "pinterest-long", "linkedin-company-cover"])
    func anExtremeStripFillsATemplateFromAWindowOfItself(template: String) throws {
        // 3×240 made 1080×1920 would resample to 1080 × 86,400 first; only the window is made.
        let files = try render(#"{"features": [{"type": "resize", "outputs": [{"template": "\#(template)"}]}], "output": {"format": "jpeg"}}"#,
                               "\(fixtures)/matrix/extreme-3x240.png")
        let expected = try #require(files.first?.leaf.size)
        #expect(files.map(\.probe.size) == [expected])
    }
}

@Suite struct UnsupportedTIFFVariantTests {
    @Test(arguments: [
        ("ycbcr-subsampled.tif", "ycbcr-subsampled.tif is a TIFF with subsampled YCbCr pixels (2×2) without JPEG compression, which libvips cannot read; save it again as a baseline TIFF, PNG or JPEG"),
        ("old-jpeg.tif", "old-jpeg.tif is a TIFF with old-style JPEG compression (TIFF compression 6, obsolete since 1995), which libvips cannot read; save it again as a baseline TIFF, PNG or JPEG"),
    ])
    func aVariantLibvipsCannotReadIsUnsupportedNotCorrupt(file: String, message: String) {
        #expect(throws: ImagingError(code: .unsupportedFormat, message: message)) {
            try SourceHeader.read(path: "\(fixtures)/\(file)")
        }
    }

    @Test func anOrdinaryTIFFIsNoVariant() throws {
        #expect(try SourceHeader.read(path: "\(fixtures)/matrix/image.tif").format == .tiff)
    }
}
