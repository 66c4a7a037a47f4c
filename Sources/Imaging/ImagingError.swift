/// Why a source or one of its outputs could not be made, with a code for the manifest.
public struct ImagingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes written to the manifest and shown by the CLI.
    public enum Code: String, Sendable, Hashable, Codable {
        case emptyFile = "EMPTY_FILE"
        case unsupportedFormat = "UNSUPPORTED_FORMAT"
        case corruptImage = "CORRUPT_IMAGE"
        case sourceTooLarge = "SOURCE_TOO_LARGE"
        case sourceTimeout = "SOURCE_TIMEOUT"
        case outputTooLarge = "OUTPUT_TOO_LARGE"
        case processingFailed = "PROCESSING_FAILED"
        case encodeFailed = "ENCODE_FAILED"
        case unreadableFile = "UNREADABLE_FILE"
        /// An operation cannot be made on this image (a crop that leaves nothing, a grid finer than the image).
        case operationNotApplicable = "OPERATION_NOT_APPLICABLE"
        /// A watermark image cannot be read.
        case watermarkUnreadable = "WATERMARK_UNREADABLE"
        /// `maxBytes` cannot be met even at the lowest quality.
        case outputOverMaxBytes = "OUTPUT_OVER_MAX_BYTES"
        /// A PDF qpdf cannot read, even with its recovery.
        case corruptDocument = "CORRUPT_DOCUMENT"
        /// A PDF that needs a password (the empty user password did not open it).
        case pdfEncrypted = "PDF_ENCRYPTED"
        /// A PDF with more pages than `--max-pdf-pages`.
        case pdfTooManyPages = "PDF_TOO_MANY_PAGES"
        /// `output.page` past a PDF's last page.
        case pdfPageOutOfRange = "PDF_PAGE_OUT_OF_RANGE"
    }

    public var code: Code
    /// A sentence naming the file or value and, where there is one, the fix.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
