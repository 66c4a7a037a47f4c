import CVipsShim
import Foundation
@testable import Imaging

/// The bytes of an encoded file as libvips reads them back (through a temporary file with the
/// format's extension), computed into memory.
func decodedImage(_ bytes: [UInt8], fileExtension: String) throws -> VipsImageRef {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("decoded-\(UUID().uuidString).\(fileExtension)").path
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    defer { try? FileManager.default.removeItem(atPath: file) }
    var out: UnsafeMutablePointer<VipsImage>?
    guard ip_load(file, &out) == 0, let out else { throw ImagingError(code: .corruptImage, message: Libvips.takeErrorMessage()) }
    return try VipsImageRef(out).materialized()
}
