/// Something the renderer worked around while the source's outputs were still made, recorded
/// in the manifest so that the result explains itself.
public struct ImagingWarning: Sendable, Hashable, CustomStringConvertible {
    /// Stable codes written to the manifest.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The embedded ICC profile could not be read or does not fit the image: the pixels were
        /// taken as sRGB (CMYK: through a default CMYK profile), as browsers do.
        case iccProfileIgnored = "ICC_PROFILE_IGNORED"
    }

    public var code: Code
    /// A sentence saying what was done instead.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
