import Foundation
import PipelineStore

/// An upload's `storageDuration` (CoreNexis): `1h` … `2160h`, whole days (`7d`) or months of 30
/// days (`1m`, `3m`), or `permanent`, and the seeds' own spellings, any case: `0H` and `LTF`
/// (permanent), `7D`, `1M`, `3M`; checked against the plan.
enum StorageDuration {
    static let longestHours = 2160.0

    /// Why a storage duration was refused: not a duration at all, or longer than the plan keeps.
    struct Problem: Error, Sendable, Hashable {
        var notInPlan: Bool
        var message: String
    }

    /// The retention asked for, or a problem naming the value and the form expected.
    static func parse(_ text: String) throws(Problem) -> JobRetention {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "permanent" || value == "ltf" || value == "0h" { return .permanent }
        let unit = value.last
        let hoursPerUnit: [Character: Double] = ["h": 1, "d": 24, "m": 720]
        guard let unit, let perUnit = hoursPerUnit[unit], let count = Int(value.dropLast()), count > 0 else {
            throw Problem(notInPlan: false, message: "storageDuration \"\(text)\" is not a duration; use hours such as 24h (1h to 2160h), days such as 7d, months such as 1m, or permanent")
        }
        let hours = Double(count) * perUnit
        guard hours <= longestHours else {
            throw Problem(notInPlan: false, message: "storageDuration \(text) is longer than \(Int(longestHours))h; use at most 2160h, or permanent")
        }
        return .hours(hours)
    }

    /// Refuses what the plan does not allow.
    static func check(_ retention: JobRetention, plan: AccountPlan) throws(Problem) {
        switch retention {
        case .permanent where !plan.permanentStorage:
            throw Problem(notInPlan: true, message: "the \(plan.name) plan does not keep archives permanently; ask for at most \(describe(plan.storageHours))")
        case .hours(let hours) where plan.storageHours.map({ hours > $0 }) == true:
            throw Problem(notInPlan: true, message: "the \(plan.name) plan keeps archives at most \(describe(plan.storageHours)); \(Int(hours))h was asked for")
        default:
            return
        }
    }

    /// `72h`, `permanent`, or (the server's default) `72h` from `defaultHours`.
    static func describe(_ retention: JobRetention, defaultHours: Double) -> String {
        switch retention {
        case .permanent: "permanent"
        case .hours(let hours): describe(hours)
        case .serverDefault: describe(defaultHours)
        }
    }

    static func describe(_ hours: Double?) -> String {
        guard let hours else { return "any duration" }
        return hours == hours.rounded() ? "\(Int(hours))h" : "\(hours)h"
    }
}
