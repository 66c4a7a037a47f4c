import Foundation

/// Where uploaded sources and result ZIPs are kept, by key (`sources/<jobId>/0`,
/// `archives/<jobId>.zip`). A shared folder now; object storage fits the same calls (a put is
/// one object written whole, a path is a local copy).
public protocol BlobStore: Sendable {
    /// Moves the finished file at `file` under `key`, durably: a reader never sees part of it.
    func put(_ key: String, movingFile file: String) throws
    /// A local path to read the blob from, or nil when there is none.
    func path(_ key: String) -> String?
    func delete(_ key: String) throws
    /// A fresh temporary file name in the store's own folder, on the same file system, for a
    /// blob being written (streamed uploads, archives).
    func temporaryFile() -> String
    /// Removes temporary files older than `age` seconds (left by a process that was killed).
    func removeStaleTemporaryFiles(olderThan age: TimeInterval) -> Int
}
