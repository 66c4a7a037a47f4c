/// What happens to colour profiles on output.
public enum ColorProfilePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Convert ICC-tagged and CMYK input to sRGB pixels (the default).
    case srgb
    /// Leave the pixels as they are and keep the embedded profile.
    case keep
}
