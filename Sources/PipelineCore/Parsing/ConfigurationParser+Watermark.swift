import Foundation

extension ConfigurationParser {
    func readWatermark(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let outputs = readOutputs(&reader, issues: issues, example: "{\"image\": \"logo.png\", \"gravity\": \"southeast\"}") { item -> WatermarkOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let hasImage = item.has("image"), hasText = item.has("text")
            let image = item.string("image", maxLength: 1000)
            let text = item.string("text", maxLength: 200)
            let font = item.string("font", maxLength: 100)
            let size = item.integer("size", in: 4...1000, unit: " pixels")
            let colorText = item.string("color")
            let gravity = item.choice("gravity", Gravity.self) ?? .southeast
            let offsetX = item.integer("offsetX", in: Self.offsets, unit: " pixels")
            let offsetY = item.integer("offsetY", in: Self.offsets, unit: " pixels")
            let opacity = item.number("opacity", in: 0...1)
            let scale = item.number("scale", in: 0.01...1)
            item.finish(allowed: ["name", "image", "text", "font", "size", "color", "gravity", "offsetX", "offsetY", "opacity", "scale"])
            var valid = true
            if gravity.isSmart {
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
        reader.finish(allowed: ["type", "name", "outputs"])
        return outputs.map(FeatureKind.watermark)
    }
}
