import Foundation
@testable import Packaging
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

    /// Every way an entry can be added, as the three readers a user has see it: libzip, Info-ZIP's
    /// `unzip -t` (every CRC) and Python's `zipfile` (which also reads ZIP64 records).
    static let contents: [(name: String, bytes: [UInt8], file: Bool, compress: Bool, knownCRC: Bool)] = [
        ("configuration/manifest.json", Array(String(repeating: "{\"a\": 1}\n", count: 300).utf8), false, true, false),
        ("output/a.jpg", (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }, true, false, true),
        ("output/b.jpg", (0..<70_000).map { UInt8($0 % 251) }, true, false, false),
        ("output/empty.jpg", [], true, false, true),
        ("output/empty-unknown.jpg", [], true, false, false),
        ("output/Café (2).txt", Array("ünïcode".utf8), false, false, false),
        ("deflated-empty.json", [], false, true, false),
        ("deflated-file.json", Array(String(repeating: "abc", count: 999).utf8), true, true, false),
    ]

    func writeEveryKind(to archive: String, limits: ZipArchiveWriter.Limits) throws {
        let writer = try ZipArchiveWriter(path: archive, limits: limits)
        for (index, entry) in Self.contents.enumerated() {
            if entry.file {
                let file = temporaryPath("entry-\(index)")
                try Data(entry.bytes).write(to: URL(fileURLWithPath: file))
                defer { try? FileManager.default.removeItem(atPath: file) }
                try writer.add(name: entry.name, file: file, compress: entry.compress, crc32: entry.knownCRC ? ZipArchiveWriter.crc32(entry.bytes) : nil)
            } else {
                try writer.add(name: entry.name, bytes: entry.bytes, compress: entry.compress)
            }
        }
        try writer.close()
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Python's view: each entry's name, method, bytes (hex) and attributes, and testzip's verdict.
    static func pythonReads(_ archive: String) throws -> String {
        let script = """
        import sys, zipfile
        z = zipfile.ZipFile(sys.argv[1])
        print("bad:", z.testzip())
        for i in z.infolist():
            print(i.filename, i.compress_type, z.read(i).hex()[:64], len(z.read(i)), oct(i.external_attr >> 16), i.date_time)
        """
        let result = try run("/usr/bin/env", ["python3", "-c", script, archive])
        #expect(result.status == 0, "\(result.output)")
        return result.output
    }

    @Test(arguments: [
        ZipArchiveWriter.Limits(),
        // Sizes from 100 bytes, offsets from 100 and two entries on are written as ZIP64.
        ZipArchiveWriter.Limits(value: 100, count: 2),
    ])
    func everyKindOfEntryReadsBackInEveryReader(limits: ZipArchiveWriter.Limits) throws {
        let archive = temporaryPath("kinds.zip")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        try writeEveryKind(to: archive, limits: limits)
        let reader = try ZipArchiveReader(path: archive)
        #expect(reader.entryNames == Self.contents.map(\.name))
        for entry in Self.contents {
            #expect(try reader.read(entry.name) == entry.bytes, "\(entry.name)")
            #expect(try reader.isStored(entry.name) == !entry.compress, "\(entry.name)")
        }
        let unzip = try Self.run("/usr/bin/unzip", ["-tq", archive])
        #expect(unzip.status == 0, "unzip -t: \(unzip.output)")
        let python = try Self.pythonReads(archive)
        #expect(python.hasPrefix("bad: None\n"), "\(python)")
        for entry in Self.contents {
            let line = "\(entry.name) \(entry.compress ? 8 : 0) \(entry.bytes.prefix(32).map { String(format: "%02x", $0) }.joined()) \(entry.bytes.count) 0o100644 (2000, 1, 1, 0, 0, 0)"
            #expect(python.contains(line), "\(line) not in \(python)")
        }
    }

    @Test func zip64RecordsAreWrittenOnlyWhereTheClassicFieldsEnd() throws {
        let classic = temporaryPath("classic.zip"), forced = temporaryPath("forced.zip")
        defer {
            try? FileManager.default.removeItem(atPath: classic)
            try? FileManager.default.removeItem(atPath: forced)
        }
        try writeEveryKind(to: classic, limits: ZipArchiveWriter.Limits())
        try writeEveryKind(to: forced, limits: ZipArchiveWriter.Limits(value: 100, count: 2))
        let zip64End: [UInt8] = [0x50, 0x4b, 0x06, 0x06], locator: [UInt8] = [0x50, 0x4b, 0x06, 0x07]
        let a = [UInt8](try Data(contentsOf: URL(fileURLWithPath: classic))), b = [UInt8](try Data(contentsOf: URL(fileURLWithPath: forced)))
        func has(_ bytes: [UInt8], _ marker: [UInt8]) -> Bool { (0...(bytes.count - 4)).contains { Array(bytes[$0..<$0 + 4]) == marker } }
        #expect(!has(a, zip64End) && !has(a, locator))
        #expect(has(b, zip64End) && has(b, locator))
        #expect(b.count > a.count)
    }

    @Test func moreThan65535EntriesMakeAZip64ArchiveThatReadersCount() throws {
        let archive = temporaryPath("many.zip")
        defer { try? FileManager.default.removeItem(atPath: archive) }
        let writer = try ZipArchiveWriter(path: archive)
        for index in 0..<65_537 { try writer.add(name: "e\(index)", bytes: [UInt8(index % 256)], compress: false) }
        try writer.close()
        let reader = try ZipArchiveReader(path: archive)
        #expect(reader.entryNames.count == 65_537)
        #expect(try reader.read("e65536") == [0])
        let python = try Self.run("/usr/bin/env", ["python3", "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(len(z.namelist()), z.read('e65536').hex(), z.testzip())", archive])
        #expect(python.output == "65537 00 None\n", "\(python.output)")
    }
}
