/// Where a crop lands on an image of known size: the kept rectangle (the shape's box, moved by
/// gravity and offsets, clamped to the image) and, for a circle, its centre within that rectangle.
/// Pure, so the planner and the executor compute the same numbers.
public struct CropPlacement: Sendable {
    /// The kept rectangle in the input's pixels; for smart gravity only its size is known here.
    public var x: Int
    public var y: Int
    public var size: PixelSize
    /// For a circle: its centre (in the kept rectangle's pixels) and radius.
    public var circle: (centerX: Double, centerY: Double, radius: Int)?
    /// True when libvips chooses the position by looking at the pixels.
    public var isSmart: Bool

    /// The placement of `output` on an image of `input` size, or a sentence saying why
    /// nothing of the image would be left.
    public static func resolve(_ output: CropOutput, input: PixelSize) -> Result<CropPlacement, CropError> {
        let box = output.shape.box
        if output.gravity.isSmart {
            // libvips picks the position; a box larger than the image keeps the whole side.
            let size = PixelSize(width: min(box.width, input.width), height: min(box.height, input.height))
            let circle = output.shape.box == size ? circleIn(output.shape, boxX: 0, boxY: 0, keptX: 0, keptY: 0, box: box, kept: size)
                : circleIn(output.shape, boxX: (size.width - box.width) / 2, boxY: (size.height - box.height) / 2, keptX: 0, keptY: 0, box: box, kept: size)
            return .success(CropPlacement(x: 0, y: 0, size: size, circle: circle, isSmart: true))
        }
        let free = PixelSize(width: input.width - box.width, height: input.height - box.height)
        let (baseX, baseY) = offsets(free: free, output.gravity)
        let boxX = baseX + output.offsetX, boxY = baseY + output.offsetY
        let left = max(0, boxX), top = max(0, boxY)
        let right = min(input.width, boxX + box.width), bottom = min(input.height, boxY + box.height)
        guard right > left, bottom > top else {
            return .failure(CropError(message: "a \(box.width)×\(box.height) box at x \(boxX), y \(boxY) lies wholly outside the \(input.width)×\(input.height) image, so nothing would be left; reduce the offsets"))
        }
        let kept = PixelSize(width: right - left, height: bottom - top)
        return .success(CropPlacement(x: left, y: top, size: kept,
                                      circle: circleIn(output.shape, boxX: boxX, boxY: boxY, keptX: left, keptY: top, box: box, kept: kept),
                                      isSmart: false))
    }

    /// A circle's centre in the kept rectangle: the box's centre, wherever the clamp left it.
    private static func circleIn(_ shape: CropShape, boxX: Int, boxY: Int, keptX: Int, keptY: Int, box: PixelSize, kept: PixelSize) -> (Double, Double, Int)? {
        guard case .circle(let radius) = shape else { return nil }
        return (Double(boxX - keptX) + Double(box.width) / 2, Double(boxY - keptY) + Double(box.height) / 2, radius)
    }

    /// Where a box with `free` spare pixels (possibly negative) sits for a compass gravity.
    static func offsets(free: PixelSize, _ gravity: Gravity) -> (Int, Int) {
        let centerX = free.width / 2, centerY = free.height / 2
        switch gravity {
        case .center, .attention, .entropy: return (centerX, centerY)
        case .north: return (centerX, 0)
        case .northeast: return (free.width, 0)
        case .east: return (free.width, centerY)
        case .southeast: return (free.width, free.height)
        case .south: return (centerX, free.height)
        case .southwest: return (0, free.height)
        case .west: return (0, centerY)
        case .northwest: return (0, 0)
        }
    }
}
