/// An output encoding. `original` keeps the source's format where it can be written. `pdf` is
/// what a PDF source gives (SPEC §12): an output's and a plan's format, never one a
/// configuration asks for (`configurable`).
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case original, jpeg, png, webp, avif, gif, tiff, pdf

    /// The formats a configuration may ask for.
    public static let configurable: [ImageFormat] = allCases.filter { $0 != .pdf }

    /// The file extension written for the format.
    public var fileExtension: String {
        switch self {
        case .original: "bin"
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .avif: "avif"
        case .gif: "gif"
        case .tiff: "tiff"
        case .pdf: "pdf"
        }
    }

    /// Whether the format stores an alpha channel (otherwise alpha is flattened).
    public var supportsAlpha: Bool {
        switch self {
        case .jpeg, .original, .pdf: false
        case .png, .webp, .avif, .gif, .tiff: true
        }
    }

    /// The formats whose `quality` setting means something.
    /// Whether the format can hold an animation (kept with `output.animation: keep`).
    public var animates: Bool { self == .gif || self == .webp }

    /// Whether the encoder takes a quality (PNG below 100 quantises to a palette).
    public var hasQuality: Bool { ImageFormat.lossyFormats.contains(self) }

    public static let lossyFormats: [ImageFormat] = [.jpeg, .webp, .avif, .png]
}

extension ImageFormat: AcceptedSpellings {
    public static let otherSpellings: [String: ImageFormat] = ["jpg": .jpeg, "jpe": .jpeg, "tif": .tiff]
}
