/// What a feature does, with its outputs. Only the types this engine runs have a case.
public enum FeatureKind: Sendable, Hashable {
    case resize([ResizeOutput])
    case compress([CompressOutput])
    case convert([ConvertOutput])
    case grayscale(GrayscaleOutput)

    /// The feature type this kind is.
    public var type: FeatureType {
        switch self {
        case .resize: .resize
        case .compress: .compress
        case .convert: .convert
        case .grayscale: .grayscale
        }
    }

    /// Each output's own `name`, in order (nil where it has none).
    var outputNames: [String?] {
        switch self {
        case .resize(let outputs): outputs.map(\.name)
        case .compress(let outputs): outputs.map(\.name)
        case .convert(let outputs): outputs.map(\.name)
        case .grayscale(let output): [output.name]
        }
    }

    func derivedLabel(ofOutput index: Int) -> String {
        switch self {
        case .resize(let outputs): outputs[index].target.label
        case .compress(let outputs): outputs[index].setting.label
        case .convert(let outputs): outputs[index].format.rawValue
        case .grayscale: "gray"
        }
    }
}
