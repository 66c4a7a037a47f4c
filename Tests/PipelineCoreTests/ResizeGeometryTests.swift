import PipelineCore
import Testing

@Suite struct ResizeGeometryTests {
    static let landscape = PixelSize(width: 2000, height: 1000)

    func geometry(_ target: ResizeTarget, fit: Fit = .inside, scaling: Scaling = .downOnly, gravity: Gravity = .center,
                  input: PixelSize = landscape) -> ResizeGeometry {
        ResizeGeometry.resolve(ResizeOutput(target: target, fit: fit, scaling: scaling, gravity: gravity), input: input)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var width: Int?
        var height: Int?
        var fit: Fit
        var scaling: Scaling
        var output: PixelSize
        var resample: PixelSize
        var testDescription: String { "\(width.map(String.init) ?? "-")x\(height.map(String.init) ?? "-") \(fit) \(scaling)" }
    }

    static let cases: [Case] = [
        // inside: the whole image fits the box
        Case(width: 500, height: 500, fit: .inside, scaling: .downOnly, output: .init(width: 500, height: 250), resample: .init(width: 500, height: 250)),
        Case(width: 4000, height: 4000, fit: .inside, scaling: .downOnly, output: landscape, resample: landscape),
        Case(width: 4000, height: 4000, fit: .inside, scaling: .both, output: .init(width: 4000, height: 2000), resample: .init(width: 4000, height: 2000)),
        Case(width: 500, height: 500, fit: .inside, scaling: .upOnly, output: landscape, resample: landscape),
        // outside: the image covers the box, nothing cropped
        Case(width: 500, height: 500, fit: .outside, scaling: .downOnly, output: .init(width: 1000, height: 500), resample: .init(width: 1000, height: 500)),
        // cover: fills the box exactly
        Case(width: 500, height: 500, fit: .cover, scaling: .downOnly, output: .init(width: 500, height: 500), resample: .init(width: 1000, height: 500)),
        Case(width: 3000, height: 3000, fit: .cover, scaling: .downOnly, output: .init(width: 2000, height: 1000), resample: landscape),
        Case(width: 3000, height: 500, fit: .cover, scaling: .downOnly, output: .init(width: 2000, height: 500), resample: landscape),
        Case(width: 3000, height: 3000, fit: .cover, scaling: .both, output: .init(width: 3000, height: 3000), resample: .init(width: 6000, height: 3000)),
        // contain: fits inside, padded to the box
        Case(width: 500, height: 500, fit: .contain, scaling: .downOnly, output: .init(width: 500, height: 500), resample: .init(width: 500, height: 250)),
        Case(width: 3000, height: 3000, fit: .contain, scaling: .downOnly, output: landscape, resample: landscape),
        // fill: exactly the box, aspect ignored
        Case(width: 300, height: 700, fit: .fill, scaling: .downOnly, output: .init(width: 300, height: 700), resample: .init(width: 300, height: 700)),
        Case(width: 300, height: 1700, fit: .fill, scaling: .downOnly, output: landscape, resample: landscape),
        Case(width: 300, height: 1700, fit: .fill, scaling: .both, output: .init(width: 300, height: 1700), resample: .init(width: 300, height: 1700)),
        // one side: aspect kept, fit irrelevant
        Case(width: 333, height: nil, fit: .cover, scaling: .downOnly, output: .init(width: 333, height: 167), resample: .init(width: 333, height: 167)),
        Case(width: nil, height: 100, fit: .inside, scaling: .downOnly, output: .init(width: 200, height: 100), resample: .init(width: 200, height: 100)),
        Case(width: 2500, height: nil, fit: .inside, scaling: .downOnly, output: landscape, resample: landscape),
        Case(width: 2500, height: nil, fit: .inside, scaling: .upOnly, output: .init(width: 2500, height: 1250), resample: .init(width: 2500, height: 1250)),
        Case(width: 1, height: nil, fit: .inside, scaling: .downOnly, output: .init(width: 1, height: 1), resample: .init(width: 1, height: 1)),
    ]

    @Test(arguments: cases)
    func everyFitAndScalingRuleGivesAnExactSize(_ testCase: Case) {
        let result = geometry(.box(width: testCase.width, height: testCase.height), fit: testCase.fit, scaling: testCase.scaling)
        #expect(result.output == testCase.output)
        #expect(result.resample == testCase.resample)
    }

    @Test func percentScalesBothSidesRegardlessOfScaling() {
        #expect(geometry(.percent(50)).output == PixelSize(width: 1000, height: 500))
        #expect(geometry(.percent(150)).output == PixelSize(width: 3000, height: 1500))
        #expect(geometry(.percent(12.5), input: PixelSize(width: 6028, height: 3391)).output == PixelSize(width: 754, height: 424))
    }

    @Test func coverCropsByCompassGravity() {
        func crop(_ gravity: Gravity) -> CropRegion? {
            geometry(.box(width: 500, height: 500), fit: .cover, gravity: gravity).crop
        }
        #expect(crop(.center) == .fixed(x: 250, y: 0, width: 500, height: 500))
        #expect(crop(.west) == .fixed(x: 0, y: 0, width: 500, height: 500))
        #expect(crop(.east) == .fixed(x: 500, y: 0, width: 500, height: 500))
        #expect(crop(.attention) == .smart(.attention, width: 500, height: 500))
        #expect(crop(.entropy) == .smart(.entropy, width: 500, height: 500))
        let tall = geometry(.box(width: 100, height: 100), fit: .cover, gravity: .south, input: PixelSize(width: 1000, height: 3000))
        #expect(tall.crop == .fixed(x: 0, y: 200, width: 100, height: 100))
    }

    @Test func containPlacesTheImageByGravity() {
        let centred = geometry(.box(width: 500, height: 500), fit: .contain)
        #expect(centred.embed == CanvasPlacement(canvas: PixelSize(width: 500, height: 500), x: 0, y: 125))
        let top = geometry(.box(width: 500, height: 500), fit: .contain, gravity: .north)
        #expect(top.embed?.y == 0)
    }

    @Test func identityIsRecognised() {
        #expect(geometry(.box(width: 5000, height: nil)).isIdentity)
        #expect(!geometry(.box(width: 500, height: nil)).isIdentity)
    }
}
