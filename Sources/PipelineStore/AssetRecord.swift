import Foundation
import PipelineCore

/// A stored file of the media library (SPEC §9): its place (folder and name), what it is, and the
/// blob holding its bytes (content-addressed per account: `sha256`).
public struct AssetRecord: Sendable, Hashable {
    public var id: AssetID
    public var accountID: AccountID
    public var folder: FolderPath
    public var name: String
    public var bytes: Int
    /// Lower-case hex; the blob's name and the content's `ETag`.
    public var sha256: String
    /// The CRC-32 of the bytes (as ZIP stores it), so a ZIP of a selection streams without
    /// reading a file twice.
    public var crc32: UInt32
    /// The sniffed format (`jpeg`, `png`, …).
    public var format: String
    public var width: Int
    public var height: Int
    public var createdAt: Date
    /// When it is removed; nil when it is kept until deleted.
    public var expiresAt: Date?
    public var origin: AssetOrigin

    public init(id: AssetID, accountID: AccountID, folder: FolderPath, name: String, bytes: Int, sha256: String, crc32: UInt32, format: String,
                width: Int, height: Int, createdAt: Date, expiresAt: Date?, origin: AssetOrigin) {
        self.id = id
        self.accountID = accountID
        self.folder = folder
        self.name = name
        self.bytes = bytes
        self.sha256 = sha256
        self.crc32 = crc32
        self.format = format
        self.width = width
        self.height = height
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.origin = origin
    }

    /// The blob store key of an account's content: `assets/<account>/<sha[0..2]>/<sha>`.
    public static func blobKey(account: AccountID, sha256: String) -> String {
        "assets/\(account.rawValue)/\(sha256.prefix(2))/\(sha256)"
    }

    public var blobKey: String { Self.blobKey(account: accountID, sha256: sha256) }

    /// Whether its storage duration has run out (the sweeper deletes it soon after).
    public func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }

    /// A new account key for signing asset URLs: 256 random bits as hex.
    public static func newURLKey() -> String { randomHex(64) }
}
