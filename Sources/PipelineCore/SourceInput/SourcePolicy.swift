/// What the operator lets a source be, checked before any pixel is decoded (SPEC §7).
public struct SourcePolicy: Sendable, Hashable, Codable {
    /// Formats that are read; SVG and PDF only when added here.
    public var allowedFormats: Set<SourceFormat> = SourceFormat.defaultAllowed
    /// The most pixels one image (one frame) may declare.
    public var maxPixels: Int = 100_000_000
    /// The most pixels all frames of an animation may declare together.
    public var maxTotalPixels: Int = 1_000_000_000
    /// The most pixels of a kept animation (`output.animation: keep`) decoded at once: every
    /// frame at the size it is decoded at (4 bytes each), so 100 MP is about 400 MB.
    public var maxKeptAnimationPixels: Int = 100_000_000
    /// The most frames of a kept animation: each frame goes through the operations as images
    /// of its own, about 0.1 MB of libvips bookkeeping each (4,097 frames of 4 × 4 took 445 MB);
    /// 1,000 frames of 200 × 150 take 1.1 s here.
    public var maxKeptAnimationFrames: Int = 1000
    /// The longest side an image may declare.
    public var maxSide: Int = 65_000
    /// The largest file.
    public var maxFileBytes: Int = 200 * 1024 * 1024
    /// Whether damaged data (truncated files, bad chunks) is decoded as far as it goes instead
    /// of failing with `CORRUPT_IMAGE`.
    public var acceptDamaged: Bool = false
    /// How long one source may take, in seconds, before it fails with `SOURCE_TIMEOUT`.
    public var timeoutSeconds: Double = 60
    /// The most pages of a PDF source (`PDF_TOO_MANY_PAGES` beyond).
    public var maxPDFPages: Int = 2000
    /// The memory a PDF's worker process may allocate (its data segment, `RLIMIT_DATA`), in MiB.
    public var maxPDFMemoryMB: Int = 2048

    public init() {}

    /// What is wrong with the PDF limits an operator gave (`--max-pdf-pages`,
    /// `--max-pdf-memory-mb`), for the commands that take them; nil when nothing is.
    public static func pdfLimitProblem(pages: Int?, memoryMB: Int?) -> String? {
        if let pages, pages < 1 { return "--max-pdf-pages must be at least 1, got \(pages)" }
        if let memoryMB, memoryMB < 16 { return "--max-pdf-memory-mb must be at least 16, got \(memoryMB)" }
        return nil
    }
}
