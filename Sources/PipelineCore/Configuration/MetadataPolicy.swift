/// What happens to EXIF, XMP and IPTC metadata on output.
public enum MetadataPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Remove all metadata (the default; smallest files, no location leaks).
    case strip
    /// Keep the source's metadata (orientation is reset, as pixels are already upright).
    case keep
    /// Remove everything but the EXIF copyright and artist fields.
    case keepCopyright
}
