import CVipsShim
import Foundation
@testable import Imaging
import PipelineCore
import Synchronization
import Testing

/// `ip_reduceh`, the engine's horizontal Lanczos 3 reduce of 8-bit images (libvips 8.14's own
/// is scalar, band by band), against its definition computed here in double precision, and its
/// AVX2 and SSSE3 loops against its plain C one.
@Suite struct ReduceTests {
    static let photo = "\(samples)/fallenleaf_2560x1600.jpg"

    struct Case: CustomStringConvertible, Sendable {
        var width: Int, height: Int, bands: Int, to: Int
        var description: String { "\(width)×\(height)×\(bands) → \(to)" }
    }

    /// Common factors (the twenty-size and batch jobs), a box shrink's remainder, odd sizes,
    /// images narrower than the kernel, a single row (the vector loop must not read past it),
    /// and every band count.
    static let cases = [
        Case(width: 2560, height: 3, bands: 3, to: 1920), Case(width: 3014, height: 2, bands: 3, to: 2000),
        Case(width: 2000, height: 2, bands: 4, to: 1000), Case(width: 201, height: 4, bands: 3, to: 100),
        Case(width: 399, height: 1, bands: 3, to: 100), Case(width: 13, height: 3, bands: 4, to: 5),
        Case(width: 7, height: 2, bands: 3, to: 6), Case(width: 9, height: 1, bands: 3, to: 1),
        Case(width: 6, height: 2, bands: 4, to: 1), Case(width: 5, height: 2, bands: 3, to: 2),
        Case(width: 640, height: 3, bands: 1, to: 159), Case(width: 640, height: 3, bands: 2, to: 333),
        Case(width: 1, height: 2, bands: 3, to: 1),
        // One and two bands: a JPEG's luma and chroma planes (PlanarJPEGRender).
        Case(width: 3014, height: 2, bands: 1, to: 2000), Case(width: 1507, height: 2, bands: 2, to: 1000),
        Case(width: 13, height: 3, bands: 1, to: 5), Case(width: 7, height: 2, bands: 2, to: 6),
        Case(width: 9, height: 1, bands: 1, to: 1), Case(width: 5, height: 2, bands: 2, to: 2),
        Case(width: 1, height: 2, bands: 1, to: 1), Case(width: 1, height: 1, bands: 2, to: 1),
    ]

    /// Noise, so that every tap's weight shows in the result (xorshift, the same every run).
    static func noise(_ c: Case) -> [UInt8] {
        var state: UInt32 = 0x9E37_79B9 ^ UInt32(c.width * 31 + c.to)
        return (0..<(c.width * c.height * c.bands)).map { _ in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return UInt8(truncatingIfNeeded: state >> 7)
        }
    }

    static func image(_ bytes: [UInt8], _ c: Case, format: VipsBandFormat = VIPS_FORMAT_UCHAR) throws -> VipsImageRef {
        try Libvips.start()
        let made = bytes.withUnsafeBytes {
            vips_image_new_from_memory_copy($0.baseAddress, $0.count, Int32(c.width), Int32(c.height), Int32(c.bands), format)
        }
        guard let made else { throw ImagingError(code: .processingFailed, message: "image from memory: \(Libvips.takeErrorMessage())") }
        return VipsImageRef(made)
    }

    static func bytes(_ image: VipsImageRef) throws -> [UInt8] {
        var size = 0
        guard let memory = vips_image_write_to_memory(image.pointer, &size) else {
            throw ImagingError(code: .processingFailed, message: "image to memory: \(Libvips.takeErrorMessage())")
        }
        defer { g_free(memory) }
        return Array(UnsafeRawBufferPointer(start: memory, count: size))
    }

    /// The loops `ip_reduceh` can take; `fastest` is AVX2 where the CPU has it.
    enum Loop: Int32 { case fastest = 0, plainC = 1, ssse3 = 2 }

    static func reduced(_ image: VipsImageRef, to width: Int, loop: Loop = .fastest) throws -> [UInt8] {
        let out = try image.derive("reducing") { ip_reduceh($0, Int32(width), 0, loop.rawValue, $1) }
        #expect(out.size == PixelSize(width: width, height: image.size.height))
        return try bytes(out)
    }

    static func lanczos3(_ t: Double) -> Double {
        if t == 0 { return 1 }
        if abs(t) >= 3 { return 0 }
        let a = Double.pi * t
        return 3 * sin(a) * sin(a / 3) / (a * a)
    }

    /// The definition: output pixel x is centred at (x + 0.5) · f − 0.5 in the input
    /// (f = input width ÷ output width); input pixel i weighs lanczos3((i − centre) ÷ f); pixels
    /// outside the image are left out and the weights of the rest sum to one.
    static func reference(_ bytes: [UInt8], _ c: Case) -> [Double] {
        let f = Double(c.width) / Double(c.to)
        var out = [Double](repeating: 0, count: c.to * c.height * c.bands)
        for x in 0..<c.to {
            let centre = (Double(x) + 0.5) * f - 0.5
            let first = max(0, Int((centre - 3 * f).rounded(.down)) + 1), last = min(c.width - 1, Int((centre + 3 * f).rounded(.up)) - 1)
            let weights = (first...last).map { lanczos3((Double($0) - centre) / f) }
            let total = weights.reduce(0, +)
            for y in 0..<c.height {
                for b in 0..<c.bands {
                    var sum = 0.0
                    for (k, i) in (first...last).enumerated() { sum += weights[k] * Double(bytes[(y * c.width + i) * c.bands + b]) }
                    out[(y * c.to + x) * c.bands + b] = sum / total
                }
            }
        }
        return out
    }

    /// How far each made sample is from the exact value (clipped to 0…255, as samples are).
    static func errors(_ made: [UInt8], _ exact: [Double]) -> [Double] {
        zip(made, exact).map { abs(Double($0) - min(255, max(0, $1))) }
    }

    @Test(arguments: cases) func theVectorLoopsGiveThePlainLoopsBytes(c: Case) throws {
        let image = try Self.image(Self.noise(c), c)
        let plain = try Self.reduced(image, to: c.to, loop: .plainC)
        #expect(try Self.reduced(image, to: c.to, loop: .fastest) == plain)
        #expect(try Self.reduced(image, to: c.to, loop: .ssse3) == plain)
        // Asked from an odd pixel on (the AVX2 loop makes pixels two at a time from even ones).
        if c.to >= 3 {
            let part = { (loop: Loop) throws -> [UInt8] in
                let reduced = try image.derive("reducing") { ip_reduceh($0, Int32(c.to), 0, loop.rawValue, $1) }
                return try Self.bytes(try reduced.derive("cropping") { ip_crop($0, 1, 0, Int32(c.to - 2), Int32(c.height), $1) })
            }
            let plainPart = try part(.plainC)
            #expect(try part(.fastest) == plainPart)
            #expect(plainPart.count == (c.to - 2) * c.height * c.bands)
        }
    }

    @Test(arguments: cases) func everySampleIsWithinOneLevelOfTheExactReduce(c: Case) throws {
        let bytes = Self.noise(c)
        let made = try Self.reduced(try Self.image(bytes, c), to: c.to)
        let exact = Self.reference(bytes, c)
        let errors = Self.errors(made, exact)
        #expect(errors.max()! < 0.75, "\(c): largest error \(errors.max()!)")
        // 14-bit weights: almost every sample is the exact value rounded to the nearest level.
        let off = zip(made, exact).filter { Double($0) != min(255, max(0, $1)).rounded() }.count
        #expect(Double(off) <= 0.02 * Double(made.count), "\(c): \(off) of \(made.count) samples are not the exact value rounded")
    }

    @Test func aPhotoIsReducedAsDefinedByEveryLoop() throws {
        // Real pixels (smooth areas and edges) through the same checks: 400 × 6 from the photo.
        try Libvips.start()
        var out: UnsafeMutablePointer<VipsImage>?
        guard ip_jpeg_load(Self.photo, 1, 3, &out) == 0, let out else { throw ImagingError(code: .corruptImage, message: Self.photo) }
        let strip = try VipsImageRef(out).derive("cropping") { ip_crop($0, 1000, 700, 400, 6, $1) }.materialized()
        let c = Case(width: 400, height: 6, bands: 3, to: 300)
        let bytes = try Self.bytes(strip)
        let vector = try Self.reduced(strip, to: c.to)
        #expect(vector == (try Self.reduced(strip, to: c.to, loop: .plainC)))
        #expect(vector == (try Self.reduced(strip, to: c.to, loop: .ssse3)))
        #expect(Self.errors(vector, Self.reference(bytes, c)).max()! <= 1)
    }

    @Test func impossibleWidthsAndFormatsAreRefused() throws {
        let c = Case(width: 20, height: 2, bands: 3, to: 10)
        let image = try Self.image(Self.noise(c), c)
        for width: Int32 in [0, 21] {
            #expect(throws: ImagingError.self) { try image.derive("reducing") { ip_reduceh($0, width, 0, 0, $1) } }
        }
        let wide = try Self.image(Self.noise(c) + Self.noise(c), c, format: VIPS_FORMAT_USHORT)
        let error = #expect(throws: ImagingError.self) { try wide.derive("reducing") { ip_reduceh($0, 10, 0, 0, $1) } }
        #expect(error?.message.contains("8-bit") == true, "\(String(describing: error?.message))")
    }

    /// libvips keeps one error buffer for the whole process: lines naming another file are that
    /// file's failure, at the same moment on another thread, and are left out.
    @Test func theErrorBufferIsReadForOneSourceOnly() {
        let mine = "/data/blobs/sources/job-a/0", theirs = "/data/blobs/sources/job-b/3"
        let buffer = """
            heifload: \(theirs): bad seek to 1927
            VipsJpeg: Premature end of input file
            VipsForeignLoad: "\(mine)" is not a known file format
            VipsJpeg: Premature end of input file
            vips2png: unable to write to target \(theirs).png
            """
        #expect(Libvips.errorMessage(buffer, source: mine) == "VipsJpeg: Premature end of input file; VipsForeignLoad: \"\(mine)\" is not a known file format")
        #expect(Libvips.errorMessage(buffer, source: nil) == "VipsJpeg: Premature end of input file")
        #expect(Libvips.errorMessage("heifload: \(theirs): bad seek", source: mine) == "unknown libvips error")
        #expect(Libvips.errorMessage("load: /home/me/My Photos/a.jpg: truncated", source: "/home/me/My Photos/a.jpg") == "load: /home/me/My Photos/a.jpg: truncated")
    }

    @Test func aTruncatedFullDecodeIsCorruptUnlessDamageIsAccepted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let truncated = folder.appendingPathComponent("truncated.jpg").path
        try Data(try Data(contentsOf: URL(fileURLWithPath: Self.photo)).prefix(400_000)).write(to: URL(fileURLWithPath: truncated))
        let json = #"{"features": [{"type": "resize", "outputs": [{"width": 1920}, {"width": 640}]}], "output": {"format": "png"}}"#
        let config = try ConfigurationParser().parse(Data(json.utf8))
        let header = try SourceHeader.read(path: truncated)
        let plan = Planner.plan(config, source: header.planningInput)
        #expect(plan.decodeSize == PixelSize(width: 1920, height: 1200)) // no DCT scale fits: a full decode
        #expect(SourceRenderer.jpegShrink(stored: header.size, target: PixelSize(width: 1920, height: 1200)) == 1)
        let error = #expect(throws: ImagingError.self) {
            try SourceRenderer(output: config.output).render(path: truncated, header: header, plan: plan) { _ in }
        }
        #expect(error?.code == .corruptImage)
        // libjpeg's own words, unless a test decoding another broken file at the same moment
        // took them from libvips' process-wide buffer; never that other file's name.
        let message = error?.message ?? ""
        #expect(message.contains("Premature end of input file") || message.contains("unknown libvips error"), "\(message)")
        #expect(!message.contains("Fixtures/"), "another image's failure is not reported as this one's: \(message)")
        // Accepting damage decodes what is there.
        let made = Mutex(0)
        var lenient = SourcePolicy()
        lenient.acceptDamaged = true
        try SourceRenderer(output: config.output, policy: lenient).render(path: truncated, header: header, plan: plan) { event in
            if case .file = event { made.withLock { $0 += 1 } }
        }
        #expect(made.withLock { $0 } == 2)
    }
}
