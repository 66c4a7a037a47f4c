import Imaging
import Testing

@Suite struct LibvipsModulesTests {
    /// libvips loads only the modules ImagePipeline uses: HEIF (HEIC in, AVIF out), not
    /// ImageMagick, OpenSlide, JPEG XL, nor (unless PDF is enabled) Poppler.
    @Test func onlyTheHEIFModuleIsLoaded() throws {
        #expect(try Libvips.hasOperation("heifsave_buffer"))
        #expect(try Libvips.hasOperation("heifload"))
        #expect(try !Libvips.hasOperation("magickload"))
        #expect(try !Libvips.hasOperation("openslideload"))
        #expect(try !Libvips.hasOperation("jxlload"))
        #expect(try !Libvips.hasOperation("pdfload"))
        // Built into libvips itself, not a module: still there (and blocked unless allowed).
        #expect(try Libvips.hasOperation("svgload"))
    }
}
