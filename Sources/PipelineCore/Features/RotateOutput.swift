/// One turn or mirror a rotate feature makes.
public enum RotateOutput: Sendable, Hashable, Encodable {
    /// Clockwise by 90, 180 or 270 degrees.
    case angle(Int, name: String?)
    case flip(FlipAxis, name: String?)

    public var name: String? {
        switch self {
        case .angle(_, let name), .flip(_, let name): name
        }
    }

    /// `rotate90` or `flip-horizontal`.
    var label: String {
        switch self {
        case .angle(let degrees, _): "rotate\(degrees)"
        case .flip(let axis, _): "flip-\(axis.rawValue)"
        }
    }

    /// The size after turning an image of `input` size.
    public func output(for input: PixelSize) -> PixelSize {
        if case .angle(let degrees, _) = self, degrees != 180 {
            return PixelSize(width: input.height, height: input.width)
        }
        return input
    }

    enum CodingKeys: String, CodingKey { case name, angle, flip }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch self {
        case .angle(let degrees, _): try container.encode(degrees, forKey: .angle)
        case .flip(let axis, _): try container.encode(axis, forKey: .flip)
        }
    }
}

extension RotateOutput {
    /// The same turn without its name.
    var unnamed: RotateOutput {
        switch self {
        case .angle(let degrees, _): .angle(degrees, name: nil)
        case .flip(let axis, _): .flip(axis, name: nil)
        }
    }
}
