import CVipsShim
@testable import Imaging
import Testing

/// A source's thread count is set on its decoded image (`ip_with_threads`), not process-wide,
/// so renders side by side in a server each keep to theirs; libvips' thread pools read it from
/// whatever image they compute, so it must reach the images the outputs are made of.
@Suite struct ThreadsPerImageTests {
    @Test(arguments: [1, 3])
    func theCountReachesTheResizedImage(threads: Int32) throws {
        try Libvips.start()
        var loaded: UnsafeMutablePointer<VipsImage>?
        #expect(ip_load(ReduceTests.photo, &loaded) == 0)
        let photo = VipsImageRef(try #require(loaded))
        let processWide = vips_image_get_concurrency(photo.pointer, 7)
        #expect(processWide == 7, "a loaded image has no count of its own")
        let chosen = try photo.derive("choosing its threads") { ip_with_threads($0, threads, $1) }
        let resized = try chosen.derive("resizing") { ip_resize($0, 0.3, 0.3, $1) }
        #expect(vips_image_get_concurrency(resized.pointer, 7) == threads)
    }
}
