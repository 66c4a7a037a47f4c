/// How much memory a source's decoder holds for the whole image at once, found from the file's
/// own header bytes (no decoder runs): the term that makes a few sources take far more memory
/// than the rest, and that a job's scheduler budgets (`JobRequest.decodeBudget`).
///
/// Most decoders stream (a baseline JPEG, a non-interlaced PNG, a TIFF): they hold a few rows,
/// whatever the image's size, and count 0 here. The others hold the whole image:
/// - a progressive JPEG: libjpeg keeps every DCT coefficient of the full-size image until the
///   last scan, 128 bytes per 8 × 8 block of each component, even when it decodes at 1/8 scale
///   (a 16 MP progressive 4:4:4 JPEG: 96 MiB);
/// - an interlaced PNG: the whole decoded image (libspng);
/// - GIF and WebP: the whole frame as RGBA.
/// HEIF, TIFF, SVG and PDF count 0: their headers are not read here (a PDF is worked on in a
/// process of its own anyway).
public enum WholeImageDecode {
    /// What is wrong with a budget of `mebibytes` given as `--decode-budget` (by `pipeline run`
    /// and `pipeline-server serve` alike), or nil: from 1 MiB to 1 TiB.
    public static func budgetProblem(mebibytes: Int) -> String? {
        (1...1_048_576).contains(mebibytes) ? nil : "--decode-budget must be from 1 to 1048576 (MiB), got \(mebibytes)"
    }

    /// The most JPEG markers walked before giving up on finding the frame header.
    static let markerLimit = 256

    /// The bytes held, reading the file through `read(offset, count)` (fewer bytes back at
    /// the end of the file). Anything unrecognised or malformed counts 0: the decoder itself
    /// is the one that refuses a broken file, with its own message.
    public static func bytes(read: (_ offset: Int, _ count: Int) -> [UInt8]) -> Int {
        let head = read(0, 32)
        guard case .image(let format) = FormatSniffer.sniff(head) else { return 0 }
        switch format {
        case .jpeg: return jpegCoefficientBytes(read: read)
        case .png: return pngInterlacedBytes(head)
        case .gif: return rgbaBytes(width: little16(head, 6), height: little16(head, 8))
        case .webp: return webPCanvas(head).map { rgbaBytes(width: $0.width, height: $0.height) } ?? 0
        default: return 0
        }
    }

    /// A progressive (or arithmetic-coded progressive) JPEG's coefficient buffer; 0 for a
    /// sequential one.
    static func jpegCoefficientBytes(read: (_ offset: Int, _ count: Int) -> [UInt8]) -> Int {
        var offset = 2
        for _ in 0..<markerLimit {
            let marker = read(offset, 4)
            guard marker.count == 4, marker[0] == 0xFF else { return 0 }
            let code = marker[1]
            if code == 0xFF { offset += 1; continue } // fill byte
            if code == 0xD8 || (0xD0...0xD7).contains(code) || code == 0x01 { offset += 2; continue }
            let length = Int(marker[2]) << 8 | Int(marker[3])
            guard length >= 2 else { return 0 }
            // SOF markers are C0–CF except C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning).
            if (0xC0...0xCF).contains(code), ![0xC4, 0xC8, 0xCC].contains(code) {
                let progressive = [0xC2, 0xC6, 0xCA, 0xCE].contains(code)
                guard progressive else { return 0 }
                return progressiveBytes(frame: read(offset + 4, length - 2))
            }
            if code == 0xDA || code == 0xD9 { return 0 } // scan data before any frame header: broken
            offset += 2 + length
        }
        return 0
    }

    /// From a frame header's body: precision, height, width, components, then 3 bytes each.
    static func progressiveBytes(frame: [UInt8]) -> Int {
        guard frame.count >= 6 else { return 0 }
        let height = Int(frame[1]) << 8 | Int(frame[2])
        let width = Int(frame[3]) << 8 | Int(frame[4])
        let count = Int(frame[5])
        guard width > 0, height > 0, count > 0, frame.count >= 6 + 3 * count else { return 0 }
        var horizontal: [Int] = []
        var vertical: [Int] = []
        for component in 0..<count {
            let sampling = Int(frame[7 + 3 * component])
            horizontal.append(max(1, sampling >> 4))
            vertical.append(max(1, sampling & 0x0F))
        }
        let hMax = horizontal.max() ?? 1
        let vMax = vertical.max() ?? 1
        func blocks(_ size: Int, _ factor: Int, _ largest: Int) -> Int {
            // libjpeg: the component's size in blocks, rounded up to whole groups of its factor.
            let inBlocks = (size * factor + largest * 8 - 1) / (largest * 8)
            return (inBlocks + factor - 1) / factor * factor
        }
        var total = 0
        for component in 0..<count {
            total += blocks(width, horizontal[component], hMax) * blocks(height, vertical[component], vMax) * 64 * 2
        }
        return total
    }

    /// An interlaced PNG's decoded image (palette expanded to RGBA); 0 when not interlaced.
    static func pngInterlacedBytes(_ head: [UInt8]) -> Int {
        // Signature (8), IHDR length and type (8), width, height, depth, colour type, compression, filter, interlace.
        guard head.count >= 29, head[28] == 1 else { return 0 }
        // A hostile header may claim 2³² × 2³²; any side past 2²⁴ is refused by the source limits anyway.
        let width = min(big32(head, 16), 1 << 24)
        let height = min(big32(head, 20), 1 << 24)
        let sampleBytes = head[24] == 16 ? 2 : 1
        let channels: Int
        switch head[25] {
        case 0: channels = 1
        case 2: channels = 3
        case 4: channels = 2
        default: channels = 4 // 3 (palette, expanded) and 6 (RGBA)
        }
        return width * height * channels * sampleBytes
    }

    /// A WebP's canvas: from VP8X's 24-bit sizes, VP8L's 14-bit ones or VP8's frame header.
    static func webPCanvas(_ head: [UInt8]) -> (width: Int, height: Int)? {
        guard head.count >= 30 else { return nil }
        let chunk = String(decoding: head[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8X":
            let width = (Int(head[24]) | Int(head[25]) << 8 | Int(head[26]) << 16) + 1
            let height = (Int(head[27]) | Int(head[28]) << 8 | Int(head[29]) << 16) + 1
            return (width, height)
        case "VP8L":
            let bits = Int(head[21]) | Int(head[22]) << 8 | Int(head[23]) << 16 | Int(head[24]) << 24
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8 ":
            return (little16(head, 26) & 0x3FFF, little16(head, 28) & 0x3FFF)
        default:
            return nil
        }
    }

    static func rgbaBytes(width: Int, height: Int) -> Int { width * height * 4 }

    static func little16(_ bytes: [UInt8], _ at: Int) -> Int {
        bytes.count >= at + 2 ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : 0
    }

    static func big32(_ bytes: [UInt8], _ at: Int) -> Int {
        bytes.count >= at + 4 ? (at..<at + 4).reduce(0) { $0 << 8 | Int(bytes[$1]) } : 0
    }
}
