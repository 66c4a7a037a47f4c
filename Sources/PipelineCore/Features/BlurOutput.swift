/// One Gaussian blur a blur feature makes.
public struct BlurOutput: Sendable, Hashable, Encodable {
    public var name: String?
    /// The Gaussian's standard deviation in pixels.
    public var sigma: Double

    public init(name: String? = nil, sigma: Double) {
        self.name = name
        self.sigma = sigma
    }

    /// `blur-s2` or `blur-s0.5`.
    var label: String { "blur-s\(NumberText.compact(sigma))" }
}
