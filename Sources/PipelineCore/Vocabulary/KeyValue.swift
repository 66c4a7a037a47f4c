/// The kind of value a configuration key takes, with its limits.
public enum KeyValue: Sendable {
    /// A string of at most `maxLength` characters; `format` says what it holds.
    case text(maxLength: Int, format: TextFormat = .plain)
    /// A whole number in `range`; `options`, when given, are the only values that make sense.
    case whole(ClosedRange<Int>, unit: String = "", options: [Int]? = nil)
    case number(ClosedRange<Double>)
    case flag
    /// One of these strings.
    case choice([String])
    /// A whole number from 1 to 100 for every lossy format, or an object of format → number.
    case qualityByFormat
    /// The `output` object.
    case outputSettings
    /// The `features` array.
    case features
    /// A feature's `outputs` array.
    case outputs

    /// What a string key holds, so a form can offer the right control.
    public enum TextFormat: String, Sendable {
        case plain, multiline
        /// A folder name in the ZIP: letters, digits, '-', '_', '.'.
        case label
        case configID
        case url
        /// `#rrggbb`.
        case color
        /// A social template's name (`pipeline templates`).
        case template
        /// A watermark image file.
        case image
    }
}
