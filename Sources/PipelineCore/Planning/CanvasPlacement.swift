/// Where a `contain` resize puts the image on its padded canvas.
public struct CanvasPlacement: Sendable, Hashable {
    public var canvas: PixelSize
    public var x: Int
    public var y: Int

    public init(canvas: PixelSize, x: Int, y: Int) {
        self.canvas = canvas
        self.x = x
        self.y = y
    }
}
