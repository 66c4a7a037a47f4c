import Foundation
import PipelineCore

extension SourceFile {
    /// The memory this source's decoder will hold for the whole image (`WholeImageDecode`),
    /// from a few header bytes; 0 when the file cannot be read (its processing says why).
    var wholeImageDecodeBytes: Int {
        guard unavailable == nil, let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        return WholeImageDecode.bytes { offset, count in
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil, let data = try? handle.read(upToCount: count) else { return [] }
            return [UInt8](data)
        }
    }
}
