extension ConfigurationParser {
    /// Fit rules given on the feature, which apply to every output that does not set its own.
    private struct ResizeDefaults {
        var fit: Fit?
        var scaling: Scaling?
        var gravity: Gravity?
    }

    func readResize(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.resize, keys = vocabulary.feature
        let defaults = ResizeDefaults(
            fit: reader.choice(keys["fit"], Fit.self),
            scaling: reader.choice(keys["scaling"], Scaling.self),
            gravity: reader.choice(keys["gravity"], Gravity.self))
        let outputs = readOutputs(&reader, issues: issues, example: "{\"width\": 800}") { item in
            readResizeOutput(&item, defaults: defaults, issues: issues)
        }
        reader.finish(keys)
        return outputs.map(FeatureKind.resize)
    }

    private func readResizeOutput(_ item: inout ObjectReader, defaults: ResizeDefaults, issues: IssueCollector) -> ResizeOutput? {
        let keys = ConfigurationVocabulary.resize.output
        let name = readLabel(&item, "name", issues: issues)
        let hasBox = item.has("width") || item.has("height")
        let width = item.integer(keys["width"])
        let height = item.integer(keys["height"])
        let hasPercent = item.has("percent")
        let percent = item.number(keys["percent"])
        let hasTemplate = item.has("template")
        let templateName = item.string(keys["template"])
        let fit = item.choice(keys["fit"], Fit.self)
        let scaling = item.choice(keys["scaling"], Scaling.self)
        let gravity = item.choice(keys["gravity"], Gravity.self)
        item.finish(keys)

        let kinds = [hasBox, hasPercent, hasTemplate].filter { $0 }.count
        if kinds == 0 {
            issues.add(item.path, "needs a size: \"width\" and/or \"height\" in pixels, \"percent\", or \"template\"")
            return nil
        }
        if kinds > 1 {
            issues.add(item.path, "give one kind of size: \"width\"/\"height\", \"percent\" or \"template\", not several")
            return nil
        }
        let target: ResizeTarget
        if hasBox {
            let widthOK = !item.has("width") || width != nil
            let heightOK = !item.has("height") || height != nil
            guard widthOK, heightOK else { return nil }
            target = .box(width: width, height: height)
        } else if hasPercent {
            if scaling != nil {
                issues.add(item.pathOf("scaling"), "does not apply to a percent size, which always scales by its factor; remove it")
                return nil
            }
            guard let percent else { return nil }
            target = .percent(percent)
        } else {
            guard let templateName else { return nil }
            guard let template = templates.template(named: templateName) else {
                let suggestion = templates.templates.map(\.name).filter { $0.hasPrefix(templateName.split(separator: "-").first.map(String.init) ?? "") }
                let hint = suggestion.isEmpty ? "run `pipeline templates` to list them" : "known ones include \(suggestion.joined(separator: ", "))"
                issues.add(item.pathOf("template"), "\"\(templateName)\" is not a known template; \(hint)")
                return nil
            }
            target = .template(template)
        }
        let isTemplate = hasTemplate
        return ResizeOutput(
            name: name,
            target: target,
            fit: fit ?? defaults.fit ?? (isTemplate ? .cover : .inside),
            scaling: scaling ?? defaults.scaling ?? (isTemplate ? .both : .downOnly),
            gravity: gravity ?? defaults.gravity ?? (isTemplate ? .attention : .center))
    }
}
