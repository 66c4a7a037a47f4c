import CVips
import CVipsShim
import PipelineCore

/// Reads a written image back with libvips: its size, bands and pixels. Used to check
/// outputs independently of how they were made (tests, `pipeline` verification).
public final class ImageProbe {
    private let image: VipsImageRef

    /// Opens the image at `path` (its frame `page`, from 0, for an animation).
    public init(path: String, page: Int = 0) throws(ImagingError) {
        try Libvips.start()
        var out: UnsafeMutablePointer<VipsImage>?
        guard ip_load_page(path, Int32(page), &out) == 0, let out else {
            throw ImagingError(code: .corruptImage, message: "\(path): \(Libvips.takeErrorMessage(source: path))")
        }
        // Read the pixels now, so the probe does not depend on the file staying in place.
        image = try VipsImageRef(out, source: path).materialized()
    }

    public var size: PixelSize { image.size }
    public var bands: Int { Int(image.pointer.pointee.Bands) }
    public var hasAlpha: Bool { image.hasAlpha }
    /// libvips' loader, e.g. `jpegload_source`.
    public var loader: String { string("vips-loader") ?? "" }
    /// True when the file carries an ICC profile.
    public var hasICCProfile: Bool { vips_image_get_typeof(image.pointer, "icc-profile-data") != 0 }
    /// True when the file carries an EXIF block.
    public var hasEXIF: Bool { vips_image_get_typeof(image.pointer, "exif-data") != 0 }

    /// Frames in the file (1 for a still image).
    public var frames: Int { Int(vips_image_get_n_pages(image.pointer)) }

    /// An animation's frame delays in milliseconds and its loop count (0: for ever).
    public var timing: (delays: [Int], loop: Int) {
        let timing = AnimationTiming(of: image)
        return (timing.delays.map(Int.init), Int(timing.loop))
    }

    /// A metadata string field, e.g. `exif-ifd0-Copyright`.
    public func string(_ field: String) -> String? {
        guard vips_image_get_typeof(image.pointer, field) != 0 else { return nil }
        var value: UnsafePointer<CChar>?
        if vips_image_get_string(image.pointer, field, &value) == 0, let value { return String(cString: value) }
        var gvalue = GValue()
        guard vips_image_get(image.pointer, field, &gvalue) == 0 else { return nil }
        defer { g_value_unset(&gvalue) }
        guard let text = g_strdup_value_contents(&gvalue) else { return nil }
        defer { g_free(text) }
        return String(cString: text)
    }

    /// The band values of pixel (x, y).
    public func pixel(x: Int, y: Int) throws(ImagingError) -> [Double] {
        var values = [Double](repeating: 0, count: 16)
        var count: Int32 = 0
        guard ip_getpoint(image.pointer, Int32(x), Int32(y), &values, 16, &count) == 0 else {
            throw ImagingError(code: .processingFailed, message: Libvips.takeErrorMessage(source: image.source))
        }
        return Array(values.prefix(Int(count)))
    }

    /// The mean of all band values.
    public func average() throws(ImagingError) -> Double {
        var mean = 0.0
        guard ip_average(image.pointer, &mean) == 0 else {
            throw ImagingError(code: .processingFailed, message: Libvips.takeErrorMessage(source: image.source))
        }
        return mean
    }

    /// The mean absolute difference of band values against another image of the same shape.
    public func meanDifference(to other: ImageProbe) throws(ImagingError) -> Double {
        try difference(to: other).mean
    }

    /// The mean and the largest absolute difference of band values against another image of
    /// the same shape.
    public func difference(to other: ImageProbe) throws(ImagingError) -> (mean: Double, largest: Double) {
        var mean = 0.0, largest = 0.0
        guard ip_difference(image.pointer, other.image.pointer, &mean, &largest) == 0 else {
            throw ImagingError(code: .processingFailed, message: Libvips.takeErrorMessage(source: image.source))
        }
        return (mean, largest)
    }
}
