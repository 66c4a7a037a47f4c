import CDeliveryShim
import Foundation

/// SHA-256 and HMAC-SHA256 as lower-case hex (GLib's), for ETags, key hashes and signed links.
public enum Digest {
    public static func sha256(_ text: String) -> String {
        var out = [CChar](repeating: 0, count: 65)
        Array(text.utf8).withUnsafeBytes { ip_sha256_bytes_hex($0.baseAddress, $0.count, &out) }
        return String(cString: out)
    }

    /// The file's SHA-256, or nil when it cannot be read.
    public static func sha256(file path: String) -> String? {
        var out = [CChar](repeating: 0, count: 65)
        guard ip_sha256_file_hex(path, &out) == 0 else { return nil }
        return String(cString: out)
    }

    /// The file's SHA-256 (hex) and CRC-32 (as ZIP stores it), in one read; nil when it cannot
    /// be read.
    public static func sha256AndCRC32(file path: String) -> (sha256: String, crc32: UInt32)? {
        var out = [CChar](repeating: 0, count: 65)
        var crc: UInt32 = 0
        guard ip_sha256_crc32_file(path, &out, &crc) == 0 else { return nil }
        return (String(cString: out), crc)
    }

    public static func hmacSHA256(key: [UInt8], _ text: String) -> String {
        var out = [CChar](repeating: 0, count: 65)
        let bytes = Array(text.utf8)
        key.withUnsafeBufferPointer { key in
            bytes.withUnsafeBufferPointer { text in
                text.baseAddress.map { base in
                    base.withMemoryRebound(to: CChar.self, capacity: text.count) { ip_hmac_sha256_hex(key.baseAddress, key.count, $0, text.count, &out) }
                } ?? ip_hmac_sha256_hex(key.baseAddress, key.count, "", 0, &out)
            }
        }
        return String(cString: out)
    }
}
