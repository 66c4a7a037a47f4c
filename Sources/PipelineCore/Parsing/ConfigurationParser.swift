import Foundation

/// Turns configuration bytes into a `PipelineConfig`, or a `ConfigurationError` listing every
/// problem with its JSON path (SPEC §2). Pure: no I/O.
public struct ConfigurationParser: Sendable {
    /// The templates `{"template": …}` outputs may name.
    public var templates: SocialTemplateCatalog

    /// Limits of the configuration format.
    public enum Limits {
        public static let features = 1...20
        public static let outputsPerFeature = 1...20
        public static let pixels = 1...16384
        public static let percent = 1.0...1000.0
        public static let quality = 1...100
        public static let maxBytes = 100...100_000_000
        public static let imageDpi = 36...1200
        public static let pdfPage = 1...100_000
    }

    public init(templates: SocialTemplateCatalog = .shipped) {
        self.templates = templates
    }

    /// Parses and validates a JSON document.
    public func parse(_ data: Data) throws(ConfigurationError) -> PipelineConfig {
        var notes: [ValidationIssue] = []
        return try parse(data, notes: &notes)
    }

    /// Parses and validates a JSON document; `notes` gets what was accepted but changed (a
    /// quality of 80.5 read as 81), to be shown as warnings.
    public func parse(_ data: Data, notes: inout [ValidationIssue]) throws(ConfigurationError) -> PipelineConfig {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigurationError(issues: [ValidationIssue(
                path: "", message: "is not valid JSON (\(Self.describeSyntaxError(data, error))); check for a missing comma, quote or bracket")])
        }
        return try parse(value, notes: &notes)
    }

    /// Validates an already parsed JSON document.
    public func parse(_ value: JSONValue) throws(ConfigurationError) -> PipelineConfig {
        var notes: [ValidationIssue] = []
        return try parse(value, notes: &notes)
    }

    /// Validates an already parsed JSON document, with what was changed in `notes`.
    public func parse(_ value: JSONValue, notes: inout [ValidationIssue]) throws(ConfigurationError) -> PipelineConfig {
        let issues = IssueCollector()
        let config = readDocument(value, issues: issues)
        notes = issues.notes
        if let config, issues.issues.isEmpty { return config }
        throw ConfigurationError(issues: issues.issues)
    }

    /// JSONSerialization says where the syntax breaks; JSONDecoder only that it does.
    private static func describeSyntaxError(_ data: Data, _ error: any Error) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return String(describing: error)
    }

    // MARK: - Document

    private func readDocument(_ value: JSONValue, issues: IssueCollector) -> PipelineConfig? {
        guard var reader = ObjectReader(value, path: "", issues: issues) else { return nil }
        let keys = ConfigurationVocabulary.document
        var id: ConfigID?
        if let text = reader.string(keys["id"]) {
            id = ConfigID(text)
            if id == nil {
                issues.add("id", "\"\(text)\" is not a valid configId; use 1 to 64 lower-case letters, digits and '-', starting with a letter or digit")
            }
        }
        let name = reader.string(keys["name"])
        let description = reader.string(keys["description"])
        let postbackUrl = readPostbackURL(&reader, issues: issues)
        let postbackFormat = reader.choice(keys["postbackFormat"], PostbackFormat.self) ?? .multipart
        let order = reader.choice(keys["order"], FeatureOrder.self) ?? .auto
        var features: [Feature] = []
        if let items = reader.array("features") {
            if !Limits.features.contains(items.count) {
                issues.add("features", "has \(items.count) features; a configuration needs 1 to 20")
            }
            for (index, item) in items.enumerated() {
                if let feature = readFeature(item, path: IssueCollector.child("features", index), issues: issues) {
                    features.append(feature)
                }
            }
            checkSingleEncodeFeatures(features, issues: issues)
            let leaves = Planner.leafCount(PipelineConfig(order: .declared, features: features, output: OutputSettings()))
            if features.count == items.count, leaves > Planner.maximumLeaves {
                issues.add("features", "make \(leaves) outputs per source (the product of the features' output counts); at most \(Planner.maximumLeaves) are allowed, so split this into several configurations")
            }
        } else if !reader.has("features") {
            issues.add("features", "is required: list 1 to 20 features, e.g. [{\"type\": \"resize\", \"outputs\": [{\"width\": 800}]}]")
        }
        let output = reader.raw("output").flatMap { readOutputSettings($0, path: "output", issues: issues) } ?? OutputSettings()
        reader.finish(keys)
        return PipelineConfig(id: id, name: name, description: description, postbackUrl: postbackUrl, postbackFormat: postbackFormat,
                              order: order, features: features, output: output)
    }

    private func readPostbackURL(_ reader: inout ObjectReader, issues: IssueCollector) -> String? {
        guard let text = reader.string(ConfigurationVocabulary.document["postbackUrl"]) else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            issues.add("postbackUrl", "\"\(text)\" is not an http(s) URL; write it as https://host/path")
            return nil
        }
        return text
    }

    /// A second compress or convert feature would silently override the first.
    private func checkSingleEncodeFeatures(_ features: [Feature], issues: IssueCollector) {
        for type in [FeatureType.compress, .convert] {
            let indices = features.indices.filter { features[$0].type == type }
            for index in indices.dropFirst() {
                issues.add("features[\(index)].type", "a second \(type.rawValue) feature (the first is features[\(indices[0])]) would override it; put all its outputs in one \(type.rawValue) feature")
            }
        }
    }
}
