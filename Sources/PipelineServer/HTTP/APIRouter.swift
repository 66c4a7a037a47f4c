import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PipelineCore
import PipelineStore

/// Every route of SPEC §6.
enum APIRouter {
    /// The OpenAPI 3.1 document served at `/openapi.json` (`Resources/openapi.json`).
    static var openAPIDocument: [UInt8] { PackageResources.openapi_json }

    static func build(_ env: ServerEnvironment) -> Router<APIContext> {
        let router = Router(context: APIContext.self)
        let table = RouteTable()
        router.add(middleware: APIMiddleware(logger: env.logger, routes: table, metrics: env.metrics))
        let configurations = ConfigurationHandlers(env: env)
        let jobs = JobHandlers(env: env)
        let process = ProcessHandlers(env: env, intake: jobs.intake)
        let accounts = AccountHandlers(env: env)
        let assets = AssetHandlers(env: env)
        let folders = FolderHandlers(env: env, assets: assets)
        let archives = ArchiveHandlers(env: env)
        let renders = RenderHandlers(env: env)
        let store = env.store
        @Sendable func configID(_ context: APIContext) throws -> ConfigID {
            let text = context.parameters.get("configId") ?? ""
            guard let id = ConfigID(text) else { throw APIError.notFound("there is no configuration \(text) (ids are [a-z0-9][a-z0-9-]{0,63})") }
            return id
        }
        @Sendable func assetID(_ context: APIContext) throws -> AssetID {
            let text = context.parameters.get("assetId") ?? ""
            guard let id = AssetID(text) else { throw APIError.notFound("there is no asset \(text)") }
            return id
        }
        @Sendable func jobID(_ context: APIContext) throws -> JobID {
            let text = context.parameters.get("jobId") ?? ""
            guard let id = JobID(text) else { throw APIError.notFound("there is no job \(text)") }
            return id
        }

        router.get("/openapi.json") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_json)))
        }
        // The web console: static files, no key (the page asks for one and sends it to /v1).
        @Sendable func page(_ bytes: [UInt8], _ type: String) -> Response {
            var headers = HTTPFields()
            headers[.contentType] = type
            headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' blob:; style-src 'self'; object-src 'none'; frame-ancestors 'none'"
            headers[.init("X-Content-Type-Options")!] = "nosniff"
            headers[.cacheControl] = "no-cache"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/") { _, _ in page(PackageResources.console_html, "text/html; charset=utf-8") }
        router.get("/console/console.js") { _, _ in page(PackageResources.console_js, "text/javascript; charset=utf-8") }
        router.get("/console/console.css") { _, _ in page(PackageResources.console_css, "text/css; charset=utf-8") }
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            let text = try await env.metrics.render(store: store, renders: env.renders)
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        router.get("/healthz") { _, _ -> Response in
            do {
                try await store.ping()
                return JSONResponse.make(200, ["status": "ok"])
            } catch {
                return JSONResponse.make(503, ["status": "the database does not answer"])
            }
        }
        // Every /v1 route but the signed archive link and the configuration schema (public, like
        // /openapi.json, for editors) passes the gatekeeper first, as middleware.
        router.get("/v1/archives/:jobId") { request, context in
            try await jobs.archiveByLink(try jobID(context), request)
        }
        router.get("/v1/configurations/schema") { _, _ -> Response in JSONResponse.make(200, ConfigurationHandlers.schema) }
        // An asset's URL: no key, a signature (SPEC §9).
        @Sendable func file(_ request: Request, _ context: APIContext) async throws -> Response {
            try await assets.byLink(signature: context.parameters.get("signature") ?? "", id: context.parameters.get("assetId") ?? "", request)
        }
        // On-the-fly rendering: no key, a signature (SPEC §10).
        router.get("/r/**") { request, _ in try await renders.render(request) }
        router.head("/r/**") { request, _ in try await renders.render(request) }
        router.get("/files/:signature/:assetId/:name", use: file)
        router.head("/files/:signature/:assetId/:name", use: file)
        let v1 = router.group("v1").add(middleware: GatekeeperMiddleware(gatekeeper: env.gatekeeper))
        v1.post("configurations") { request, context in try await configurations.create(request, caller: try context.requireCaller()) }
        v1.get("configurations") { request, context in try await configurations.list(request, account: try context.requireCaller().account) }
        v1.post("configurations/plan") { request, context in try await configurations.plan(request, caller: try context.requireCaller()) }
        v1.get("configurations/:configId") { _, context in
            try await configurations.read(try configID(context), account: try context.requireCaller().account)
        }
        v1.put("configurations/:configId") { request, context in
            try await configurations.replace(try configID(context), request, caller: try context.requireCaller())
        }
        v1.delete("configurations/:configId") { _, context in
            try await configurations.delete(try configID(context), account: try context.requireCaller().account)
        }
        v1.post("jobs") { request, context in try await jobs.create(request, caller: try context.requireCaller()) }
        v1.post("process") { request, context in try await process.process(request, caller: try context.requireCaller()) }
        v1.get("jobs") { request, context in try await jobs.list(request, account: try context.requireCaller().account) }
        v1.get("jobs/:jobId") { _, context in try await jobs.read(try jobID(context), account: try context.requireCaller().account) }
        v1.get("jobs/:jobId/archive") { request, context in
            try await jobs.archive(try jobID(context), request, account: try context.requireCaller().account)
        }
        v1.delete("jobs/:jobId") { _, context in try await jobs.delete(try jobID(context), account: try context.requireCaller().account) }
        v1.post("jobs/:jobId/redeliver") { _, context in
            try await jobs.redeliver(try jobID(context), account: try context.requireCaller().account)
        }
        v1.post("assets") { request, context in try await assets.upload(request, caller: try context.requireCaller()) }
        v1.delete("assets") { request, context in try await folders.deleteAll(request, account: try context.requireCaller().account) }
        v1.patch("assets/:assetId") { request, context in
            try await folders.move(try assetID(context), request, account: try context.requireCaller().account)
        }
        v1.post("archives") { request, context in try await archives.create(request, account: try context.requireCaller().account) }
        v1.post("folders") { request, context in try await folders.create(request, account: try context.requireCaller().account) }
        v1.get("folders") { request, context in try await folders.list(request, account: try context.requireCaller().account) }
        v1.get("folders/properties") { request, context in try await folders.properties(request, account: try context.requireCaller().account) }
        v1.delete("folders") { request, context in try await folders.delete(request, account: try context.requireCaller().account) }
        v1.get("assets/:assetId") { _, context in try await assets.read(try assetID(context), account: try context.requireCaller().account) }
        v1.delete("assets/:assetId") { _, context in try await assets.delete(try assetID(context), account: try context.requireCaller().account) }
        @Sendable func content(_ request: Request, _ context: APIContext) async throws -> Response {
            try await assets.content(try assetID(context), request, account: try context.requireCaller().account)
        }
        v1.get("assets/:assetId/content", use: content)
        v1.head("assets/:assetId/content", use: content)
        v1.get("assets/:assetId/render-url") { request, context in
            try await renders.renderURL(try assetID(context), request, account: try context.requireCaller().account)
        }
        v1.post("assets/:assetId/links") { request, context in
            try await assets.link(try assetID(context), request, account: try context.requireCaller().account)
        }
        v1.get("templates") { _, _ -> Response in JSONResponse.make(200, SocialTemplateCatalog.shipped) }
        v1.get("watermarks") { _, _ -> Response in JSONResponse.make(200, try configurations.watermarkImages()) }
        v1.get("account") { _, context in try await accounts.account(try context.requireCaller()) }
        v1.patch("account") { request, context in try await accounts.update(request, caller: try context.requireCaller()) }
        v1.get("account/usage") { request, context in try await accounts.usage(request, caller: try context.requireCaller()) }
        v1.get("account/ips") { _, context in try await accounts.addresses(try context.requireCaller()) }
        v1.post("account/ips") { request, context in try await accounts.setAddress(request, caller: try context.requireCaller()) }
        v1.delete("account/ips") { request, context in try await accounts.removeAddress(request, caller: try context.requireCaller()) }
        v1.get("keys") { _, context in try await accounts.keys(try context.requireCaller()) }
        v1.post("keys") { request, context in try await accounts.createKey(request, caller: try context.requireCaller()) }
        v1.delete("keys/:keyId") { _, context in
            try await accounts.revokeKey(context.parameters.get("keyId") ?? "", caller: try context.requireCaller())
        }
        v1.get("subaccounts") { _, context in try await accounts.subaccounts(try context.requireCaller()) }
        v1.post("subaccounts") { request, context in try await accounts.createSubaccount(request, caller: try context.requireCaller()) }
        v1.get("subaccounts/:accountId") { _, context in
            try await accounts.subaccount(context.parameters.get("accountId") ?? "", caller: try context.requireCaller())
        }
        v1.patch("subaccounts/:accountId") { request, context in
            try await accounts.updateSubaccount(context.parameters.get("accountId") ?? "", request, caller: try context.requireCaller())
        }
        v1.delete("subaccounts/:accountId") { request, context in
            try await accounts.deleteSubaccount(context.parameters.get("accountId") ?? "", request, caller: try context.requireCaller())
        }
        v1.post("subaccounts/:accountId/reset-usage") { _, context in
            try await accounts.resetSubaccountUsage(context.parameters.get("accountId") ?? "", caller: try context.requireCaller())
        }
        table.set(router.routes.map { ("\($0.method)", "\($0.path)") })
        return router
    }
}
