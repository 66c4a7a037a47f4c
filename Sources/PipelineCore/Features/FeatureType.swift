/// Every feature type of the configuration format (SPEC §2).
public enum FeatureType: String, Sendable, Hashable, Codable, CaseIterable {
    case resize, compress, convert, crop, grayscale, rotate, watermark, blur, sharpen, slice, grid

    /// `compress` and `convert`: they choose how a leaf is written, not its pixels.
    public var isEncodeStage: Bool { self == .compress || self == .convert }

    /// Geometric features change where pixels are; they keep their declared order relative to
    /// each other (which features may be swapped is `FeatureCommutation`'s rule).
    public var isGeometric: Bool {
        switch self {
        case .resize, .crop, .rotate, .watermark, .slice, .grid: true
        case .compress, .convert, .grayscale, .blur, .sharpen: false
        }
    }
}
