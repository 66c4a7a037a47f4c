/// Names the TIFF layouts that libvips (through libtiff's RGBA-less reader) cannot decode, from
/// the file's first directory, so such a file is reported as unsupported rather than corrupt.
/// Pure: the caller supplies the bytes.
public enum TIFFVariant {
    /// The most directory entries read (a real first directory has a few dozen).
    static let maximumEntries = 4096

    /// Why the TIFF whose bytes `read(offset, count)` returns cannot be read, as a phrase
    /// ("old-style JPEG compression (compression 6)"), or nil when it is none of the known
    /// unsupported variants (or not a classic TIFF at all).
    public static func unsupported(read: (_ offset: Int, _ count: Int) -> [UInt8]?) -> String? {
        guard let header = read(0, 8), header.count == 8 else { return nil }
        let little: Bool
        switch (header[0], header[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func number(_ bytes: ArraySlice<UInt8>) -> Int {
            let ordered = little ? Array(bytes.reversed()) : Array(bytes)
            return ordered.reduce(0) { $0 << 8 | Int($1) }
        }
        guard number(header[2..<4]) == 42 else { return nil } // BigTIFF (43) is left to libvips
        let directory = number(header[4..<8])
        guard let countBytes = read(directory, 2), countBytes.count == 2 else { return nil }
        let count = min(number(countBytes[0..<2]), maximumEntries)
        guard let entries = read(directory + 2, count * 12), entries.count == count * 12 else { return nil }
        var compression = 1, photometric = -1
        var subsampling = (2, 2) // the TIFF default for YCbCr
        for index in 0..<count {
            let entry = entries[(index * 12)..<(index * 12 + 12)]
            let tag = number(entry.prefix(2)), type = number(entry.dropFirst(2).prefix(2))
            // The first SHORT (type 3) or LONG (type 4) value, stored in the entry itself.
            let value = type == 3 ? number(entry.dropFirst(8).prefix(2)) : number(entry.dropFirst(8).prefix(4))
            switch tag {
            case 259: compression = value
            case 262: photometric = value
            case 530 where type == 3: subsampling = (value, number(entry.dropFirst(10).prefix(2)))
            default: break
            }
        }
        if compression == 6 {
            return "old-style JPEG compression (TIFF compression 6, obsolete since 1995)"
        }
        if photometric == 6, compression != 7, subsampling != (1, 1) {
            return "subsampled YCbCr pixels (\(subsampling.0)×\(subsampling.1)) without JPEG compression"
        }
        return nil
    }
}
