import Foundation
import PipelineCore

extension AccountPlan {
    /// Credits one source of `config` takes: its planned work (SPEC §3), the number of images
    /// the planner makes. Ordering features by their outputs lowers it, and the customer keeps
    /// the difference.
    /// Whether the plan takes PDF sources (SPEC §12): a plan without a `formats` list does, one
    /// with a list only when `pdf` is on it.
    public var takesDocuments: Bool { formats?.contains(.pdf) ?? true }

    /// Why a PDF source named `name` is refused under this plan.
    public func documentRefusal(_ name: String) -> String {
        "\(name) is a PDF; the \(self.name) plan does not take PDF sources (its formats: \((formats ?? []).map(\.rawValue).joined(separator: ", "))); a plan with pdf among its formats does"
    }

    public static func creditsPerSource(_ config: PipelineConfig) -> Int {
        Planner.plan(config).plannedWork
    }

    /// What in `config` this plan does not allow, each at its JSON path: feature types, output
    /// formats and outputs per source. Empty when the plan allows all of it.
    public func issues(for config: PipelineConfig) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let allowedFormats = formats
        func formatList() -> String { (formats ?? []).map(\.rawValue).joined(separator: ", ") }
        if let allowedFormats, config.output.format != .original, !allowedFormats.contains(config.output.format) {
            issues.append(ValidationIssue(path: "output.format",
                message: "the \(name) plan does not write \(config.output.format.rawValue); it writes \(formatList())"))
        }
        for (index, feature) in config.features.enumerated() {
            if let features, !features.contains(feature.type) {
                issues.append(ValidationIssue(path: "features[\(index)].type",
                    message: "the \(name) plan does not include \(feature.type.rawValue); it includes \(features.map(\.rawValue).joined(separator: ", "))"))
            }
            if case .convert(let outputs) = feature.kind, let allowedFormats {
                for (output, convert) in outputs.enumerated() where !allowedFormats.contains(convert.format) && convert.format != .original {
                    issues.append(ValidationIssue(path: "features[\(index)].outputs[\(output)].format",
                        message: "the \(name) plan does not write \(convert.format.rawValue); it writes \(formatList())"))
                }
            }
        }
        if let outputsPerSource {
            let count = Planner.leafCount(config)
            if count > outputsPerSource {
                issues.append(ValidationIssue(path: "features",
                    message: "this configuration gives \(count) outputs per source; the \(name) plan allows \(outputsPerSource)"))
            }
        }
        return issues
    }
}
