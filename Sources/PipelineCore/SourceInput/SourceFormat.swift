/// An image format recognised from a file's leading bytes.
public enum SourceFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg, png, gif, webp, tiff
    /// HEIF containers: HEIC and AVIF.
    case heif
    case svg, pdf

    /// The formats read unless the operator says otherwise (SVG and PDF must be enabled).
    public static let defaultAllowed: Set<SourceFormat> = [.jpeg, .png, .gif, .webp, .tiff, .heif]

    /// How the format is named in messages.
    public var displayName: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .gif: "GIF"
        case .webp: "WebP"
        case .tiff: "TIFF"
        case .heif: "HEIF/AVIF"
        case .svg: "SVG"
        case .pdf: "PDF"
        }
    }

    /// The format `original` writes for a source of this format.
    public var originalOutput: ImageFormat {
        switch self {
        case .jpeg: .jpeg
        case .png: .png
        case .gif: .gif
        case .webp: .webp
        case .tiff: .tiff
        case .heif: .avif
        case .svg, .pdf: .png
        }
    }
}
