import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PipelineCore

/// An error answer: `{"error": {"code", "message", "issues"?}}` with its status. Every client
/// mistake is one of these (a 4xx); nothing a client sends causes a 5xx.
public struct APIError: Error, Sendable, Hashable {
    public var status: Int
    public var code: String
    public var message: String
    public var issues: [ValidationIssue]?
    /// Extra headers (`Retry-After`, `Allow`).
    public var headers: [String: String] = [:]

    public init(_ status: Int, _ code: String, _ message: String, issues: [ValidationIssue]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues
    }

    static func badRequest(_ message: String) -> APIError { APIError(400, "BAD_REQUEST", message) }
    static func notFound(_ message: String) -> APIError { APIError(404, "NOT_FOUND", message) }
    static let invalidKey = APIError(401, "INVALID_API_KEY", "send a valid API key as \"Authorization: Bearer <key>\" (pipeline keys create makes one)")
    static func unsupportedMediaType(_ message: String) -> APIError { APIError(415, "UNSUPPORTED_MEDIA_TYPE", message) }
    static func tooLarge(_ limit: Int) -> APIError {
        var error = APIError(413, "PAYLOAD_TOO_LARGE", "the request body is larger than the limit of \(limit) bytes; send fewer or smaller sources per job")
        // The rest of the body is not read: close the connection rather than leave the client
        // sending into a full socket.
        error.headers["Connection"] = "close"
        return error
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var issues: [ValidationIssue]?
        }
        var error: Detail
    }

    var response: Response {
        var response = JSONResponse.make(status, Body(error: .init(code: code, message: message, issues: issues)))
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { response.headers[field] = value }
        }
        return response
    }
}
