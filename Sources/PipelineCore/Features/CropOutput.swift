/// One region a crop feature keeps.
public struct CropOutput: Sendable, Hashable, Encodable {
    public var name: String?
    public var shape: CropShape
    /// Where the box sits before the offsets move it; `attention`/`entropy` look at the pixels.
    public var gravity: Gravity
    /// Pixels added to the box's position (negative moves left or up).
    public var offsetX: Int
    public var offsetY: Int

    public init(name: String? = nil, shape: CropShape, gravity: Gravity = .center, offsetX: Int = 0, offsetY: Int = 0) {
        self.name = name
        self.shape = shape
        self.gravity = gravity
        self.offsetX = offsetX
        self.offsetY = offsetY
    }

    /// `crop-800x600` or `circle-r200`.
    var label: String {
        switch shape {
        case .rectangle(let width, let height): "crop-\(width)x\(height)"
        case .circle(let radius): "circle-r\(radius)"
        }
    }

    enum CodingKeys: String, CodingKey { case name, shape, width, height, radius, gravity, offsetX, offsetY }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch shape {
        case .rectangle(let width, let height):
            try container.encode("rectangle", forKey: .shape)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
        case .circle(let radius):
            try container.encode("circle", forKey: .shape)
            try container.encode(radius, forKey: .radius)
        }
        try container.encode(gravity, forKey: .gravity)
        // Smart gravity takes no offsets, so zero offsets are left out.
        if offsetX != 0 { try container.encode(offsetX, forKey: .offsetX) }
        if offsetY != 0 { try container.encode(offsetY, forKey: .offsetY) }
    }
}
