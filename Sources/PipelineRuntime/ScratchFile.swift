import Foundation
import Packaging

/// Writes files that only live until something else has consumed them (a job's staged outputs
/// until its ZIP is written, an isolated source's request and outcome): open, write, close.
/// Not `Data.write(to:)`, which in swift-foundation fsyncs every file. For a 20-photo job of five
/// widths that was 100 fsyncs, each leaving its worker's core idle for 0.3–1 ms. Every block was
/// also committed to the disk, so removing the staging folder took 12 ms instead of 1.5 ms. A
/// crash loses such files in any case: the job is run again from its sources.
public enum ScratchFile {
    public struct WriteError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates or truncates `path` (mode 0600) and writes `bytes` to it.
    public static func write(_ bytes: some ContiguousBytes, to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        var failure = bytes.withUnsafeBytes { DescriptorOutput.writeAll(descriptor, $0) }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw WriteError(description: "cannot write \(path): \(String(cString: strerror(failure)))")
        }
    }
}
