import CVips
import CVipsShim
import Foundation
import PipelineCore
import Synchronization

/// The marks watermark features draw, loaded once per job and shared (read-only) by every
/// source: image files resolved against `directory` (the configuration's folder for the CLI),
/// and rendered text.
public final class WatermarkAssets: Sendable {
    /// Relative image paths are resolved against this folder.
    public let directory: String
    private let cache = Mutex<[WatermarkMark: UncheckedSendable<VipsImageRef>]>([:])

    public init(directory: String) {
        self.directory = directory
    }

    /// The file an image mark refers to.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// Checks that every image mark of `config` can be read, with a message naming the field.
    public func check(_ config: PipelineConfig) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (featureIndex, feature) in config.features.enumerated() {
            guard case .watermark(let outputs) = feature.kind else { continue }
            for (outputIndex, output) in outputs.enumerated() {
                guard case .image(let path) = output.mark else { continue }
                do {
                    _ = try mark(output.mark)
                } catch {
                    issues.append(ValidationIssue(path: "features[\(featureIndex)].outputs[\(outputIndex)].image",
                                                  message: "cannot use \"\(path)\" (\(resolve(path))): \(error.message)"))
                }
            }
        }
        return issues
    }

    /// The mark as an 8-bit RGBA image in memory.
    func mark(_ mark: WatermarkMark) throws(ImagingError) -> VipsImageRef {
        if let known = cache.withLock({ $0[mark] }) { return known.value }
        try Libvips.start()
        let image: VipsImageRef
        switch mark {
        case .image(let path):
            let file = resolve(path)
            guard FileManager.default.isReadableFile(atPath: file) else {
                throw ImagingError(code: .watermarkUnreadable, message: "no readable file at \(file)")
            }
            if SourceHeader.sniffedFormat(path: file) == .heif { try Libvips.loadHEIF() }
            var out: UnsafeMutablePointer<VipsImage>?
            guard ip_load(file, &out) == 0, let out else {
                throw ImagingError(code: .watermarkUnreadable, message: "not an image libvips can read: \(Libvips.takeErrorMessage(source: file))")
            }
            let loaded = VipsImageRef(out, source: file)
            if loaded.size.width > 8192 || loaded.size.height > 8192 {
                throw ImagingError(code: .watermarkUnreadable, message: "it is \(loaded.size) pixels; a mark may have at most 8192 on a side")
            }
            image = try loaded.derive("preparing the watermark") { ip_to_rgba($0, $1) }
        case .text(let text, let font, let size, let color):
            var out: UnsafeMutablePointer<VipsImage>?
            guard ip_text_mark(text, "\(font) \(size)px", Int32(color.red), Int32(color.green), Int32(color.blue), &out) == 0, let out else {
                throw ImagingError(code: .watermarkUnreadable, message: "rendering the text failed: \(Libvips.takeErrorMessage())")
            }
            image = VipsImageRef(out)
        }
        let ready = try image.materialized()
        cache.withLock { $0[mark] = UncheckedSendable(ready) }
        return ready
    }
}
