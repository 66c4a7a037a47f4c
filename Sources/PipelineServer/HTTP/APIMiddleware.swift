import Foundation
import Hummingbird
import Logging
import Synchronization

/// Turns every thrown error into a JSON error answer (a client's mistake is a 4xx; anything
/// else a logged 500 that names no internals) and logs one line per request.
struct APIMiddleware<Context: RequestContext>: RouterMiddleware {
    var logger: Logger
    /// The router's routes (method, path pattern), to tell a wrong method (405) from a wrong path.
    var routes: RouteTable
    var metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            if [402, 403, 429].contains(error.status) { metrics.refused(code: error.code.rawValue) }
            response = error.response(draining: error.bodyUnread && Self.hasBody(request) ? request.body : nil)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            // The router answers before any handler read the body.
            let unread = Self.hasBody(request) ? request.body : nil
            response = switch status {
            case 404:
                if let allowed = routes.methods(for: request.uri.path), !allowed.isEmpty {
                    {
                        var error = APIError(405, .methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path); use \(allowed.joined(separator: ", "))")
                        error.headers["Allow"] = allowed.joined(separator: ", ")
                        return error.response(draining: unread)
                    }()
                } else {
                    APIError.notFound("there is no route \(request.method) \(request.uri.path); GET /openapi.json lists them").response(draining: unread)
                }
            case 405: APIError(405, .methodNotAllowed, "\(request.method) is not allowed on \(request.uri.path)").response(draining: unread)
            case 413: APIError(413, .payloadTooLarge, "the request body is too large").response
            default: APIError(status, status < 500 ? .badRequest : .internalError, error.body ?? "the request could not be handled").response
            }
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = APIError(500, .internalError, "the server could not handle this request; it is logged").response
        }
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        metrics.request(method: "\(request.method)", route: routes.pattern(for: request.uri.path, method: "\(request.method)") ?? "unmatched",
                        status: Int(response.status.code))
        logger.info("request", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)",
                                          "status": "\(response.status.code)", "ms": "\(String(format: "%.1f", ms))"])
        return response
    }
}

extension APIMiddleware {
    /// Whether the request says a body follows.
    static func hasBody(_ request: Request) -> Bool {
        if let length = request.headers[.contentLength].flatMap(Int.init) { return length > 0 }
        return request.headers[.transferEncoding]?.lowercased().contains("chunked") == true
    }
}

/// The router's routes, filled in once the router is built.
final class RouteTable: Sendable {
    private let entries = Mutex<[(method: String, segments: [Substring])]>([])

    func set(_ routes: [(method: String, path: String)]) {
        entries.withLock { $0 = routes.map { ($0.method, $0.path.split(separator: "/")) } }
    }

    /// Whether a route's segments match a path's: `{name}` or `:name` matches any one segment,
    /// a last `**` the rest (one segment or more).
    static func matches(_ route: [Substring], _ path: [Substring]) -> Bool {
        if route.last == "**" {
            return path.count >= route.count && zip(route.dropLast(), path).allSatisfy { $0.hasPrefix(":") || $0.hasPrefix("{") || $0 == $1 }
        }
        return route.count == path.count && zip(route, path).allSatisfy { $0.hasPrefix(":") || $0.hasPrefix("{") || $0 == $1 }
    }

    /// The pattern of the route `method path` takes, if any.
    func pattern(for path: String, method: String) -> String? {
        let segments = path.split(separator: "/")
        return entries.withLock { entries in
            entries.first { entry in entry.method == method && Self.matches(entry.segments, segments) }.map { "/" + $0.segments.joined(separator: "/") }
        }
    }

    /// The methods of the routes whose pattern matches `path` (a `{name}` or `:name` segment matches any).
    func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        let methods = entries.withLock { entries in
            entries.filter { entry in Self.matches(entry.segments, segments) }.map(\.method)
        }
        return methods.isEmpty ? nil : Array(Set(methods)).sorted()
    }
}
