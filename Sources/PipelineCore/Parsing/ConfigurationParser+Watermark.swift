import Foundation

extension ConfigurationParser {
    func readWatermark(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.watermark, keys = vocabulary.output
        let outputs = readOutputs(&reader, issues: issues, example: "{\"image\": \"logo.png\", \"gravity\": \"southeast\"}") { item -> WatermarkOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let hasImage = item.has("image"), hasText = item.has("text")
            let image = item.string(keys["image"])
            let text = item.string(keys["text"])
            let font = item.string(keys["font"])
            let size = item.integer(keys["size"])
            let colorText = item.string(keys["color"])
            let gravity = item.choice(keys["gravity"], Gravity.self) ?? .southeast
            let offsetX = item.integer(keys["offsetX"])
            let offsetY = item.integer(keys["offsetY"])
            let opacity = item.number(keys["opacity"])
            let scale = item.number(keys["scale"])
            item.finish(keys)
            var valid = true
            if !keys["gravity"].choices.contains(gravity.rawValue) {
                issues.add(item.pathOf("gravity"), "a watermark sits at a compass point (center, north, northeast, …), not \"\(gravity.rawValue)\"")
                valid = false
            }
            let mark: WatermarkMark?
            switch (hasImage, hasText) {
            case (true, true), (false, false):
                issues.add(item.path, "give either \"image\" (a file path, relative to this configuration) or \"text\", exactly one")
                mark = nil
            case (true, false):
                for key in ["font", "size", "color"] where item.has(key) {
                    issues.add(item.pathOf(key), "applies to a text watermark only; remove it")
                    valid = false
                }
                if let image, image.isEmpty || image.contains("\0") {
                    issues.add(item.pathOf("image"), "expected a file path, got \"\(image)\"")
                    valid = false
                }
                mark = image.map { .image(path: $0) }
            case (false, true):
                var color = RGBColor.white
                if let colorText {
                    if let parsed = RGBColor(hex: colorText) { color = parsed } else {
                        issues.add(item.pathOf("color"), "expected a colour as \"#rrggbb\", got \"\(colorText)\"")
                        valid = false
                    }
                }
                if let text, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    issues.add(item.pathOf("text"), "is empty; give the text to draw")
                    valid = false
                }
                mark = text.map { .text($0, font: font ?? "sans", size: size ?? 24, color: color) }
            }
            guard valid, let mark, !item.has("offsetX") || offsetX != nil, !item.has("offsetY") || offsetY != nil,
                  !item.has("opacity") || opacity != nil, !item.has("scale") || scale != nil,
                  !item.has("size") || size != nil
            else { return nil }
            return WatermarkOutput(name: name, mark: mark, gravity: gravity, offsetX: offsetX ?? 0, offsetY: offsetY ?? 0,
                                   opacity: opacity ?? 0.5, scale: scale)
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.watermark)
    }
}
