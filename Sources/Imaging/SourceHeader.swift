import CVipsShim
import Foundation
import PipelineCore

/// What a source is, found out before any pixel is decoded: its format from its own bytes,
/// then its header from that format's libvips loader, checked against the `SourcePolicy`.
public struct SourceHeader: Sendable, Hashable {
    /// The size after EXIF auto-orientation.
    public var size: PixelSize
    /// The EXIF orientation (1–8; 1 when absent).
    public var orientation: Int
    public var hasAlpha: Bool
    /// The format recognised from the leading bytes.
    public var format: SourceFormat
    /// Frames (pages) in the file; 1 for a still image.
    public var frames: Int
    public var fileBytes: Int
    /// The page read, 0-based: a PDF made into an image (`output.page` − 1); 0 for anything else.
    public var page = 0

    /// The planner's view of the source.
    public var planningInput: SourceDescription {
        SourceDescription(size: size, format: format.originalOutput, frames: frames)
    }

    /// Whether the file at `path` is a PDF by its first bytes (SPEC §12), read without parsing it.
    public static func isPDF(path: String) -> Bool {
        sniffedFormat(path: path, reading: FormatSniffer.pdfSignatureWindow) == .pdf
    }

    /// The image format the first bytes of the file at `path` show, if any.
    static func sniffedFormat(path: String, reading count: Int = FormatSniffer.prefixLength) -> SourceFormat? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard case .image(let format) = FormatSniffer.sniff([UInt8]((try? handle.read(upToCount: count)) ?? Data())) else { return nil }
        return format
    }

    /// What is known of a PDF without parsing it, which only a worker process of its own does
    /// (SPEC §12): its format and bytes, within the policy's file size; no pixel size (pages
    /// have sizes of their own).
    public static func unparsedDocument(path: String, name: String, policy: SourcePolicy) throws(ImagingError) -> SourceHeader {
        let (_, fileBytes) = try leadingBytes(path, name: name)
        if fileBytes > policy.maxFileBytes {
            throw ImagingError(code: .sourceTooLarge, message: "\(name) is \(fileBytes) bytes; the limit is \(policy.maxFileBytes) bytes")
        }
        return SourceHeader(size: PixelSize(width: 0, height: 0), orientation: 1, hasAlpha: false, format: .pdf, frames: 1, fileBytes: fileBytes)
    }

    /// Reads and checks the source at `path`; every refusal names the file and the reason. A PDF
    /// (read as an image only when the policy allows it) is its page `page` (1-based).
    /// Messages call the file `name` (as its sender named it; a server's blob has a hash for a name).
    public static func read(path: String, name: String? = nil, policy: SourcePolicy = SourcePolicy(), page: Int = 1) throws(ImagingError) -> SourceHeader {
        try Libvips.start()
        let name = name ?? (path as NSString).lastPathComponent
        let (prefix, fileBytes) = try leadingBytes(path, name: name)
        if fileBytes > policy.maxFileBytes {
            throw ImagingError(code: .sourceTooLarge, message: "\(name) is \(fileBytes) bytes; the limit is \(policy.maxFileBytes) bytes")
        }
        let format: SourceFormat
        switch FormatSniffer.sniff(prefix) {
        case .empty:
            throw ImagingError(code: .emptyFile, message: "\(name) is empty (0 bytes)")
        case .other(let what):
            throw ImagingError(code: .unsupportedFormat, message: "\(name) is \(what), not an image format ImagePipeline reads (\(allowedList(policy)))")
        case .image(let found):
            guard policy.allowedFormats.contains(found) else {
                throw ImagingError(code: .unsupportedFormat, message: "\(name) is \(found.displayName), which is not enabled (\(allowedList(policy)); the operator can enable SVG and PDF)")
            }
            format = found
        }
        if format == .heif { try Libvips.loadHEIF() }
        if format == .svg, let reference = try svgReference(path) {
            throw ImagingError(code: .unsupportedFormat, message: "\(name) is an SVG that refers to \(reference) outside itself; embed resources as data: URLs")
        }

        var info = ip_header_info()
        guard ip_read_header(path, &info) == 0 else {
            if format == .tiff, let variant = tiffVariant(path) {
                _ = Libvips.takeErrorMessage()
                throw ImagingError(code: .unsupportedFormat, message: "\(name) is a TIFF with \(variant), which libvips cannot read; save it again as a baseline TIFF, PNG or JPEG")
            }
            throw ImagingError(code: .corruptImage, message: "\(name) looks like \(format.displayName) but its header cannot be read (\(Libvips.takeErrorMessage(source: path)))")
        }
        // libvips chose its loader itself: it must be the one for the format the bytes showed.
        let loader = withUnsafeBytes(of: info.loader) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard Self.format(ofLoader: loader) == format else {
            throw ImagingError(code: .unsupportedFormat, message: "\(name) starts like \(format.displayName) but libvips reads it as \(loader.isEmpty ? "something else" : loader); refusing an ambiguous file")
        }
        if format == .pdf, page > 1 {
            // Pages have sizes of their own: the chosen one's, once it is known to be there.
            let pages = Int(info.pages)
            guard page <= pages else {
                throw ImagingError(code: .pdfPageOutOfRange, message: "\(name) has \(pages) page\(pages == 1 ? "" : "s"); output.page asks for page \(page)")
            }
            guard ip_read_header_page(path, Int32(page - 1), &info) == 0 else {
                throw ImagingError(code: .corruptImage, message: "\(name): page \(page) cannot be read (\(Libvips.takeErrorMessage(source: path)))")
            }
        }
        var header = SourceHeader(
            size: PixelSize(width: Int(info.width), height: Int(info.height)),
            orientation: Int(info.orientation),
            hasAlpha: info.has_alpha != 0,
            format: format,
            // A PDF's page is one image, however many pages the document has.
            frames: format == .pdf ? 1 : max(1, Int(info.pages)),
            fileBytes: fileBytes)
        if format == .pdf { header.page = max(0, page - 1) }
        try header.check(against: policy, name: name)
        return header
    }

    private func check(against policy: SourcePolicy, name: String) throws(ImagingError) {
        let declared = "\(size.width)x\(size.height)"
        if size.width > policy.maxSide || size.height > policy.maxSide {
            throw ImagingError(code: .sourceTooLarge, message: "\(name) declares \(declared) pixels; the longest side allowed is \(policy.maxSide)")
        }
        let pixels = size.width * size.height
        if pixels > policy.maxPixels {
            throw ImagingError(code: .sourceTooLarge, message: "\(name) declares \(declared) = \(pixels) pixels; the limit is \(policy.maxPixels) (raise it with --max-pixels if such images are expected)")
        }
        let total = pixels.multipliedReportingOverflow(by: frames)
        if total.overflow || total.partialValue > policy.maxTotalPixels {
            throw ImagingError(code: .sourceTooLarge, message: "\(name) declares \(frames) frames of \(declared) pixels; the limit for all frames together is \(policy.maxTotalPixels) pixels")
        }
    }

    private static func format(ofLoader loader: String) -> SourceFormat? {
        let prefixes: [(String, SourceFormat)] = [("jpegload", .jpeg), ("pngload", .png), ("gifload", .gif), ("webpload", .webp),
                                                  ("tiffload", .tiff), ("heifload", .heif), ("svgload", .svg), ("pdfload", .pdf)]
        return prefixes.first { loader.hasPrefix($0.0) }?.1
    }

    private static func allowedList(_ policy: SourcePolicy) -> String {
        let names = SourceFormat.allCases.filter(policy.allowedFormats.contains).map(\.displayName)
        return "readable: " + names.joined(separator: ", ")
    }

    private static func leadingBytes(_ path: String, name: String) throws(ImagingError) -> ([UInt8], Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImagingError(code: .unreadableFile, message: "\(name) cannot be opened for reading")
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        try? handle.seek(toOffset: 0)
        let bytes = (try? handle.read(upToCount: FormatSniffer.prefixLength)) ?? Data()
        return ([UInt8](bytes), size)
    }

    /// The unsupported TIFF variant the file at `path` is, if any (`TIFFVariant`).
    private static func tiffVariant(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return TIFFVariant.unsupported { offset, count in
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil, let data = try? handle.read(upToCount: count) else { return nil }
            return [UInt8](data)
        }
    }

    private static func svgReference(_ path: String) throws(ImagingError) -> String? {
        // An SVG big enough to hide a reference past this is refused by its size anyway.
        guard let handle = FileHandle(forReadingAtPath: path),
              let data = try? handle.read(upToCount: 8 * 1024 * 1024) else { return nil }
        try? handle.close()
        return FormatSniffer.externalReference(inSVG: String(decoding: data, as: UTF8.self))
    }
}
