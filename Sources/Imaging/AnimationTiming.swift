import CVips
import CVipsShim

/// How an animation plays: each frame's delay in milliseconds and how many times it loops
/// (0: for ever). Read from the source, written to animated outputs.
struct AnimationTiming {
    var delays: [Int32]
    var loop: Int32

    /// The timing libvips read from a multi-frame image.
    init(of image: VipsImageRef) {
        var count: Int32 = 0, loop: Int32 = 0
        _ = ip_animation_timing(image.pointer, nil, 0, &count, &loop)
        var delays = [Int32](repeating: 0, count: Int(max(0, count)))
        _ = ip_animation_timing(image.pointer, &delays, Int32(delays.count), &count, &loop)
        self.delays = delays
        self.loop = loop
    }

    /// Stacks `frames` (all one size) into one animated image with this timing: one delay per
    /// frame (a source that lists fewer repeats its last, or 100 ms when it lists none).
    func join(_ frames: [VipsImageRef]) throws(ImagingError) -> VipsImageRef {
        var pointers: [UnsafeMutablePointer<VipsImage>?] = frames.map(\.pointer)
        var out: UnsafeMutablePointer<VipsImage>?
        let delays = (0..<frames.count).map { index in
            index < self.delays.count ? self.delays[index] : (self.delays.last ?? 100)
        }
        let status = pointers.withUnsafeMutableBufferPointer { buffer in
            ip_join_frames(buffer.baseAddress, Int32(frames.count), delays, Int32(delays.count), loop, &out)
        }
        guard status == 0, let out else {
            throw ImagingError(code: .processingFailed, message: "joining \(frames.count) frames failed: \(Libvips.takeErrorMessage())")
        }
        return VipsImageRef(out)
    }
}
