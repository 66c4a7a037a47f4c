/// One image on its way to a leaf: the whole image (suffix "") or one tile of a slice or grid,
/// with the suffix its file name gets.
struct TileImage {
    var suffix: String
    var image: VipsImageRef
}
