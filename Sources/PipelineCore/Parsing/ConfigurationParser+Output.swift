extension ConfigurationParser {
    func readOutputSettings(_ value: JSONValue, path: String, issues: IssueCollector) -> OutputSettings? {
        guard var reader = ObjectReader(value, path: path, issues: issues) else { return nil }
        var settings = OutputSettings()
        if let format = reader.choice("format", ImageFormat.self) { settings.format = format }
        if let quality = reader.raw("quality") {
            readQuality(quality, path: reader.pathOf("quality"), into: &settings, issues: issues)
        }
        if let metadata = reader.choice("metadata", MetadataPolicy.self) { settings.metadata = metadata }
        if let profile = reader.choice("colorProfile", ColorProfilePolicy.self) { settings.colorProfile = profile }
        if let animation = reader.choice("animation", AnimationPolicy.self) { settings.animation = animation }
        if let text = reader.string("background") {
            if let color = RGBColor(hex: text) {
                settings.background = color
            } else {
                issues.add(reader.pathOf("background"), "expected a colour as \"#rrggbb\", got \"\(text)\"")
            }
        }
        reader.finish(allowed: ["format", "quality", "metadata", "colorProfile", "animation", "background"])
        return settings
    }

    /// `quality` is a number for every lossy format, or an object of format → number.
    private func readQuality(_ value: JSONValue, path: String, into settings: inout OutputSettings, issues: IssueCollector) {
        let range = Limits.quality
        switch value {
        case .number(let number) where number == number.rounded() && range.contains(Int(number)):
            for format in ImageFormat.lossyFormats { settings.quality[format] = Int(number) }
        case .object:
            guard var reader = ObjectReader(value, path: path, issues: issues) else { return }
            let names = ImageFormat.lossyFormats.map(\.rawValue)
            for format in ImageFormat.lossyFormats {
                if let quality = reader.integer(format.rawValue, in: range) { settings.quality[format] = quality }
            }
            reader.finish(allowed: names)
        default:
            issues.add(path, "expected a whole number from 1 to 100 or an object such as {\"jpeg\": 82, \"webp\": 80}, got \(value.shortDescription)")
        }
    }
}
