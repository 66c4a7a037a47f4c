import Foundation
import Delivery

/// Reads a `multipart/form-data` body from a file: small fields into memory, one named file
/// part streamed to disk.
struct MultipartFileReader {
    struct Parts {
        var fields: [String: String] = [:]
        /// Whether the file part was present (its bytes are in the destination file).
        var sawFile = false
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `bodyFile`, writing the part named `fileField` to `destination`.
    static func read(bodyFile: String, boundary: String, fileField: String, destination: String) throws -> Parts {
        var parts = Parts()
        var current: MultipartPartHeader?
        var currentValue: [UInt8] = []
        FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600])
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
        defer { try? output.close() }
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: bodyFile))
        defer { try? input.close() }
        do {
            var parser = try MultipartStreamParser(boundary: boundary)
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try chunk.withUnsafeBytes { bytes in
                    try parser.feed(bytes) { event in
                        switch event {
                        case .partBegan(let header):
                            current = header
                            currentValue = []
                        case .bytes(let bytes):
                            if current?.name == fileField {
                                parts.sawFile = true
                                try output.write(contentsOf: bytes)
                            } else if currentValue.count + bytes.count <= 4096 {
                                currentValue += bytes
                            }
                        case .partEnded:
                            if current?.name == fileField { parts.sawFile = true }
                            if let name = current?.name, name != fileField { parts.fields[name] = String(decoding: currentValue, as: UTF8.self) }
                            current = nil
                        }
                    }
                }
            }
            guard parser.isComplete else { throw Malformed(description: "the body ends before its last boundary --\(boundary)--") }
        } catch let error as Malformed {
            throw error
        } catch let error as MultipartStreamParser.SyntaxError {
            throw Malformed(description: "the body is not valid multipart/form-data (\(error))")
        }
        return parts
    }
}
