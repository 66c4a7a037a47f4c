import Foundation
import Packaging
import PipelineCore
import PipelineStore

/// The JSON postback (SPEC §5): `{"type": "job.completed", "timestamp", "data": {jobId, configId,
/// status, archiveUrl, outputs, failures, resultFolder?, kept?}}`, with the outputs and failures
/// of the job's manifest and, for a job that keeps its outputs, each kept one's URL.
struct JobNotification: Encodable {
    struct Payload: Encodable {
        var jobId: JobID
        var configId: ConfigID
        var status: JobOutcome
        var archiveUrl: String
        var outputs: [Manifest.Output]
        var failures: [Manifest.Failure]
        /// With `store: true`: where the outputs are kept, and each one's asset and URL.
        var resultFolder: String?
        var kept: [KeptOutput]?
    }

    var type = "job.completed"
    /// When the job finished (the same on every attempt).
    var timestamp: String
    var data: Payload

    init(job: JobRecord, archive: String, archiveURL: String, kept: [KeptOutput]?) throws {
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(try ZipArchiveReader(path: archive).read("configuration/manifest.json")))
        timestamp = JSONResponse.timestamp(job.finishedAt ?? Date())
        data = Payload(jobId: job.id, configId: job.configID, status: manifest.status, archiveUrl: archiveURL,
                       outputs: manifest.outputs, failures: manifest.failures, resultFolder: job.resultFolder?.rawValue, kept: kept)
    }

    func encoded() throws -> [UInt8] { [UInt8](try JSONResponse.encoder.encode(self)) }
}
