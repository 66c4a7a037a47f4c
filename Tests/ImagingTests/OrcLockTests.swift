import CVipsShim
import Foundation
@testable import Imaging
import Synchronization
import Testing

/// Orc 0.4.33 edits its code memory's chunk list without a lock when a program is compiled or
/// freed; libvips compiles one for every vertical reduce it builds and frees it with the
/// operation. The engine's lock around both (`orclock.c`) must be the one libvips calls.
@Suite struct OrcLockTests {
    /// The executable's `orc_program_compile` and `orc_program_free` are the bound ones, so
    /// libvips' vector paths stay on (`ip_init` turns them off otherwise).
    @Test func libvipsCallsOrcThroughTheEngineLock() throws {
        try Libvips.start()
        #expect(ip_orc_serialised() == 1)
    }

    /// Four threads each build and free 2,500 vertical reduces (each compiles and frees an Orc
    /// program). Without the lock this process died within a second, in 2 runs of 3 ("double
    /// free or corruption", "malloc_consolidate(): unaligned fastbin chunk detected"); with it,
    /// every reduce is made, at the size asked.
    @Test func reducesBuiltAndFreedOnFourThreadsAtOnce() throws {
        let bytes = [UInt8](repeating: 128, count: 64 * 64 * 3)
        try Libvips.start()
        let resized = Atomic(0)
        let wrong = Mutex<[String]>([])
        let threads = 4, rounds = 2_500
        let done = DispatchGroup()
        for thread in 0..<threads {
            done.enter()
            let worker = Thread {
                defer { done.leave() }
                // A 64 × 64 RGB image of 8-bit samples (format 0: VIPS_FORMAT_UCHAR).
                let made = bytes.withUnsafeBytes { vips_image_new_from_memory_copy($0.baseAddress, $0.count, 64, 64, 3, VipsBandFormat(0)) }
                guard let made else {
                    wrong.withLock { $0.append("thread \(thread): no source image") }
                    return
                }
                for round in 0..<rounds {
                    // Another scale (and so another Orc program) every few rounds.
                    let vscale = 1 / (1.1 + Double((round + thread) % 37) * 0.05)
                    var out: UnsafeMutablePointer<VipsImage>?
                    guard ip_resize(made, 1, vscale, &out) == 0, let out else {
                        wrong.withLock { $0.append("thread \(thread), round \(round): \(Libvips.takeErrorMessage())") }
                        return
                    }
                    let height = Int(vips_image_get_height(out))
                    let expected = Int((64 * vscale).rounded())
                    if abs(height - expected) > 1 {
                        wrong.withLock { $0.append("thread \(thread), round \(round): height \(height), expected \(expected)") }
                    }
                    g_object_unref(out)
                    resized.add(1, ordering: .relaxed)
                }
                g_object_unref(made)
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        done.wait()
        #expect(wrong.withLock { $0 }.isEmpty, "\(wrong.withLock { $0.prefix(3) })")
        #expect(resized.load(ordering: .relaxed) == threads * rounds)
    }
}
