import Foundation
import PipelineCore
import PipelineStore

/// The JSON bodies the API answers with (SPEC §6).
enum APIModels {
    struct Plan: Encodable {
        var declared: [String]
        var planned: [String]
        var declaredWork: Int
        var plannedWork: Int
        var outputsPerSource: Int
        var leaves: [PlanReport.Leaf]

        init(config: PipelineConfig, id: ConfigID) {
            let plan = Planner.plan(config)
            let report = PlanReport(configId: id, config: config, plan: plan)
            declared = report.declaredOrder
            planned = report.plannedOrder
            declaredWork = report.declaredWork
            plannedWork = report.plannedWork
            outputsPerSource = plan.leaves.count
            leaves = report.leaves
        }
    }

    struct PlanCheck: Encodable {
        var valid: Bool
        var issues: [ValidationIssue]
        var plan: Plan?
    }

    struct Configuration: Encodable {
        var configId: ConfigID
        var version: Int
        var createdAt: Date
        /// The normalised document, as a JSON value.
        var configuration: JSONValue
        var plan: Plan?
    }

    struct ConfigurationList: Encodable {
        var configurations: [Configuration]
        /// Pass as `after` for the next page; absent on the last.
        var next: String?
    }

    struct Accepted: Encodable {
        var jobId: JobID
        var status: String
        var statusUrl: String
    }

    struct Attempt: Encodable {
        var at: Date
        var httpStatus: Int?
        var error: String?
        var ms: Int
    }

    struct Delivery: Encodable {
        var state: String
        var webhookId: String?
        var attempts: [Attempt]
        var nextAttemptAt: Date?
    }

    struct Source: Encodable {
        var name: String
        var status: String
        var code: String?
        var message: String?
        var outputs: Int
    }

    struct Job: Encodable {
        var jobId: JobID
        var configId: ConfigID
        var configVersion: Int
        var status: String
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var sources: [Source]
        var delivery: Delivery
        var archiveUrl: String?
        var archiveExpired: Bool

        init(_ job: JobRecord, deliveries: [(DeliveryRecord, [DeliveryAttemptRecord])], baseURL: String) {
            jobId = job.id
            configId = job.configID
            configVersion = job.configVersion
            status = job.state.rawValue
            createdAt = job.createdAt
            startedAt = job.startedAt
            finishedAt = job.finishedAt
            sources = job.sources.map { source in
                Source(name: source.name, status: source.status ?? (job.state == .queued ? "queued" : "processing"),
                       code: source.code, message: source.message, outputs: source.outputs ?? 0)
            }
            if let (latest, attempts) = deliveries.last {
                delivery = Delivery(state: latest.state.rawValue, webhookId: latest.id.rawValue,
                                    attempts: attempts.map { Attempt(at: $0.at, httpStatus: $0.httpStatus, error: $0.error, ms: $0.milliseconds) },
                                    nextAttemptAt: latest.nextAttemptAt)
            } else {
                delivery = Delivery(state: "none", webhookId: nil, attempts: [], nextAttemptAt: nil)
            }
            archiveExpired = job.expiredAt != nil
            archiveUrl = job.archive != nil && job.expiredAt == nil ? "\(baseURL)/v1/jobs/\(job.id)/archive" : nil
        }
    }

    struct JobList: Encodable {
        var jobs: [Job]
        var next: String?
    }

    struct AccountUsage: Encodable {
        var accountId: AccountID
        var name: String
        var configurations: Int
        var jobs: [String: Int]
    }
}
