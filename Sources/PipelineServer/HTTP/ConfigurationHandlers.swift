import Foundation
import Hummingbird
import Imaging
import PipelineCore
import PipelineRuntime
import PipelineStore

/// `/v1/configurations`: save, list, read, replace, delete, and plan without saving.
struct ConfigurationHandlers: Sendable {
    var env: ServerEnvironment

    /// The configuration language as a JSON Schema, made once from the parser's tables.
    static let schema = ConfigurationSchema.document(templates: ConfigurationParser().templates)
    /// `GET /v1/configurations/schema` is the schema, so no configuration may take that id.
    static let reservedIDs: Set<String> = ["schema", "plan"]
    /// At most this many files of `DATA/assets` are listed.
    static let watermarkListLimit = 1000

    /// Parses and validates a document with the same code and messages as `pipeline validate`.
    func validate(_ data: Data) throws -> PipelineConfig {
        var notes: [ValidationIssue] = []
        return try validate(data, notes: &notes)
    }

    /// A configuration sent inside another request (a job's or a process request's
    /// `configuration`): validated as saving would, with `notJSON` as the message when it is not JSON.
    func validate(field data: Data, notJSON: String) throws -> PipelineConfig {
        do {
            return try validate(data)
        } catch var error as APIError where error.code == .badRequest {
            error.message = notJSON
            throw error
        }
    }

    /// As `validate(_:)`, with what was accepted but changed (a rounded quality) in `notes`.
    func validate(_ data: Data, notes: inout [ValidationIssue]) throws -> PipelineConfig {
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw APIError.badRequest("the body is not JSON; send the configuration document as application/json")
        }
        let config: PipelineConfig
        do {
            config = try ConfigurationParser().parse(data, notes: &notes)
        } catch {
            throw APIError(422, .invalidConfiguration, "the configuration has \(error.issues.count) problem\(error.issues.count == 1 ? "" : "s")", issues: error.issues)
        }
        let outside = Self.imagesOutsideAssets(config)
        if !outside.isEmpty {
            throw APIError(422, .invalidConfiguration, "the configuration names watermark images outside DATA/assets", issues: outside)
        }
        let problems = WatermarkAssets(directory: env.settings.assetFolder).check(config)
        if !problems.isEmpty {
            throw APIError(422, .invalidConfiguration, "the configuration refers to watermark images the server does not have", issues: problems)
        }
        return config
    }

    /// A server reads watermark images from `DATA/assets` only: an absolute path or a `..` would
    /// let an account draw any file the server can read (another account's blobs) onto its
    /// outputs. (`pipeline run` resolves them against the configuration's folder, as a user's
    /// own files.)
    static func imagesOutsideAssets(_ config: PipelineConfig) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for (featureIndex, feature) in config.features.enumerated() {
            guard case .watermark(let outputs) = feature.kind else { continue }
            for (outputIndex, output) in outputs.enumerated() {
                guard case .image(let path) = output.mark, path.hasPrefix("/") || path.split(separator: "/").contains("..") else { continue }
                issues.append(ValidationIssue(path: "features[\(featureIndex)].outputs[\(outputIndex)].image",
                                              message: "\"\(path)\" is outside DATA/assets; name a file under it without a leading '/' or '..' (GET /v1/watermarks lists them)"))
            }
        }
        return issues
    }

    func document(_ config: PipelineConfig, id: ConfigID) throws -> String {
        var normalised = config
        normalised.id = id
        return String(decoding: try JSONOutput.encode(normalised), as: UTF8.self)
    }

    func model(_ stored: StoredConfiguration, withPlan: Bool, warnings: [ValidationIssue] = []) throws -> APIModels.Configuration {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(stored.document.utf8))
        let plan = withPlan ? (try? ConfigurationParser().parse(Data(stored.document.utf8))).map { APIModels.Plan(config: $0, id: stored.id) } : nil
        return APIModels.Configuration(configId: stored.id, version: stored.version, createdAt: stored.createdAt, configuration: value, plan: plan,
                                       warnings: warnings.isEmpty ? nil : warnings)
    }

    /// Refuses a configuration that uses what the caller's plan does not include.
    static func checkPlan(_ config: PipelineConfig, _ caller: Caller) throws {
        let issues = caller.plan.issues(for: config)
        if !issues.isEmpty { throw APIError.notInPlan(issues, plan: caller.plan) }
    }

    func create(_ request: Request, caller: Caller) async throws -> Response {
        let account = caller.account
        var notes: [ValidationIssue] = []
        let config = try validate(try await Body.json(request), notes: &notes)
        try Self.checkPlan(config, caller)
        let id = config.id ?? ConfigID("cfg-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))!
        if Self.reservedIDs.contains(id.rawValue) {
            throw APIError(422, .invalidConfiguration, "the id \(id) is reserved (/v1/configurations/\(id) is a route of its own); choose another id",
                           issues: [ValidationIssue(path: "id", message: "\"\(id)\" is reserved; choose another id")])
        }
        let stored = StoredConfiguration(accountID: account.id, id: id, version: 1, document: try document(config, id: id), createdAt: Date())
        do {
            try await env.store.insertConfiguration(stored, limit: caller.plan.savedConfigurations)
        } catch let error as StoreError where error.isExists {
            throw APIError(409, .configurationExists, "configuration \(id) already exists; replace it with PUT /v1/configurations/\(id) or choose another id")
        } catch let refusal as QuotaRefusal {
            throw APIError.refused(refusal, plan: caller.plan, now: Date())
        }
        let saved = try await env.store.configuration(account: account.id, id: id, version: nil) ?? stored
        return JSONResponse.make(201, try model(saved, withPlan: true, warnings: notes))
    }

    func list(_ request: Request, account: Account) async throws -> Response {
        let limit = try Query.limit(request)
        let after = try request.uri.queryParameters.get("after").map { text in
            guard let id = ConfigID(String(text)) else { throw APIError.badRequest("after=\(text) is not a configuration id") }
            return id
        }
        let page = try await env.store.configurations(account: account.id, after: after, limit: limit + 1)
        let shown = Array(page.prefix(limit))
        return JSONResponse.make(200, APIModels.ConfigurationList(configurations: try shown.map { try model($0, withPlan: false) },
                                                                  next: page.count > limit ? shown.last?.id.rawValue : nil))
    }

    func read(_ id: ConfigID, account: Account) async throws -> Response {
        guard let stored = try await env.store.configuration(account: account.id, id: id, version: nil) else { throw Self.missing(id) }
        return JSONResponse.make(200, try model(stored, withPlan: true))
    }

    func replace(_ id: ConfigID, _ request: Request, caller: Caller) async throws -> Response {
        let account = caller.account
        var notes: [ValidationIssue] = []
        let config = try validate(try await Body.json(request), notes: &notes)
        try Self.checkPlan(config, caller)
        if let other = config.id, other != id {
            throw APIError(422, .invalidConfiguration, "the document's id is \(other) but the URL names \(id); leave id out or make them the same",
                           issues: [ValidationIssue(path: "id", message: "expected \(id) (the configuration being replaced), got \(other)")])
        }
        do {
            let stored = try await env.store.replaceConfiguration(account: account.id, id: id, document: try document(config, id: id), at: Date())
            return JSONResponse.make(200, try model(stored, withPlan: true, warnings: notes))
        } catch let error as StoreError where error.isNotFound {
            throw Self.missing(id)
        }
    }

    func delete(_ id: ConfigID, account: Account) async throws -> Response {
        guard try await env.store.deleteConfiguration(account: account.id, id: id, at: Date()) else { throw Self.missing(id) }
        return Response(status: .noContent)
    }

    /// Validates and plans without saving; `notInPlan` lists what the caller's plan does not
    /// include (saving it would answer 403).
    func plan(_ request: Request, caller: Caller) async throws -> Response {
        do {
            var notes: [ValidationIssue] = []
            let config = try validate(try await Body.json(request), notes: &notes)
            return JSONResponse.make(200, APIModels.PlanCheck(valid: true, issues: [], notInPlan: caller.plan.issues(for: config),
                                                              plan: APIModels.Plan(config: config, id: config.id ?? ConfigID("configuration")!),
                                                              warnings: notes.isEmpty ? nil : notes))
        } catch let error as APIError where error.status == 422 {
            return JSONResponse.make(200, APIModels.PlanCheck(valid: false, issues: error.issues ?? [], notInPlan: [], plan: nil))
        }
    }

    /// `GET /v1/watermarks`: the image files of `DATA/assets` a watermark's `image` may name,
    /// as paths relative to it, sorted.
    func watermarkImages() throws -> APIModels.WatermarkImages {
        let folder = URL(fileURLWithPath: env.settings.assetFolder, isDirectory: true).standardizedFileURL
        var images: [APIModels.WatermarkImage] = []
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                                                    options: [.skipsHiddenFiles])
        while let url = walker?.nextObject() as? URL, images.count < Self.watermarkListLimit {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            guard values?.isRegularFile == true else { continue }
            let path = url.standardizedFileURL.path.dropFirst(folder.path.count).drop(while: { $0 == "/" })
            images.append(APIModels.WatermarkImage(path: String(path), bytes: values?.fileSize ?? 0))
        }
        return APIModels.WatermarkImages(images: images.sorted { $0.path < $1.path }, folder: "DATA/assets")
    }

    static func missing(_ id: ConfigID) -> APIError {
        .notFound("there is no configuration \(id) in this account; GET /v1/configurations lists them")
    }
}
