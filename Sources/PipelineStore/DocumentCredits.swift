import PipelineCore

/// What PDF sources cost (SPEC §12): one credit per page per PDF output. A job (or a process
/// request) is charged the configuration's credits per source when it is accepted, before any
/// document is opened (the server never parses one itself); the difference is settled when the
/// document is done and its pages are known.
public enum DocumentCredits {
    /// The credits a manifest's finished PDF sources cost beyond (negative: short of) the
    /// `creditsPerSource` each was charged at acceptance. 0 when there is no PDF.
    public static func settlement(_ manifest: Manifest, creditsPerSource: Int) -> Int {
        manifest.sources.reduce(0) { sum, source in
            guard let pages = source.pages, source.status != .failed else { return sum }
            return sum + pages * source.outputs - creditsPerSource
        }
    }
}
