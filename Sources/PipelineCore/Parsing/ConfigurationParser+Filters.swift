extension ConfigurationParser {
    func readBlur(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.blur, keys = vocabulary.output
        let outputs = readOutputs(&reader, issues: issues, example: "{\"sigma\": 2}") { item -> BlurOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let sigma = item.number(keys["sigma"])
            item.finish(keys)
            if !item.has("sigma") { issues.add(item.pathOf("sigma"), "is required: the blur's radius (Gaussian sigma) in pixels, 0.3 to 100") }
            return sigma.map { BlurOutput(name: name, sigma: $0) }
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.blur)
    }

    func readSharpen(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.sharpen, keys = vocabulary.output
        let outputs = readOutputs(&reader, issues: issues, example: "{\"sigma\": 1}") { item -> SharpenOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let sigma = item.number(keys["sigma"])
            let flat = item.number(keys["flat"])
            let jagged = item.number(keys["jagged"])
            let threshold = item.number(keys["threshold"])
            item.finish(keys)
            if !item.has("sigma") { issues.add(item.pathOf("sigma"), "is required: the sharpening radius (Gaussian sigma) in pixels, 0.3 to 10") }
            guard let sigma, !item.has("flat") || flat != nil, !item.has("jagged") || jagged != nil,
                  !item.has("threshold") || threshold != nil else { return nil }
            let defaults = SharpenOutput(sigma: sigma)
            return SharpenOutput(name: name, sigma: sigma, flat: flat ?? defaults.flat, jagged: jagged ?? defaults.jagged,
                                 threshold: threshold ?? defaults.threshold)
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.sharpen)
    }
}
