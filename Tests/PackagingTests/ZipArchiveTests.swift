import Foundation
import Packaging
import Testing

@Suite struct ZipArchiveTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("zip-test-\(UUID().uuidString)-\(name)").path
    }

    func writeSample(to path: String, imageFile: String) throws {
        let writer = try ZipArchiveWriter(path: path)
        try writer.add(name: "configuration/manifest.json", bytes: Array(String(repeating: "{\"a\": 1}\n", count: 200).utf8), compress: true)
        try writer.add(name: "output/800w/photo.jpg", file: imageFile, compress: false)
        try writer.close()
    }

    @Test func entriesKeepTheirOrderMethodAndBytes() throws {
        let image = temporaryPath("image.bin")
        let payload = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(payload).write(to: URL(fileURLWithPath: image))
        defer { try? FileManager.default.removeItem(atPath: image) }
        let archive = temporaryPath("a.zip")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try writeSample(to: archive, imageFile: image)

        let reader = try ZipArchiveReader(path: archive)
        #expect(reader.entryNames == ["configuration/manifest.json", "output/800w/photo.jpg"])
        #expect(try reader.isStored("output/800w/photo.jpg"))
        #expect(try !reader.isStored("configuration/manifest.json"))
        #expect(try reader.read("output/800w/photo.jpg") == payload)
        #expect(try reader.read("configuration/manifest.json").count == 1800)
    }

    @Test func theSameContentGivesByteIdenticalArchives() throws {
        let image = temporaryPath("image.bin")
        try Data((0..<1000).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: image))
        defer { try? FileManager.default.removeItem(atPath: image) }
        let first = temporaryPath("1.zip"), second = temporaryPath("2.zip")
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        try writeSample(to: first, imageFile: image)
        Thread.sleep(forTimeInterval: 1.1) // a wall-clock timestamp would now differ
        try writeSample(to: second, imageFile: image)
        let a = try Data(contentsOf: URL(fileURLWithPath: first)), b = try Data(contentsOf: URL(fileURLWithPath: second))
        #expect(a == b)
        #expect(a.count > 1000)
    }

    @Test func anEntryCannotBeAddedTwice() throws {
        let archive = temporaryPath("dup.zip")
        let writer = try ZipArchiveWriter(path: archive)
        try writer.add(name: "x", bytes: [1], compress: false)
        #expect(throws: PackagingError("entry x is added twice")) {
            try writer.add(name: "x", bytes: [2], compress: false)
        }
    }

    @Test func anUnclosedArchiveLeavesNothingBehind() throws {
        let folder = temporaryPath("folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let writer = try ZipArchiveWriter(path: "\(folder)/never.zip")
            try writer.add(name: "x", bytes: [1, 2, 3], compress: true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test func aMissingFolderIsReportedByPath() {
        let folder = "/nonexistent-folder-\(UUID().uuidString)"
        #expect(throws: PackagingError("cannot create \(folder)/x.zip: the folder \(folder) does not exist or is not writable")) {
            _ = try ZipArchiveWriter(path: "\(folder)/x.zip")
        }
    }
}
