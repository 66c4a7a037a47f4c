/// The configuration language as a JSON Schema (draft 2020-12), made from
/// `ConfigurationVocabulary`: served at `GET /v1/configurations/schema` and printed by
/// `pipeline schema`, for editors, clients and the console's builder.
///
/// Besides the standard keywords it carries annotations a form needs: `x-order` (the keys in
/// the order to show them), `x-kind` and `x-format` (which control), `x-unit`,
/// `x-alternatives` (sets of keys that exclude each other, with the defaults each brings),
/// `x-shownWhen` / `x-disabledWhen` (another key's values), `x-featureTypes` and
/// `x-newOutput`. The schema describes; the validator (`POST /v1/configurations/plan`) decides,
/// with every rule that spans keys.
public enum ConfigurationSchema {
    public static func document(templates: SocialTemplateCatalog) -> JSONValue {
        var definitions: [String: JSONValue] = [
            ConfigurationVocabulary.output.name: object(ConfigurationVocabulary.output, templates: templates),
            ConfigurationVocabulary.qualityByFormat.name: object(ConfigurationVocabulary.qualityByFormat, templates: templates),
        ]
        for vocabulary in ConfigurationVocabulary.features {
            var feature = object(vocabulary.feature, templates: templates, vocabulary: vocabulary)
            if case .object(var members) = feature {
                members["description"] = .string(vocabulary.summary)
                members["x-newOutput"] = .object(vocabulary.newOutput)
                feature = .object(members)
            }
            definitions[vocabulary.feature.name] = feature
            definitions[vocabulary.output.name] = object(vocabulary.output, templates: templates)
        }
        guard case .object(var root) = object(ConfigurationVocabulary.document, templates: templates) else { return .null }
        root["$schema"] = .string("https://json-schema.org/draft/2020-12/schema")
        root["$id"] = .string("https://imagepipeline.invalid/v1/configurations/schema")
        root["title"] = .string("ImagePipeline configuration")
        root["description"] = .string("A configuration document (SPEC §2). Unknown keys are errors.")
        root["$defs"] = .object(definitions)
        root["x-featureTypes"] = .array(ConfigurationVocabulary.features.map { .string($0.type.rawValue) })
        return .object(root)
    }

    static func object(_ object: ConfigurationObject, templates: SocialTemplateCatalog, vocabulary: FeatureVocabulary? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "type": .string("object"),
            "title": .string(object.title),
            "additionalProperties": .bool(false),
            "properties": .object(Dictionary(uniqueKeysWithValues: object.keys.map {
                ($0.name, property($0, templates: templates, vocabulary: vocabulary))
            })),
            "x-order": .array(object.keyNames.map(JSONValue.string)),
        ]
        if !object.required.isEmpty { members["required"] = .array(object.required.map(JSONValue.string)) }
        if !object.alternatives.isEmpty {
            members["x-alternatives"] = .array(object.alternatives.map { alternative in
                .object(["name": .string(alternative.name), "keys": .array(alternative.keys.map(JSONValue.string)), "starter": .object(alternative.starter),
                         "defaults": .object(alternative.defaults), "excludes": .array(alternative.excludes.map(JSONValue.string))])
            })
            if object.alternativeRequired {
                let markers = object.alternatives.flatMap { alternative in
                    alternative.name == "pixels" ? alternative.keys : [alternative.keys[0]]
                }
                members["anyOf"] = .array(markers.map { .object(["required": .array([.string($0)])]) })
            }
        }
        return .object(members)
    }

    static func property(_ key: ConfigurationKey, templates: SocialTemplateCatalog, vocabulary: FeatureVocabulary?) -> JSONValue {
        var members: [String: JSONValue] = ["description": .string(key.summary)]
        switch key.value {
        case .text(let maxLength, let format):
            members["type"] = .string("string")
            members["maxLength"] = .number(Double(maxLength))
            members["x-kind"] = .string("text")
            members["x-format"] = .string(format.rawValue)
            switch format {
            case .label: members["pattern"] = .string("^(?!\\.)[A-Za-z0-9_.-]{1,64}$")
            case .configID: members["pattern"] = .string("^[a-z0-9][a-z0-9-]{0,63}$")
            case .url: members["pattern"] = .string("^[Hh][Tt][Tt][Pp][Ss]?://")
            case .color: members["pattern"] = .string("^#?[0-9A-Fa-f]{6}$")
            case .template: members["enum"] = .array(templates.templates.map { .string($0.name) })
            case .image: members["minLength"] = .number(1)
            case .plain, .multiline: break
            }
        case .whole(let range, let unit, let options):
            members["type"] = .string("integer")
            members["minimum"] = .number(Double(range.lowerBound))
            members["maximum"] = .number(Double(range.upperBound))
            members["x-kind"] = .string("whole")
            if !unit.isEmpty { members["x-unit"] = .string(unit.trimmingPrefix(" ").description) }
            if let options { members["enum"] = .array(options.map { .number(Double($0)) }) }
        case .number(let range):
            members["type"] = .string("number")
            members["minimum"] = .number(range.lowerBound)
            members["maximum"] = .number(range.upperBound)
            members["x-kind"] = .string("number")
        case .flag:
            members["type"] = .string("boolean")
            members["x-kind"] = .string("flag")
        case .choice(let values):
            members["type"] = .string("string")
            members["x-kind"] = .string("choice")
            if values.count == 1 { members["const"] = .string(values[0]) }
            members["enum"] = .array(values.map(JSONValue.string))
        case .qualityByFormat:
            members["x-kind"] = .string("qualityByFormat")
            let range = ConfigurationParser.Limits.quality
            members["oneOf"] = .array([
                .object(["type": .string("integer"), "minimum": .number(Double(range.lowerBound)), "maximum": .number(Double(range.upperBound))]),
                .object(["$ref": .string("#/$defs/\(ConfigurationVocabulary.qualityByFormat.name)")]),
            ])
        case .outputSettings:
            members["x-kind"] = .string("outputSettings")
            members["$ref"] = .string("#/$defs/\(ConfigurationVocabulary.output.name)")
        case .features:
            members["x-kind"] = .string("features")
            members["type"] = .string("array")
            members["minItems"] = .number(Double(ConfigurationParser.Limits.features.lowerBound))
            members["maxItems"] = .number(Double(ConfigurationParser.Limits.features.upperBound))
            members["items"] = .object(["oneOf": .array(ConfigurationVocabulary.features.map {
                .object(["$ref": .string("#/$defs/\($0.feature.name)")])
            })])
        case .outputs:
            members["x-kind"] = .string("outputs")
            members["type"] = .string("array")
            members["minItems"] = .number(Double(ConfigurationParser.Limits.outputsPerFeature.lowerBound))
            let most = vocabulary?.singleOutput == true ? 1 : ConfigurationParser.Limits.outputsPerFeature.upperBound
            members["maxItems"] = .number(Double(most))
            if let vocabulary { members["items"] = .object(["$ref": .string("#/$defs/\(vocabulary.output.name)")]) }
        }
        if let value = key.defaultValue { members["default"] = value }
        if let condition = key.shownWhen { members["x-shownWhen"] = condition.json }
        if let condition = key.disabledWhen { members["x-disabledWhen"] = condition.json }
        return .object(members)
    }
}

extension KeyCondition {
    var json: JSONValue { .object(["key": .string(key), "values": .array(values.map(JSONValue.string))]) }
}
