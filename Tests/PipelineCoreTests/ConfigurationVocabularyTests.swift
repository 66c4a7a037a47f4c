import Foundation
import PipelineCore
import Testing

/// The vocabulary is the one place the language is written down: the parser reads through it
/// and the schema (and so the console) is made from it. These tests hold the three together.
@Suite struct ConfigurationVocabularyTests {
    /// Every object of the language, with a document that puts `value` at one of its keys.
    static let places: [(object: ConfigurationObject, document: @Sendable (String, JSONValue) -> JSONValue, path: @Sendable (String) -> String)] = {
        let minimal: JSONValue = .array([.object(["type": .string("grayscale")])])
        var places: [(ConfigurationObject, @Sendable (String, JSONValue) -> JSONValue, @Sendable (String) -> String)] = [
            (ConfigurationVocabulary.document, { key, value in
                var members: [String: JSONValue] = ["features": minimal]
                members[key] = value
                return .object(members)
            }, { $0 }),
            (ConfigurationVocabulary.output, { key, value in .object(["features": minimal, "output": .object([key: value])]) }, { "output.\($0)" }),
            (ConfigurationVocabulary.qualityByFormat, { key, value in
                .object(["features": minimal, "output": .object(["quality": .object([key: value])])])
            }, { "output.quality.\($0)" }),
        ]
        for vocabulary in ConfigurationVocabulary.features {
            let type = JSONValue.string(vocabulary.type.rawValue)
            let output = JSONValue.object(vocabulary.newOutput)
            places.append((vocabulary.feature, { key, value in
                var members: [String: JSONValue] = ["type": type, "outputs": .array([output])]
                members[key] = value
                return .object(["features": .array([.object(members)])])
            }, { "features[0].\($0)" }))
            places.append((vocabulary.output, { key, value in
                var members = vocabulary.newOutput
                members[key] = value
                return .object(["features": .array([.object(["type": type, "outputs": .array([.object(members)])])])])
            }, { "features[0].outputs[0].\($0)" }))
        }
        return places
    }()

    static func issues(_ document: JSONValue) -> [ValidationIssue] {
        do {
            _ = try ConfigurationParser().parse(document)
            return []
        } catch {
            return error.issues
        }
    }

    @Test func everyFeatureTypeHasItsVocabulary() {
        #expect(ConfigurationVocabulary.features.map(\.type.rawValue).sorted() == FeatureType.allCases.map(\.rawValue).sorted())
    }

    /// Every key of every object × a value of the wrong kind: the parser answers at that key's
    /// path with a reason, never "unknown key" (which would mean the table names a key the
    /// parser does not read).
    @Test func theParserReadsEveryKeyOfTheTables() {
        var misses: [String] = []
        for place in Self.places {
            for key in place.object.keys {
                let wrong: JSONValue
                if case .flag = key.value { wrong = .string("yes") } else { wrong = .bool(true) }
                let path = place.path(key.name)
                let found = Self.issues(place.document(key.name, wrong)).filter { $0.path == path }
                if found.isEmpty || found.contains(where: { $0.message.hasPrefix("unknown key") }) {
                    misses.append("\(place.object.name).\(key.name): \(found.map(\.message))")
                }
            }
        }
        #expect(misses.isEmpty, "\(misses.joined(separator: "\n"))")
    }

    /// A key outside the table is refused with the table's keys as the expected ones.
    @Test func aKeyOutsideTheTablesIsUnknownEverywhere() {
        for place in Self.places {
            let found = Self.issues(place.document("zzz", .number(1))).filter { $0.path == place.path("zzz") }
            #expect(found.count == 1 && found[0].message.hasPrefix("unknown key; expected one of: \(place.object.keyNames.sorted().joined(separator: ", "))"),
                    "\(place.object.name): \(found)")
        }
    }

    /// What a form adds or switches to is valid on its own, and every default the table states is what the
    /// parser uses: the normalised document states it, or leaves it out where absence means it.
    @Test(arguments: ConfigurationVocabulary.features.map(\.type))
    func newOutputsAreValidAndDefaultsAreTheParsers(_ type: FeatureType) throws {
        let vocabulary = ConfigurationVocabulary.feature(type)
        // The new output, and each alternative's starter (what a form puts in when it is chosen).
        let cases: [[String: JSONValue]] = [vocabulary.newOutput] + vocabulary.output.alternatives.map(\.starter)
        for output in cases {
            let document = JSONValue.object(["features": .array([.object(["type": .string(type.rawValue), "outputs": .array([.object(output)])])])])
            let config = try ConfigurationParser().parse(document)
            let normalised = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(config))
            guard case .object(let root) = normalised, case .array(let features)? = root["features"], case .object(let feature) = features[0],
                  case .array(let outputs)? = feature["outputs"], case .object(let written) = outputs[0] else {
                Issue.record("no output in \(normalised)")
                continue
            }
            let alternative = vocabulary.output.alternatives.first { output[$0.keys[0]] != nil }
            for key in vocabulary.output.keys where output[key.name] == nil && !(alternative?.excludes.contains(key.name) ?? false) {
                guard let expected = alternative?.defaults[key.name] ?? key.defaultValue else { continue }
                if let value = written[key.name] { #expect(value == expected, "\(type).\(key.name): \(value) vs \(expected)") }
            }
        }
    }

    @Test func documentAndOutputDefaultsAreTheParsers() throws {
        let config = try ConfigurationParser().parse(Data(#"{"features": [{"type": "grayscale"}]}"#.utf8))
        let normalised = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(config))
        guard case .object(let root) = normalised, case .object(let output)? = root["output"] else { Issue.record("\(normalised)"); return }
        for key in ConfigurationVocabulary.output.keys {
            // Written, or (like `store: false`) left out where absence means the default.
            #expect((output[key.name] ?? key.defaultValue) == key.defaultValue, "output.\(key.name)")
        }
        for key in ConfigurationVocabulary.document.keys {
            guard let expected = key.defaultValue else { continue }
            #expect(root[key.name] == nil || root[key.name] == expected, "\(key.name)")
        }
    }

    /// The schema has every object and key, in the table's order, with the parser's limits.
    @Test func theSchemaIsMadeFromTheTables() throws {
        let schema = ConfigurationSchema.document(templates: .shipped)
        guard case .object(let root) = schema, case .object(let definitions)? = root["$defs"] else { Issue.record("no $defs"); return }
        for place in Self.places {
            let object: JSONValue? = place.object.name == "document" ? schema : definitions[place.object.name]
            guard case .object(let members)? = object, case .object(let properties)? = members["properties"] else {
                Issue.record("\(place.object.name) is missing")
                continue
            }
            #expect(members["x-order"] == .array(place.object.keyNames.map(JSONValue.string)), "\(place.object.name)")
            #expect(Set(properties.keys) == Set(place.object.keyNames), "\(place.object.name)")
            #expect(members["additionalProperties"] == .bool(false))
        }
        guard case .object(let crop)? = definitions["output.crop"], case .object(let properties)? = crop["properties"],
              case .object(let radius)? = properties["radius"] else { Issue.record("no crop radius"); return }
        #expect(radius["maximum"] == .number(8192))
        #expect(radius["x-shownWhen"] == .object(["key": .string("shape"), "values": .array([.string("circle")])]))
        guard case .object(let resize)? = definitions["output.resize"], case .object(let resizeProperties)? = resize["properties"],
              case .object(let template)? = resizeProperties["template"], case .array(let names)? = template["enum"] else {
            Issue.record("no template names"); return
        }
        #expect(names.count == SocialTemplateCatalog.shipped.templates.count)
    }

    /// The README's configuration reference names every key of the tables (as `key` or "key").
    @Test func theREADMEsReferenceNamesEveryKey() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "## Configuration reference"))
        let rest = readme[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        let missing = Self.places.flatMap { place in place.object.keyNames }
            .filter { !section.contains("`\($0)`") && !section.contains("\"\($0)\"") }
        #expect(missing.isEmpty, "keys the README's reference does not name: \(Set(missing).sorted())")
    }
}

