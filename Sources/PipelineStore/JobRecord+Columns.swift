import Foundation

/// How job fields are kept in a table's columns, the same for every backend.
extension JobRetention {
    /// `retain_hours` (nil: the server's default, or permanent) and `keep_forever`.
    public var columns: (hours: Double?, forever: Bool) {
        switch self {
        case .serverDefault: (nil, false)
        case .hours(let hours): (hours, false)
        case .permanent: (nil, true)
        }
    }

    public init(hours: Double?, forever: Bool) {
        self = forever ? .permanent : hours.map(JobRetention.hours) ?? .serverDefault
    }
}

extension Array where Element == JobSource {
    /// The `sources` column: JSON.
    public func columnText() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }

    public init?(columnText: String) {
        guard let sources = try? JSONDecoder().decode([JobSource].self, from: Data(columnText.utf8)) else { return nil }
        self = sources
    }
}

extension JobRecord {
    /// The job's sources, each failed with `code` and `reason` (a job that cannot be run at all).
    public func sourcesFailed(reason: String, code: String = "PROCESSING_FAILED") -> [JobSource] {
        sources.map { source in
            var source = source
            source.status = .failed
            source.code = code
            source.message = reason
            source.outputs = 0
            return source
        }
    }
}

extension JobCompletion {
    /// Sources that failed, and every output made: what the usage counts once the job is done.
    public var failedSources: Int { sources.filter { $0.status == .failed }.count }
    public var outputs: Int { sources.reduce(0) { $0 + ($1.outputs ?? 0) } }
}
