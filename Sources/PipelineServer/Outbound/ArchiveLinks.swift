import Delivery
import Foundation
import PipelineCore

/// Signed, expiring links to a job's archive that need no API key (the JSON postback's
/// `archiveUrl`): `/v1/archives/{jobId}?expires=<unix seconds>&signature=<hex HMAC-SHA256>`,
/// signed with a key of the data folder's (`DATA/archive-links.key`, made at first start).
struct ArchiveLinks: Sendable {
    let key: [UInt8]

    /// How long a link works.
    static let lifetime: TimeInterval = 24 * 3600

    static func load(dataFolder: String) throws -> ArchiveLinks {
        let path = "\(dataFolder)/archive-links.key"
        if let data = FileManager.default.contents(atPath: path), data.count == 32 { return ArchiveLinks(key: [UInt8](data)) }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let temporary = "\(path).\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(key), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        // Another process may have made one meanwhile: keep whichever is in place.
        if link(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary); return try load(dataFolder: dataFolder) }
        try? FileManager.default.removeItem(atPath: temporary)
        return ArchiveLinks(key: key)
    }

    func signature(_ job: JobID, expires: Int) -> String { Digest.hmacSHA256(key: key, "\(job).\(expires)") }

    func url(base: String, job: JobID, now: Date = Date()) -> String {
        let expires = Int(now.timeIntervalSince1970 + Self.lifetime)
        return "\(base)/v1/archives/\(job)?expires=\(expires)&signature=\(signature(job, expires: expires))"
    }

    /// Why a link does not open its archive (the HTTP edge picks the status).
    enum Refusal: Error, Sendable, Hashable {
        /// Its path or query was changed, or it was never signed here.
        case invalidSignature
        case expired
    }

    /// Throws unless `signature` signs `job` until `expires`, still ahead.
    func check(_ job: JobID, expires: String?, signature given: String?, now: Date = Date()) throws(Refusal) {
        guard let expires, let seconds = Int(expires), let given, given.count == 64,
              Self.constantTimeEqual(Array(given.utf8), Array(signature(job, expires: seconds).utf8)) else {
            throw .invalidSignature
        }
        guard Double(seconds) >= now.timeIntervalSince1970 else { throw .expired }
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
