import CVipsShim
import Foundation
import PipelineCore

/// What a source's header says, read without decoding pixels.
public struct SourceHeader: Sendable, Hashable {
    /// The size after EXIF auto-orientation.
    public var size: PixelSize
    /// The EXIF orientation (1–8; 1 when absent).
    public var orientation: Int
    public var hasAlpha: Bool
    /// libvips' loader, e.g. `jpegload`.
    public var loader: String

    /// The format `original` writes for this source: the source's own where libvips can
    /// write it, PNG otherwise (SVG, PDF, JPEG XL, …); HEIC/AVIF sources are written as AVIF.
    public var originalFormat: ImageFormat {
        if loader.hasPrefix("jpeg") { return .jpeg }
        if loader.hasPrefix("png") { return .png }
        if loader.hasPrefix("webp") { return .webp }
        if loader.hasPrefix("gif") { return .gif }
        if loader.hasPrefix("tiff") { return .tiff }
        if loader.hasPrefix("heif") { return .avif }
        return .png
    }

    /// The planner's view of the source.
    public var description: SourceDescription {
        SourceDescription(size: size, format: originalFormat)
    }

    /// Reads the header of the file at `path`.
    public static func read(path: String) throws(ImagingError) -> SourceHeader {
        try Libvips.start()
        let name = (path as NSString).lastPathComponent
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
           (attributes[.size] as? NSNumber)?.intValue == 0 {
            throw ImagingError(code: .emptyFile, message: "\(name) is empty (0 bytes)")
        }
        var info = ip_header_info()
        guard ip_read_header(path, &info) == 0 else {
            let detail = Libvips.takeErrorMessage()
            let code: ImagingError.Code = detail.contains("is not a known file format") ? .unsupportedFormat : .corruptImage
            let reason = code == .unsupportedFormat ? "is not an image format ImagePipeline reads" : "has a header that cannot be read"
            throw ImagingError(code: code, message: "\(name) \(reason) (\(detail))")
        }
        let loader = withUnsafeBytes(of: info.loader) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return SourceHeader(
            size: PixelSize(width: Int(info.width), height: Int(info.height)),
            orientation: Int(info.orientation),
            hasAlpha: info.has_alpha != 0,
            loader: loader)
    }
}
