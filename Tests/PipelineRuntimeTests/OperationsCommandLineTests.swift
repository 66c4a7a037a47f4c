import Foundation
import Packaging
import PipelineCore
import Testing

/// The operation features through the `pipeline` executable: the shipped examples give the
/// files the README lists, each opening at the size the manifest states.
@Suite(.serialized) struct OperationsCommandLineTests {
    static let stems = ["arc-colors-transparent_2140x1200", "fallenleaf_2560x1600", "kleiber_6028x3391"]

    private func run(_ config: String, extra: [String] = []) async throws -> Manifest {
        let folder = try TemporaryFolder("cli-ops")
        let result = try await runProcess(try pipelineExecutable(), ["run", "\(repositoryRoot)/Configurations/\(config).json"] + samplePhotos
                                    + ["-o", "\(folder.path)/out.zip"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try await verifyArchive("\(folder.path)/out.zip")
        #expect(manifest.status == .succeeded)
        return manifest
    }

    private func sizes(_ manifest: Manifest) -> [String: String] {
        Dictionary(uniqueKeysWithValues: manifest.outputs.map { ($0.path, "\($0.width)x\($0.height)") })
    }

    @Test func productPhotosAreBrandedUnderTheirByteLimitInBothFormats() async throws {
        let manifest = try await run("product-photos")
        var expected: [String: String] = [:]
        for (view, size) in [("zoom", "1600x1600"), ("detail", "800x800"), ("listing", "400x400")] {
            for stem in Self.stems {
                expected["output/\(view)/branded/web/jpeg/\(stem).jpg"] = size
                expected["output/\(view)/branded/web/webp/\(stem).webp"] = size
            }
        }
        #expect(sizes(manifest) == expected)
        for output in manifest.outputs {
            #expect(output.bytes <= 400_000)
            #expect(output.quality != nil, "maxBytes records the quality it chose")
        }
    }

    @Test func avatarsAreCirclesInThreeSizes() async throws {
        let manifest = try await run("avatars")
        var expected: [String: String] = [:]
        for (name, side) in [("large", 512), ("medium", 256), ("small", 96)] {
            for stem in Self.stems {
                expected["output/square/circle/\(name)/png/\(stem).png"] = "\(side)x\(side)"
                expected["output/square/circle/\(name)/webp/\(stem).webp"] = "\(side)x\(side)"
            }
        }
        #expect(sizes(manifest) == expected)
    }

    @Test func longSlicesCutEachImageIntoPiecesNamedInOrder() async throws {
        let manifest = try await run("long-slices")
        #expect(sizes(manifest) == [
            "output/800w/pieces/jpeg/arc-colors-transparent_2140x1200_1.jpg": "800x400",
            "output/800w/pieces/jpeg/arc-colors-transparent_2140x1200_2.jpg": "800x49",
            "output/800w/pieces/jpeg/fallenleaf_2560x1600_1.jpg": "800x400",
            "output/800w/pieces/jpeg/fallenleaf_2560x1600_2.jpg": "800x100",
            "output/800w/pieces/jpeg/kleiber_6028x3391_1.jpg": "800x400",
            "output/800w/pieces/jpeg/kleiber_6028x3391_2.jpg": "800x50",
        ])
    }

    @Test func aGridPostGivesSixSquareTilesPerPhoto() async throws {
        let manifest = try await run("grid-post", extra: ["--isolate"])
        var expected: [String: String] = [:]
        for stem in Self.stems {
            for row in 1...2 {
                for column in 1...3 { expected["output/3240x2160/posts/jpeg/\(stem)_r\(row)_c\(column).jpg"] = "1080x1080" }
            }
        }
        #expect(sizes(manifest) == expected)
    }

    @Test func isolatedWorkersFindTheWatermarkAndGiveTheSameBytes() async throws {
        let inProcess = try await run("product-photos", extra: ["--job-id", "same"])
        let isolated = try await run("product-photos", extra: ["--job-id", "same", "--isolate"])
        #expect(inProcess.outputs.map(\.sha256) == isolated.outputs.map(\.sha256))
    }

    @Test func planShowsColourFeaturesMovedAndTheGeometricOrderKept() async throws {
        let folder = try TemporaryFolder("cli-plan-ops")
        try folder.write("mixed.json", Array(#"""
            {"features": [
              {"type": "resize", "outputs": [{"width": 1200}, {"width": 800}, {"width": 400}]},
              {"type": "rotate", "outputs": [{"angle": 90}, {"angle": 270}]},
              {"type": "grayscale"},
              {"type": "crop", "outputs": [{"width": 300, "height": 300}]},
              {"type": "blur", "outputs": [{"sigma": 1}, {"sigma": 2}]},
              {"type": "sharpen", "outputs": [{"sigma": 1}]},
              {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "webp"}]}
            ]}
            """#.utf8))
        let result = try await runProcess(try pipelineExecutable(), ["plan", "\(folder.path)/mixed.json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("""
            Planned order (work 64):
              features[2] grayscale ×1
              features[0] resize ×3
              features[1] rotate ×2
              features[3] crop ×1
              features[4] blur ×2
              features[5] sharpen ×1
              features[6] convert ×2

            """), "\(result.stdout)")
        #expect(result.stdout.contains("Declared order (work 69):"))
    }

    @Test func aMissingWatermarkImageIsAConfigurationErrorNamingTheField() async throws {
        let folder = try TemporaryFolder("cli-mark")
        try folder.write("marked.json", Array(#"{"features": [{"type": "watermark", "outputs": [{"image": "missing.png"}]}]}"#.utf8))
        let result = try await runProcess(try pipelineExecutable(), ["validate", "\(folder.path)/marked.json"])
        #expect(result.status == 3)
        #expect(result.stdout == """
            \(folder.path)/marked.json: invalid configuration (1 problem):
              features[0].outputs[0].image: cannot use "missing.png" (\(folder.path)/missing.png): no readable file at \(folder.path)/missing.png

            """)
        let run = try await runProcess(try pipelineExecutable(), ["run", "\(folder.path)/marked.json"] + samplePhotos + ["-o", "\(folder.path)/o.zip"])
        #expect(run.status == 3)
        #expect(!FileManager.default.fileExists(atPath: "\(folder.path)/o.zip"))
    }
}
