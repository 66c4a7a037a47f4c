/// `configuration/manifest.json`: what a job made, from what, and what failed (SPEC §4).
/// Holds no wall-clock time, so the same job gives the same bytes.
public struct Manifest: Sendable, Hashable, Codable {
    public var jobId: JobID
    public var configId: ConfigID
    public var status: JobOutcome
    public var product: Product
    public var libvips: String
    public var plan: Plan
    /// Every source, in input order, with what became of it.
    public var sources: [Source]
    /// Every file under `output/`, sorted by path.
    public var outputs: [Output]
    /// Every source that failed, with its code.
    public var failures: [Failure]

    public init(jobId: JobID, configId: ConfigID, status: JobOutcome, libvips: String, plan: Plan,
                sources: [Source], outputs: [Output], failures: [Failure]) {
        self.jobId = jobId
        self.configId = configId
        self.status = status
        self.product = Product(name: ProductInfo.name, version: ProductInfo.version)
        self.libvips = libvips
        self.plan = plan
        self.sources = sources
        self.outputs = outputs
        self.failures = failures
    }

    public struct Product: Sendable, Hashable, Codable {
        public var name: String
        public var version: String
    }

    /// The configuration-level plan (the order does not depend on the source).
    public struct Plan: Sendable, Hashable, Codable {
        public var declaredOrder: [PlanFeature]
        /// Indices into `declaredOrder`, in the order the features ran.
        public var plannedOrder: [Int]
        public var declaredWork: Int
        public var plannedWork: Int

        public init(config: PipelineConfig, plan: ExecutionPlan) {
            declaredOrder = config.features.enumerated().map { index, feature in
                PlanFeature(index: index, type: feature.type, name: feature.name, labels: feature.labels)
            }
            plannedOrder = plan.plannedOrder
            declaredWork = plan.declaredWork
            plannedWork = plan.plannedWork
        }
    }

    public struct PlanFeature: Sendable, Hashable, Codable {
        public var index: Int
        public var type: FeatureType
        public var name: String?
        public var labels: [String]
    }

    public struct Source: Sendable, Hashable, Codable {
        /// The source's name as given (relative to the input folder).
        public var source: String
        /// The safe, unique stem its outputs are named with.
        public var stem: String
        public var status: SourceStatus
        public var width: Int?
        public var height: Int?
        /// The size it was decoded at (shrink-on-load).
        public var decodedWidth: Int?
        public var decodedHeight: Int?
        /// Images really made for it, after identical outputs were merged.
        public var uniqueWork: Int?
        public var outputs: Int
        /// What was worked around while its outputs were still made (absent when nothing was).
        public var warnings: [Warning]?
        /// The source file's size (absent when it could not be read).
        public var sourceBytes: Int?
        /// A PDF source's pages.
        public var pages: Int?

        public init(source: String, stem: String, status: SourceStatus, width: Int? = nil, height: Int? = nil,
                    decodedWidth: Int? = nil, decodedHeight: Int? = nil, uniqueWork: Int? = nil, outputs: Int,
                    warnings: [Warning]? = nil, sourceBytes: Int? = nil, pages: Int? = nil) {
            self.pages = pages
            self.warnings = warnings
            self.sourceBytes = sourceBytes
            self.source = source
            self.stem = stem
            self.status = status
            self.width = width
            self.height = height
            self.decodedWidth = decodedWidth
            self.decodedHeight = decodedHeight
            self.uniqueWork = uniqueWork
            self.outputs = outputs
        }
    }

    public struct Output: Sendable, Hashable, Codable {
        /// The entry's path in the archive.
        public var path: String
        public var source: String
        public var width: Int
        public var height: Int
        public var format: ImageFormat
        public var bytes: Int
        public var sha256: String
        /// The path of the output with identical bytes that was computed instead.
        public var aliasOf: String?
        /// The quality a `maxBytes` search settled on.
        public var quality: Int?
        /// Frames of a kept animation (absent for a still image).
        public var frames: Int?
        /// Its source's bytes less its own: what it saved (negative when it is larger).
        public var savedBytes: Int?
        /// A PDF output's pages (its width and height are 0: pages have sizes of their own).
        public var pages: Int?
        /// A lossy PDF output: the resolution its images were downsampled to.
        public var imageDpi: Int?
        /// A PDF output that is its source byte for byte: nothing made it smaller, or it is signed.
        public var unchanged: Bool?
        /// A lossy PDF output: what the pass did inside it. Images made smaller in pixels; images
        /// kept at their own resolution because the smaller size would lose their detail (a
        /// scanned page of text), only re-encoded; embedded Type 1 fonts rewritten as CFF.
        public var imagesDownsampled: Int?
        public var imagesKeptSharp: Int?
        public var fontsConverted: Int?

        public init(path: String, source: String, width: Int, height: Int, format: ImageFormat, bytes: Int, sha256: String,
                    aliasOf: String? = nil, quality: Int? = nil, frames: Int? = nil, savedBytes: Int? = nil,
                    pages: Int? = nil, imageDpi: Int? = nil, unchanged: Bool? = nil,
                    imagesDownsampled: Int? = nil, imagesKeptSharp: Int? = nil, fontsConverted: Int? = nil) {
            self.imagesDownsampled = imagesDownsampled
            self.imagesKeptSharp = imagesKeptSharp
            self.fontsConverted = fontsConverted
            self.pages = pages
            self.imageDpi = imageDpi
            self.unchanged = unchanged
            self.savedBytes = savedBytes
            self.quality = quality
            self.frames = frames
            self.path = path
            self.source = source
            self.width = width
            self.height = height
            self.format = format
            self.bytes = bytes
            self.sha256 = sha256
            self.aliasOf = aliasOf
        }
    }

    /// Something worked around for a source whose outputs were made (`ICC_PROFILE_IGNORED`, …).
    public struct Warning: Sendable, Hashable, Codable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    public struct Failure: Sendable, Hashable, Codable {
        public var source: String
        /// The output path (without extension) when one output of the source failed and the
        /// others were made; nil when the whole source failed.
        public var output: String?
        public var code: String
        public var message: String

        public init(source: String, output: String? = nil, code: String, message: String) {
            self.output = output
            self.source = source
            self.code = code
            self.message = message
        }
    }
}
