import Foundation

/// A ZIP written front to back, for streaming a selection of stored files to a client: every
/// entry stored as it is (images are compressed already), its size and CRC-32 known before it is
/// sent (the library keeps both), so each local header is complete, no byte is read twice, no
/// seek back is needed, and the whole length is known before the first byte (`Content-Length`).
/// Plain ZIP, not ZIP64: at most 65,535 entries and 4 GiB, above what a selection may hold.
public struct ZipStreamLayout: Sendable {
    public struct Entry: Sendable, Hashable {
        /// The path inside the archive (`shoes/red/a.jpg`), UTF-8.
        public var name: String
        public var size: Int
        public var crc32: UInt32
        public var modified: Date

        public init(name: String, size: Int, crc32: UInt32, modified: Date) {
            self.name = name
            self.size = size
            self.crc32 = crc32
            self.modified = modified
        }
    }

    public enum LayoutError: Error, Equatable {
        case tooManyEntries(Int)
        case tooLarge(Int)
        case nameTooLong(String)
    }

    public let entries: [Entry]
    /// Where each entry's local header starts.
    public let offsets: [Int]
    public let centralDirectoryOffset: Int

    public init(entries: [Entry]) throws(LayoutError) {
        guard entries.count <= 65_535 else { throw .tooManyEntries(entries.count) }
        var offsets: [Int] = []
        var at = 0
        for entry in entries {
            guard entry.name.utf8.count <= 65_535 else { throw .nameTooLong(entry.name) }
            offsets.append(at)
            at += 30 + entry.name.utf8.count + entry.size
        }
        let end = at + entries.reduce(0) { $0 + 46 + $1.name.utf8.count } + 22
        guard end < Int(UInt32.max) else { throw .tooLarge(end) }
        self.entries = entries
        self.offsets = offsets
        centralDirectoryOffset = at
    }

    /// The archive's length in bytes.
    public var totalBytes: Int { centralDirectoryOffset + centralDirectory.count }

    /// The bytes that precede entry `index`'s data.
    public func localHeader(_ index: Int) -> [UInt8] {
        let entry = entries[index]
        var bytes: [UInt8] = []
        bytes.append(uint32: 0x0403_4b50)
        Self.appendCommonFields(entry, to: &bytes)
        bytes.append(uint16: 0)             // no extra field
        bytes.append(contentsOf: Array(entry.name.utf8))
        return bytes
    }

    /// What the local header and the central directory both say of an entry, from "version
    /// needed" to the name's length.
    private static func appendCommonFields(_ entry: Entry, to bytes: inout [UInt8]) {
        bytes.append(uint16: 20)            // version needed to extract: 2.0
        bytes.append(uint16: 0x0800)        // names are UTF-8
        bytes.append(uint16: 0)             // stored
        let (time, date) = dos(entry.modified)
        bytes.append(uint16: time)
        bytes.append(uint16: date)
        bytes.append(uint32: entry.crc32)
        bytes.append(uint32: UInt32(entry.size))
        bytes.append(uint32: UInt32(entry.size))
        bytes.append(uint16: UInt16(entry.name.utf8.count))
    }

    /// The central directory and its end record: the archive's last bytes.
    public var centralDirectory: [UInt8] {
        var bytes: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            bytes.append(uint32: 0x0201_4b50)
            bytes.append(uint16: 0x031E)    // made by: Unix, 3.0
            Self.appendCommonFields(entry, to: &bytes)
            bytes.append(uint16: 0)         // extra
            bytes.append(uint16: 0)         // comment
            bytes.append(uint16: 0)         // disk
            bytes.append(uint16: 0)         // internal attributes
            bytes.append(uint32: 0o100644 << 16) // a regular file, rw-r--r--
            bytes.append(uint32: UInt32(offsets[index]))
            bytes.append(contentsOf: Array(entry.name.utf8))
        }
        let size = bytes.count
        bytes.append(uint32: 0x0605_4b50)
        bytes.append(uint16: 0)
        bytes.append(uint16: 0)
        bytes.append(uint16: UInt16(entries.count))
        bytes.append(uint16: UInt16(entries.count))
        bytes.append(uint32: UInt32(size))
        bytes.append(uint32: UInt32(centralDirectoryOffset))
        bytes.append(uint16: 0)
        return bytes
    }

    /// MS-DOS time and date (UTC; 1980 at the earliest).
    static func dos(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(1980, min(2107, parts.year ?? 1980))
        let time = UInt16((parts.hour ?? 0) << 11 | (parts.minute ?? 0) << 5 | (parts.second ?? 0) / 2)
        let day = UInt16((year - 1980) << 9 | (parts.month ?? 1) << 5 | (parts.day ?? 1))
        return (time, day)
    }
}
