import CVips
import CVipsShim
import PipelineCore

/// Owns one reference to a libvips image and releases it when dropped.
///
/// Not `Sendable`: an image is made and used by one worker at a time.
final class VipsImageRef {
    let pointer: UnsafeMutablePointer<VipsImage>
    /// The same pixels turned 90° clockwise, in memory, for the outputs that narrow a shared
    /// image (see `SharedImageLayout`).
    let turned: VipsImageRef?

    init(_ pointer: UnsafeMutablePointer<VipsImage>, turned: VipsImageRef? = nil) {
        self.pointer = pointer
        self.turned = turned
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
            throw ImagingError(code: .processingFailed, message: "\(what) failed: \(Libvips.takeErrorMessage())")
        }
        return VipsImageRef(out)
    }

    /// Computes the image's pixels into memory, so several outputs can share them.
    func materialized() throws(ImagingError) -> VipsImageRef {
        guard let copy = vips_image_copy_memory(pointer) else {
            throw ImagingError(code: .corruptImage, message: "the image data is damaged or truncated (\(Libvips.takeErrorMessage())); accept damaged files to keep the readable part")
        }
        return VipsImageRef(copy)
    }

    /// 8-bit samples without alpha: the images libvips' vectorised vertical reduce takes.
    var isPlainEightBit: Bool { pointer.pointee.BandFmt == VIPS_FORMAT_UCHAR && !hasAlpha }

    /// The upright image of `turned` (in memory, turned 90° clockwise) as `layout` says: a copy
    /// in memory or a view that turns `turned` back; `turned` is kept beside it when wanted.
    static func turnedBack(_ turned: VipsImageRef, _ layout: SharedImageLayout) throws(ImagingError) -> VipsImageRef {
        var upright = try turned.derive("turning the shared image back") { ip_turn($0, 0, $1) }
        if layout.upright { upright = try upright.materialized() }
        return VipsImageRef(upright.retained(), turned: layout.turned ? turned : nil)
    }

    /// A new reference to the same image, for a second owner.
    private func retained() -> UnsafeMutablePointer<VipsImage> {
        g_object_ref(UnsafeMutableRawPointer(pointer))
        return pointer
    }
}
