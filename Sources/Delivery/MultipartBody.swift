import Foundation

/// Writes a `multipart/form-data` body to a file, streaming the ZIP from disk, so the exact
/// bytes that are signed are the bytes that are sent.
public struct MultipartBody: Sendable {
    /// The `Content-Type` header value, with the boundary.
    public let contentType: String
    /// The file holding the body.
    public let path: String
    /// Its length in bytes.
    public let length: Int

    /// Writes the parts `fields` (name, value) then the file part to `path`.
    public static func write(to path: String, fields: [(String, String)], fileField: String, fileName: String,
                             fileContentType: String, filePath: String) throws -> MultipartBody {
        let boundary = "ImagePipelineBoundary" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? output.close() }
        func write(_ text: String) throws { try output.write(contentsOf: Data(text.utf8)) }
        for (name, value) in fields {
            try write("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        try write("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(fileName)\"\r\nContent-Type: \(fileContentType)\r\n\r\n")
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: filePath))
        defer { try? input.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            try output.write(contentsOf: chunk)
        }
        try write("\r\n--\(boundary)--\r\n")
        let length = Int(try output.offset())
        return MultipartBody(contentType: "multipart/form-data; boundary=\(boundary)", path: path, length: length)
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type (quotes removed), or nil
    /// when the type is another or has none.
    public static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary", !pair[1].isEmpty {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
