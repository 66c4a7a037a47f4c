extension ConfigurationParser {
    func readFeature(_ value: JSONValue, path: String, issues: IssueCollector) -> Feature? {
        guard var reader = ObjectReader(value, path: path, issues: issues) else { return nil }
        guard let type = reader.choice("type", FeatureType.self) else {
            if !reader.has("type") {
                let types = FeatureType.allCases.map(\.rawValue).joined(separator: ", ")
                issues.add(reader.pathOf("type"), "is required; one of \(types)")
            }
            return nil
        }
        let name = readLabel(&reader, "name", issues: issues)
        let kind: FeatureKind?
        switch type {
        case .resize: kind = readResize(&reader, issues: issues)
        case .compress: kind = readCompress(&reader, issues: issues)
        case .convert: kind = readConvert(&reader, issues: issues)
        case .grayscale: kind = readGrayscale(&reader, issues: issues)
        case .crop: kind = readCrop(&reader, issues: issues)
        case .rotate: kind = readRotate(&reader, issues: issues)
        case .watermark: kind = readWatermark(&reader, issues: issues)
        case .blur: kind = readBlur(&reader, issues: issues)
        case .sharpen: kind = readSharpen(&reader, issues: issues)
        case .slice, .grid: kind = readTiles(type, &reader, issues: issues)
        }
        guard let kind else { return nil }
        let feature = Feature(name: name, kind: kind)
        checkDistinctLabels(feature, path: path, issues: issues)
        return feature
    }

    /// A name becomes a folder in the ZIP, so it must be a safe, short file name.
    func readLabel(_ reader: inout ObjectReader, _ key: String, issues: IssueCollector) -> String? {
        guard let text = reader.string(key, maxLength: 1000) else { return nil }
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
        }
        guard allowed, (1...64).contains(text.count), !text.hasPrefix(".") else {
            issues.add(reader.pathOf(key), "\"\(text)\" cannot be a folder name; use 1 to 64 letters, digits, '-', '_' or '.', not starting with '.'")
            return nil
        }
        return text
    }

    /// Reads `outputs` (1–20 objects), calling `read` on each.
    func readOutputs<T>(_ reader: inout ObjectReader, issues: IssueCollector, example: String,
                        _ read: (inout ObjectReader) -> T?) -> [T]? {
        let path = reader.pathOf("outputs")
        guard let items = reader.array("outputs") else {
            if !reader.has("outputs") { issues.add(path, "is required: list 1 to 20 outputs, e.g. [\(example)]") }
            return nil
        }
        if !Limits.outputsPerFeature.contains(items.count) {
            issues.add(path, "has \(items.count) outputs; a feature makes 1 to 20")
        }
        var outputs: [T] = []
        var complete = true
        for (index, item) in items.enumerated() {
            guard var itemReader = ObjectReader(item, path: IssueCollector.child(path, index), issues: issues) else {
                complete = false
                continue
            }
            if let output = read(&itemReader) { outputs.append(output) } else { complete = false }
        }
        return complete && !outputs.isEmpty ? outputs : nil
    }

    private func checkDistinctLabels(_ feature: Feature, path: String, issues: IssueCollector) {
        var firstUse: [String: Int] = [:]
        for (index, label) in feature.labels.enumerated() {
            if let earlier = firstUse[label] {
                issues.add("\(path).outputs[\(index)]", "its folder label \"\(label)\" is already used by outputs[\(earlier)]; give one of them a distinct \"name\"")
            } else {
                firstUse[label] = index
            }
        }
    }

    // MARK: - compress, convert, grayscale

    private func readCompress(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.compress, keys = vocabulary.output
        let sharedMaxBytes = reader.integer(vocabulary.feature["maxBytes"])
        let outputs = readOutputs(&reader, issues: issues, example: "{\"quality\": 80}") { item -> CompressOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let hasQuality = item.has("quality")
            let quality = item.integer(keys["quality"])
            let lossless = item.bool(keys["lossless"])
            let hasMaxBytes = item.has("maxBytes")
            let maxBytes = item.integer(keys["maxBytes"]) ?? sharedMaxBytes
            item.finish(keys)
            if hasMaxBytes, maxBytes == nil { return nil }
            if hasQuality, quality == nil { return nil }
            if let maxBytes {
                if lossless == true {
                    issues.add(item.path, "\"maxBytes\" searches for a lossy quality; it cannot be combined with \"lossless\": true")
                    return nil
                }
                return CompressOutput(name: name, setting: .fitting(maxBytes: maxBytes, highestQuality: quality ?? 100))
            }
            switch (hasQuality, lossless) {
            case (true, true?):
                issues.add(item.path, "give either \"quality\" or \"lossless\": true, not both")
                return nil
            case (false, true?):
                return CompressOutput(name: name, setting: .lossless)
            case (true, _):
                return quality.map { CompressOutput(name: name, setting: .quality($0)) }
            case (false, _):
                issues.add(item.path, "needs \"quality\" (1 to 100), \"lossless\": true, or \"maxBytes\"")
                return nil
            }
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.compress)
    }

    private func readConvert(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.convert, keys = vocabulary.output
        let outputs = readOutputs(&reader, issues: issues, example: "{\"format\": \"webp\"}") { item -> ConvertOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let format = item.format(keys["format"])
            if !item.has("format") {
                let formats = ImageFormat.configurable.map(\.rawValue).joined(separator: ", ")
                issues.add(item.pathOf("format"), "is required; one of \(formats)")
            }
            item.finish(keys)
            return format.map { ConvertOutput(name: name, format: $0) }
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.convert)
    }

    private func readGrayscale(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.grayscale
        var output = GrayscaleOutput()
        if reader.has("outputs") {
            let path = reader.pathOf("outputs")
            let outputs = readOutputs(&reader, issues: issues, example: "{}") { item -> GrayscaleOutput? in
                let name = readLabel(&item, "name", issues: issues)
                item.finish(vocabulary.output)
                return GrayscaleOutput(name: name)
            }
            guard let outputs else { return nil }
            if outputs.count != 1 {
                issues.add(path, "grayscale makes exactly one output; list one (or leave \"outputs\" out)")
                return nil
            }
            output = outputs[0]
        } else {
            _ = reader.raw("outputs")
        }
        reader.finish(vocabulary.feature)
        return .grayscale(output)
    }
}
