extension ConfigurationParser {
    func readCrop(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.crop, keys = vocabulary.output
        let outputs = readOutputs(&reader, issues: issues, example: "{\"shape\": \"rectangle\", \"width\": 800, \"height\": 600}") { item -> CropOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let shape = item.string("shape") ?? "rectangle"
            let width = item.integer(keys["width"])
            let height = item.integer(keys["height"])
            let radius = item.integer(keys["radius"])
            let gravity = item.choice(keys["gravity"], Gravity.self) ?? .center
            let offsetX = item.integer(keys["offsetX"])
            let offsetY = item.integer(keys["offsetY"])
            item.finish(keys)
            if gravity.isSmart, item.has("offsetX") || item.has("offsetY") {
                issues.add(item.path, "offsets cannot move a crop whose gravity is \"\(gravity.rawValue)\" (libvips chooses where it goes); remove offsetX/offsetY or use a compass gravity")
                return nil
            }
            let resolved: CropShape
            switch shape {
            case "rectangle":
                if item.has("radius") { issues.add(item.pathOf("radius"), "belongs to a circle crop; a rectangle takes \"width\" and \"height\"") }
                for key in ["width", "height"] where !item.has(key) {
                    issues.add(item.pathOf(key), "is required for a rectangle crop (pixels)")
                }
                guard let width, let height, !item.has("radius") else { return nil }
                resolved = .rectangle(width: width, height: height)
            case "circle":
                if item.has("width") || item.has("height") {
                    issues.add(item.path, "a circle crop takes \"radius\", not \"width\"/\"height\"")
                    return nil
                }
                guard let radius else {
                    if !item.has("radius") { issues.add(item.pathOf("radius"), "is required for a circle crop (pixels)") }
                    return nil
                }
                resolved = .circle(radius: radius)
            default:
                issues.add(item.pathOf("shape"), "expected \"rectangle\" or \"circle\", got \"\(shape)\"")
                return nil
            }
            guard !item.has("offsetX") || offsetX != nil, !item.has("offsetY") || offsetY != nil else { return nil }
            return CropOutput(name: name, shape: resolved, gravity: gravity, offsetX: offsetX ?? 0, offsetY: offsetY ?? 0)
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.crop)
    }

    func readRotate(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.rotate, keys = vocabulary.output
        let outputs = readOutputs(&reader, issues: issues, example: "{\"angle\": 90}") { item -> RotateOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let hasAngle = item.has("angle"), hasFlip = item.has("flip")
            let angle = item.integer(keys["angle"])
            let flip = item.choice(keys["flip"], FlipAxis.self)
            item.finish(keys)
            switch (hasAngle, hasFlip) {
            case (true, true):
                issues.add(item.path, "give either \"angle\" or \"flip\", not both; list them as two outputs, or use two rotate features to do both")
                return nil
            case (false, false):
                issues.add(item.path, "needs \"angle\" (90, 180 or 270, clockwise) or \"flip\" (\"horizontal\" or \"vertical\")")
                return nil
            case (true, false):
                guard let angle else { return nil }
                guard [90, 180, 270].contains(angle) else {
                    issues.add(item.pathOf("angle"), "expected 90, 180 or 270 (degrees clockwise), got \(angle)")
                    return nil
                }
                return .angle(angle, name: name)
            case (false, true):
                return flip.map { .flip($0, name: name) }
            }
        }
        reader.finish(vocabulary.feature)
        return outputs.map(FeatureKind.rotate)
    }

    func readTiles(_ type: FeatureType, _ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let vocabulary = ConfigurationVocabulary.feature(type), keys = vocabulary.output
        let example = type == .slice ? "{\"direction\": \"vertical\", \"size\": 1000}" : "{\"columns\": 3, \"rows\": 2}"
        let outputs = readOutputs(&reader, issues: issues, example: example) { item -> TileOutput? in
            let name = readLabel(&item, "name", issues: issues)
            if type == .slice {
                let direction = item.choice(keys["direction"], SliceDirection.self)
                let size = item.integer(keys["size"])
                item.finish(keys)
                if !item.has("direction") { issues.add(item.pathOf("direction"), "is required: \"vertical\" (tiles from top to bottom) or \"horizontal\" (left to right)") }
                if !item.has("size") { issues.add(item.pathOf("size"), "is required: each tile's length in pixels along the direction") }
                guard let direction, let size else { return nil }
                return .slice(direction, size: size, name: name)
            }
            let columns = item.integer(keys["columns"])
            let rows = item.integer(keys["rows"])
            item.finish(keys)
            for key in ["columns", "rows"] where !item.has(key) {
                issues.add(item.pathOf(key), "is required (1 to 50)")
            }
            guard let columns, let rows else { return nil }
            return .grid(columns: columns, rows: rows, name: name)
        }
        reader.finish(vocabulary.feature)
        return outputs.map { FeatureKind.tiles(type, $0) }
    }
}
