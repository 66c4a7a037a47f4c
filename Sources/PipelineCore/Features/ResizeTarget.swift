/// The size a resize output asks for.
public enum ResizeTarget: Sendable, Hashable {
    /// A width, a height or both, in pixels (at least one is present).
    case box(width: Int?, height: Int?)
    /// A percentage of the image's size (1–1000).
    case percent(Double)
    /// A social-media template's exact size.
    case template(SocialTemplate)

    /// The derived folder label: `800w`, `600h`, `1080x1080`, `50pct`, `instagram-square`.
    public var label: String {
        switch self {
        case .box(let width?, let height?): "\(width)x\(height)"
        case .box(let width?, nil): "\(width)w"
        case .box(nil, let height?): "\(height)h"
        case .box(nil, nil): "original"
        case .percent(let percent): "\(NumberText.compact(percent))pct"
        case .template(let template): template.name
        }
    }
}
