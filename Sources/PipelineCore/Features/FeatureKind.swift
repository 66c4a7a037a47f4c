/// What a feature does, with its outputs.
public enum FeatureKind: Sendable, Hashable {
    case resize([ResizeOutput])
    case compress([CompressOutput])
    case convert([ConvertOutput])
    case grayscale(GrayscaleOutput)
    case crop([CropOutput])
    case rotate([RotateOutput])
    case watermark([WatermarkOutput])
    case blur([BlurOutput])
    case sharpen([SharpenOutput])
    /// `slice` and `grid`: each output cuts every image into tiles.
    case tiles(FeatureType, [TileOutput])

    /// The feature type this kind is.
    public var type: FeatureType {
        switch self {
        case .resize: .resize
        case .compress: .compress
        case .convert: .convert
        case .grayscale: .grayscale
        case .crop: .crop
        case .rotate: .rotate
        case .watermark: .watermark
        case .blur: .blur
        case .sharpen: .sharpen
        case .tiles(let type, _): type
        }
    }

    /// Each output's own `name`, in order (nil where it has none).
    var outputNames: [String?] {
        switch self {
        case .resize(let outputs): outputs.map(\.name)
        case .compress(let outputs): outputs.map(\.name)
        case .convert(let outputs): outputs.map(\.name)
        case .grayscale(let output): [output.name]
        case .crop(let outputs): outputs.map(\.name)
        case .rotate(let outputs): outputs.map(\.name)
        case .watermark(let outputs): outputs.map(\.name)
        case .blur(let outputs): outputs.map(\.name)
        case .sharpen(let outputs): outputs.map(\.name)
        case .tiles(_, let outputs): outputs.map(\.name)
        }
    }

    func derivedLabel(ofOutput index: Int) -> String {
        switch self {
        case .resize(let outputs): outputs[index].target.label
        case .compress(let outputs): outputs[index].setting.label
        case .convert(let outputs): outputs[index].format.rawValue
        case .grayscale: "gray"
        case .crop(let outputs): outputs[index].label
        case .rotate(let outputs): outputs[index].label
        case .watermark(let outputs): outputs.count == 1 ? "watermark" : "watermark\(index + 1)"
        case .blur(let outputs): outputs[index].label
        case .sharpen(let outputs): outputs[index].label
        case .tiles(_, let outputs): outputs[index].label
        }
    }

    /// The outputs, for writing the normalised document.
    var encodableOutputs: [any Encodable] {
        switch self {
        case .resize(let outputs): outputs
        case .compress(let outputs): outputs
        case .convert(let outputs): outputs
        case .grayscale(let output): [output]
        case .crop(let outputs): outputs
        case .rotate(let outputs): outputs
        case .watermark(let outputs): outputs
        case .blur(let outputs): outputs
        case .sharpen(let outputs): outputs
        case .tiles(_, let outputs): outputs
        }
    }
}
