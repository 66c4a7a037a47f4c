import Foundation
import PipelineCore
import PipelineStore

/// A job a client asks for, as the HTTP edge read it (an upload's form, or a JSON body); the
/// `JobIntake` checks and queues it.
struct JobSubmission: Sendable {
    enum Sources: Sendable {
        /// Uploaded files on disk (temporary paths) with the names they were sent with, and the
        /// names of file parts that were not `sources` (for the error when there are none).
        case files([(name: String, path: String)], otherFileFields: [String])
        /// URLs a worker fetches.
        case urls([String])
        /// Files of the library: by id, or a folder's (and with `recursive` those below it).
        case assets(ids: [String]?, folder: String?, recursive: Bool)
    }

    /// A configuration sent with the job instead of a saved one's id (SPEC §11), validated.
    struct OneOff: Sendable {
        var config: PipelineConfig
        var id: ConfigID
        /// The normalised document the job records and its ZIP holds.
        var document: String
    }

    /// The saved configuration's id, as sent (nil: none was sent).
    var configID: String?
    var oneOff: OneOff? = nil
    var sources: Sources
    /// nil or empty: the configuration's.
    var postbackURL: String?
    /// nil or empty: the plan's retention, else the server's.
    var storageDuration: String?
    /// Keep every output as an asset (`store: true`, or the configuration's `output.store`).
    var store = false
    /// Where kept outputs go; nil: `/results/<configId>/<jobId>`.
    var resultFolder: String?
}
