import Foundation
import Packaging
import PipelineCore
import PipelineRuntime
import Testing

/// The smallest things a new user tries: one output, one file, a folder as an upload store
/// leaves it.
@Suite(.serialized) struct SmallestCaseTests {
    @Test func theSimplestTemplateConfigurationGivesOneSquarePerSample() async throws {
        let folder = try TemporaryFolder("cli-square")
        try folder.write("square.json", Array(#"{ "id": "square", "features": [ { "type": "resize", "outputs": [ { "template": "instagram-square" } ] } ] }"#.utf8))
        let result = try await runProcess(try pipelineExecutable(), ["run", "\(folder.path)/square.json"] + samplePhotos + ["-o", "\(folder.path)/out.zip"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let manifest = try await verifyArchive("\(folder.path)/out.zip")
        #expect(manifest.outputs.count == 3)
        #expect(manifest.outputs.allSatisfy { $0.width == 1080 && $0.height == 1080 })
    }

    /// An upload store's folder: files named by hash, a README, a hidden file.
    private func uploadFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("uploads")
        let matrix = "\(repositoryRoot)/Tests/ImagingTests/Fixtures/matrix"
        try folder.copy(["\(matrix)/baseline.jpg", "\(matrix)/rgba.png", "\(matrix)/lossy.webp"], into: "uploads",
                        renaming: ["3fa9c0d1e2", "b7e21f0a", "photo.webp"])
        try folder.write("uploads/notes.txt", Array("not an image".utf8))
        try folder.write("uploads/9d1e0c", Array(#"{"not": "an image"}"#.utf8))
        try folder.write("uploads/.DS_Store", [0, 0, 0, 1])
        return folder
    }

    @Test func filesWithoutAnExtensionAreTakenWhenTheirBytesAreAnImage() throws {
        let folder = try uploadFolder()
        let search = try SourceDiscovery.search(["\(folder.path)/uploads"])
        #expect(search.sources.map(\.name) == ["3fa9c0d1e2", "b7e21f0a", "photo.webp"])
        #expect(search.skipped == [
            SourceSearch.Skipped(name: "9d1e0c", reason: "it has no extension and is JSON or other text"),
            SourceSearch.Skipped(name: "notes.txt", reason: "its extension .txt is not an image's"),
        ])
    }

    @Test func aRunSaysHowManyFilesItSkippedAndVerboseListsThem() async throws {
        let folder = try uploadFolder()
        let config = "\(repositoryRoot)/Configurations/thumbnails.json"
        let quiet = try await runProcess(try pipelineExecutable(), ["run", config, "\(folder.path)/uploads", "-o", "\(folder.path)/a.zip"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.contains("skipped 2 files that are not images; --verbose lists them\n"), "\(quiet.stderr)")
        #expect(try await verifyArchive("\(folder.path)/a.zip").sources.map(\.source) == ["3fa9c0d1e2", "b7e21f0a", "photo.webp"])
        let verbose = try await runProcess(try pipelineExecutable(), ["run", config, "\(folder.path)/uploads", "-o", "\(folder.path)/b.zip", "--verbose"])
        #expect(verbose.stderr.contains("""
            skipped 2 files that are not images:
              9d1e0c: it has no extension and is JSON or other text
              notes.txt: its extension .txt is not an image's

            """), "\(verbose.stderr)")
    }
}
