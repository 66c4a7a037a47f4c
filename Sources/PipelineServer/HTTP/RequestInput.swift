import Foundation
import Hummingbird
import NIOCore
import PipelineCore

/// Reading small request bodies and query parameters, with errors a client can act on.
enum Body {
    /// The most bytes a JSON body may have.
    static let jsonLimit = 1 << 20

    /// A JSON body (a configuration, a job by URL).
    static func json(_ request: Request) async throws -> Data {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("multipart/") {
            var error = APIError.unsupportedMediaType("this route takes application/json, not \(type.split(separator: ";").first ?? "")")
            error.bodyUnread = true
            throw error
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > jsonLimit {
            var error = APIError.tooLarge(jsonLimit)
            error.bodyUnread = true
            throw error
        }
        do {
            let buffer = try await request.body.collect(upTo: jsonLimit)
            return Data(buffer.readableBytesView)
        } catch {
            throw APIError.tooLarge(jsonLimit)
        }
    }
}

extension Body {
    /// A JSON body whose keys `fields` all knows (an unknown key is a 400 naming it, SPEC §11),
    /// with aliases renamed to their names. A body that is not an object is returned as it is,
    /// for the route's decoder to refuse with its own example.
    static func object(_ request: Request, _ fields: FieldNames) async throws -> Data {
        let data = try await json(request)
        guard case .object(let members)? = try? JSONDecoder().decode(JSONValue.self, from: data) else { return data }
        let names = try fields.canonical(members.keys)
        guard names.contains(where: { $0.key != $0.value }) else { return data }
        var renamed: [String: JSONValue] = [:]
        for (key, value) in members { renamed[names[key] ?? key] = value }
        return try JSONEncoder().encode(JSONValue.object(renamed))
    }
}

enum Query {
    /// A query parameter as a form encodes it: `+` is a space (Python's `urlencode`, HTML forms),
    /// `%2B` a plus. Folder paths and names hold spaces, so they are read this way.
    static func text(_ request: Request, _ name: String) -> String? {
        for pair in (request.uri.query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            guard key == name else { continue }
            return (parts.count > 1 ? String(parts[1]) : "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding
        }
        return nil
    }

    /// `limit` (1–100, default 20).
    static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("limit") else { return 20 }
        guard let value = Int(text), (1...100).contains(value) else {
            throw APIError.badRequest("limit=\(text) is not a whole number from 1 to 100")
        }
        return value
    }
}
