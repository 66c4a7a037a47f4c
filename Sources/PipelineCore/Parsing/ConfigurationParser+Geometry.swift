extension ConfigurationParser {
    static let offsets = -16384...16384

    func readCrop(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let outputs = readOutputs(&reader, issues: issues, example: "{\"shape\": \"rectangle\", \"width\": 800, \"height\": 600}") { item -> CropOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let shape = item.string("shape") ?? "rectangle"
            let width = item.integer("width", in: Limits.pixels, unit: " pixels")
            let height = item.integer("height", in: Limits.pixels, unit: " pixels")
            let radius = item.integer("radius", in: 1...8192, unit: " pixels")
            let gravity = item.choice("gravity", Gravity.self) ?? .center
            let offsetX = item.integer("offsetX", in: Self.offsets, unit: " pixels")
            let offsetY = item.integer("offsetY", in: Self.offsets, unit: " pixels")
            item.finish(allowed: ["name", "shape", "width", "height", "radius", "gravity", "offsetX", "offsetY"])
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
        reader.finish(allowed: ["type", "name", "outputs"])
        return outputs.map(FeatureKind.crop)
    }

    func readRotate(_ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let outputs = readOutputs(&reader, issues: issues, example: "{\"angle\": 90}") { item -> RotateOutput? in
            let name = readLabel(&item, "name", issues: issues)
            let hasAngle = item.has("angle"), hasFlip = item.has("flip")
            let angle = item.integer("angle", in: 0...360, unit: " degrees")
            let flip = item.choice("flip", FlipAxis.self)
            item.finish(allowed: ["name", "angle", "flip"])
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
        reader.finish(allowed: ["type", "name", "outputs"])
        return outputs.map(FeatureKind.rotate)
    }

    func readTiles(_ type: FeatureType, _ reader: inout ObjectReader, issues: IssueCollector) -> FeatureKind? {
        let example = type == .slice ? "{\"direction\": \"vertical\", \"size\": 1000}" : "{\"columns\": 3, \"rows\": 2}"
        let outputs = readOutputs(&reader, issues: issues, example: example) { item -> TileOutput? in
            let name = readLabel(&item, "name", issues: issues)
            if type == .slice {
                let direction = item.choice("direction", SliceDirection.self)
                let size = item.integer("size", in: Limits.pixels, unit: " pixels")
                item.finish(allowed: ["name", "direction", "size"])
                if !item.has("direction") { issues.add(item.pathOf("direction"), "is required: \"vertical\" (tiles from top to bottom) or \"horizontal\" (left to right)") }
                if !item.has("size") { issues.add(item.pathOf("size"), "is required: each tile's length in pixels along the direction") }
                guard let direction, let size else { return nil }
                return .slice(direction, size: size, name: name)
            }
            let columns = item.integer("columns", in: 1...50)
            let rows = item.integer("rows", in: 1...50)
            item.finish(allowed: ["name", "columns", "rows"])
            for key in ["columns", "rows"] where !item.has(key) {
                issues.add(item.pathOf(key), "is required (1 to 50)")
            }
            guard let columns, let rows else { return nil }
            return .grid(columns: columns, rows: rows, name: name)
        }
        reader.finish(allowed: ["type", "name", "outputs"])
        return outputs.map { FeatureKind.tiles(type, $0) }
    }
}
