import CVipsShim
import Foundation

/// The SHA-256 (lower-case hex) of what the engine writes: encoded images and documents.
public enum ContentDigest {
    public static func sha256(_ bytes: [UInt8]) -> String {
        var hex = [CChar](repeating: 0, count: 65)
        bytes.withUnsafeBytes { raw in ip_sha256_hex(raw.baseAddress, raw.count, &hex) }
        return String(cString: hex)
    }

    /// The file's digest, read through a mapping (a document can be hundreds of megabytes).
    public static func sha256(file path: String) throws(ImagingError) -> String {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw ImagingError(code: .unreadableFile, message: "\((path as NSString).lastPathComponent) cannot be read")
        }
        var hex = [CChar](repeating: 0, count: 65)
        data.withUnsafeBytes { raw in ip_sha256_hex(raw.baseAddress, raw.count, &hex) }
        return String(cString: hex)
    }
}
