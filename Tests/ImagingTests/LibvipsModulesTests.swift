import Imaging
import Testing

@Suite struct LibvipsModulesTests {
    /// libvips loads only the modules ImagePipeline uses: HEIF (HEIC in, AVIF out), once a HEIF
    /// source or an AVIF output needs it (`Libvips.loadHEIF()`); never ImageMagick, OpenSlide,
    /// JPEG XL, nor (unless PDF is enabled) Poppler. (Whether HEIF is there before depends on
    /// what other tests of this process did; `CommandLineTests` checks a fresh process.)
    @Test func onlyTheHEIFModuleIsLoadedAndOnlyWhenAsked() throws {
        try Libvips.loadHEIF()
        #expect(try Libvips.hasOperation("heifsave_buffer"))
        #expect(try Libvips.hasOperation("heifload"))
        try Libvips.loadHEIF() // a second call is a no-op
        #expect(try !Libvips.hasOperation("magickload"))
        #expect(try !Libvips.hasOperation("openslideload"))
        #expect(try !Libvips.hasOperation("jxlload"))
        #expect(try !Libvips.hasOperation("pdfload"))
        // Built into libvips itself, not a module: still there (and blocked unless allowed).
        #expect(try Libvips.hasOperation("svgload"))
    }
}
