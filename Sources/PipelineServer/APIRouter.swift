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

    static func build(_ env: ServerEnvironment) -> Router<BasicRequestContext> {
        let router = Router()
        let table = RouteTable()
        router.add(middleware: APIMiddleware(logger: env.logger, routes: table, metrics: env.metrics))
        let configurations = ConfigurationHandlers(env: env)
        let jobs = JobHandlers(env: env)
        let store = env.store

        @Sendable func account(_ request: Request) async throws -> Account {
            try await APIKeys.account(authorization: request.headers[.authorization], store: store)
        }
        @Sendable func configID(_ context: BasicRequestContext) throws -> ConfigID {
            let text = context.parameters.get("configId") ?? ""
            guard let id = ConfigID(text) else { throw APIError.notFound("there is no configuration \(text) (ids are [a-z0-9][a-z0-9-]{0,63})") }
            return id
        }
        @Sendable func jobID(_ context: BasicRequestContext) throws -> JobID {
            let text = context.parameters.get("jobId") ?? ""
            guard let id = JobID(text) else { throw APIError.notFound("there is no job \(text)") }
            return id
        }

        router.get("/openapi.json") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_json)))
        }
        router.get("/metrics") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            let text = try await env.metrics.render(store: store)
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
        router.post("/v1/configurations") { request, _ in try await configurations.create(request, account: try await account(request)) }
        router.get("/v1/configurations") { request, _ in try await configurations.list(request, account: try await account(request)) }
        router.post("/v1/configurations/plan") { request, _ in
            _ = try await account(request)
            return try await configurations.plan(request)
        }
        router.get("/v1/configurations/:configId") { request, context in
            let account = try await account(request)
            return try await configurations.read(try configID(context), account: account)
        }
        router.put("/v1/configurations/:configId") { request, context in
            let account = try await account(request)
            return try await configurations.replace(try configID(context), request, account: account)
        }
        router.delete("/v1/configurations/:configId") { request, context in
            let account = try await account(request)
            return try await configurations.delete(try configID(context), account: account)
        }
        router.post("/v1/jobs") { request, _ in try await jobs.create(request, account: try await account(request)) }
        router.get("/v1/jobs") { request, _ in try await jobs.list(request, account: try await account(request)) }
        router.get("/v1/jobs/:jobId") { request, context in
            let account = try await account(request)
            return try await jobs.read(try jobID(context), account: account)
        }
        router.get("/v1/jobs/:jobId/archive") { request, context in
            let account = try await account(request)
            return try await jobs.archive(try jobID(context), request, account: account)
        }
        router.get("/v1/archives/:jobId") { request, context in
            try await jobs.archiveByLink(try jobID(context), request)
        }
        router.post("/v1/jobs/:jobId/redeliver") { request, context in
            let account = try await account(request)
            return try await jobs.redeliver(try jobID(context), account: account)
        }
        router.get("/v1/templates") { request, _ -> Response in
            _ = try await account(request)
            return JSONResponse.make(200, SocialTemplateCatalog.shipped)
        }
        router.get("/v1/account") { request, _ -> Response in
            let account = try await account(request)
            let counts = try await store.jobCounts(account: account.id)
            return JSONResponse.make(200, APIModels.AccountUsage(
                accountId: account.id, name: account.name, configurations: try await store.configurationCount(account: account.id),
                jobs: Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0.rawValue, counts[$0] ?? 0) })))
        }
        table.set(router.routes.map { ("\($0.method)", "\($0.path)") })
        return router
    }
}
