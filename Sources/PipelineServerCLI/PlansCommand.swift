import ArgumentParser
import Foundation
import PipelineCore
import PipelineStore

/// `pipeline plans list|show|set`: plans are data in the server's database.
struct PlansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plans", abstract: "List, show and change plans (or add custom ones).",
                                                    subcommands: [List.self, Show.self, Set.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every plan, a line each.")
        @OptionGroup var data: DataOption

        func run() async throws {
            for plan in try await data.store().plans() {
                print(PlansCommand.line(plan))
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One plan as JSON.")
        @OptionGroup var data: DataOption
        @Argument(help: "The plan's name.") var name: String

        func run() async throws {
            guard let plan = try await data.store().plan(named: name) else { throw PlansCommand.missing(name) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(plan), as: UTF8.self))
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a plan, or add one (starting from no limits, or from --from PLAN).",
            discussion: "Each limit takes a number, or `none` for no limit. --features and --formats take comma-separated lists, or `all`.")
        @OptionGroup var data: DataOption
        @Argument(help: "The plan's name (letters, digits, '-', '_').") var name: String
        @Option(help: "A plan to copy when NAME is new.") var from: String?
        @Option(name: .customLong("requests-per-minute")) var requestsPerMinute: String?
        @Option(name: .customLong("sources-per-day")) var sourcesPerDay: String?
        @Option(name: .customLong("bytes-per-upload")) var bytesPerUpload: String?
        @Option(name: .customLong("saved-configurations")) var savedConfigurations: String?
        @Option(name: .customLong("outputs-per-source")) var outputsPerSource: String?
        @Option(help: "Feature types allowed, such as resize,crop,compress; or all.") var features: String?
        @Option(help: "Output formats allowed, such as jpeg,png,webp; pdf takes PDF sources; or all.") var formats: String?
        @Option(name: .customLong("credits-per-month")) var creditsPerMonth: String?
        @Option(name: .customLong("retention-hours"), help: "Hours archives are kept by default; none: the server's --retention-hours.")
        var retentionHours: String?
        @Option(name: .customLong("allowed-ips"), help: "Entries the IP allow-list may hold.") var allowedIPs: String?
        @Option(name: .customLong("storage-bytes"), help: "Bytes the account may keep in its media library.") var storageBytes: String?
        @Option(name: .customLong("max-file-bytes"), help: "The largest file its media library takes.") var maxFileBytes: String?
        @Option(name: .customLong("renders-per-day"), help: "On-the-fly renders (cache misses) per UTC day, account and sub-accounts together.") var rendersPerDay: String?
        @Option(name: .customLong("storage-hours"), help: "The longest storageDuration an upload may ask for.") var storageHours: String?
        @Option(name: .customLong("permanent-storage"), help: "true or false: whether uploads may ask for storageDuration permanent.")
        var permanentStorage: Bool?

        func run() async throws {
            guard name.range(of: #"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"#, options: .regularExpression) != nil else {
                throw ValidationError("plan name \(name) must be letters, digits, '-' or '_'")
            }
            let store = try await data.store()
            var plan: AccountPlan
            if let existing = try await store.plan(named: name) {
                plan = existing
            } else if let from {
                guard let base = try await store.plan(named: from) else { throw PlansCommand.missing(from) }
                plan = base
                plan.name = name
            } else {
                plan = AccountPlan(name: name)
            }
            func count(_ text: String?, _ option: String, _ keyPath: WritableKeyPath<AccountPlan, Int?>) throws {
                guard let text else { return }
                if text == "none" { plan[keyPath: keyPath] = nil; return }
                guard let value = Int(text), value >= 0 else { throw ValidationError("--\(option) \(text) is not a whole number (or none)") }
                plan[keyPath: keyPath] = value
            }
            func hours(_ text: String?, _ option: String, _ keyPath: WritableKeyPath<AccountPlan, Double?>) throws {
                guard let text else { return }
                if text == "none" { plan[keyPath: keyPath] = nil; return }
                guard let value = Double(text), value > 0 else { throw ValidationError("--\(option) \(text) is not a number of hours (or none)") }
                plan[keyPath: keyPath] = value
            }
            func list<Item: RawRepresentable<String>>(_ text: String?, _ option: String, allowed: [Item],
                                                       _ keyPath: WritableKeyPath<AccountPlan, [Item]?>) throws {
                guard let text else { return }
                if text == "all" { plan[keyPath: keyPath] = nil; return }
                plan[keyPath: keyPath] = try text.split(separator: ",").map { text in
                    let name = text.trimmingCharacters(in: .whitespaces).lowercased()
                    guard let item = Item(rawValue: name), allowed.contains(where: { $0.rawValue == name }) else {
                        throw ValidationError("--\(option): \(name) is not one of \(allowed.map(\.rawValue).joined(separator: ", "))")
                    }
                    return item
                }
            }
            try count(requestsPerMinute, "requests-per-minute", \.requestsPerMinute)
            try count(sourcesPerDay, "sources-per-day", \.sourcesPerDay)
            try count(bytesPerUpload, "bytes-per-upload", \.bytesPerUpload)
            try count(savedConfigurations, "saved-configurations", \.savedConfigurations)
            try count(outputsPerSource, "outputs-per-source", \.outputsPerSource)
            try count(creditsPerMonth, "credits-per-month", \.creditsPerMonth)
            try count(allowedIPs, "allowed-ips", \.allowedIPs)
            try count(storageBytes, "storage-bytes", \.storageBytes)
            try count(maxFileBytes, "max-file-bytes", \.maxFileBytes)
            try count(rendersPerDay, "renders-per-day", \.rendersPerDay)
            try hours(retentionHours, "retention-hours", \.retentionHours)
            try hours(storageHours, "storage-hours", \.storageHours)
            try list(features, "features", allowed: FeatureType.allCases, \.features)
            try list(formats, "formats", allowed: ImageFormat.allCases.filter { $0 != .original }, \.formats)
            if let permanentStorage { plan.permanentStorage = permanentStorage }
            try await store.savePlan(plan)
            print(PlansCommand.line(plan))
        }
    }

    static func missing(_ name: String) -> ExitCode {
        FileHandle.standardError.write(Data("error: there is no plan \(name); pipeline plans list shows them\n".utf8))
        return ExitCode(2)
    }

    /// `free  60 req/min  100 sources/day  …`.
    static func line(_ plan: AccountPlan) -> String {
        func value(_ number: Int?) -> String { number.map(String.init) ?? "∞" }
        func size(_ number: Int?) -> String {
            guard let number else { return "∞ bytes" }
            return number % (1 << 30) == 0 ? "\(number >> 30) GB" : number % (1 << 20) == 0 ? "\(number >> 20) MB" : "\(number) bytes"
        }
        func hours(_ number: Double?) -> String { number.map { $0 == $0.rounded() ? "\(Int($0))h" : "\($0)h" } ?? "server default" }
        return [plan.name,
                "\(value(plan.requestsPerMinute)) requests/min",
                "\(value(plan.sourcesPerDay)) sources/day",
                "\(size(plan.bytesPerUpload))/upload",
                "\(value(plan.savedConfigurations)) configurations",
                "\(value(plan.outputsPerSource)) outputs/source",
                "\(value(plan.creditsPerMonth)) credits/month",
                "\(value(plan.allowedIPs)) IPs",
                "retention \(hours(plan.retentionHours))",
                "storage up to \(plan.storageHours.map { "\(Int($0))h" } ?? "any")\(plan.permanentStorage ? " or permanent" : "")",
                "library \(size(plan.storageBytes)), files up to \(size(plan.maxFileBytes))",
                "\(value(plan.rendersPerDay)) renders/day",
                "features \(plan.features?.map(\.rawValue).joined(separator: ",") ?? "all")",
                "formats \(plan.formats?.map(\.rawValue).joined(separator: ",") ?? "all")"].joined(separator: "  ")
    }
}
