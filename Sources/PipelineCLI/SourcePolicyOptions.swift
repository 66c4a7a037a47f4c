import ArgumentParser
import PipelineCore

/// The operator's limits on sources, shared by the commands that read images.
struct SourcePolicyOptions: ParsableArguments {
    @Option(name: .customLong("max-pixels"), help: "The most pixels one image may declare (default 100000000).")
    var maxPixels: Int?

    @Option(name: .customLong("max-file-bytes"), help: "The largest source file in bytes (default 209715200).")
    var maxFileBytes: Int?

    @Option(name: .customLong("max-animation-pixels"), help: "With animation: keep, the most pixels of all frames at the decoded size (default 100000000).")
    var maxAnimationPixels: Int?

    @Option(name: .customLong("max-animation-frames"), help: "With animation: keep, the most frames (default 1000).")
    var maxAnimationFrames: Int?

    @Option(help: "Seconds one source may take before it fails with SOURCE_TIMEOUT (default 60).")
    var timeout: Double?

    @Option(name: .customLong("max-pdf-pages"), help: "The most pages of a PDF source (default 2000; more: PDF_TOO_MANY_PAGES).")
    var maxPDFPages: Int?

    @Option(name: .customLong("max-pdf-memory-mb"), help: "The memory in MiB a PDF's worker process may allocate (default 2048; more: SOURCE_TOO_LARGE).")
    var maxPDFMemoryMB: Int?

    @Flag(name: .customLong("allow-svg"), help: "Read SVG sources (off by default: SVG is an untrusted format).")
    var allowSVG = false

    @Flag(name: .customLong("allow-pdf"), help: "PDF sources become a page as an image, through every feature (output.pdf: rasterize). Without it they are compressed as PDFs (output.pdf: compress).")
    var allowPDF = false

    @Flag(name: .customLong("accept-damaged"), help: "Decode truncated or damaged images as far as they go instead of failing with CORRUPT_IMAGE.")
    var acceptDamaged = false

    func validate() throws {
        if let maxPixels, maxPixels < 1 { throw ValidationError("--max-pixels must be at least 1, got \(maxPixels)") }
        if let maxAnimationFrames, maxAnimationFrames < 2 { throw ValidationError("--max-animation-frames must be at least 2, got \(maxAnimationFrames)") }
        if let maxAnimationPixels, maxAnimationPixels < 1 { throw ValidationError("--max-animation-pixels must be at least 1, got \(maxAnimationPixels)") }
        if let maxFileBytes, maxFileBytes < 1 { throw ValidationError("--max-file-bytes must be at least 1, got \(maxFileBytes)") }
        if let problem = SourcePolicy.pdfLimitProblem(pages: maxPDFPages, memoryMB: maxPDFMemoryMB) { throw ValidationError(problem) }
        if let timeout, !(timeout > 0 && timeout <= 86_400) { throw ValidationError("--timeout must be from 0 to 86400 seconds, got \(timeout)") }
    }

    var policy: SourcePolicy {
        var policy = SourcePolicy()
        if let maxPixels { policy.maxPixels = maxPixels }
        if let maxFileBytes { policy.maxFileBytes = maxFileBytes }
        if let maxAnimationPixels { policy.maxKeptAnimationPixels = maxAnimationPixels }
        if let maxAnimationFrames { policy.maxKeptAnimationFrames = maxAnimationFrames }
        if let timeout { policy.timeoutSeconds = timeout }
        if let maxPDFPages { policy.maxPDFPages = maxPDFPages }
        if let maxPDFMemoryMB { policy.maxPDFMemoryMB = maxPDFMemoryMB }
        if allowSVG { policy.allowedFormats.insert(.svg) }
        if allowPDF { policy.allowedFormats.insert(.pdf) }
        policy.acceptDamaged = acceptDamaged
        return policy
    }
}
