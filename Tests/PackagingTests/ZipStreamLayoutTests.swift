import Foundation
import Packaging
import Testing

/// A ZIP laid out front to back (`ZipStreamLayout`) is a ZIP every reader opens: libzip reads
/// each entry back byte for byte, and Info-ZIP's `unzip -t` checks every CRC.
@Suite struct ZipStreamLayoutTests {
    /// CRC-32 as ZIP stores it (the library computes it in C at upload; this is the test's own).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }

    @Test(arguments: [0, 1, 3])
    func aStreamedLayoutIsAZIPThatLibzipAndUnzipRead(_ count: Int) throws {
        let contents: [(String, [UInt8])] = Array([
            ("shoes/red/a.jpg", (0..<70_000).map { UInt8($0 % 251) }),
            ("empty.txt", []),
            ("Café (2).png", Array("ünïcode name".utf8)),
        ].prefix(count))
        let layout = try ZipStreamLayout(entries: contents.map {
            ZipStreamLayout.Entry(name: $0.0, size: $0.1.count, crc32: Self.crc32($0.1), modified: Date(timeIntervalSince1970: 1_800_000_000))
        })
        var archive: [UInt8] = []
        for (index, content) in contents.enumerated() {
            #expect(archive.count == layout.offsets[index])
            archive += layout.localHeader(index) + content.1
        }
        archive += layout.centralDirectory
        #expect(archive.count == layout.totalBytes, "the length is known before the first byte")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(archive).write(to: URL(fileURLWithPath: path))
        let reader = try ZipArchiveReader(path: path)
        #expect(reader.entryNames == contents.map(\.0))
        for (name, bytes) in contents {
            #expect(try reader.read(name) == bytes, "\(name)")
            #expect(try reader.isStored(name))
        }
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-tq", path]
        unzip.standardOutput = FileHandle.nullDevice
        try unzip.run()
        unzip.waitUntilExit()
        // Info-ZIP answers 1 ("a warning") for an archive with no entries, and 0 for one whose
        // every CRC checks.
        #expect(unzip.terminationStatus == (contents.isEmpty ? 1 : 0), "unzip -t found an error")
    }

    @Test func limitsAreRefusedBeforeAnyByteIsSent() {
        #expect(throws: ZipStreamLayout.LayoutError.tooManyEntries(65_536)) {
            _ = try ZipStreamLayout(entries: Array(repeating: ZipStreamLayout.Entry(name: "a", size: 0, crc32: 0, modified: Date()), count: 65_536))
        }
        #expect(throws: ZipStreamLayout.LayoutError.self) {
            _ = try ZipStreamLayout(entries: [ZipStreamLayout.Entry(name: "big", size: Int(UInt32.max), crc32: 0, modified: Date())])
        }
    }
}
