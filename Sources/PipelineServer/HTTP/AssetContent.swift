import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PipelineStore

/// An asset's bytes as a response: `ETag` (its SHA-256), `Content-Type` from its sniffed format,
/// one `Range` (206, or 416 past the end), `If-None-Match` (304), `HEAD` (headers only).
enum AssetContent {
    static func contentType(_ format: String) -> String {
        switch format {
        case "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "tiff": "image/tiff"
        case "heif", "avif": "image/avif"
        case "svg": "image/svg+xml"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }

    /// The first byte and the count `range` (`bytes=a-b`, `bytes=a-`, `bytes=-n`) asks for;
    /// nil for a header this does not serve as a range (several ranges, another unit): the
    /// whole file then. Throws 416 for a range past the end.
    static func range(_ header: String?, size: Int) throws -> (start: Int, count: Int)? {
        guard let header, header.hasPrefix("bytes="), !header.contains(",") else { return nil }
        let spec = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return nil }
        let first = Int(spec[0].trimmingCharacters(in: .whitespaces)), last = Int(spec[1].trimmingCharacters(in: .whitespaces))
        switch (first, last) {
        case (let start?, let end):
            guard start < size else {
                var error = APIError(416, .rangeNotSatisfiable, "the range \(header) starts at or past the end of the file (\(size) bytes)")
                error.headers["Content-Range"] = "bytes */\(size)"
                throw error
            }
            let stop = min(end ?? size - 1, size - 1)
            guard stop >= start else { return nil }
            return (start, stop - start + 1)
        case (nil, let suffix?) where suffix > 0:
            let count = min(suffix, size)
            return (size - count, count)
        default:
            return nil
        }
    }

    static func response(_ asset: AssetRecord, file: String, request: Request, cacheControl: String) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType(asset.format)
        headers[.eTag] = "\"\(asset.sha256)\""
        headers[.cacheControl] = cacheControl
        headers[.acceptRanges] = "bytes"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        // A document that can run script is never shown inline from this origin.
        if asset.format == "svg" || asset.format == "pdf" {
            headers[.contentSecurityPolicy] = "sandbox; default-src 'none'"
        }
        let quoted = asset.name.replacingOccurrences(of: "\"", with: "")
        headers[.contentDisposition] = "inline; filename=\"\(quoted)\""
        if let match = request.headers[.ifNoneMatch], match == "\"\(asset.sha256)\"" || match == "*" {
            return Response(status: .notModified, headers: headers)
        }
        let part = try range(request.headers[.range], size: asset.bytes)
        let start = part?.start ?? 0, count = part?.count ?? asset.bytes
        headers[.contentLength] = String(count)
        if let part { headers[.contentRange] = "bytes \(part.start)-\(part.start + part.count - 1)/\(asset.bytes)" }
        let status: HTTPResponse.Status = part == nil ? .ok : .partialContent
        if request.method == .head { return Response(status: status, headers: headers) }
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        try handle.seek(toOffset: UInt64(start))
        let body = ResponseBody { writer in
            defer { try? handle.close() }
            var left = count
            while left > 0, let chunk = try handle.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty {
                left -= chunk.count
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }
}
