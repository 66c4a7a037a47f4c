/// What rendering a source reports, leaf by leaf.
public enum RenderEvent: Sendable {
    /// One file of a computed leaf: the whole image (suffix "") or one tile (`_03`, `_r1_c2`).
    case file(leaf: Int, suffix: String, image: EncodedImage)
    /// A leaf that could not be made while the others could (e.g. `maxBytes` out of reach).
    case leafFailed(leaf: Int, error: ImagingError)
    /// Something worked around for the whole source (an unreadable colour profile, …).
    case warning(ImagingWarning)
}
