import Foundation
import Imaging
import PipelineCore
import Synchronization

/// One output of one source, made on request (SPEC §10): the configuration is planned for the
/// source as a job would plan it, and only the asked-for leaf is made, by the same renderer, so
/// the bytes equal those the job's ZIP holds at that path. Runs on a thread of its own (libvips
/// work blocks); past `timeout` the work is killed and the caller answered at once.
public struct SingleOutputRender: Sendable {
    public var config: PipelineConfig
    /// The leaf's folder labels (`instagram-square`, `jpeg`).
    public var labels: [String]
    public var policy: SourcePolicy
    public var assets: WatermarkAssets?

    public init(config: PipelineConfig, labels: [String], policy: SourcePolicy, assets: WatermarkAssets? = nil) {
        self.config = config
        self.labels = labels
        self.policy = policy
        self.assets = assets
    }

    /// The output's planned work (the images its steps make, at least 1): what a render costs
    /// in credits, as a job's source costs its configuration's planned work.
    public var plannedWork: Int {
        max(1, Planner.plan(config).leaves.first { $0.labels == labels }?.pixelSteps.count ?? 1)
    }

    /// Why an output could not be rendered: an engine code and words.
    public struct Failure: Error, Sendable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }

        /// The render was stopped at its time limit.
        public var timedOut: Bool { code == ImagingError.Code.sourceTimeout.rawValue }
    }

    private static let watchdogs = DispatchQueue(label: "render-watchdogs")

    /// Renders the leaf from the file at `path`, on a new thread, within `timeout` seconds.
    public func run(path: String, name: String, timeout: TimeInterval) async throws(Failure) -> EncodedImage {
        let cancellation = RenderCancellation()
        let answer = Mutex<(result: Result<EncodedImage, Failure>?, waiter: CheckedContinuation<Result<EncodedImage, Failure>, Never>?)>((nil, nil))
        @Sendable func finish(_ result: Result<EncodedImage, Failure>) {
            let waiter = answer.withLock { state -> CheckedContinuation<Result<EncodedImage, Failure>, Never>? in
                guard state.result == nil else { return nil }
                state.result = result
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: result)
        }
        let work = self
        let thread = Thread {
            finish(Result { () throws(Failure) in try work.render(path: path, name: name, cancellation: cancellation) })
        }
        thread.stackSize = 8 << 20
        thread.start()
        let limit = String(format: "%g", timeout)
        // A dispatch timer on a queue of its own, not a task: it fires even while the cooperative
        // threads are all busy (a task's sleep did not, on a loaded machine, until the render had
        // finished), and a private queue gets a thread even when the global pool's are all taken.
        let watchdog = DispatchWorkItem {
            cancellation.cancel()
            finish(.failure(Failure(code: ImagingError.Code.sourceTimeout.rawValue, message: "\(name): the render took longer than its time limit of \(limit) s")))
        }
        Self.watchdogs.asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<EncodedImage, Failure>, Never>) in
            let ready = answer.withLock { state -> Result<EncodedImage, Failure>? in
                if state.result == nil { state.waiter = continuation }
                return state.result
            }
            if let ready { continuation.resume(returning: ready) }
        }
        watchdog.cancel()
        return try result.get()
    }

    /// Renders the leaf on the calling thread.
    public func render(path: String, name: String, cancellation: RenderCancellation) throws(Failure) -> EncodedImage {
        if config.output.pdf != .rasterize, SourceHeader.isPDF(path: path) {
            throw Failure(code: ImagingError.Code.unsupportedFormat.rawValue,
                          message: "\(name) is a PDF; a rendering URL makes an image of an image, and a PDF is made smaller by a job or POST /v1/process")
        }
        do {
            let header = try SourceHeader.read(path: path, name: name, policy: policy, page: config.output.page)
            let plan = Planner.plan(config, source: header.planningInput)
            guard let index = plan.leaves.firstIndex(where: { $0.labels == labels }) else {
                throw Failure(code: "OUTPUT_NOT_FOUND", message: "the configuration has no output \(labels.joined(separator: "/"))")
            }
            let canonical = plan.leaves[index].aliasOf ?? index
            if let count = plan.leaves[canonical].fileCount, count > 1 {
                throw Failure(code: "OUTPUT_NOT_RENDERABLE", message: "output \(labels.joined(separator: "/")) cuts the image into \(count) tiles; a rendering URL gives one image, so run a job for it")
            }
            var renderer = SourceRenderer(output: config.output, policy: policy, cancellation: cancellation)
            renderer.assets = assets
            renderer.onlyLeaves = [canonical]
            let made = Mutex<(images: [EncodedImage], failure: ImagingError?)>(([], nil))
            try renderer.render(path: path, header: header, plan: plan) { event in
                try cancellation.checkForTimeout()
                switch event {
                case .file(_, _, let image): made.withLock { $0.images.append(image) }
                case .leafFailed(_, let error): made.withLock { $0.failure = error }
                case .warning: break
                }
            }
            let (images, failure) = made.withLock { ($0.images, $0.failure) }
            if let failure { throw failure }
            guard images.count == 1, let image = images.first else {
                throw Failure(code: "PROCESSING_FAILED", message: "\(name): output \(labels.joined(separator: "/")) gave \(images.count) files, not one")
            }
            return image
        } catch let failure as Failure {
            throw failure
        } catch let error as ImagingError {
            let message = error.message.contains(name) ? error.message : "\(name): \(error.message)"
            throw Failure(code: cancellation.isCancelled ? ImagingError.Code.sourceTimeout.rawValue : error.code.rawValue, message: message)
        } catch {
            throw Failure(code: "PROCESSING_FAILED", message: "\(name): \(error)")
        }
    }
}
