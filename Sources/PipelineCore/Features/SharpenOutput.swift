/// One unsharp mask a sharpen feature makes (libvips' sharpen, on lightness only).
public struct SharpenOutput: Sendable, Hashable, Encodable {
    public var name: String?
    /// The mask's standard deviation in pixels.
    public var sigma: Double
    /// How much flat areas are sharpened (libvips `m1`).
    public var flat: Double
    /// How much edges ("jaggy" areas) are sharpened (libvips `m2`).
    public var jagged: Double
    /// Below this lightness difference an area counts as flat (libvips `x1`).
    public var threshold: Double

    public init(name: String? = nil, sigma: Double, flat: Double = 0, jagged: Double = 3, threshold: Double = 2) {
        self.name = name
        self.sigma = sigma
        self.flat = flat
        self.jagged = jagged
        self.threshold = threshold
    }

    /// `sharpen-s1` or `sharpen-s0.5`.
    var label: String { "sharpen-s\(NumberText.compact(sigma))" }
}
