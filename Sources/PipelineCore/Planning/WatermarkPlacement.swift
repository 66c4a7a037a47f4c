/// Where a mark of known size goes on an image of known size. Pure.
public enum WatermarkPlacement {
    /// The mark's size after `scale` (its width a fraction of the image's width, aspect kept).
    public static func markSize(_ mark: PixelSize, scale: Double?, image: PixelSize) -> PixelSize {
        guard let scale else { return mark }
        let width = max(1, Int((Double(image.width) * scale).rounded()))
        return PixelSize(width: width, height: ResizeGeometry.proportional(mark.height, width, mark.width))
    }

    /// The top-left corner of a `mark`-sized mark on `image`: at the gravity's edge, moved
    /// inwards by the offsets (on a centred axis the offset shifts right or down).
    public static func origin(mark: PixelSize, image: PixelSize, gravity: Gravity, offsetX: Int, offsetY: Int) -> (x: Int, y: Int) {
        let free = PixelSize(width: image.width - mark.width, height: image.height - mark.height)
        let (x, y) = CropPlacement.offsets(free: free, gravity)
        let dx: Int, dy: Int
        switch gravity {
        case .northeast, .east, .southeast: dx = -offsetX
        default: dx = offsetX
        }
        switch gravity {
        case .southwest, .south, .southeast: dy = -offsetY
        default: dy = offsetY
        }
        return (x + dx, y + dy)
    }
}
