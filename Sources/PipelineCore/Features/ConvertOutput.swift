/// One format a convert feature writes.
public struct ConvertOutput: Sendable, Hashable, Encodable {
    public var name: String?
    public var format: ImageFormat

    public init(name: String? = nil, format: ImageFormat) {
        self.name = name
        self.format = format
    }
}
