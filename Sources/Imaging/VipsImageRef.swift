import CVips
import CVipsShim
import PipelineCore

/// Owns one reference to a libvips image and releases it when dropped.
///
/// Not `Sendable`: an image is made and used by one worker at a time.
final class VipsImageRef {
    let pointer: UnsafeMutablePointer<VipsImage>
    /// The file the image was loaded from (kept by the images made from it), so that libvips'
    /// process-wide error buffer can be read for this image and not another's.
    let source: String?

    init(_ pointer: UnsafeMutablePointer<VipsImage>, source: String? = nil) {
        self.pointer = pointer
        self.source = source
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(pointer))
    }

    var size: PixelSize { PixelSize(width: Int(pointer.pointee.Xsize), height: Int(pointer.pointee.Ysize)) }

    var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }

    /// Runs a shim call that makes a new image from this one.
    func derive(_ what: String, _ call: (UnsafeMutablePointer<VipsImage>, UnsafeMutablePointer<UnsafeMutablePointer<VipsImage>?>) -> Int32) throws(ImagingError) -> VipsImageRef {
        var out: UnsafeMutablePointer<VipsImage>?
        guard call(pointer, &out) == 0, let out else {
            throw ImagingError(code: .processingFailed, message: "\(what) failed: \(Libvips.takeErrorMessage(source: source))")
        }
        return VipsImageRef(out, source: source)
    }

    /// Computes the image's pixels into memory, so several outputs can share them.
    func materialized() throws(ImagingError) -> VipsImageRef {
        guard let copy = vips_image_copy_memory(pointer) else {
            throw ImagingError(code: .corruptImage, message: "the image data is damaged or truncated (\(Libvips.takeErrorMessage(source: source))); accept damaged files to keep the readable part")
        }
        return VipsImageRef(copy, source: source)
    }
}
