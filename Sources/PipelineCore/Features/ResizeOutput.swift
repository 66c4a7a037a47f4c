/// One size a resize feature makes, with the fit rules in force for it.
public struct ResizeOutput: Sendable, Hashable, Encodable {
    public var name: String?
    public var target: ResizeTarget
    public var fit: Fit
    public var scaling: Scaling
    /// Which part `cover` keeps.
    public var gravity: Gravity

    public init(name: String? = nil, target: ResizeTarget, fit: Fit = .inside, scaling: Scaling = .downOnly, gravity: Gravity = .center) {
        self.name = name
        self.target = target
        self.fit = fit
        self.scaling = scaling
        self.gravity = gravity
    }

    enum CodingKeys: String, CodingKey { case name, width, height, percent, template, fit, scaling, gravity }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch target {
        case .box(let width, let height):
            try container.encodeIfPresent(width, forKey: .width)
            try container.encodeIfPresent(height, forKey: .height)
        case .percent(let percent):
            try container.encode(percent, forKey: .percent)
        case .template(let template):
            // The size is in the manifest; the name alone keeps the document re-parsable.
            try container.encode(template.name, forKey: .template)
        }
        try container.encode(fit, forKey: .fit)
        // A percent always scales by its factor; `scaling` is not part of it.
        if case .percent = target {} else { try container.encode(scaling, forKey: .scaling) }
        try container.encode(gravity, forKey: .gravity)
    }
}
