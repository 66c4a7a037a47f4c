/// Every feature type of the configuration format (SPEC §2), whether or not this engine runs it.
public enum FeatureType: String, Sendable, Hashable, Codable, CaseIterable {
    case resize, compress, convert, crop, grayscale, rotate, watermark, blur, sharpen, slice, grid

    /// Whether this version of the engine runs the feature.
    public var isSupported: Bool {
        switch self {
        case .resize, .compress, .convert, .grayscale: true
        case .crop, .rotate, .watermark, .blur, .sharpen, .slice, .grid: false
        }
    }

    /// Geometric features keep their declared order relative to each other; the others
    /// (colour and encode stage) may be moved by the planner.
    public var isGeometric: Bool {
        switch self {
        case .resize, .crop, .rotate, .watermark, .slice, .grid: true
        case .compress, .convert, .grayscale, .blur, .sharpen: false
        }
    }
}
