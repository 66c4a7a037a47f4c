import CVips
import CVipsShim

/// How an animation plays: each frame's delay in milliseconds and how many times it loops
/// (0: for ever). Read from the source, written to animated outputs.
struct AnimationTiming {
    var delays: [Int32]
    var loop: Int32

    /// The timing libvips read from a multi-frame image.
    init(of image: VipsImageRef) {
        var delays = [Int32](repeating: 0, count: 4096)
        var count: Int32 = 0, loop: Int32 = 0
        _ = ip_animation_timing(image.pointer, &delays, Int32(delays.count), &count, &loop)
        self.delays = Array(delays.prefix(Int(count)))
        self.loop = loop
    }

    /// Stacks `frames` (all one size) into one animated image with this timing.
    func join(_ frames: [VipsImageRef]) throws(ImagingError) -> VipsImageRef {
        var pointers: [UnsafeMutablePointer<VipsImage>?] = frames.map(\.pointer)
        var out: UnsafeMutablePointer<VipsImage>?
        let delays = Array(self.delays.prefix(frames.count))
        let status = pointers.withUnsafeMutableBufferPointer { buffer in
            ip_join_frames(buffer.baseAddress, Int32(frames.count), delays, Int32(delays.count), loop, &out)
        }
        guard status == 0, let out else {
            throw ImagingError(code: .processingFailed, message: "joining \(frames.count) frames failed: \(Libvips.takeErrorMessage())")
        }
        return VipsImageRef(out)
    }
}
