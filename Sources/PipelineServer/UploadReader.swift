import Delivery
import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import PipelineStore

/// Reads a `multipart/form-data` upload as it arrives: small fields into memory, every file part
/// named `sources` into a temporary file of the blob store. Refuses the body with 413 as soon as
/// it passes the limit (at once when `Content-Length` says so), removing what it wrote.
struct UploadReader {
    struct Upload {
        var fields: [String: String] = [:]
        /// (file name as sent, temporary file) in the order sent.
        var files: [(name: String, path: String)] = []
        /// Other file parts (not `sources`): named so the error can say what was sent.
        var otherFileFields: [String] = []
    }

    var limit: Int
    var blobs: any BlobStore

    func read(_ request: Request) async throws -> Upload {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw APIError.tooLarge(limit) }
        guard let boundary = MultipartBody.boundary(of: request.headers[.contentType]) else {
            throw APIError.unsupportedMediaType("send sources as multipart/form-data with a boundary (or JSON with sourceUrls)")
        }
        var upload = Upload()
        var state = PartState()
        let parser = MultipartParser(boundary: boundary)
        var failure: (any Error)?
        parser.onHeader = { name, value in
            guard name.lowercased() == "content-disposition" else { return }
            for parameter in value.split(separator: ";") {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                let text = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if pair[0] == "name" { state.name = text }
                if pair[0] == "filename" { state.fileName = text }
            }
        }
        parser.onBody = { buffer in
            guard failure == nil else { return }
            let bytes = buffer.readableBytesView
            if state.fileName != nil {
                do {
                    if state.handle == nil {
                        let path = blobs.temporaryFile()
                        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                        state.path = path
                        state.handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    }
                    try state.handle?.write(contentsOf: Data(bytes))
                } catch { failure = error }
            } else if state.value.count + bytes.count <= 64 * 1024 {
                state.value += bytes
            }
        }
        parser.onPartComplete = {
            try? state.handle?.close()
            if let fileName = state.fileName {
                let path = state.path ?? {
                    let path = blobs.temporaryFile()
                    FileManager.default.createFile(atPath: path, contents: nil)
                    return path
                }()
                if state.name == "sources" {
                    upload.files.append((fileName, path))
                } else {
                    upload.otherFileFields.append(state.name ?? "(unnamed)")
                    try? FileManager.default.removeItem(atPath: path)
                }
            } else if let name = state.name {
                upload.fields[name] = String(decoding: state.value, as: UTF8.self)
            }
            state = PartState()
        }
        var total = 0
        do {
            for try await buffer in request.body {
                total += buffer.readableBytes
                if total > limit { throw APIError.tooLarge(limit) }
                try parser.execute(buffer)
                if let failure { throw failure }
            }
            guard upload.files.count + upload.fields.count > 0 || total > 0 else {
                throw APIError.badRequest("the multipart body is empty; send a configId field and one or more sources file parts")
            }
            if state.name != nil || state.handle != nil {
                throw APIError.badRequest("the multipart body ends in the middle of a part; send the whole body, ending with --\(boundary)--")
            }
        } catch {
            try? state.handle?.close()
            if let path = state.path { try? FileManager.default.removeItem(atPath: path) }
            for file in upload.files { try? FileManager.default.removeItem(atPath: file.path) }
            if error is APIError { throw error }
            throw APIError.badRequest("the body is not valid multipart/form-data: \(error)")
        }
        return upload
    }

    private struct PartState {
        var name: String?
        var fileName: String?
        var value: [UInt8] = []
        var path: String?
        var handle: FileHandle?
    }
}
