import Foundation
import Hummingbird
import NIOCore

/// Reading small request bodies and query parameters, with errors a client can act on.
enum Body {
    /// The most bytes a JSON body may have.
    static let jsonLimit = 1 << 20

    /// A JSON body (a configuration, a job by URL).
    static func json(_ request: Request) async throws -> Data {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        if type.hasPrefix("multipart/") {
            throw APIError.unsupportedMediaType("this route takes application/json, not \(type.split(separator: ";").first ?? "")")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > jsonLimit { throw APIError.tooLarge(jsonLimit) }
        do {
            let buffer = try await request.body.collect(upTo: jsonLimit)
            return Data(buffer.readableBytesView)
        } catch {
            throw APIError.tooLarge(jsonLimit)
        }
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
