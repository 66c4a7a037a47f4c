/// Why a PDF could not be read or written, with a code for the manifest and the API.
public struct PDFError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, Codable {
        /// Not a PDF qpdf can read, even with its recovery.
        case corruptDocument = "CORRUPT_DOCUMENT"
        /// It needs a password: the empty user password did not open it.
        case encrypted = "PDF_ENCRYPTED"
        /// More pages than `--max-pdf-pages`.
        case tooManyPages = "PDF_TOO_MANY_PAGES"
        /// The rewritten document could not be written.
        case writeFailed = "ENCODE_FAILED"
    }

    public var code: Code
    /// A sentence naming the file and, where there is one, the fix.
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
