import Delivery
import Foundation
import Hummingbird
import NIOCore
import PipelineStore

/// Reads a `multipart/form-data` upload as it arrives: small fields into memory, every file part
/// of the form's file field (`sources` for a job, `files` for the library) into a temporary file
/// of the blob store. Refuses the body with 413 as soon as
/// it passes the limit (at once when `Content-Length` says so), and with 400 at the source part
/// past `maxSources`, removing what it wrote.
struct UploadReader {
    struct Upload {
        var fields: [String: String] = [:]
        /// (file name as sent, temporary file) in the order sent.
        var files: [(name: String, path: String)] = []
        /// Other file parts (not `sources`): named so the error can say what was sent.
        var otherFileFields: [String] = []
    }

    var limit: Int
    /// The most file parts one upload may carry.
    var maxSources: Int
    var blobs: any BlobStore
    var form: Form = .job

    /// What the form is for: the name of its file parts and of its fields, for the messages.
    struct Form: Sendable {
        var fileField: String
        var fields: String
        var what: String
        var split: String

        static let job = Form(fileField: "sources", fields: "configId, postbackUrl and storageDuration", what: "sources", split: "several jobs")
        static let process = Form(fileField: "file", fields: "configId, configuration and the shortcut fields (width, height, …)", what: "files (one image per request)", split: "several requests")
        static let assets = Form(fileField: "files", fields: "folder, storageDuration and onConflict", what: "files", split: "several requests")
    }

    func read(_ request: Request) async throws -> Upload {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            var error = APIError.tooLarge(limit)
            error.bodyUnread = true
            throw error
        }
        guard let boundary = MultipartBody.boundary(of: request.headers[.contentType]) else {
            var error = APIError.unsupportedMediaType(form.fileField == "sources"
                ? "send sources as multipart/form-data with a boundary (or JSON with sourceUrls)"
                : "send \(form.fileField) as multipart/form-data with a boundary")
            error.bodyUnread = true
            throw error
        }
        var parser: MultipartStreamParser
        do {
            parser = try MultipartStreamParser(boundary: boundary)
        } catch {
            throw APIError.unsupportedMediaType("the multipart boundary is not usable: \(error)")
        }
        var upload = Upload()
        var part = PartState()
        var total = 0
        var body = request.body.makeAsyncIterator()
        do {
            while let buffer = try await body.next() {
                total += buffer.readableBytes
                if total > limit { throw APIError.tooLarge(limit) }
                try buffer.withUnsafeReadableBytes { chunk in
                    try parser.feed(chunk) { event in
                        switch event {
                        case .partBegan(let header):
                            part = PartState(name: header.name, fileName: header.fileName)
                            if header.fileName != nil, header.name == form.fileField, upload.files.count >= maxSources {
                                throw APIError.badRequest("an upload may carry at most \(maxSources) \(form.what) and this one has more; send them in \(form.split)")
                            }
                            if header.fileName != nil { part.path = try Self.onDisk { try Self.createFile(blobs.temporaryFile()) } }
                        case .bytes(let bytes):
                            if let path = part.path {
                                try Self.onDisk {
                                    if part.handle == nil { part.handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path)) }
                                    try part.handle?.write(contentsOf: bytes)
                                }
                            } else if part.value.count + bytes.count <= Self.fieldLimit {
                                part.value += bytes
                            } else {
                                throw APIError.badRequest("the form field \(part.name ?? "(unnamed)") is longer than \(Self.fieldLimit) bytes; fields hold \(form.fields), and images go in \(form.fileField) file parts (with a filename)")
                            }
                        case .partEnded:
                            try Self.onDisk { try part.handle?.close() }
                            part.handle = nil
                            if let fileName = part.fileName, let path = part.path {
                                if part.name == form.fileField {
                                    upload.files.append((fileName, path))
                                } else {
                                    upload.otherFileFields.append(part.name ?? "(unnamed)")
                                    try? FileManager.default.removeItem(atPath: path)
                                }
                            } else if let name = part.name {
                                upload.fields[name] = String(decoding: part.value, as: UTF8.self)
                            }
                            part = PartState()
                        }
                    }
                }
            }
            guard upload.files.count + upload.fields.count > 0 || total > 0 else {
                throw APIError.badRequest(form.fileField == "sources" ? "the multipart body is empty; send a configId field and one or more sources file parts"
                                          : "the multipart body is empty; send one or more \(form.fileField) file parts")
            }
            if !parser.isComplete {
                throw APIError.badRequest("the multipart body ends before its last boundary; send the whole body, ending with --\(boundary)--")
            }
        } catch {
            try? part.handle?.close()
            if let path = part.path { try? FileManager.default.removeItem(atPath: path) }
            for file in upload.files { try? FileManager.default.removeItem(atPath: file.path) }
            if error is APIError {
                // Refused in the middle of the body: the rest is read and dropped (bounded), so a
                // client that writes it whole before reading still gets this answer.
                await LingeringClose.drain(&body)
                throw error
            }
            // The server's disk failing is not the client's mistake: that stays a server error.
            if let failure = error as? StorageFailure { throw failure.underlying }
            throw APIError.badRequest("the body is not valid multipart/form-data: \(error)")
        }
        return upload
    }

    /// An error of the temporary files, told apart from the client's body errors.
    private struct StorageFailure: Error {
        var underlying: any Error
    }

    private static func onDisk<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw StorageFailure(underlying: error) }
    }

    /// The most bytes a form field (not a file) may have.
    static let fieldLimit = 64 * 1024

    private static func createFile(_ path: String) throws -> String {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return path
    }

    private struct PartState {
        var name: String?
        var fileName: String?
        var value: [UInt8] = []
        /// The temporary file of a file part.
        var path: String?
        var handle: FileHandle?
    }
}
