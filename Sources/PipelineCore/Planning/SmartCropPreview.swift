/// How a smart crop (`attention`, `entropy`) is placed at a bounded cost: the window is chosen
/// on a small preview of the image it is cut from, and only the window is then computed.
///
/// libvips' own smart crop analyses the whole image it is given. For a cover resize that image
/// is the enlarged intermediate: a 1×1892 source filling 1080×1080 makes 1080 × 2,043,360
/// pixels, scanned in full, for one output. Here the preview has at most `longestSide` pixels
/// on each side, whatever the target, and at least `shortestSide` (libvips' attention measure
/// works on a 32 × 32 grid of the image, so the preview's scale on each axis may differ: the
/// grid, and so the choice, stays about the same).
///
/// Pure: the renderer makes the preview and asks libvips where the window goes in it; this
/// maps that answer back into the target's pixels.
public struct SmartCropPreview: Sendable, Hashable {
    /// The largest side of a preview.
    public static let longestSide = 512
    /// The smallest side of a preview (libvips' attention measure needs 32 pixels).
    public static let shortestSide = 32

    /// The image the window is cut from (for a cover resize, the resampled size, which is
    /// never made whole).
    public var target: PixelSize
    /// The window's size in `target`'s pixels.
    public var window: PixelSize
    /// The size the preview is made at.
    public var preview: PixelSize
    /// The window's size in the preview's pixels.
    public var previewWindow: PixelSize

    /// The preview for cutting `window` out of an image of `target` size (`window` no larger
    /// than `target` on either side).
    public init(target: PixelSize, window: PixelSize) {
        self.target = target
        self.window = window
        func side(_ length: Int) -> Int { min(Self.longestSide, max(Self.shortestSide, length)) }
        preview = PixelSize(width: side(target.width), height: side(target.height))
        func scaled(_ length: Int, _ previewLength: Int, _ targetLength: Int) -> Int {
            min(previewLength, max(1, Int((Double(length) * Double(previewLength) / Double(targetLength)).rounded())))
        }
        previewWindow = PixelSize(width: scaled(window.width, preview.width, target.width),
                                  height: scaled(window.height, preview.height, target.height))
    }

    /// The window's top-left corner in `target`'s pixels, given where it was placed in the
    /// preview: the preview window's centre, scaled back, inside the target.
    public func position(previewLeft: Int, previewTop: Int) -> (x: Int, y: Int) {
        func axis(_ start: Int, _ previewSpan: Int, _ previewLength: Int, _ span: Int, _ length: Int) -> Int {
            let centre = (Double(start) + Double(previewSpan) / 2) * Double(length) / Double(previewLength)
            return min(length - span, max(0, Int((centre - Double(span) / 2).rounded())))
        }
        return (axis(previewLeft, previewWindow.width, preview.width, window.width, target.width),
                axis(previewTop, previewWindow.height, preview.height, window.height, target.height))
    }
}
