import Documents
import Foundation
import Imaging
import PipelineCore

/// Runs one PDF source through its `DocumentPlan` (SPEC §12): one smaller PDF per compress
/// output, staged on disk like images' outputs. Lossless: qpdf's structural rewrite; lossy:
/// images downsampled to `output.imageDpi` and re-encoded, then the same rewrite; `maxBytes`
/// bisects on the quality. A result never larger than the source: otherwise the source itself
/// (`unchanged`). A signed document is left as it is (any change breaks the signature).
struct DocumentProcessor: Sendable {
    var config: PipelineConfig
    var policy: SourcePolicy
    var stagingRoot: String

    func process(_ source: SourceFile, index: Int, stem: String, cancellation: RenderCancellation) throws -> SourceOutcome {
        let folder = "\(stagingRoot)/\(index)"
        let sourceBytes = try Self.size(source.path)
        if sourceBytes > policy.maxFileBytes {
            throw ImagingError(code: .sourceTooLarge, message: "\(source.name) is \(sourceBytes) bytes; the limit is \(policy.maxFileBytes) bytes")
        }
        let info = try PDFStructure.inspect(source.path, name: source.name, maxPages: policy.maxPDFPages)
        try cancellation.checkForTimeout()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let plan = DocumentPlan.plan(config)
        var warnings: [Manifest.Warning] = []
        if !plan.skipped.isEmpty {
            let names = plan.skipped.map(\.rawValue).joined(separator: ", ")
            let one = plan.skipped.count == 1
            warnings.append(Manifest.Warning(code: "PDF_FEATURES_SKIPPED",
                                             message: "\(source.name): \(names) \(one ? "works" : "work") on images and \(one ? "was" : "were") skipped for this PDF (output.pdf: rasterize makes a page an image)"))
        }
        if info.signed {
            warnings.append(Manifest.Warning(code: "PDF_SIGNED_UNCHANGED",
                                             message: "\(source.name) is digitally signed; any change would break the signature, so it is passed on unchanged"))
        }
        if info.repaired {
            warnings.append(Manifest.Warning(code: "PDF_REPAIRED", message: "\(source.name) was damaged (its cross-reference table or a length); qpdf repaired it"))
        }
        var outputs: [SourceOutcome.StagedOutput] = []
        var failures: [Manifest.Failure] = []
        var imagesKept = 0
        for (leafIndex, leaf) in plan.leaves.enumerated() {
            let path = "output/" + (leaf.labels + [stem]).joined(separator: "/") + ".pdf"
            let file = "\(folder)/\(leafIndex).pdf"
            do {
                let made = try make(leaf.setting, from: source.path, name: source.name, to: file, sourceBytes: sourceBytes, signed: info.signed, cancellation: cancellation)
                imagesKept = max(imagesKept, made.imagesKept)
                let digest = try ContentDigest.sha256(file: file)
                let entry = Manifest.Output(
                    path: path, source: source.name, width: 0, height: 0, format: .pdf, bytes: made.bytes, sha256: digest,
                    quality: made.quality, savedBytes: sourceBytes - made.bytes, pages: info.pages, imageDpi: made.imageDpi,
                    unchanged: made.unchanged ? true : nil, imagesDownsampled: made.lossyPass?.imagesDownsampled,
                    imagesKeptSharp: made.lossyPass?.imagesKeptSharp, fontsConverted: made.lossyPass?.fontsConverted)
                outputs.append(SourceOutcome.StagedOutput(entry: entry, file: file))
            } catch {
                if cancellation.isCancelled { throw error }
                failures.append(Manifest.Failure(source: source.name, output: String(path.dropLast(4)), code: error.code.rawValue,
                                                 message: "\(source.name) → \(path): \(error.message)"))
            }
        }
        if imagesKept > 0 {
            warnings.append(Manifest.Warning(code: "PDF_IMAGES_KEPT",
                                             message: "\(source.name): \(imagesKept) of its \(info.images) images could not be decoded or encoded again (damaged data, or more memory than its worker may use: --max-pdf-memory-mb) and were kept as they were"))
        }
        if outputs.isEmpty, let first = failures.first {
            return SourceOutcome(source: Manifest.Source(source: source.name, stem: stem, status: .failed, outputs: 0, sourceBytes: sourceBytes),
                                 outputs: [], failure: Manifest.Failure(source: source.name, code: first.code, message: first.message),
                                 outputFailures: failures)
        }
        let summary = Manifest.Source(source: source.name, stem: stem, status: failures.isEmpty ? .succeeded : .partial,
                                      uniqueWork: plan.leaves.count, outputs: outputs.count, warnings: warnings.isEmpty ? nil : warnings,
                                      sourceBytes: sourceBytes, pages: info.pages)
        return SourceOutcome(source: summary, outputs: outputs, failure: nil, outputFailures: failures)
    }

    /// One output written to `file`.
    private struct Made {
        var bytes: Int
        var quality: Int?
        var imageDpi: Int?
        var unchanged: Bool
        /// Images the lossy pass could not re-encode (damaged, or memory) and kept.
        var imagesKept = 0
        /// What the lossy pass that wrote the file did (nil: lossless, or the source itself).
        var lossyPass: PDFInfo?
    }

    private func make(_ setting: CompressSetting?, from source: String, name: String, to file: String, sourceBytes: Int, signed: Bool,
                      cancellation: RenderCancellation) throws(ImagingError) -> Made {
        if signed { return try unchanged(source, to: file, sourceBytes: sourceBytes) }
        let strip = config.output.metadata == .strip
        var lastPass: PDFInfo? // the pass whose result the file holds: the last one run
        func lossy(_ quality: Int) throws(ImagingError) -> Int {
            let written = try self.lossy(source, name: name, to: file, quality: quality, cancellation: cancellation)
            lastPass = written.info
            return written.bytes
        }
        var made: Made
        switch setting {
        case .lossless:
            _ = try PDFStructure.rewrite(source, to: file, name: name, stripMetadata: strip, maxPages: policy.maxPDFPages)
            made = Made(bytes: try Self.size(file), quality: nil, imageDpi: nil, unchanged: false)
        case .quality(let quality):
            made = Made(bytes: try lossy(quality), quality: quality, imageDpi: config.output.imageDpi, unchanged: false)
        case nil:
            let quality = config.output.quality(for: .jpeg)
            made = Made(bytes: try lossy(quality), quality: quality, imageDpi: config.output.imageDpi, unchanged: false)
        case .fitting(let maxBytes, let highest):
            // The highest quality whose document fits, as for images: bisection on the quality.
            var low = 1, high = highest, best: Int?, written: Int?
            while low <= high {
                let quality = (low + high) / 2
                written = quality
                if try lossy(quality) <= maxBytes {
                    best = quality
                    low = quality + 1
                } else {
                    high = quality - 1
                }
            }
            guard let best else {
                let smallest = try Self.size(file)
                throw ImagingError(code: .outputOverMaxBytes,
                                   message: "even at quality 1 and \(config.output.imageDpi) dpi the PDF has \(smallest) bytes, more than maxBytes \(maxBytes); lower output.imageDpi or raise maxBytes")
            }
            // The file holds the last quality tried: written again only when that was not the best.
            let bytes = written == best ? try Self.size(file) : try lossy(best)
            made = Made(bytes: bytes, quality: best, imageDpi: config.output.imageDpi, unchanged: false)
        }
        if made.bytes >= sourceBytes { made = try unchanged(source, to: file, sourceBytes: sourceBytes) }
        made.imagesKept = lastPass?.imagesFailed ?? 0
        if !made.unchanged { made.lossyPass = lastPass }
        return made
    }

    /// The lossy rewrite at `quality`; its size, and what the pass did (the images it could not
    /// re-encode among it).
    private func lossy(_ source: String, name: String, to file: String, quality: Int, cancellation: RenderCancellation) throws(ImagingError) -> (bytes: Int, info: PDFInfo) {
        let images = PDFStructure.ImageSettings(dpi: config.output.imageDpi, quality: quality, maxPixels: policy.maxPixels)
        let info = try PDFStructure.rewrite(source, to: file, name: name, stripMetadata: config.output.metadata == .strip, maxPages: policy.maxPDFPages, images: images)
        try cancellation.checkForTimeout()
        return (try Self.size(file), info)
    }

    /// The source itself as the output: what was made was not smaller, or must not change.
    private func unchanged(_ source: String, to file: String, sourceBytes: Int) throws(ImagingError) -> Made {
        do {
            try? FileManager.default.removeItem(atPath: file)
            try FileManager.default.copyItem(atPath: source, toPath: file)
        } catch {
            throw ImagingError(code: .encodeFailed, message: "the PDF could not be copied to the staging folder (\(error))")
        }
        return Made(bytes: sourceBytes, quality: nil, imageDpi: nil, unchanged: true)
    }

    private static func size(_ path: String) throws(ImagingError) -> Int {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int else {
            throw ImagingError(code: .unreadableFile, message: "\((path as NSString).lastPathComponent) cannot be read")
        }
        return size
    }
}
