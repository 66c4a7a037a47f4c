/// Encoding defaults for every output (the document's `output` object).
public struct OutputSettings: Sendable, Hashable, Encodable {
    /// The format written when no convert feature chooses one.
    public var format: ImageFormat = .original
    /// Quality per lossy format, used when no compress feature chooses one.
    public var quality: [ImageFormat: Int] = OutputSettings.defaultQuality
    public var metadata: MetadataPolicy = .strip
    public var colorProfile: ColorProfilePolicy = .srgb
    public var animation: AnimationPolicy = .firstFrame
    /// The colour alpha is flattened onto for formats without alpha, and `contain` pads with.
    public var background: RGBColor = .white
    /// Whether a server keeps every output file as an asset of its media library (SPEC §9).
    public var store = false
    /// What a PDF source becomes (SPEC §12).
    public var pdf: PDFHandling = .compress
    /// PDF sources: the resolution the images inside are downsampled to at their largest shown
    /// size by a lossy compress output.
    public var imageDpi = OutputSettings.defaultImageDpi
    /// PDF sources with `pdf: rasterize`: the page made into the image (1-based).
    public var page = 1

    public static let defaultImageDpi = 150

    public init() {}

    /// JPEG 82, WebP 80, AVIF 50, PNG 100 (100 keeps PNG lossless; lower values quantise to a palette).
    public static let defaultQuality: [ImageFormat: Int] = [.jpeg: 82, .webp: 80, .avif: 50, .png: 100]

    /// The quality for `format` when nothing else chooses one.
    public func quality(for format: ImageFormat) -> Int {
        quality[format] ?? OutputSettings.defaultQuality[format] ?? 100
    }

    enum CodingKeys: String, CodingKey { case format, quality, metadata, colorProfile, animation, background, store, pdf, imageDpi, page }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        var byName: [String: Int] = [:]
        for (format, value) in quality { byName[format.rawValue] = value }
        try container.encode(byName, forKey: .quality)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(colorProfile, forKey: .colorProfile)
        try container.encode(animation, forKey: .animation)
        try container.encode(background, forKey: .background)
        // Written only when asked for: documents without it stay as they were.
        if store { try container.encode(store, forKey: .store) }
        if pdf != .compress { try container.encode(pdf, forKey: .pdf) }
        if imageDpi != OutputSettings.defaultImageDpi { try container.encode(imageDpi, forKey: .imageDpi) }
        if page != 1 { try container.encode(page, forKey: .page) }
    }
}
