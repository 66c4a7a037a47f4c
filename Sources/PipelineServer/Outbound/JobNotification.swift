import Foundation
import Packaging
import PipelineCore
import PipelineStore

/// The JSON postback (SPEC §5): `{"type": "job.completed", "timestamp", "data": {jobId, configId,
/// status, archiveUrl, outputs, failures}}`, with the outputs and failures of the job's manifest.
struct JobNotification: Encodable {
    struct Payload: Encodable {
        var jobId: JobID
        var configId: ConfigID
        var status: JobOutcome
        var archiveUrl: String
        var outputs: [Manifest.Output]
        var failures: [Manifest.Failure]
    }

    var type = "job.completed"
    /// When the job finished (the same on every attempt).
    var timestamp: String
    var data: Payload

    init(job: JobRecord, archive: String, archiveURL: String) throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try ZipArchiveReader(path: archive).read("configuration/manifest.json")))
        timestamp = JSONResponse.timestamp(job.finishedAt ?? Date())
        data = Payload(jobId: job.id, configId: job.configID, status: manifest.status, archiveUrl: archiveURL,
                       outputs: manifest.outputs, failures: manifest.failures)
    }

    func encoded() throws -> [UInt8] { [UInt8](try JSONResponse.encoder.encode(self)) }
}
