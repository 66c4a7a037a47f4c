import CVips
import CVipsShim
import Foundation
import PipelineCore
import Synchronization

/// libvips, started once per process. Every `Imaging` entry point calls `Libvips.start()`.
public enum Libvips {
    /// Whether libvips' PDF module (Poppler) is loaded at start-up; set before anything starts
    /// libvips (the CLI does, from `--allow-pdf`). Its other optional modules are never
    /// loaded except HEIF (HEIC/AVIF), and that one only when a HEIF source or an AVIF output
    /// first needs it (`loadHEIF()`): its libraries (libheif, libde265, x265, aom) cost about
    /// 5 ms per process to load. ImageMagick, OpenSlide and JPEG XL are formats ImagePipeline
    /// does not read, and loading them cost about 14 ms per process.
    public static func prepare(loadingPDF: Bool) {
        pdfModule.withLock { $0 = loadingPDF }
    }

    private static let pdfModule = Mutex(false)

    private static let started: Result<Void, ImagingError> = {
        let names = pdfModule.withLock { $0 } ? ["poppler"] : []
        let pointers = names.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        let status = pointers.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            ip_init("ImagePipeline", buffer.baseAddress, Int32(buffer.count))
        }
        if status != 0 {
            return .failure(ImagingError(code: .processingFailed, message: "libvips did not start: \(takeErrorMessage())"))
        }
        return .success(())
    }()

    /// Starts libvips (once; later calls return at once).
    public static func start() throws(ImagingError) {
        try started.get()
    }

    private static let heifLoaded: Result<Void, ImagingError> = {
        guard ip_load_module("heif") == 0 else {
            return .failure(ImagingError(code: .unsupportedFormat, message: "libvips' HEIF module (HEIC and AVIF) is not installed: \(takeErrorMessage())"))
        }
        return .success(())
    }()

    /// Loads libvips' HEIF module (once): before a HEIF source is read or an AVIF written.
    public static func loadHEIF() throws(ImagingError) {
        try start()
        try heifLoaded.get()
    }

    /// Lets libvips read SVG and/or PDF (blocked by default as untrusted loaders); other
    /// formats in `formats` are always allowed. Process-wide: it only ever allows more.
    public static func allow(_ formats: Set<SourceFormat>) throws(ImagingError) {
        try start()
        if formats.contains(.svg) { ip_set_loader_allowed("VipsForeignLoadSvg", 1) }
        if formats.contains(.pdf) { ip_set_loader_allowed("VipsForeignLoadPdf", 1) }
    }

    /// Whether libvips has an operation of this nickname (e.g. `heifsave`, `magickload`).
    public static func hasOperation(_ nickname: String) throws(ImagingError) -> Bool {
        try start()
        return vips_type_find("VipsOperation", nickname) != 0
    }

    /// The libvips version, e.g. `8.14.1`.
    public static var version: String {
        String(cString: vips_version_string())
    }

    /// The running executable's GNU build ID (hex), or "unknown" if it was linked without one:
    /// any rebuild of the engine changes it, whether or not the product version moved.
    public static let executableBuildID: String = {
        var hex = [CChar](repeating: 0, count: 129)
        guard ip_build_id(&hex, hex.count) == 0 else { return "unknown" }
        return String(decoding: hex.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// How many threads libvips may use inside one operation. With several images in
    /// flight at once, 1 is as fast and keeps the cores for the other images.
    public static func setConcurrency(_ threads: Int) {
        ip_set_concurrency(Int32(max(1, threads)))
    }

    /// Gives memory freed by finished jobs back to the system (glibc keeps it otherwise, so a
    /// long-running process would stay at its peak).
    public static func releaseFreeMemory() {
        ip_release_free_memory()
    }

    /// Copies and clears libvips' process-wide error buffer, in one step, keeping what belongs
    /// to `source` (the file being worked on, if any).
    static func takeErrorMessage(source: String? = nil) -> String {
        guard let buffer = vips_error_buffer_copy() else { return "unknown libvips error" }
        defer { g_free(buffer) }
        return errorMessage(String(cString: buffer), source: source)
    }

    /// The buffer is process-wide, so a failure of another image at the same moment can add
    /// lines of its own. Lines that name a file other than `source` are that other image's and
    /// are dropped (one account must never see another's file names); repeated lines are
    /// dropped and the message is kept short. Lines that name no file cannot be told apart.
    static func errorMessage(_ buffer: String, source: String?) -> String {
        var lines: [String] = []
        for line in buffer.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !lines.contains(text) else { continue }
            if let source, text.contains(source) {
                lines.append(text)
                continue
            }
            let named = text.split(whereSeparator: { " \"'(),".contains($0) }).map { $0.hasSuffix(":") ? $0.dropLast() : $0 }
                .filter { $0.hasPrefix("/") && $0.count > 1 }
            if named.contains(where: { String($0) != source }) { continue }
            lines.append(text)
        }
        let text = lines.prefix(3).joined(separator: "; ")
        return text.isEmpty ? "unknown libvips error" : String(text.prefix(500))
    }
}
