import Foundation
import Imaging
import Packaging
import PipelineCore
import Testing

/// The `pipeline` executable as a user runs it.
@Suite(.serialized) struct CommandLineTests {
    @Test func runOnTheSocialPackGivesOneVerifiedOutputPerSourceAndLeaf() async throws {
        let folder = try TemporaryFolder("cli-run")
        let result = try await runProcess(try pipelineExecutable(), ["run", "\(repositoryRoot)/Configurations/social-media-pack.json"] + samplePhotos
                                    + ["-o", "\(folder.path)/out.zip"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ZIP: \(folder.path)/out.zip"))
        let manifest = try await verifyArchive("\(folder.path)/out.zip")
        #expect(manifest.configId.rawValue == "social-media-pack")
        #expect(manifest.outputs.count == 3 * 10)
        #expect(manifest.outputs.contains { $0.path == "output/instagram-story/jpeg/kleiber_6028x3391.jpg" && $0.width == 1080 && $0.height == 1920 })
    }

    /// A `pipeline` started by an ImagePipeline process inherits the VIPSHOME its parent holds
    /// once libvips started (the prefix libvips guessed, added once and afterwards only
    /// replaced in place) and, like one started without it, loads no optional libvips module
    /// for JPEG work, and the HEIF module alone once an AVIF output (or a HEIF source) needs it.
    /// glibc's `LD_DEBUG=files` names every library the child opens.
    @Test(arguments: [true, false]) func aChildLoadsTheHEIFModuleOnlyWhenNeededWithOrWithoutAnInheritedVIPSHOME(_ inherits: Bool) async throws {
        try Libvips.start()
        let home = try #require(ProcessInfo.processInfo.environment["VIPSHOME"], "left set by libvips' start-up")
        #expect(!home.contains("imagepipeline-vipshome"), "the private module folder is named only during start-up")
        let folder = try TemporaryFolder("cli-modules")
        try folder.write("avif.json", Array(#"{"features": [{"type": "resize", "outputs": [{"width": 64}]}], "output": {"format": "avif"}}"#.utf8))
        for (config, heif) in [("\(repositoryRoot)/Configurations/thumbnails.json", false), ("\(folder.path)/avif.json", true)] {
            let run = [try pipelineExecutable(), "run", config, "\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg", "-o", "\(folder.path)/out.zip"]
            let result = try await runProcessWithEnvironment("/usr/bin/env", (inherits ? [] : ["-u", "VIPSHOME"]) + run, ["LD_DEBUG": "files"])
            #expect(result.status == 0, "\(result.stderr.suffix(2000))")
            #expect(result.stderr.contains("vips-heif.so") == heif, "\(config): the HEIF module \(heif ? "loaded" : "not loaded")")
            #expect(!result.stderr.contains("vips-magick.so"))
            #expect(!result.stderr.contains("vips-poppler.so"))
            if heif {
                let manifest = try await verifyArchive("\(folder.path)/out.zip")
                #expect(manifest.outputs.map(\.format) == [.avif], "\(manifest.outputs)")
            }
        }
    }

    @Test func validateListsEveryMistakeAndExits3() async throws {
        let folder = try TemporaryFolder("cli-validate")
        try folder.write("bad.json", Array(#"{"features": [{"type": "resize", "outputs": [{"width": 0}, {"percent": 2000}]}, {"type": "convert", "outputs": [{"format": "bmp"}]}]}"#.utf8))
        let result = try await runProcess(try pipelineExecutable(), ["validate", "\(folder.path)/bad.json", "\(repositoryRoot)/Configurations/thumbnails.json"])
        #expect(result.status == 3)
        #expect(result.stdout == """
            \(folder.path)/bad.json: invalid configuration (3 problems):
              features[0].outputs[0].width: expected a whole number from 1 to 16384 pixels, got 0
              features[0].outputs[1].percent: expected a number from 1 to 1000, got 2000
              features[1].outputs[0].format: expected one of "original", "jpeg", "png", "webp", "avif", "gif", "tiff", got "bmp"
            \(repositoryRoot)/Configurations/thumbnails.json: valid (2 features, 6 outputs per source)

            """)
    }

    @Test func receiveRunsTheReceiverBesideItOrSaysHowToBuildIt() async throws {
        // Beside its pipeline-receiver: the receiver's own usage, its exit code for a bad secret.
        let help = try await runProcess(try pipelineExecutable(), ["receive", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: pipeline receive [--port <port>]"), "\(help.stdout)")
        let badSecret = try await runProcess(try pipelineExecutable(), ["receive", "--secret", "nope"])
        #expect(badSecret.status == 2)
        #expect(badSecret.stderr.contains("error: --secret:"), "\(badSecret.stderr)")
        // A pipeline copied without it: a usage error naming the missing file and how to build it.
        let folder = try TemporaryFolder("cli-receive")
        let lonely = "\(folder.path)/pipeline"
        try FileManager.default.copyItem(atPath: try pipelineExecutable(), toPath: lonely)
        let missing = try await runProcess(lonely, ["receive", "--port", "0"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("\(folder.path)/pipeline-receiver, which is not there"), "\(missing.stderr)")
        #expect(missing.stderr.contains("--product pipeline-receiver"))
    }

    @Test func everyShippedConfigurationIsValid() async throws {
        let folder = "\(repositoryRoot)/Configurations"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 4)
        let result = try await runProcess(try pipelineExecutable(), ["validate"] + files.map { "\(folder)/\($0)" })
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func planShowsLessWorkThanDeclaredAndTheSameLeafPaths() async throws {
        let folder = try TemporaryFolder("cli-plan")
        let sizes = (1...20).map { #"{"width": \#($0 * 100)}"# }.joined(separator: ",")
        try folder.write("mixed.json", Array(#"{"features": [{"type": "resize", "outputs": [\#(sizes)]}, {"type": "grayscale"}, {"type": "convert", "outputs": [{"format": "jpeg"}, {"format": "webp"}, {"format": "png"}]}]}"#.utf8))
        let result = try await runProcess(try pipelineExecutable(), ["plan", "\(folder.path)/mixed.json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Declared order (work 100):\n  features[0] resize ×20\n  features[1] grayscale ×1\n  features[2] convert ×3\n"))
        #expect(result.stdout.contains("Planned order (work 64):\n  features[1] grayscale ×1\n  features[2] convert ×3\n  features[0] resize ×20\n"))
        let leaves = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  output/") }
        #expect(leaves.count == 60)
        #expect(leaves.first == "  output/100w/gray/jpeg/<source>.jpg")

        let json = try await runProcess(try pipelineExecutable(), ["plan", "\(folder.path)/mixed.json", "--json", "--source", "\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(report?["plannedWork"] as? Int == 64)
        #expect((report?["leaves"] as? [[String: Any]])?.first?["width"] as? Int == 100)
    }

    @Test func theSameJobIdGivesByteIdenticalZIPsFromTheCLI() async throws {
        let folder = try TemporaryFolder("cli-repro")
        let arguments = ["run", "\(repositoryRoot)/Configurations/percent-set.json", "\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg",
                         "\(repositoryRoot)/Samples/arc-colors-transparent_2140x1200.png", "--job-id", "X"]
        #expect(try await runProcess(try pipelineExecutable(), arguments + ["-o", "\(folder.path)/a.zip"]).status == 0)
        #expect(try await runProcess(try pipelineExecutable(), arguments + ["-o", "\(folder.path)/b.zip", "--concurrency", "1"]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/a.zip"))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/b.zip"))))
        let manifest = try await verifyArchive("\(folder.path)/a.zip")
        #expect(manifest.outputs.map(\.path).contains("output/25pct/proof/arc-colors-transparent_2140x1200.png"))
    }

    @Test func aDecodeBudgetChangesWhenSourcesStartNotWhatTheyGive() async throws {
        // Two progressive JPEGs (whole-image decodes) among sequential ones: with a budget of
        // 1 MiB they take turns, and the ZIP is byte for byte the one the default budget gives.
        let folder = try TemporaryFolder("cli-budget")
        _ = try folder.copy(["\(repositoryRoot)/Tests/ImagingTests/Fixtures/matrix/progressive.jpg",
                         "\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg", "\(repositoryRoot)/Tests/ImagingTests/Fixtures/matrix/baseline.jpg"],
                        into: "in")
        try FileManager.default.copyItem(atPath: "\(folder.path)/in/progressive.jpg", toPath: "\(folder.path)/in/progressive-2.jpg")
        let arguments = ["run", "\(repositoryRoot)/Configurations/thumbnails.json", "\(folder.path)/in", "--job-id", "B", "--concurrency", "2"]
        #expect(try await runProcess(try pipelineExecutable(), arguments + ["-o", "\(folder.path)/a.zip"]).status == 0)
        #expect(try await runProcess(try pipelineExecutable(), arguments + ["-o", "\(folder.path)/b.zip", "--decode-budget", "1"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/a.zip")) == (try Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/b.zip"))))
        let manifest = try await verifyArchive("\(folder.path)/b.zip")
        #expect(Set(manifest.sources.map(\.status)) == [.succeeded])
        #expect(manifest.sources.count == 4)

        let refused = try await runProcess(try pipelineExecutable(), arguments + ["--decode-budget", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--decode-budget must be from 1 to 1048576 (MiB), got 0"))
        // The server's jobs take the same setting, checked the same way.
        let server = URL(fileURLWithPath: try pipelineExecutable()).deletingLastPathComponent().appendingPathComponent("pipeline-server").path
        let serverRefused = try await runProcess(server, ["serve", "--data", "\(folder.path)/data", "--decode-budget", "2000000"])
        #expect(serverRefused.status == 64) // pipeline-server leaves ArgumentParser's usage code
        #expect(serverRefused.stderr.contains("--decode-budget must be from 1 to 1048576 (MiB), got 2000000"))
    }

    @Test func exitCodesTellUsagePartialAndFailureApart() async throws {
        let folder = try TemporaryFolder("cli-codes")
        let config = "\(repositoryRoot)/Configurations/thumbnails.json"
        let usage = try await runProcess(try pipelineExecutable(), ["run", config])
        #expect(usage.status == 2)
        let missing = try await runProcess(try pipelineExecutable(), ["run", config, "\(folder.path)/nope"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("input \(folder.path)/nope does not exist"))
        let badJob = try await runProcess(try pipelineExecutable(), ["run", config, folder.path, "--job-id", "../x"])
        #expect(badJob.status == 2)

        try folder.copy(["\(repositoryRoot)/Samples/fallenleaf_2560x1600.jpg"], into: "mixed")
        try folder.write("mixed/broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0])
        let partial = try await runProcess(try pipelineExecutable(), ["run", config, "\(folder.path)/mixed", "-o", "\(folder.path)/p.zip"])
        #expect(partial.status == 4)
        #expect(partial.stdout.contains("failed broken.jpg: "))

        try folder.write("only-broken.png", [1, 2, 3])
        let failed = try await runProcess(try pipelineExecutable(), ["run", config, "\(folder.path)/only-broken.png", "-o", "\(folder.path)/f.zip"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("failed only-broken.png: UNSUPPORTED_FORMAT"))

        let invalid = try await runProcess(try pipelineExecutable(), ["plan", "\(folder.path)/only-broken.png"])
        #expect(invalid.status == 3)
    }

    @Test func templatesListsTheCatalogue() async throws {
        let result = try await runProcess(try pipelineExecutable(), ["templates"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == SocialTemplateCatalog.shipped.templates.count)
        #expect(rows.contains { $0.contains("instagram-portrait") && $0.contains("1080x1350") })
    }
}
