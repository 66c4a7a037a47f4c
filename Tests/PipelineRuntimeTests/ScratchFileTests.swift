import Foundation
import PipelineRuntime
import Testing

@Suite struct ScratchFileTests {
    @Test func writesTheBytesReplacingWhatWasThereWithOwnerOnlyAccess() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/scratch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/0.jpg"
        let long = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try ScratchFile.write(long, to: path)
        #expect(FileManager.default.contents(atPath: path) == Data(long))
        // A shorter write leaves nothing of the longer one behind.
        try ScratchFile.write([1, 2, 3], to: path)
        #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
        try ScratchFile.write([UInt8](), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data())
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    @Test func aFolderThatIsNotThereIsNamedInTheError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/0.jpg"
        #expect {
            try ScratchFile.write([1], to: path)
        } throws: { error in
            "\(error)".contains(path) && "\(error)".contains("No such file or directory")
        }
    }
}
