/// What happens to a PDF source (SPEC §12), the document's `output.pdf`.
public enum PDFHandling: String, Sendable, Hashable, Codable, CaseIterable {
    /// A smaller PDF per compress output (the default): image features are skipped for it.
    case compress
    /// A page as an image, through every feature (`output.page`, 1-based).
    case rasterize
    /// Refused as `UNSUPPORTED_FORMAT`.
    case refuse
}
