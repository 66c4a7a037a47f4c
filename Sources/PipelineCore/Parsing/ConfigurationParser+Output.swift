extension ConfigurationParser {
    func readOutputSettings(_ value: JSONValue, path: String, issues: IssueCollector) -> OutputSettings? {
        guard var reader = ObjectReader(value, path: path, issues: issues) else { return nil }
        let keys = ConfigurationVocabulary.output
        var settings = OutputSettings()
        if let format = reader.format(keys["format"]) { settings.format = format }
        if let quality = reader.raw("quality") {
            readQuality(quality, path: reader.pathOf("quality"), into: &settings, issues: issues)
        }
        if let metadata = reader.choice(keys["metadata"], MetadataPolicy.self) { settings.metadata = metadata }
        if let profile = reader.choice(keys["colorProfile"], ColorProfilePolicy.self) { settings.colorProfile = profile }
        if let animation = reader.choice(keys["animation"], AnimationPolicy.self) { settings.animation = animation }
        if let text = reader.string(keys["background"]) {
            if let color = RGBColor(hex: text) {
                settings.background = color
            } else {
                issues.add(reader.pathOf("background"), "expected a colour as \"#rrggbb\", got \"\(text)\"")
            }
        }
        if let store = reader.bool(keys["store"]) { settings.store = store }
        if let pdf = reader.choice(keys["pdf"], PDFHandling.self) { settings.pdf = pdf }
        if let dpi = reader.integer(keys["imageDpi"]) { settings.imageDpi = dpi }
        if let page = reader.integer(keys["page"]) { settings.page = page }
        reader.finish(keys)
        return settings
    }

    /// `quality` is a number for every lossy format, or an object of format → number.
    private func readQuality(_ value: JSONValue, path: String, into settings: inout OutputSettings, issues: IssueCollector) {
        let range = Limits.quality
        var value = value
        if case .number(let number) = value, number.isFinite, number != number.rounded(),
           range.contains(Int(number.rounded(.toNearestOrAwayFromZero))) {
            let whole = number.rounded(.toNearestOrAwayFromZero)
            issues.note(path, "\(NumberText.compact(number)) was rounded to \(Int(whole)); write a whole number")
            value = .number(whole)
        }
        switch value {
        case .number(let number) where number == number.rounded() && range.contains(Int(number)):
            for format in ImageFormat.lossyFormats { settings.quality[format] = Int(number) }
        case .object:
            guard var reader = ObjectReader(value, path: path, issues: issues) else { return }
            let keys = ConfigurationVocabulary.qualityByFormat
            for format in ImageFormat.lossyFormats {
                if let quality = reader.integer(format.rawValue, in: range, rounding: true) { settings.quality[format] = quality }
            }
            reader.finish(keys)
        default:
            issues.add(path, "expected a whole number from 1 to 100 or an object such as {\"jpeg\": 82, \"webp\": 80}, got \(value.shortDescription)")
        }
    }
}
