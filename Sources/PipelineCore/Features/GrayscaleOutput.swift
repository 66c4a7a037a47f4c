/// The single output of a grayscale feature.
public struct GrayscaleOutput: Sendable, Hashable, Encodable {
    public var name: String?

    public init(name: String? = nil) { self.name = name }
}
