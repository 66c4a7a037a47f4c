/// The configuration language as data (SPEC §2): every object, key, range, choice and default
/// the parser accepts. `ConfigurationParser` reads through these tables and
/// `ConfigurationSchema` publishes them, so a key added here is both accepted and shown.
public enum ConfigurationVocabulary {
    typealias Limits = ConfigurationParser.Limits

    static func names<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> [String] where T.RawValue == String {
        T.allCases.map(\.rawValue)
    }

    static let compass = Gravity.allCases.filter { !$0.isSmart }.map(\.rawValue)
    static let smart = Gravity.allCases.filter(\.isSmart).map(\.rawValue)
    static let offsets = -16384...16384

    static func label(_ what: String) -> ConfigurationKey {
        ConfigurationKey("name", .text(maxLength: 1000, format: .label), what)
    }

    public static let document = ConfigurationObject("document", title: "Configuration", keys: [
        ConfigurationKey("id", .text(maxLength: 1000, format: .configID),
                         "The configId: 1 to 64 lower-case letters, digits and '-', starting with a letter or digit; the server assigns one if absent."),
        ConfigurationKey("name", .text(maxLength: 200), "A name for people."),
        ConfigurationKey("description", .text(maxLength: 2000, format: .multiline), "What the configuration is for, for people."),
        ConfigurationKey("postbackUrl", .text(maxLength: 2048, format: .url), "Where the result ZIP is posted (http or https)."),
        ConfigurationKey("postbackFormat", .choice(names(PostbackFormat.self)),
                         "multipart: the ZIP itself; json: a signed notification with an expiring archiveUrl.", default: .string("multipart")),
        ConfigurationKey("order", .choice(names(FeatureOrder.self)),
                         "auto: the planner may reorder features to do less work; declared: run them as listed.", default: .string("auto")),
        ConfigurationKey("features", .features, "The ordered features, 1 to 20."),
        ConfigurationKey("output", .outputSettings, "Encoding defaults for every output."),
    ], required: ["features"])

    public static let output = ConfigurationObject("output", title: "Output settings", keys: [
        ConfigurationKey("format", .choice(ImageFormat.configurable.map(\.rawValue)),
                         "The format written when no convert feature chooses one; original keeps the source's.", default: .string("original")),
        ConfigurationKey("quality", .qualityByFormat,
                         "The quality used when no compress feature chooses one: one number for every lossy format, or one per format.",
                         default: .object(OutputSettings.defaultQuality.reduce(into: [:]) { $0[$1.key.rawValue] = .number(Double($1.value)) })),
        ConfigurationKey("metadata", .choice(names(MetadataPolicy.self)),
                         "strip: no EXIF, XMP or IPTC; keep: all of it; keepCopyright: only the copyright and artist.", default: .string("strip")),
        ConfigurationKey("colorProfile", .choice(names(ColorProfilePolicy.self)),
                         "srgb: convert to sRGB; keep: keep the source's ICC profile.", default: .string("srgb")),
        ConfigurationKey("animation", .choice(names(AnimationPolicy.self)),
                         "keep: every frame of an animated GIF or WebP (when the output format animates); firstFrame: a still.",
                         default: .string("firstFrame")),
        ConfigurationKey("background", .text(maxLength: 200, format: .color),
                         "The colour transparency is flattened onto for formats without alpha, and contain pads with.", default: .string("#ffffff")),
        ConfigurationKey("store", .flag,
                         "true: a server keeps every output file in its media library, under the job's resultFolder (as store: true on the job does).",
                         default: .bool(false)),
        ConfigurationKey("pdf", .choice(names(PDFHandling.self)),
                         "PDF sources. compress: a smaller PDF per compress output, image features skipped; rasterize: a page as an image through every feature; refuse: UNSUPPORTED_FORMAT.",
                         default: .string("compress")),
        ConfigurationKey("imageDpi", .whole(ConfigurationParser.Limits.imageDpi),
                         "PDF sources: a lossy compress output downsamples the images inside to this resolution at the largest size a page shows them (never enlarged).",
                         default: .number(Double(OutputSettings.defaultImageDpi))),
        ConfigurationKey("page", .whole(ConfigurationParser.Limits.pdfPage),
                         "PDF sources with pdf: rasterize: the page made into the image, 1-based.", default: .number(1)),
    ])

    /// `output.quality` as an object: one whole number per lossy format.
    public static let qualityByFormat = ConfigurationObject("output.quality", title: "Quality per format",
        keys: ImageFormat.lossyFormats.map { format in
            ConfigurationKey(format.rawValue, .whole(Limits.quality), "\(format.rawValue) quality, 1 to 100.",
                             default: .number(Double(OutputSettings.defaultQuality[format] ?? 100)))
        })

    /// Every feature type, in the order the console offers them.
    public static let features: [FeatureVocabulary] = [
        resize, crop, rotate, watermark, grayscale, blur, sharpen, slice, grid, compress, convert,
    ]

    public static func feature(_ type: FeatureType) -> FeatureVocabulary {
        guard let vocabulary = features.first(where: { $0.type == type }) else { preconditionFailure("no vocabulary for \(type)") }
        return vocabulary
    }

    /// A feature object: `type`, `name`, the feature's own keys, `outputs`.
    static func featureObject(_ type: FeatureType, _ keys: [ConfigurationKey] = [], outputsRequired: Bool = true) -> ConfigurationObject {
        ConfigurationObject("feature.\(type.rawValue)", title: type.rawValue, keys: [
            ConfigurationKey("type", .choice([type.rawValue]), "The feature type."),
            label("The feature's folder label in the ZIP (letters, digits, '-', '_', '.'); derived from its outputs if absent."),
        ] + keys + [
            ConfigurationKey("outputs", .outputs, "The variants this feature makes, 1 to 20."),
        ], required: outputsRequired ? ["type", "outputs"] : ["type"])
    }

    static func outputObject(_ type: FeatureType, _ keys: [ConfigurationKey], required: [String] = [],
                             alternatives: [ConfigurationObject.Alternative] = [], alternativeRequired: Bool = true) -> ConfigurationObject {
        ConfigurationObject("output.\(type.rawValue)", title: "\(type.rawValue) output",
                            keys: [label("This output's folder label; derived from its settings if absent.")] + keys,
                            required: required, alternatives: alternatives, alternativeRequired: alternativeRequired)
    }
}
