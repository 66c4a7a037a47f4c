import Foundation

/// Writing to a file descriptor until every byte is out (short writes and interruptions
/// retried): the ZIP writer's and the staged files' one loop.
public enum DescriptorOutput {
    /// Writes all of `bytes` to `descriptor`; 0, or the `errno` of the write that failed.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var done = 0
        while done < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += count
        }
        return 0
    }
}
