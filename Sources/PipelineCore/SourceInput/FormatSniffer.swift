import Foundation

/// Recognises a file's format from its leading bytes, so that libvips never has to guess
/// (its guessing runs every loader's sniffer, and some of those hang on hostile input).
public enum FormatSniffer {
    /// How many leading bytes `sniff` looks at.
    public static let prefixLength = 4096

    /// What the leading bytes are.
    public enum Result: Sendable, Hashable {
        case empty
        case image(SourceFormat)
        /// Something else, described for a message ("a ZIP archive", "HTML", …).
        case other(String)
    }

    /// Recognises `bytes`, the first `prefixLength` bytes of a file (or all of a shorter one).
    public static func sniff(_ bytes: [UInt8]) -> Result {
        guard !bytes.isEmpty else { return .empty }
        func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + signature.count && Array(bytes[offset..<offset + signature.count]) == signature
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }

        if starts([0xFF, 0xD8, 0xFF]) { return .image(.jpeg) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .image(.png) }
        if ascii("GIF87a") || ascii("GIF89a") { return .image(.gif) }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return .image(.webp) }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B]) { return .image(.tiff) }
        if ascii("ftyp", at: 4), bytes.count >= 12 {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "avif", "avis"].contains(brand) {
                return .image(.heif)
            }
            return .other("an ISO media file of brand \"\(brand)\" (video or another container)")
        }
        if ascii("%PDF-") { return .image(.pdf) }
        if starts([0xFF, 0x0A]) || starts([0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) { return .other("JPEG XL") }
        if starts([0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51]) { return .other("JPEG 2000") }
        if ascii("BM") { return .other("BMP") }
        if ascii("8BPS") { return .other("Photoshop (PSD)") }
        if starts([0x00, 0x00, 0x01, 0x00]) { return .other("an icon (ICO)") }
        if starts([0x76, 0x2F, 0x31, 0x01]) { return .other("OpenEXR") }
        if starts([0x1F, 0x8B]) { return .other("gzip-compressed data (e.g. SVGZ)") }
        if ascii("PK\u{03}\u{04}") { return .other("a ZIP archive") }
        // PDF readers take "%PDF-" anywhere in the first 1024 bytes (leading junk from a mail
        // gateway or a broken download); so does qpdf.
        if let text = leadingText(bytes), text.contains("<svg") { return .image(.svg) }
        if pdfSignature(within: bytes) { return .image(.pdf) }
        if let text = leadingText(bytes) {
            if text.hasPrefix("<!doctype html") || text.hasPrefix("<html") { return .other("HTML") }
            if text.hasPrefix("<?xml") { return .other("XML that is not SVG") }
            if text.hasPrefix("{") || text.hasPrefix("[") { return .other("JSON or other text") }
        }
        let hex = bytes.prefix(8).map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
        return .other("unrecognised data (first bytes \(hex))")
    }

    /// How far into a file a PDF's "%PDF-" may start.
    public static let pdfSignatureWindow = 1024

    /// Whether "%PDF-" starts within the first `pdfSignatureWindow` bytes.
    static func pdfSignature(within bytes: [UInt8]) -> Bool {
        let signature = Array("%PDF-".utf8)
        let last = min(bytes.count - signature.count, pdfSignatureWindow - signature.count)
        guard last >= 0 else { return false }
        return (0...last).contains { offset in bytes[offset] == signature[0] && Array(bytes[offset..<offset + signature.count]) == signature }
    }

    /// The bytes as lower-cased text without a BOM or leading white space, if they look like text.
    private static func leadingText(_ bytes: [UInt8]) -> String? {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let printable = body.prefix(512).allSatisfy { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || ($0 >= 0x20 && $0 != 0x7F) }
        guard printable else { return nil }
        return String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// For SVG: the first reference to something outside the document (a file or URL rather
    /// than `#fragment` or `data:`), which a loader could be made to read.
    public static func externalReference(inSVG text: String) -> String? {
        let pattern = /(?:xlink:)?href\s*=\s*["']\s*([^"']*)["']/
        for match in text.matches(of: pattern) {
            let target = String(match.1).trimmingCharacters(in: .whitespaces)
            if target.hasPrefix("#") || target.lowercased().hasPrefix("data:") { continue }
            return target
        }
        if let match = text.firstMatch(of: /url\(\s*["']?([^)"'#][^)"']*)["']?\s*\)/) {
            let target = String(match.1)
            if !target.lowercased().hasPrefix("data:") { return target }
        }
        if text.lowercased().contains("<!entity") { return "an XML entity declaration" }
        return nil
    }
}
