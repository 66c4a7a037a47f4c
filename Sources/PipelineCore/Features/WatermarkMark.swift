/// What a watermark puts on the image.
public enum WatermarkMark: Sendable, Hashable {
    /// An image file: for the CLI a path relative to the configuration document.
    case image(path: String)
    /// A line of text, rendered with Pango (`font` is a Pango family name such as "sans").
    case text(String, font: String, size: Int, color: RGBColor)
}
