import Foundation
import PipelineCore
import Testing

@Suite struct SmartCropPreviewTests {
    @Test(arguments: [
        // A photo's cover resize, a 1×1892 strip filling 1080×1080, a 2198×5 one, a tiny icon.
        (PixelSize(width: 1920, height: 1080), PixelSize(width: 1080, height: 1080)),
        (PixelSize(width: 1080, height: 2_043_360), PixelSize(width: 1080, height: 1080)),
        (PixelSize(width: 474_768, height: 1080), PixelSize(width: 1080, height: 1080)),
        (PixelSize(width: 20, height: 12), PixelSize(width: 12, height: 12)),
    ])
    func thePreviewIsBoundedWhateverTheTarget(target: PixelSize, window: PixelSize) {
        let layout = SmartCropPreview(target: target, window: window)
        #expect(layout.preview.width <= 512 && layout.preview.height <= 512)
        #expect(layout.preview.width >= 32 && layout.preview.height >= 32)
        #expect(layout.previewWindow.width >= 1 && layout.previewWindow.width <= layout.preview.width)
        #expect(layout.previewWindow.height >= 1 && layout.previewWindow.height <= layout.preview.height)
        // Every position libvips could choose maps to a window inside the target.
        for left in [0, layout.preview.width - layout.previewWindow.width] {
            for top in [0, layout.preview.height - layout.previewWindow.height] {
                let (x, y) = layout.position(previewLeft: left, previewTop: top)
                #expect(x >= 0 && x + window.width <= target.width)
                #expect(y >= 0 && y + window.height <= target.height)
            }
        }
    }

    @Test func aWindowChosenInThePreviewLandsOnTheSamePartOfTheTarget() {
        let layout = SmartCropPreview(target: PixelSize(width: 1920, height: 1080), window: PixelSize(width: 1080, height: 1080))
        #expect(layout.preview == PixelSize(width: 512, height: 512))
        #expect(layout.previewWindow == PixelSize(width: 288, height: 512))
        #expect(layout.position(previewLeft: 0, previewTop: 0) == (0, 0))
        #expect(layout.position(previewLeft: 224, previewTop: 0) == (840, 0))
        #expect(layout.position(previewLeft: 112, previewTop: 0) == (420, 0))
    }

    @Test func aLeafRecordsTheLargestImageItsStepsMakeButNotAnEnlargementItCropsFrom() throws {
        let config = try ConfigurationParser().parse(Data(#"""
            {"features": [{"type": "resize", "outputs": [
                {"width": 12000, "height": 12000, "fit": "fill", "scaling": "both"},
                {"template": "instagram-square"}]},
              {"type": "crop", "outputs": [{"shape": "rectangle", "width": 100, "height": 100}]}]}
            """#.utf8))
        let plan = Planner.plan(config, source: SourceDescription(size: PixelSize(width: 1, height: 1892), format: .png, frames: 1))
        #expect(plan.leaves[0].largestImage == PixelSize(width: 12000, height: 12000))
        #expect(plan.leaves[0].size == PixelSize(width: 100, height: 100))
        // Cover: 1080 × 2,043,360 resampled, but only the 1080×1080 window is ever made.
        #expect(plan.leaves[1].largestImage == PixelSize(width: 1080, height: 1080))
    }
}
