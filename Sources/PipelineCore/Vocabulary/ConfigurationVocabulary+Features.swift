extension ConfigurationVocabulary {
    static let fitSummary = "inside: fit within the box; cover: fill it, cropping; contain: fit within it, padding with the background; fill: stretch to it; outside: cover it without cropping."
    static let scalingSummary = "downOnly: never enlarge; upOnly: never shrink; both."
    static let resizeGravitySummary = "Where cover crops and contain pads: a compass point, or attention/entropy (libvips chooses the interesting part)."
    static let placedBy = ["cover", "contain"]

    static let resize = FeatureVocabulary(
        type: .resize, summary: "Scales the image to up to 20 sizes: by pixels, by percent, or to a social-media template.",
        feature: featureObject(.resize, [
            ConfigurationKey("fit", .choice(names(Fit.self)), "The fit of every output that does not set its own. " + fitSummary),
            ConfigurationKey("scaling", .choice(names(Scaling.self)), "The scaling of every output that does not set its own. " + scalingSummary),
            ConfigurationKey("gravity", .choice(names(Gravity.self)), "The gravity of every output that does not set its own. " + resizeGravitySummary,
                             shownWhen: KeyCondition("fit", in: placedBy)),
        ]),
        output: outputObject(.resize, [
            ConfigurationKey("width", .whole(Limits.pixels, unit: " pixels"), "The box's width in pixels (one side is enough)."),
            ConfigurationKey("height", .whole(Limits.pixels, unit: " pixels"), "The box's height in pixels (one side is enough)."),
            ConfigurationKey("percent", .number(Limits.percent), "The size as a percentage of the source, 1 to 1000."),
            ConfigurationKey("template", .text(maxLength: 200, format: .template), "A social-media template's name; its size, cover and attention."),
            ConfigurationKey("fit", .choice(names(Fit.self)), fitSummary, default: .string("inside")),
            ConfigurationKey("scaling", .choice(names(Scaling.self)), scalingSummary, default: .string("downOnly")),
            ConfigurationKey("gravity", .choice(names(Gravity.self)), resizeGravitySummary, default: .string("center"),
                             shownWhen: KeyCondition("fit", in: placedBy)),
        ], alternatives: [
            .init("pixels", keys: ["width", "height"], starter: ["width": .number(800)]),
            .init("percent", keys: ["percent"], starter: ["percent": .number(50)], excludes: ["scaling"]),
            .init("template", keys: ["template"], starter: ["template": .string("instagram-square")], defaults: ["fit": .string("cover"), "scaling": .string("both"), "gravity": .string("attention")]),
        ]),
        singleOutput: false, newOutput: ["width": .number(800)])

    static let crop = FeatureVocabulary(
        type: .crop, summary: "Cuts a rectangle or a circle (transparent outside) out of the image.",
        feature: featureObject(.crop),
        output: outputObject(.crop, [
            ConfigurationKey("shape", .choice(["rectangle", "circle"]), "rectangle: width × height; circle: a radius, transparent outside (PNG, WebP, AVIF).",
                             default: .string("rectangle")),
            ConfigurationKey("width", .whole(Limits.pixels, unit: " pixels"), "The rectangle's width in pixels.",
                             shownWhen: KeyCondition("shape", in: ["rectangle"])),
            ConfigurationKey("height", .whole(Limits.pixels, unit: " pixels"), "The rectangle's height in pixels.",
                             shownWhen: KeyCondition("shape", in: ["rectangle"])),
            ConfigurationKey("radius", .whole(1...8192, unit: " pixels"), "The circle's radius in pixels.",
                             shownWhen: KeyCondition("shape", in: ["circle"])),
            ConfigurationKey("gravity", .choice(names(Gravity.self)),
                             "Where the crop is taken: a compass point, or attention/entropy (libvips chooses).", default: .string("center")),
            ConfigurationKey("offsetX", .whole(offsets, unit: " pixels"), "Pixels to move the crop right (negative: left) from its gravity.",
                             default: .number(0), disabledWhen: KeyCondition("gravity", in: smart)),
            ConfigurationKey("offsetY", .whole(offsets, unit: " pixels"), "Pixels to move the crop down (negative: up) from its gravity.",
                             default: .number(0), disabledWhen: KeyCondition("gravity", in: smart)),
        ]),
        singleOutput: false, newOutput: ["shape": .string("rectangle"), "width": .number(400), "height": .number(400)])

    static let rotate = FeatureVocabulary(
        type: .rotate, summary: "Turns the image by a right angle, or mirrors it.",
        feature: featureObject(.rotate),
        output: outputObject(.rotate, [
            ConfigurationKey("angle", .whole(0...360, unit: " degrees", options: [90, 180, 270]), "Degrees clockwise: 90, 180 or 270."),
            ConfigurationKey("flip", .choice(names(FlipAxis.self)), "horizontal: mirror left to right; vertical: top to bottom."),
        ], alternatives: [
            .init("angle", keys: ["angle"], starter: ["angle": .number(90)]),
            .init("flip", keys: ["flip"], starter: ["flip": .string("horizontal")]),
        ]),
        singleOutput: false, newOutput: ["angle": .number(90)])

    static let watermark = FeatureVocabulary(
        type: .watermark, summary: "Draws an image file or a line of text over the image.",
        feature: featureObject(.watermark),
        output: outputObject(.watermark, [
            ConfigurationKey("image", .text(maxLength: 1000, format: .image),
                             "An image file: on the server, a path under DATA/assets; for `pipeline run`, relative to the configuration."),
            ConfigurationKey("text", .text(maxLength: 200), "The text to draw."),
            ConfigurationKey("font", .text(maxLength: 100), "A Pango font family.", default: .string("sans")),
            ConfigurationKey("size", .whole(4...1000, unit: " pixels"), "The text's height in pixels.", default: .number(24)),
            ConfigurationKey("color", .text(maxLength: 200, format: .color), "The text's colour.", default: .string("#ffffff")),
            ConfigurationKey("gravity", .choice(compass), "The compass point the mark sits at.", default: .string("southeast")),
            ConfigurationKey("offsetX", .whole(offsets, unit: " pixels"), "Pixels inwards from the edge it sits at (right on a centred axis).", default: .number(0)),
            ConfigurationKey("offsetY", .whole(offsets, unit: " pixels"), "Pixels inwards from the edge it sits at (down on a centred axis).", default: .number(0)),
            ConfigurationKey("opacity", .number(0...1), "0: invisible; 1: opaque.", default: .number(0.5)),
            ConfigurationKey("scale", .number(0.01...1), "The mark's width as a fraction of the image's; its own size if absent."),
        ], alternatives: [
            .init("image", keys: ["image", "scale"], starter: ["image": .string("logo.png"), "scale": .number(0.2)]),
            .init("text", keys: ["text", "font", "size", "color", "scale"], starter: ["text": .string("©"), "size": .number(24)]),
        ]),
        singleOutput: false, newOutput: ["text": .string("©"), "size": .number(24)])

    static let grayscale = FeatureVocabulary(
        type: .grayscale, summary: "Makes the image grey (one output).",
        feature: featureObject(.grayscale, outputsRequired: false),
        output: outputObject(.grayscale, []),
        singleOutput: true, newOutput: [:])

    static let blur = FeatureVocabulary(
        type: .blur, summary: "A Gaussian blur.",
        feature: featureObject(.blur),
        output: outputObject(.blur, [
            ConfigurationKey("sigma", .number(0.3...100), "The blur's radius (Gaussian sigma) in pixels, 0.3 to 100."),
        ], required: ["sigma"]),
        singleOutput: false, newOutput: ["sigma": .number(2)])

    static let sharpen = FeatureVocabulary(
        type: .sharpen, summary: "An unsharp mask on lightness (libvips sharpen).",
        feature: featureObject(.sharpen),
        output: outputObject(.sharpen, [
            ConfigurationKey("sigma", .number(0.3...10), "The sharpening radius (Gaussian sigma) in pixels, 0.3 to 10."),
            ConfigurationKey("flat", .number(0...10), "How much flat areas are sharpened.", default: .number(SharpenOutput(sigma: 1).flat)),
            ConfigurationKey("jagged", .number(0...10), "How much edges are sharpened.", default: .number(SharpenOutput(sigma: 1).jagged)),
            ConfigurationKey("threshold", .number(0...100), "Below this lightness difference an area counts as flat.",
                             default: .number(SharpenOutput(sigma: 1).threshold)),
        ], required: ["sigma"]),
        singleOutput: false, newOutput: ["sigma": .number(1)])

    static let slice = FeatureVocabulary(
        type: .slice, summary: "Cuts the image into strips of a fixed length (as many as fit).",
        feature: featureObject(.slice),
        output: outputObject(.slice, [
            ConfigurationKey("direction", .choice(names(SliceDirection.self)), "vertical: tiles from top to bottom; horizontal: left to right."),
            ConfigurationKey("size", .whole(Limits.pixels, unit: " pixels"), "Each tile's length in pixels along the direction."),
        ], required: ["direction", "size"]),
        singleOutput: false, newOutput: ["direction": .string("vertical"), "size": .number(500)])

    static let grid = FeatureVocabulary(
        type: .grid, summary: "Cuts the image into columns × rows tiles.",
        feature: featureObject(.grid),
        output: outputObject(.grid, [
            ConfigurationKey("columns", .whole(1...50), "Tiles across, 1 to 50."),
            ConfigurationKey("rows", .whole(1...50), "Tiles down, 1 to 50."),
        ], required: ["columns", "rows"]),
        singleOutput: false, newOutput: ["columns": .number(2), "rows": .number(2)])

    static let compress = FeatureVocabulary(
        type: .compress, summary: "Encodes at a quality, losslessly, or at the highest quality that fits a size.",
        feature: featureObject(.compress, [
            ConfigurationKey("maxBytes", .whole(Limits.maxBytes, unit: " bytes"), "The size limit of every output that does not set its own."),
        ]),
        output: outputObject(.compress, [
            ConfigurationKey("quality", .whole(Limits.quality), "1 to 100; with maxBytes, the highest quality tried (100 if absent)."),
            ConfigurationKey("lossless", .flag, "true: lossless (WebP, AVIF, PNG); cannot be combined with maxBytes."),
            ConfigurationKey("maxBytes", .whole(Limits.maxBytes, unit: " bytes"), "The highest quality whose file has at most this many bytes."),
        ], alternatives: [
            .init("quality", keys: ["quality"], starter: ["quality": .number(80)]),
            .init("lossless", keys: ["lossless"], starter: ["lossless": .bool(true)]),
            .init("maxBytes", keys: ["maxBytes", "quality"], starter: ["maxBytes": .number(200_000)]),
        ], alternativeRequired: false),
        singleOutput: false, newOutput: ["quality": .number(80)])

    static let convert = FeatureVocabulary(
        type: .convert, summary: "Writes the image in other formats.",
        feature: featureObject(.convert),
        output: outputObject(.convert, [
            ConfigurationKey("format", .choice(ImageFormat.configurable.map(\.rawValue)), "The format; original keeps the source's."),
        ], required: ["format"]),
        singleOutput: false, newOutput: ["format": .string("webp")])
}
