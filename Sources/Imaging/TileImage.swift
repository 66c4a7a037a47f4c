/// One image on its way to a leaf: the whole image (suffix "") or one tile of a slice or grid,
/// with the suffix its file name gets. An animation kept frame by frame has several frames of
/// one size; a still image has one.
struct TileImage {
    var suffix: String
    var frames: [VipsImageRef]

    init(suffix: String, frames: [VipsImageRef]) {
        self.suffix = suffix
        self.frames = frames
    }

    init(suffix: String, image: VipsImageRef) {
        self.init(suffix: suffix, frames: [image])
    }

    /// The first (for a still image, the only) frame.
    var image: VipsImageRef { frames[0] }
    var isAnimated: Bool { frames.count > 1 }
}
