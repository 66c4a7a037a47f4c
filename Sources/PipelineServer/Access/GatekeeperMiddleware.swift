import Hummingbird

/// Runs the gatekeeper's checks (key, suspension, allow-list, rate) before every route of the
/// group it is added to, and hands the caller to the handler in the context: a route added to the
/// `/v1` group cannot be served without a key by forgetting a call.
struct GatekeeperMiddleware: RouterMiddleware {
    typealias Context = APIContext
    var gatekeeper: Gatekeeper

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        var context = context
        do {
            context.caller = try await gatekeeper.caller(request, context: context)
        } catch var error as APIError {
            // Refused before the handler: the body was not read.
            error.bodyUnread = true
            throw error
        }
        return try await next(request, context)
    }
}
