import CVips
import CVipsShim
import Synchronization

/// Lets a watchdog stop one source's libvips work from another thread.
///
/// libvips computes pixels only when an image is written out or copied to memory; while that
/// happens the image is registered here, and `cancel()` sets libvips' kill flag on it, which
/// makes the computation stop with an error at its next tile.
public final class RenderCancellation: Sendable {
    /// A registered image. The pointer is used only under the lock, while the worker that
    /// registered it still holds its reference, so it cannot be freed meanwhile.
    private struct Registered: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<VipsImage>
    }

    private struct State {
        var cancelled = false
        var computing: [Int: Registered] = [:]
        var nextKey = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// True once `cancel()` was called.
    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Stops the source: images being computed now are killed, later work is refused.
    public func cancel() {
        state.withLock { state in
            state.cancelled = true
            for image in state.computing.values { ip_kill(image.pointer) }
        }
    }

    /// Runs `body`, which computes `image`, with the image registered for killing.
    func computing<T>(_ image: VipsImageRef, _ body: () throws(ImagingError) -> T) throws(ImagingError) -> T {
        let key = state.withLock { state -> Int? in
            guard !state.cancelled else { return nil }
            defer { state.nextKey += 1 }
            state.computing[state.nextKey] = Registered(pointer: image.pointer)
            return state.nextKey
        }
        guard let key else { throw Self.timeout }
        defer { _ = state.withLock { $0.computing.removeValue(forKey: key) } }
        do {
            return try body()
        } catch {
            throw isCancelled ? Self.timeout : error
        }
    }

    /// Throws `SOURCE_TIMEOUT` if the source was cancelled.
    public func checkForTimeout() throws(ImagingError) {
        if isCancelled { throw Self.timeout }
    }

    static let timeout = ImagingError(code: .sourceTimeout, message: "stopped: it took longer than the time limit for one source")
}
