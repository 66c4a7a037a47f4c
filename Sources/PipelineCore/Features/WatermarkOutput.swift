/// One watermark a watermark feature puts on every image that reaches it.
public struct WatermarkOutput: Sendable, Hashable, Encodable {
    public var name: String?
    public var mark: WatermarkMark
    /// The corner or edge it sits at (compass points only).
    public var gravity: Gravity
    /// Pixels from the edges it sits at, inwards (ignored on a centred axis, where it shifts).
    public var offsetX: Int
    public var offsetY: Int
    /// 0 (invisible) to 1 (opaque).
    public var opacity: Double
    /// The mark's width as a fraction of the image's width; nil keeps its own size.
    public var scale: Double?

    public init(name: String? = nil, mark: WatermarkMark, gravity: Gravity = .southeast, offsetX: Int = 0, offsetY: Int = 0,
                opacity: Double = 0.5, scale: Double? = nil) {
        self.name = name
        self.mark = mark
        self.gravity = gravity
        self.offsetX = offsetX
        self.offsetY = offsetY
        self.opacity = opacity
        self.scale = scale
    }

    enum CodingKeys: String, CodingKey { case name, image, text, font, size, color, gravity, offsetX, offsetY, opacity, scale }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch mark {
        case .image(let path):
            try container.encode(path, forKey: .image)
        case .text(let text, let font, let size, let color):
            try container.encode(text, forKey: .text)
            try container.encode(font, forKey: .font)
            try container.encode(size, forKey: .size)
            try container.encode(color, forKey: .color)
        }
        try container.encode(gravity, forKey: .gravity)
        try container.encode(offsetX, forKey: .offsetX)
        try container.encode(offsetY, forKey: .offsetY)
        try container.encode(opacity, forKey: .opacity)
        try container.encodeIfPresent(scale, forKey: .scale)
    }
}
