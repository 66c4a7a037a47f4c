import Foundation
import Imaging
import PipelineCore
import Testing

/// The operation features on real images with libvips: exact sizes, and pixels where they mean
/// something.
@Suite struct OperationsTests {
    let six = "\(fixtures)/six-colours.png" // 60×40: red green blue / yellow cyan magenta, 20 px squares
    let white = "\(fixtures)/white-200x100.png"
    let photo = "\(samples)/fallenleaf_2560x1600.jpg"

    static let red = [255.0, 0, 0], green = [0.0, 255, 0], blue = [0.0, 0, 255]
    static let yellow = [255.0, 255, 0], cyan = [0.0, 255, 255], magenta = [255.0, 0, 255]

    private func close(_ a: [Double], _ b: [Double], within tolerance: Double = 2) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func aGridOfSixFlatColoursGivesSixTilesOfTheRightColours() throws {
        let files = try render(#"{"features": [{"type": "grid", "outputs": [{"columns": 3, "rows": 2}]}], "output": {"format": "png"}}"#, six)
        #expect(files.map(\.suffix) == ["_r1_c1", "_r1_c2", "_r1_c3", "_r2_c1", "_r2_c2", "_r2_c3"])
        let expected = [Self.red, Self.green, Self.blue, Self.yellow, Self.cyan, Self.magenta]
        for (file, colour) in zip(files, expected) {
            #expect(file.probe.size == PixelSize(width: 20, height: 20))
            for (x, y) in [(0, 0), (19, 0), (0, 19), (19, 19), (10, 10)] {
                #expect(try file.probe.pixel(x: x, y: y) == colour, "\(file.suffix) at \(x),\(y)")
            }
        }
    }

    @Test func sliceTilesHaveTheSizeAlongTheirDirectionAndTheLastIsShorter() throws {
        let files = try render(#"{"features": [{"type": "slice", "outputs": [{"direction": "vertical", "size": 700}, {"direction": "horizontal", "size": 1000}]}], "output": {"format": "jpeg"}}"#, photo)
        let vertical = files.filter { $0.index == 0 }, horizontal = files.filter { $0.index == 1 }
        #expect(vertical.map(\.suffix) == ["_1", "_2", "_3"])
        #expect(vertical.map(\.probe.size) == [PixelSize(width: 2560, height: 700), PixelSize(width: 2560, height: 700), PixelSize(width: 2560, height: 200)])
        #expect(horizontal.map(\.probe.size) == [PixelSize(width: 1000, height: 1600), PixelSize(width: 1000, height: 1600), PixelSize(width: 560, height: 1600)])
        // The tiles put back together are the image: the last vertical tile is the bottom of the source.
        #expect(files[0].leaf.fileCount == 3)
    }

    @Test func tilesAfterAResizeAreResizedBeforeCuttingAndResizesAfterApplyToEachTile() throws {
        let files = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 640}]}, {"type": "slice", "outputs": [{"direction": "vertical", "size": 150}]}, {"type": "resize", "outputs": [{"width": 320}]}], "output": {"format": "png"}}"#, photo)
        // 640×400 cut into 150, 150, 100 rows, each then halved.
        #expect(files.map(\.probe.size) == [PixelSize(width: 320, height: 75), PixelSize(width: 320, height: 75), PixelSize(width: 320, height: 50)])
    }

    @Test func aLoneTurnOrTileLeafIsNotStreamedFromTheDecoder() throws {
        // Rows are read out of order: these must work from a decoded copy.
        let turned = try render(#"{"features": [{"type": "rotate", "outputs": [{"angle": 90}]}], "output": {"format": "png"}}"#, six)
        #expect(try turned[0].probe.pixel(x: 0, y: 0) == Self.yellow)
        let flipped = try render(#"{"features": [{"type": "rotate", "outputs": [{"flip": "vertical"}]}, {"type": "compress", "outputs": [{"maxBytes": 200000}]}], "output": {"format": "jpeg"}}"#, photo)
        #expect(flipped[0].probe.size == PixelSize(width: 2560, height: 1600))
        #expect(flipped[0].image.bytes.count <= 200000)
    }

    @Test func aNinetyDegreeTurnAndFlipsMoveTheCornersWhereTheyBelong() throws {
        let files = try render(#"{"features": [{"type": "rotate", "outputs": [{"angle": 90}, {"angle": 180}, {"angle": 270}, {"flip": "horizontal"}, {"flip": "vertical"}]}], "output": {"format": "png"}}"#, six)
        let turned = files.map(\.probe)
        #expect(turned.map(\.size) == [PixelSize(width: 40, height: 60), PixelSize(width: 60, height: 40), PixelSize(width: 40, height: 60),
                                       PixelSize(width: 60, height: 40), PixelSize(width: 60, height: 40)])
        // Clockwise 90°: the bottom-left (yellow) comes to the top-left, the top-left (red) to the top-right.
        #expect(try turned[0].pixel(x: 0, y: 0) == Self.yellow)
        #expect(try turned[0].pixel(x: 39, y: 0) == Self.red)
        #expect(try turned[0].pixel(x: 39, y: 59) == Self.blue)
        #expect(try turned[1].pixel(x: 0, y: 0) == Self.magenta)
        #expect(try turned[2].pixel(x: 0, y: 0) == Self.blue)
        #expect(try turned[3].pixel(x: 0, y: 0) == Self.blue)
        #expect(try turned[3].pixel(x: 0, y: 39) == Self.magenta)
        #expect(try turned[4].pixel(x: 0, y: 0) == Self.yellow)
    }

    @Test func rectangleCropsFollowGravityAndOffsetsAndAreClampedToTheImage() throws {
        let files = try render(#"""
            {"features": [{"type": "crop", "outputs": [
              {"width": 20, "height": 20, "gravity": "northeast"},
              {"name": "sw", "width": 20, "height": 20, "gravity": "southwest", "offsetX": 20},
              {"width": 30, "height": 30, "gravity": "northwest", "offsetX": 50, "offsetY": -10},
              {"width": 100, "height": 100}
            ]}], "output": {"format": "png"}}
            """#, six)
        #expect(files.map(\.probe.size) == [PixelSize(width: 20, height: 20), PixelSize(width: 20, height: 20),
                                            PixelSize(width: 10, height: 20), PixelSize(width: 60, height: 40)])
        #expect(try files[0].probe.pixel(x: 10, y: 10) == Self.blue)
        #expect(try files[1].probe.pixel(x: 10, y: 10) == Self.cyan)
        #expect(try files[2].probe.pixel(x: 5, y: 5) == Self.blue) // x 50–60, y 0–20 after the clamp
        #expect(try files[3].probe.pixel(x: 0, y: 0) == Self.red)
    }

    @Test func aCropThatLeavesNothingFailsThatOutputAloneWithItsReason() throws {
        let result = try renderAll(#"{"features": [{"type": "crop", "outputs": [{"width": 10, "height": 10}, {"name": "outside", "width": 10, "height": 10, "gravity": "northwest", "offsetX": 100}]}], "output": {"format": "png"}}"#, six)
        #expect(result.files.count == 1)
        let failure = try #require(result.failures[1])
        #expect(failure.code == .operationNotApplicable)
        #expect(failure.message == "features[0] (crop outside): a 10×10 box at x 100, y 0 lies wholly outside the 60×40 image, so nothing would be left; reduce the offsets")
    }

    @Test func aCircleCropIsTransparentOutsideInPNGAndTheBackgroundInJPEG() throws {
        let files = try render(##"{"features": [{"type": "resize", "outputs": [{"width": 400}]}, {"type": "crop", "outputs": [{"shape": "circle", "radius": 100}]}, {"type": "convert", "outputs": [{"format": "png"}, {"format": "webp"}, {"format": "jpeg"}]}], "output": {"background": "#00ff00"}}"##, photo)
        let (png, webp, jpeg) = (files[0].probe, files[1].probe, files[2].probe)
        for image in [png, webp, jpeg] { #expect(image.size == PixelSize(width: 200, height: 200)) }
        for image in [png, webp] {
            #expect(image.hasAlpha)
            for (x, y) in [(0, 0), (199, 0), (0, 199), (199, 199), (20, 20)] {
                #expect(try image.pixel(x: x, y: y).last == 0, "corner \(x),\(y) is transparent")
            }
            #expect(try image.pixel(x: 100, y: 100).last == 255)
            #expect(try image.pixel(x: 100, y: 2).last == 255) // just inside the top of the circle
        }
        #expect(!jpeg.hasAlpha)
        #expect(close(try jpeg.pixel(x: 0, y: 0), [0, 255, 0], within: 8))
    }

    /// The 20×10 mark's expected top-left corner on the 200×100 image for each gravity, with
    /// offsets 5, 5: inwards from the edges it sits at, right/down on a centred axis.
    @Test(arguments: [("northwest", 5, 5), ("north", 95, 5), ("northeast", 175, 5), ("west", 5, 50), ("center", 95, 50),
                      ("east", 175, 50), ("southwest", 5, 85), ("south", 95, 85), ("southeast", 175, 85)])
    func aWatermarkSitsAtItsGravityMovedInwardsByItsOffsets(gravity: String, left: Int, top: Int) throws {
        let config = #"{"features": [{"type": "watermark", "outputs": [{"image": "red-mark.png", "gravity": "\#(gravity)", "offsetX": 5, "offsetY": 5, "opacity": 1}]}], "output": {"format": "png"}}"#
        let marked = try render(config, white)[0].probe
        #expect(marked.size == PixelSize(width: 200, height: 100))
        #expect(try marked.pixel(x: left + 1, y: top + 1) == Self.red, "inside the mark")
        #expect(try marked.pixel(x: left + 18, y: top + 8) == Self.red, "inside the mark")
        #expect(try marked.pixel(x: left - 1, y: top) == [255, 255, 255], "left of the mark")
        #expect(try marked.pixel(x: left + 20, y: top + 9) == [255, 255, 255], "right of the mark")
    }

    @Test func aWatermarkScalesWithTheOutputAndFadesWithItsOpacity() throws {
        let files = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 400}, {"width": 100}]}, {"type": "watermark", "outputs": [{"image": "red-mark.png", "gravity": "northwest", "scale": 0.5, "opacity": 0.5}]}], "output": {"format": "png"}}"#, white)
        // Half the width on every size: 200×100 on 400×200 … upscaled? white is 200×100, so 400w stays 200w.
        let large = files[0].probe, small = files[1].probe
        #expect(large.size == PixelSize(width: 200, height: 100) && small.size == PixelSize(width: 100, height: 50))
        #expect(close(try large.pixel(x: 98, y: 48), [255, 128, 128]))
        #expect(try large.pixel(x: 101, y: 20) == [255, 255, 255])
        #expect(close(try small.pixel(x: 48, y: 23), [255, 128, 128]))
        #expect(try small.pixel(x: 51, y: 10) == [255, 255, 255])
    }

    @Test func aTextWatermarkDrawsItsColourNearItsGravity() throws {
        let files = try render(##"{"features": [{"type": "watermark", "outputs": [{"text": "MMMM", "size": 40, "color": "#0000ff", "gravity": "northwest", "opacity": 1}]}], "output": {"format": "png"}}"##, white)
        let marked = files[0].probe
        #expect(marked.size == PixelSize(width: 200, height: 100))
        var bluePixelsTopLeft = 0, bluePixelsBottomRight = 0
        for y in stride(from: 0, to: 100, by: 2) {
            for x in stride(from: 0, to: 200, by: 2) {
                let pixel = try marked.pixel(x: x, y: y)
                guard pixel[2] > 200, pixel[0] < 60 else { continue }
                if x < 100, y < 50 { bluePixelsTopLeft += 1 } else if x >= 100, y >= 50 { bluePixelsBottomRight += 1 }
            }
        }
        #expect(bluePixelsTopLeft > 20)
        #expect(bluePixelsBottomRight == 0)
    }

    @Test func watermarkTextIsDrawnAsWrittenNotReadAsMarkup() throws {
        let files = try render(##"{"features": [{"type": "watermark", "outputs": [{"text": "Tom & Jerry <3 <b>", "size": 20, "color": "#000000", "opacity": 1}]}], "output": {"format": "png"}}"##, white)
        #expect(files[0].probe.size == PixelSize(width: 200, height: 100))
        #expect(try files[0].probe.average() < 255)
    }

    @Test func tooManyTilesForOneSourceAreRefusedBeforeAnyIsMade() throws {
        let widths = (1...20).map { #"{"width": \#(300 + $0)}"# }.joined(separator: ",")
        #expect(throws: ImagingError.self) {
            _ = try renderAll(#"{"features": [{"type": "resize", "scaling": "both", "outputs": [\#(widths)]}, {"type": "slice", "outputs": [{"direction": "vertical", "size": 1}]}], "output": {"format": "png"}}"#, white)
        }
    }

    @Test func blurSoftensAnEdgeAndSharpenKeepsSizes() throws {
        let files = try render(#"{"features": [{"type": "blur", "outputs": [{"sigma": 3}]}, {"type": "convert", "outputs": [{"format": "png"}]}]}"#, six)
        let blurred = files[0].probe
        #expect(blurred.size == PixelSize(width: 60, height: 40))
        let edge = try blurred.pixel(x: 19, y: 10) // red beside green
        #expect(edge[0] < 230 && edge[1] > 25)
        #expect(try blurred.pixel(x: 0, y: 0)[0] > 200)
        let sharpened = try render(#"{"features": [{"type": "sharpen", "outputs": [{"sigma": 1.5, "jagged": 5}]}], "output": {"format": "jpeg"}}"#, photo)[0]
        #expect(sharpened.probe.size == PixelSize(width: 2560, height: 1600))
        #expect(sharpened.probe.bands == 3)
    }

    @Test func maxBytesFindsTheHighestQualityThatFitsAndReportsWhatCannot() throws {
        let result = try renderAll(#"{"features": [{"type": "resize", "outputs": [{"width": 800}]}, {"type": "compress", "outputs": [{"maxBytes": 40000}, {"maxBytes": 20000}, {"maxBytes": 100}]}, {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "webp"}]}]}"#, photo)
        #expect(result.files.count == 4)
        for file in result.files {
            let limit = file.leaf.encoding.maxBytes!
            #expect(file.image.bytes.count <= limit)
            let quality = try #require(file.image.chosenQuality)
            #expect((1..<100).contains(quality))
        }
        // The next quality up would not have fitted: the search found the highest.
        let jpeg40k = try #require(result.files.first { $0.leaf.labels == ["800w", "max40kB", "jpeg"] })
        let higher = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 800}]}, {"type": "compress", "outputs": [{"quality": \#(jpeg40k.image.chosenQuality! + 1)}]}], "output": {"format": "jpeg"}}"#, photo)[0]
        #expect(higher.image.bytes.count > 40000)
        #expect(result.failures.count == 2)
        for failure in result.failures.values {
            #expect(failure.code == .outputOverMaxBytes)
            #expect(failure.message.hasPrefix("even quality 1 gives "))
            #expect(failure.message.hasSuffix("bytes, over maxBytes 100; raise maxBytes or resize smaller first"))
        }
    }
}

/// `output.animation`: kept animations go through every operation frame by frame.
@Suite struct AnimationTests {
    // 60×40, three frames (red, green, blue) of 100, 200 and 300 ms, each with a white 10×10
    // square at the top left; loops for ever.
    let animation = "\(fixtures)/animated-3-frames.gif"

    @Test func keepTakesEveryFrameThroughResizeCropRotateAndWatermark() throws {
        let files = try render(#"""
            {"features": [
              {"type": "resize", "outputs": [{"width": 30}]},
              {"type": "rotate", "outputs": [{"angle": 90}]},
              {"type": "watermark", "outputs": [{"image": "red-mark.png", "gravity": "southeast", "opacity": 1, "scale": 0.5}]},
              {"type": "convert", "outputs": [{"format": "gif"}, {"format": "webp"}, {"format": "png"}]}
            ], "output": {"animation": "keep"}}
            """#, animation)
        let (gif, webp, png) = (files[0], files[1], files[2])
        for file in [gif, webp] {
            #expect(file.probe.frames == 3)
            #expect(file.image.frames == 3)
            #expect(file.probe.size == PixelSize(width: 20, height: 30))
            #expect(file.probe.timing.delays == [100, 200, 300])
        }
        // Each frame keeps its colour; the white corner turned with the frame (top left → top right).
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("anim-\(UUID().uuidString).gif").path
        try Data(gif.image.bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        for (page, colour) in [[255.0, 0, 0], [0.0, 255, 0], [0.0, 0, 255]].enumerated() {
            let frame = try ImageProbe(path: path, page: page)
            #expect(Array(try frame.pixel(x: 5, y: 12).prefix(3)) == colour, "frame \(page)")
            #expect(Array(try frame.pixel(x: 18, y: 1).prefix(3)) == [255, 255, 255], "frame \(page)")
        }
        // A format without animation gets the first frame.
        #expect(png.probe.frames == 1 && png.image.frames == 1)
        #expect(Array(try png.probe.pixel(x: 5, y: 12).prefix(3)) == [255, 0, 0])
    }

    @Test func smartCropsOfAnAnimationAreCentredSoFramesStayAligned() throws {
        let files = try render(#"{"features": [{"type": "crop", "outputs": [{"width": 20, "height": 20, "gravity": "attention"}]}, {"type": "convert", "outputs": [{"format": "gif"}]}], "output": {"animation": "keep"}}"#, animation)
        #expect(files[0].probe.frames == 3)
        #expect(files[0].probe.size == PixelSize(width: 20, height: 20))
    }

    @Test func keptAnimationsAreLimitedByAllTheirFramesAtTheDecodedSize() throws {
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "resize", "outputs": [{"width": 30}]}], "output": {"format": "gif", "animation": "keep"}}"#.utf8))
        let header = try SourceHeader.read(path: animation)
        var renderer = SourceRenderer(output: config.output)
        renderer.policy.maxKeptAnimationPixels = 3 * 30 * 20 - 1
        #expect {
            try renderer.render(path: animation, header: header, plan: Planner.plan(config, source: header.planningInput)) { _ in }
        } throws: { error in
            (error as? ImagingError)?.message == "keeping its animation means decoding 3 frames at 30x20 = 1800 pixels; the limit is 1799 (use \"animation\": \"firstFrame\", or smaller outputs)"
        }
        renderer.policy.maxKeptAnimationPixels = 3 * 30 * 20
        try renderer.render(path: animation, header: header, plan: Planner.plan(config, source: header.planningInput)) { _ in }
        // Each frame is its own small pipeline, so the frame count is limited too.
        renderer.policy.maxKeptAnimationFrames = 2
        #expect {
            try renderer.render(path: animation, header: header, plan: Planner.plan(config, source: header.planningInput)) { _ in }
        } throws: { error in
            (error as? ImagingError)?.message == "keeping its animation means working on 3 frames; the limit is 2 (use \"animation\": \"firstFrame\")"
        }
    }

    @Test func firstFrameIsTheDefault() throws {
        let files = try render(#"{"features": [{"type": "resize", "outputs": [{"width": 30}]}], "output": {"format": "gif"}}"#, animation)
        #expect(files[0].probe.frames == 1)
        #expect(files[0].image.frames == 1)
    }
}
