import Foundation
import Packaging
import PipelineCore
import PipelineStore

/// Keeps a finished job's output files as assets (`store: true`): each file under `output/` in
/// its ZIP becomes an asset in the job's result folder, below the folders of its output path
/// (`/results/<configId>/<jobId>/instagram-square/jpeg/photo.jpg`), with the job as its origin.
/// A rerun of the job (after a crash) overwrites what an earlier run kept.
struct ResultKeeper: Sendable {
    var intake: AssetIntake
    var temporaryFile: @Sendable () -> String
    var policy: SourcePolicy

    /// Keeps every output of the ZIP at `archive`; returns how many were kept.
    @discardableResult
    func keep(archive: String, job: JobRecord, folder: FolderPath, expiresAt: Date?) async throws -> Int {
        let reader = try ZipArchiveReader(path: archive)
        var kept = 0
        for entry in reader.entryNames where entry.hasPrefix("output/") && !entry.hasSuffix("/") {
            let outputPath = String(entry.dropFirst("output/".count))
            var parts = outputPath.split(separator: "/").map(String.init)
            let name = AssetName.sanitized(parts.removeLast())
            var target = folder
            for part in parts {
                guard let next = target.appending(AssetName.sanitized(part)) else { break }
                target = next
            }
            let file = temporaryFile()
            defer { try? FileManager.default.removeItem(atPath: file) }
            try Data(try reader.read(entry)).write(to: URL(fileURLWithPath: file))
            // An output the library cannot read back (a format it does not sniff) stays in the ZIP only.
            guard let checked = try? AssetIntake.check(name: name, path: file, policy: policy) else { continue }
            _ = try await intake.keep(checked, account: job.accountID, folder: target, expiresAt: expiresAt,
                                      origin: .job(job.id, configID: job.configID, outputPath: outputPath), onConflict: .overwrite)
            kept += 1
        }
        return kept
    }
}
