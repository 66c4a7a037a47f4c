import Foundation
import Hummingbird
import Logging

/// Turns every thrown error into a JSON error answer (a client's mistake is a 4xx; anything
/// else a logged 500 that names no internals) and logs one line per request.
struct APIMiddleware<Context: RequestContext>: RouterMiddleware {
    var logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            response = switch status {
            case 404: APIError.notFound("there is no route \(request.method) \(request.uri.path); GET /openapi.json lists them").response
            case 405: APIError(405, "METHOD_NOT_ALLOWED", "\(request.method) is not allowed on \(request.uri.path)").response
            case 413: APIError(413, "PAYLOAD_TOO_LARGE", "the request body is too large").response
            default: APIError(status, status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR", error.body ?? "the request could not be handled").response
            }
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = APIError(500, "INTERNAL_ERROR", "the server could not handle this request; it is logged").response
        }
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)",
                                          "status": "\(response.status.code)", "ms": "\(String(format: "%.1f", ms))"])
        return response
    }
}
