import Delivery
import Foundation
import HTTPTypes
import Hummingbird
import Imaging
import NIOCore
import Packaging
import PipelineCore
import PipelineRuntime
import PipelineStore

/// `POST /v1/process` (SPEC §11): one image and its work in the request, the result in the
/// answer. No job, no postback: the image itself (one output), the ZIP a job would make
/// (several), or with `Accept: application/json` ImageRecycle's figures. The work runs on this
/// process in a bounded number of slots; credits, quotas and plan features apply as for jobs
/// (the key, rate limit and allow-list are the gatekeeper's, as on every `/v1` route).
struct ProcessHandlers: Sendable {
    var env: ServerEnvironment
    let intake: JobIntake

    static let workNames = ["configId", "configuration", "store", "folder", "storageDuration"] + ProcessShortcuts.names
    static let formFields = FieldNames(names: ["file"] + workNames, aliases: FieldNames.seedAliases, kind: "form field")
    static let jsonFields = FieldNames(names: ["url"] + workNames, aliases: FieldNames.seedAliases)

    init(env: ServerEnvironment, intake: JobIntake) {
        self.env = env
        self.intake = intake
    }

    /// The source on disk, its name, and the request's other fields as text.
    struct Input {
        var path: String
        var name: String
        var fields: [String: String]
        /// The `configuration` field as JSON bytes.
        var configuration: Data?
    }

    func process(_ request: Request, caller: Caller) async throws -> Response {
        do {
            return try await processChecked(request, caller: caller)
        } catch let error as JobIntakeError {
            // The intake's refusals (a quota passed before the body was read) answer as for jobs.
            throw JobHandlers.answer(error)
        }
    }

    private func processChecked(_ request: Request, caller: Caller) async throws -> Response {
        // Beside the blob store's temporary files: the upload is written there and moved in
        // without a copy, it is on the data folder's disk (not a RAM-backed /tmp) however many
        // requests wait, and the sweeper removes what a killed process left.
        let work = env.blobs.temporaryFile()
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let input = try await read(request, caller: caller, into: work)
        let bytesBefore = ((try? FileManager.default.attributesOfItem(atPath: input.path)[.size]) as? NSNumber)?.intValue ?? 0
        let sourceFormat = try sniff(input)
        let (config, configID) = try await configuration(input, sourceFormat: sourceFormat, caller: caller)
        if sourceFormat == .pdf, !caller.plan.takesDocuments {
            throw APIError(415, .unsupportedFormat, caller.plan.documentRefusal(input.name))
        }
        let (header, policy) = try read(input, format: sourceFormat, config: config)
        let keep = try keepRequest(input.fields, caller: caller)
        var processor = ImmediateProcessor(config: config, configID: configID, policy: policy, assets: env.renders.watermarks,
                                           timeout: env.settings.processTimeoutSeconds, workFolder: work)
        processor.documentExecutable = env.settings.documentWorker
        let credits = AccountPlan.creditsPerSource(config)
        let plan = caller.plan, account = caller.account, store = env.store
        let made: ImmediateProcessor.Made
        do {
            made = try await env.processSlots.run {
                let admission = JobAdmission(sources: 1, bytesIn: bytesBefore, credits: credits, sourcesPerDay: plan.sourcesPerDay,
                                             creditsPerMonth: plan.creditsPerMonth, share: account.share)
                if let refusal = try await store.admitRender(admission, account: account.id, at: Date()) {
                    throw APIError.refused(refusal, plan: plan, now: Date())
                }
                return try await processor.run(path: input.path, name: input.name, header: header)
            }
            // A PDF costs its pages (SPEC §12), known only now.
            if let manifest = made.manifest {
                let settlement = DocumentCredits.settlement(manifest, creditsPerSource: credits)
                if settlement != 0 {
                    var settle = JobAdmission(sources: 0, bytesIn: 0, credits: settlement)
                    settle.jobs = 0
                    _ = try? await store.admitRender(settle, account: account.id, at: Date())
                }
            }
        } catch is ProcessSlots.Busy {
            var busy = APIError(503, .processBusy, "every processing slot stayed busy for \(NumberText.compact(env.settings.processWaitSeconds)) s; try again in a moment (or send a job: POST /v1/jobs)")
            busy.headers["Retry-After"] = "1"
            throw busy
        } catch let failure as ImmediateProcessor.Failure {
            // As for a job's source that fails: it stays counted, its credits go back.
            var back = JobAdmission(sources: 0, bytesIn: 0, credits: -credits)
            back.jobs = 0
            _ = try? await store.admitRender(back, account: account.id, at: Date())
            if failure.timedOut {
                throw APIError(504, .processTimeout, "\(failure.message); send a job (POST /v1/jobs) for work this long")
            }
            var refused = APIError(422, .processFailed, failure.message)
            refused.engineCode = failure.code
            throw refused
        }
        if let keep {
            return try await kept(made, input: input, bytesBefore: bytesBefore, configID: configID, keep: keep, work: work, caller: caller)
        }
        let wantsJSON = (request.headers[.accept] ?? "").lowercased().contains("application/json")
        switch made {
        case .image(let image, _, _):
            if wantsJSON {
                return JSONResponse.make(201, APIModels.Processed(width: image.size.width, height: image.size.height, format: image.format.rawValue,
                                                                  sizeBefore: bytesBefore, sizeAfter: image.bytes.count,
                                                                  saved: Self.saved(before: bytesBefore, after: image.bytes.count)))
            }
            var headers = HTTPFields()
            headers[.contentType] = AssetContent.contentType(image.format.rawValue)
            headers[.contentLength] = String(image.bytes.count)
            headers[.eTag] = "\"\(image.sha256)\""
            headers[.contentDisposition] = "inline; filename=\"\(Self.resultName(input.name, format: image.format))\""
            headers[.init("X-Size-Before")!] = String(bytesBefore)
            headers[.init("X-Size-After")!] = String(image.bytes.count)
            headers[.init("X-Width")!] = String(image.size.width)
            headers[.init("X-Height")!] = String(image.size.height)
            if let pages = made.manifest?.outputs.first?.pages { headers[.init("X-Pages")!] = String(pages) }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: image.bytes)))
        case .archive(let path, let manifest):
            let outputs = manifest.outputs.map { output in
                APIModels.ProcessedOutput(path: output.path, width: output.width, height: output.height, format: output.format.rawValue,
                                          sizeAfter: output.bytes, saved: Self.saved(before: bytesBefore, after: output.bytes))
            }
            if wantsJSON {
                return JSONResponse.make(201, APIModels.ProcessedSet(sizeBefore: bytesBefore, outputs: outputs,
                                                                     failures: manifest.failures.isEmpty ? nil : manifest.failures))
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            var headers = HTTPFields()
            headers[.contentType] = "application/zip"
            headers[.contentLength] = String(bytes.count)
            headers[.contentDisposition] = "attachment; filename=\"\(configID).zip\""
            headers[.init("X-Size-Before")!] = String(bytesBefore)
            headers[.init("X-Outputs")!] = String(manifest.outputs.count)
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(data: bytes)))
        }
    }

    /// What the output saved, as a fraction of the source's bytes (negative when larger).
    static func saved(before: Int, after: Int) -> Double {
        guard before > 0 else { return 0 }
        return (Double(before - after) / Double(before) * 10_000).rounded() / 10_000
    }

    /// `photo.png` made into a JPEG is `photo.jpg`.
    static func resultName(_ name: String, format: ImageFormat) -> String {
        let stem = (name as NSString).deletingPathExtension
        return (stem.isEmpty ? "image" : stem).replacingOccurrences(of: "\"", with: "") + "." + format.fileExtension
    }

    // MARK: Input

    private func read(_ request: Request, caller: Caller, into work: String) async throws -> Input {
        if request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true {
            let data = try await Body.object(request, Self.jsonFields)
            guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: data) else {
                throw APIError.badRequest("expected {\"url\": \"https://…\", and configId, configuration or fields such as \"width\": 800}")
            }
            guard case .string(let url)? = members["url"], let parsed = JobIntake.httpURL(url) else {
                throw APIError.badRequest("url is missing or not an http(s) URL; send {\"url\": \"https://…/photo.jpg\", …} (or the image itself as multipart with a file part)")
            }
            var fields: [String: String] = [:], configuration: Data?
            for (key, value) in members where key != "url" {
                switch value {
                case .string(let text): fields[key] = text
                case .number(let number): fields[key] = NumberText.compact(number)
                case .bool(let flag): fields[key] = String(flag)
                case .object where key == "configuration": configuration = try JSONEncoder().encode(value)
                default: throw APIError.badRequest("\(key) must be a string or a number\(key == "configuration" ? " (or the configuration object)" : "")")
                }
            }
            if let text = fields.removeValue(forKey: "configuration") { configuration = Data(text.utf8) }
            let path = "\(work)/source"
            let limit = min(env.settings.maxSourceURLBytes, caller.plan.bytesPerUpload ?? .max)
            let fetcher = SourceFetcher(addresses: AddressPolicy(allowPrivateAddresses: env.settings.allowPrivateAddresses), maximumBytes: limit)
            do {
                try await fetcher.fetch(url, to: path)
            } catch {
                throw APIError.badRequest(error.description)
            }
            return Input(path: path, name: JobIntake.fileName(parsed.lastPathComponent, index: 0), fields: fields, configuration: configuration)
        }
        try await JobHandlers.refuseBeforeReading(intake, caller: caller)
        let limit = min(env.settings.maxUploadBytes, caller.plan.bytesPerUpload ?? .max)
        var upload = try await UploadReader(limit: limit, maxSources: 1, blobs: env.blobs, form: .process).read(request)
        var moved: [String] = []
        defer { for file in upload.files where !moved.contains(file.path) { try? FileManager.default.removeItem(atPath: file.path) } }
        upload.fields = try Self.formFields.rename(upload.fields)
        guard let file = upload.files.first else {
            let other = upload.otherFileFields.isEmpty ? "" : " (file parts named \(upload.otherFileFields.joined(separator: ", ")) were sent)"
            throw APIError.badRequest("no file part; send the image as a file part named file\(other), or JSON {\"url\": \"https://…\"}")
        }
        let path = "\(work)/source"
        try FileManager.default.moveItem(atPath: file.path, toPath: path)
        moved.append(file.path)
        var fields = upload.fields
        let configuration = fields.removeValue(forKey: "configuration").map { Data($0.utf8) }
        return Input(path: path, name: JobIntake.fileName(file.name, index: 0), fields: fields, configuration: configuration)
    }

    /// The source's header, and the limits it is worked with: a PDF is opened only by a worker
    /// process of its own (SPEC §12), so for it nothing is read here; made into an image
    /// (`output.pdf: rasterize`) it is read as one.
    private func read(_ input: Input, format: SourceFormat, config: PipelineConfig) throws -> (SourceHeader, SourcePolicy) {
        var policy = env.settings.policy
        if format == .pdf {
            switch config.output.pdf {
            case .compress:
                guard env.settings.documentWorker != nil else {
                    throw APIError(415, .unsupportedFormat, "\(input.name) is a PDF; this server compresses PDFs in a pipeline process of its own and has none (install the pipeline program beside pipeline-server)")
                }
                do {
                    return (try SourceHeader.unparsedDocument(path: input.path, name: input.name, policy: policy), policy)
                } catch {
                    throw APIError(422, .processFailed, error.message)
                }
            case .refuse:
                throw APIError(415, .unsupportedFormat, "\(input.name) is a PDF, and this configuration refuses PDFs (output.pdf: refuse)")
            case .rasterize:
                policy.allowedFormats.insert(.pdf)
            }
        }
        do {
            return (try SourceHeader.read(path: input.path, name: input.name, policy: policy, page: config.output.page), policy)
        } catch {
            var refused = APIError(422, .processFailed, error.message.contains(input.name) ? error.message : "\(input.name): \(error.message)")
            refused.engineCode = error.code.rawValue
            throw refused
        }
    }

    /// 415 for what is not an image this server reads (a PDF is decided with its configuration).
    private func sniff(_ input: Input) throws -> SourceFormat {
        let handle = FileHandle(forReadingAtPath: input.path)
        let prefix = (try? handle?.read(upToCount: FormatSniffer.prefixLength)) ?? nil
        try? handle?.close()
        let taken = env.settings.policy.allowedFormats.sorted { $0.rawValue < $1.rawValue }.map(\.displayName).joined(separator: ", ")
        switch FormatSniffer.sniff([UInt8](prefix ?? Data())) {
        case .image(let format) where env.settings.policy.allowedFormats.contains(format) || format == .pdf:
            return format
        case .image(let format):
            throw APIError(415, .unsupportedFormat, "\(input.name) is \(format.displayName), which this server does not read; send \(taken)")
        case .empty:
            throw APIError(415, .unsupportedFormat, "\(input.name) is empty; send an image: \(taken)")
        case .other(let what):
            throw APIError(415, .unsupportedFormat, "\(input.name) is \(what), not an image this server reads; send \(taken)")
        }
    }

    // MARK: Work

    /// The configuration the request names, gives or stands for, checked against the plan.
    private func configuration(_ input: Input, sourceFormat: SourceFormat, caller: Caller) async throws -> (PipelineConfig, ConfigID) {
        let shortcuts = ProcessShortcuts(input.fields)
        let given = [input.fields["configId"] != nil ? "configId" : nil, input.configuration != nil ? "configuration" : nil,
                     shortcuts.isEmpty ? nil : "shortcut fields (\(shortcuts.fields.keys.sorted().joined(separator: ", ")))"].compactMap { $0 }
        guard given.count == 1 else {
            throw APIError.badRequest(given.isEmpty
                ? "say what to make: configId (a saved configuration), configuration (a JSON document) or fields such as width, height, format, quality, compression_type"
                : "give one of configId, configuration or the shortcut fields, not \(given.joined(separator: " and "))")
        }
        let config: PipelineConfig, id: ConfigID
        if let text = input.fields["configId"] {
            guard let configID = ConfigID(text), let stored = try await env.store.configuration(account: caller.account.id, id: configID, version: nil) else {
                throw APIError.notFound("there is no configuration \(text.prefix(70)) in this account; save it first with POST /v1/configurations, or send configuration")
            }
            config = try ConfigurationParser().parse(Data(stored.document.utf8))
            id = configID
        } else if let document = input.configuration {
            config = try ConfigurationHandlers(env: env).validate(field: document,
                                                                  notJSON: "the configuration field is not JSON; send the configuration document as its text")
            id = config.id ?? ConfigID("configuration")!
        } else {
            let document: JSONValue
            do {
                // A PDF's lossy images are JPEGs (SPEC §12): lossy means JPEG's default quality.
                document = try shortcuts.document(sourceFormat: sourceFormat == .pdf ? .jpeg : sourceFormat.originalOutput)
            } catch {
                throw APIError.badRequest(error.message)
            }
            do {
                config = try ConfigurationParser().parse(document)
            } catch {
                let issues = error.issues.map { ValidationIssue(path: ProcessShortcuts.field(for: $0.path, in: document), message: $0.message) }
                throw APIError(422, .invalidConfiguration, issues.map { "\($0.path): \($0.message)" }.joined(separator: "; "), issues: issues)
            }
            id = ConfigID("process")!
        }
        try ConfigurationHandlers.checkPlan(config, caller)
        return (config, id)
    }
}
