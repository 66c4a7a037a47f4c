import Foundation
import PipelineStore
import Testing

@Suite struct FileBlobStoreTests {
    @Test func aBlobAppearsWholeUnderItsKeyAndKeysCannotLeaveTheFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let blobs = try FileBlobStore(root: root)
        let temporary = blobs.temporaryFile()
        try Data("hello".utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(blobs.path("sources/job-1/0") == nil)
        try blobs.put("sources/job-1/0", movingFile: temporary)
        #expect(try String(contentsOfFile: try #require(blobs.path("sources/job-1/0")), encoding: .utf8) == "hello")
        #expect(!FileManager.default.fileExists(atPath: temporary))
        for bad in ["../etc/passwd", "sources/../../x", "/abs", ".tmp/x", ""] {
            #expect(throws: (any Error).self) { try blobs.put(bad, movingFile: temporary) }
            #expect(blobs.path(bad) == nil)
        }
        try blobs.delete("sources/job-1/0")
        #expect(blobs.path("sources/job-1/0") == nil)
    }
}
