import Foundation
import PipelineCore

/// A private temporary folder for one job's outputs until they are zipped; removed afterwards.
struct StagingFolder: Sendable {
    let path: String

    init(jobID: JobID) throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/imagepipeline-\(jobID.rawValue)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
