import CQPDFShim
import Foundation
import Imaging

/// A PDF's structure through qpdf: what the document is, and its lossless rewrite (SPEC §12):
/// object streams, every decodable stream recompressed with flate at level 9, byte-identical
/// streams stored once, unreferenced objects dropped, the encryption kept. Pages, text, fonts,
/// links, bookmarks, forms and annotations are objects it copies as they are.
public enum PDFStructure {
    /// Reads the document at `path`; messages call it `name` (the file as its sender named it).
    public static func inspect(_ path: String, name: String? = nil, maxPages: Int) throws(ImagingError) -> PDFInfo {
        var info = ip_pdf_info()
        var message = [CChar](repeating: 0, count: 1024)
        let status = ip_pdf_inspect(path, Int32(clamping: maxPages), &info, &message, message.count)
        try check(status, path: path, name: name ?? path, message: message)
        return PDFInfo(info)
    }

    /// The lossy pass's settings: placed images downsampled to `dpi` at their largest shown
    /// size (never enlarged) and photographs re-encoded as JPEG at `quality`; images of more
    /// than `maxPixels` are left as they are.
    public struct ImageSettings: Sendable, Hashable {
        public var dpi: Int
        public var quality: Int
        public var maxPixels: Int

        public init(dpi: Int, quality: Int, maxPixels: Int) {
            self.dpi = dpi
            self.quality = quality
            self.maxPixels = maxPixels
        }
    }

    /// Writes the rewrite of `input` to `output`: lossless, or with `images` the lossy pass
    /// first; with `stripMetadata`, without the document's XMP and /Info dictionary. Messages call
    /// the input `name`.
    public static func rewrite(_ input: String, to output: String, name: String? = nil, stripMetadata: Bool, maxPages: Int,
                               images: ImageSettings? = nil) throws(ImagingError) -> PDFInfo {
        if images != nil { try Libvips.start() }
        var info = ip_pdf_info()
        var options = ip_pdf_options(strip_metadata: stripMetadata ? 1 : 0, max_pages: Int32(clamping: maxPages),
                                     image_dpi: Int32(clamping: images?.dpi ?? 0), image_quality: Int32(clamping: images?.quality ?? 0),
                                     max_image_pixels: Int64(images?.maxPixels ?? 0))
        var message = [CChar](repeating: 0, count: 1024)
        let status = ip_pdf_rewrite(input, output, &options, &info, &message, message.count)
        try check(status, path: input, name: name ?? input, message: message)
        return PDFInfo(info)
    }

    private static func check(_ status: Int32, path: String, name: String, message: [CChar]) throws(ImagingError) {
        // qpdf's words name the file by its path, which may be a server's blob: by its name instead.
        let said = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .replacingOccurrences(of: path, with: name)
        let path = name
        switch Int(status) {
        case IP_PDF_OK: return
        case IP_PDF_ENCRYPTED:
            throw ImagingError(code: .pdfEncrypted, message: "\(path) is encrypted and needs a password; send it without the password (qpdf --decrypt --password=… in.pdf out.pdf)")
        case IP_PDF_TOO_MANY_PAGES:
            throw ImagingError(code: .pdfTooManyPages, message: "\(path): \(said); raise --max-pdf-pages or split the document")
        case IP_PDF_OUT_OF_MEMORY:
            throw ImagingError(code: .sourceTooLarge, message: "\(path) needs more memory than a PDF's worker process may use (--max-pdf-memory-mb)")
        case IP_PDF_WRITE_FAILED:
            throw ImagingError(code: .encodeFailed, message: "\(path): the rewritten PDF could not be written: \(said)")
        default:
            throw ImagingError(code: .corruptDocument, message: "\(path) is not a PDF that can be read, even repaired: \(said)")
        }
    }
}

extension PDFInfo {
    init(_ info: ip_pdf_info) {
        self.init(pages: Int(info.pages), encrypted: info.encrypted != 0, signed: info.is_signed != 0, repaired: info.repaired != 0,
                  images: Int(info.images), duplicatesShared: Int(info.duplicates_shared))
        imagesRecompressed = Int(info.images_recompressed)
        imagesDownsampled = Int(info.images_downsampled)
        imageBytesBefore = Int(info.image_bytes_before)
        imageBytesAfter = Int(info.image_bytes_after)
        imagesFailed = Int(info.images_failed)
        imagesKeptSharp = Int(info.images_kept_sharp)
        fontsConverted = Int(info.fonts_converted)
        fontBytesBefore = Int(info.font_bytes_before)
        fontBytesAfter = Int(info.font_bytes_after)
    }
}
