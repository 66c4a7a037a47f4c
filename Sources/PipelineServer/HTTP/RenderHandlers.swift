import Foundation
import HTTPTypes
import Hummingbird
import Imaging
import NIOCore
import PipelineCore
import PipelineRuntime
import PipelineStore

/// `GET|HEAD /r/…` (SPEC §10): one output of a saved configuration, or of ad-hoc options, from
/// a stored asset, as a CDN origin answers: `ETag`, `If-None-Match` → 304, `Cache-Control`,
/// `Vary: Accept` for `f:auto`, `X-Render: hit|miss|coalesced`. No API key: the URL's
/// signature (or the account's leave for unsigned URLs) is the permission.
struct RenderHandlers: Sendable {
    var env: ServerEnvironment

    var renders: RenderService { env.renders }

    func render(_ request: Request) async throws -> Response {
        let address: RenderAddress
        do {
            address = try RenderAddress(path: request.uri.path)
        } catch {
            throw APIError.notFound(error.message)
        }
        let missing = APIError.notFound("nothing is rendered at this URL: the account, configuration, output or asset does not exist")
        // One read of the store: the account, its key, the configuration and the asset. Where
        // the output path ends and the asset path starts is known from the configuration's
        // outputs as last seen; a newer version is split again below.
        var configID: ConfigID?, guessed: AssetLocator?
        switch address.target {
        case .configuration(let id, let rest):
            configID = id
            guessed = renders.configurations.lastSeen(account: address.account, id: id)?.split(rest).flatMap { RenderAddress.locator($0.rest) }
        case .options(_, let asset):
            guessed = RenderAddress.locator(asset)
        }
        let lookup = try await env.store.renderLookup(account: address.account, configuration: configID, asset: guessed)
        guard let account = lookup.account else { throw missing }
        guard account.rendering.realtime else {
            throw APIError(403, .renderingDisabled, "on-the-fly rendering is off for this account; switch it on with PATCH /v1/account {\"realtimeRendering\": true}")
        }
        if address.signature == "_" {
            guard account.rendering.unsigned else {
                throw APIError(403, .invalidSignature, "this account serves signed rendering URLs only; build one with GET /v1/assets/{id}/render-url, or allow unsigned ones with PATCH /v1/account {\"unsignedRendering\": true}")
            }
        } else {
            // A URL key is made when the first URL is built: an account without one signed nothing.
            guard let key = lookup.urlKey, RenderLinks.verify(address.signature, key: key, path: address.signedPath) else {
                throw APIError(403, .invalidSignature, "this rendering URL's signature does not match its path; use the URL GET /v1/assets/{id}/render-url gave, unchanged")
            }
        }
        guard account.suspendedAt == nil else {
            throw APIError(403, .accountSuspended, "this account is suspended; its images are not rendered")
        }
        let plan = try await renders.plans.plan(named: account.plan, store: env.store)
        if let perMinute = plan.requestsPerMinute, let wait = try await env.rateLimits.takeRequest(key: "render:\(account.id)", perMinute: perMinute) {
            let seconds = Int(wait.rounded(.up))
            var error = APIError(429, .rateLimitExceeded, "this account's rendering URLs may be asked \(perMinute) times a minute on the \(plan.name) plan; retry after \(seconds) s")
            error.headers["Retry-After"] = String(max(1, seconds))
            throw error
        }
        let accept = request.headers[.accept] ?? ""
        let (job, assetSegments, variesByAccept) = try resolve(address, configuration: lookup.configuration, accept: accept)
        guard let locator = RenderAddress.locator(assetSegments) else { throw missing }
        var asset = lookup.asset
        if locator != guessed {
            asset = try await env.store.renderLookup(account: account.id, configuration: nil, asset: locator).asset
        }
        guard let asset, !asset.isExpired(at: Date()), let sourcePath = env.blobs.path(asset.blobKey) else { throw missing }
        let key = RenderService.key([account.id.rawValue, asset.sha256] + job.identity)
        var headers = HTTPFields()
        headers[.cacheControl] = "public, max-age=\(env.settings.renderMaxAgeSeconds)"
        if variesByAccept { headers[.vary] = "Accept" }
        let entry: RenderCache.Entry, source: RenderService.Source
        if let cached = renders.cached(key) {
            (entry, source) = (cached, .hit)
        } else {
            do {
                let store = env.store, render = job.render, accountID = account.id, share = account.share
                let order = RenderService.Order(key: key, render: render, sourcePath: sourcePath, sourceName: asset.name, admit: {
                    // The plan may have changed since the configuration was saved.
                    let issues = plan.issues(for: render.config)
                    if !issues.isEmpty { throw APIError.notInPlan(issues, plan: plan) }
                    let admission = JobAdmission.render(credits: render.plannedWork, plan: plan, share: share)
                    if let refusal = try await store.admitRender(admission, account: accountID, at: Date()) {
                        throw APIError.refused(refusal, plan: plan, now: Date())
                    }
                }, giveBack: {
                    var back = JobAdmission(sources: 0, bytesIn: 0, credits: -render.plannedWork)
                    back.renders = -1
                    _ = try? await store.admitRender(back, account: accountID, at: Date())
                })
                (entry, source) = try await renders.render(order)
            } catch is RenderSlots.Busy {
                var error = APIError(503, .renderBusy, "every render slot is busy and the queue is full; try again in a moment")
                error.headers["Retry-After"] = "1"
                throw error
            } catch let failure as SingleOutputRender.Failure {
                throw Self.error(failure)
            }
        }
        headers[.eTag] = "\"\(entry.sha256)\""
        headers[.init("X-Render")!] = source.rawValue
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == "\"\(entry.sha256)\"" || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = AssetContent.contentType(entry.format)
        headers[.contentLength] = String(entry.body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: entry.body))
    }

    /// `GET /v1/assets/{id}/render-url?configId=…&output=…` or `?options=…`: the asset's
    /// rendering URLs (by its folder and name, and by its id), signed with the account's key
    /// unless `signed=false` (then they work only where the account allows unsigned ones).
    func renderURL(_ id: AssetID, _ request: Request, account: Account) async throws -> Response {
        guard let asset = try await env.store.asset(account: account.id, id: id), !asset.isExpired(at: Date()) else {
            throw APIError.notFound("there is no asset \(id)")
        }
        let configText = Query.text(request, "configId"), optionsText = Query.text(request, "options")
        let outputText = Query.text(request, "output")
        let target: [String]
        switch (configText, optionsText) {
        case (let configText?, nil):
            guard let configID = ConfigID(configText), let stored = try await env.store.configuration(account: account.id, id: configID, version: nil) else {
                throw APIError.notFound("there is no configuration \(configText.prefix(70))")
            }
            let outputs = try renders.configurations.prepared(stored).outputs
            guard let outputText else {
                throw APIError.badRequest("give output=, one of \(outputs.prefix(20).map { $0.joined(separator: "/") }.joined(separator: ", "))")
            }
            let labels = outputText.split(separator: "/").map(String.init)
            guard outputs.contains(labels) else {
                throw APIError.badRequest("configuration \(configID) has no output \(outputText.prefix(100)); its outputs are \(outputs.prefix(20).map { $0.joined(separator: "/") }.joined(separator: ", "))")
            }
            target = [configID.rawValue] + labels
        case (nil, let optionsText?):
            do {
                let options = try AdHocOptions(optionsText)
                do {
                    _ = try ConfigurationParser().parse(options.automaticFormat ? try AdHocOptions(optionsText.replacingOccurrences(of: "f:auto", with: "f:jpeg")).document : options.document)
                } catch let error as ConfigurationError {
                    throw APIError(400, .invalidConfiguration, "the options \(optionsText.prefix(200)) make a configuration that is not valid: \(error.issues.map(\.description).joined(separator: "; "))", issues: error.issues)
                }
            } catch let problem as AdHocOptions.Problem {
                throw APIError.badRequest("the options \(optionsText.prefix(200)) cannot be read: \(problem.message)")
            }
            target = ["_", optionsText]
        default:
            throw APIError.badRequest("give either configId= and output= (a saved configuration's output, as under output/ in its ZIP) or options= (such as w:400,h:300,fit:cover,f:webp)")
        }
        let signed = Query.text(request, "signed").map { $0 != "false" } ?? true
        let key = signed ? try await env.store.urlKey(account: account.id) : nil
        let prefix = [account.id.rawValue] + target
        let byPlace = prefix + asset.folder.names + [asset.name]
        let byID = prefix + ["id", asset.id.rawValue]
        return JSONResponse.make(200, APIModels.RenderURL(
            url: env.baseURL + RenderLinks.path(byPlace, key: key), byId: env.baseURL + RenderLinks.path(byID, key: key),
            signed: signed, renderingEnabled: account.rendering.realtime, unsignedAllowed: account.rendering.unsigned))
    }

    /// What to render: the configuration (or options) planned, the output's labels, the cache
    /// identity; and the segments that name the asset.
    private func resolve(_ address: RenderAddress, configuration stored: StoredConfiguration?, accept: String) throws
        -> (RenderJob, [String], variesByAccept: Bool) {
        switch address.target {
        case .configuration(let id, let rest):
            guard let stored else { throw APIError.notFound("there is no configuration \(id) (or it was deleted)") }
            let prepared = try renders.configurations.prepared(stored)
            guard let (labels, asset) = prepared.split(rest) else {
                let known = prepared.outputs.prefix(5).map { $0.joined(separator: "/") }.joined(separator: ", ")
                throw APIError.notFound("configuration \(id) has no output at the start of \(rest.dropLast().joined(separator: "/")); its outputs include \(known)")
            }
            let render = SingleOutputRender(config: prepared.config, labels: labels, policy: env.settings.policy, assets: renders.watermarks)
            return (RenderJob(render: render, identity: ["config", id.rawValue, String(stored.version)] + labels), asset, false)
        case .options(let text, let asset):
            let format = text.contains("f:auto") ? Self.negotiate(accept) : ""
            let prepared = try renders.options.prepared("\(text)|\(format)") { try adHoc(text, format: format) }
            return (prepared.job, asset, prepared.automatic)
        }
    }

    /// Ad-hoc options read and validated as the one-feature configuration they stand for, with
    /// `f:auto` as `format`.
    private func adHoc(_ text: String, format: String) throws -> PreparedOptions.Prepared {
        do {
            var options = try AdHocOptions(text)
            let automatic = options.automaticFormat
            if automatic { options = try AdHocOptions(text.replacingOccurrences(of: "f:auto", with: "f:\(format)")) }
            let config: PipelineConfig
            do {
                config = try ConfigurationParser().parse(options.document)
            } catch {
                throw APIError(400, .invalidConfiguration, "the options \(text.prefix(200)) make a configuration that is not valid: \(error.issues.map(\.description).joined(separator: "; "))", issues: error.issues)
            }
            guard let labels = Planner.plan(config).leaves.first?.labels else { throw APIError.badRequest("the options \(text.prefix(200)) make no output") }
            let render = SingleOutputRender(config: config, labels: labels, policy: env.settings.policy, assets: renders.watermarks)
            let canonical = String(decoding: try RenderService.canonicalJSON.encode(options.document), as: UTF8.self)
            return .init(job: RenderJob(render: render, identity: ["options", canonical, automatic ? format : ""]), automatic: automatic)
        } catch let problem as AdHocOptions.Problem {
            throw APIError.badRequest("the options \(text.prefix(200)) cannot be read: \(problem.message)")
        }
    }

    /// `f:auto`: AVIF, then WebP, when the client's `Accept` names them; else JPEG.
    static func negotiate(_ accept: String) -> String {
        if accept.contains("image/avif") { return "avif" }
        if accept.contains("image/webp") { return "webp" }
        return "jpeg"
    }

    /// An engine failure as an answer: the time limit 504, the rest 422 with the engine's code.
    static func error(_ failure: SingleOutputRender.Failure) -> APIError {
        if failure.timedOut { return APIError(504, .renderTimeout, failure.message) }
        if failure.code == "OUTPUT_NOT_FOUND" { return APIError.notFound(failure.message) }
        var error = APIError(422, .renderFailed, failure.message)
        error.engineCode = failure.code
        return error
    }
}

/// A render to make and what identifies its result in the cache.
struct RenderJob: Sendable {
    var render: SingleOutputRender
    var identity: [String]
}
