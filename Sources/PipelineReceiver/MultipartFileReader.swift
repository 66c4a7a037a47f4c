import Foundation
import MultipartKit
import NIOCore

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
        var currentName: String?
        var currentValue: [UInt8] = []
        FileManager.default.createFile(atPath: destination, contents: nil, attributes: [.posixPermissions: 0o600])
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: destination))
        defer { try? output.close() }
        var writeError: (any Error)?

        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            for parameter in value.split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0] == "name" { currentName = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
        }
        parser.onBody = { buffer in
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            if currentName == fileField {
                parts.sawFile = true
                do { try output.write(contentsOf: bytes) } catch { writeError = error }
            } else if currentValue.count + bytes.count <= 4096 {
                currentValue += bytes
            }
        }
        parser.onPartComplete = {
            if let name = currentName, name != fileField { parts.fields[name] = String(decoding: currentValue, as: UTF8.self) }
            currentName = nil
            currentValue = []
        }
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: bodyFile))
        defer { try? input.close() }
        do {
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try parser.execute([UInt8](chunk))
            }
        } catch let error as Malformed {
            throw error
        } catch {
            throw Malformed(description: "the body is not valid multipart/form-data (\(error))")
        }
        if let writeError { throw writeError }
        return parts
    }
}
