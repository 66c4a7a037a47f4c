import Foundation
import PipelineCore
import PipelineStore

/// Why the intake did not queue a submission. The HTTP edge (`JobHandlers`) chooses the status.
enum JobIntakeError: Error, Sendable {
    case unknownConfiguration(String?)
    case notInPlan([ValidationIssue], AccountPlan)
    case noSources(otherFileFields: [String])
    case sourceURLCount(Int, most: Int)
    case badSourceURL(index: Int, text: String)
    case badPostbackURL(String)
    case refusedPostbackURL(String, reason: String)
    case storageDuration(StorageDuration.Problem)
    case quota(QuotaRefusal, AccountPlan, at: Date)
    /// `assetIds` or `folder` as sent cannot select files (the message says why).
    case assetSelection(String)
    case unknownAsset(String)
    case unknownFolder(String)
    /// The plan's library limits refuse the uploads (they are kept as assets).
    case library(AssetIntake.Refusal)
}
