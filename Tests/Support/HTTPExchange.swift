import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange over loopback, as a client library would make it (the tests' shared client).
public struct HTTPExchange: Sendable {
    public var status: Int
    public var body: Data
    public var headers: [String: String]

    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    public var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    public var text: String { String(decoding: body, as: UTF8.self) }

    public struct NotHTTP: Error {}

    public static func send(_ method: String, _ url: String, key: String? = nil, contentType: String? = nil, body: Data? = nil,
                            headers extra: [String: String] = [:], timeout: TimeInterval = 60) async throws -> HTTPExchange {
        guard let target = URL(string: url) else { throw URLError(.badURL) }
        var request = URLRequest(url: target)
        request.httpMethod = method
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        for (name, value) in extra { request.setValue(value, forHTTPHeaderField: name) }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        request.timeoutInterval = timeout
        let session = URLSession(configuration: .ephemeral)
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw NotHTTP() }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields { headers[String(describing: name).lowercased()] = String(describing: value) }
        return HTTPExchange(status: http.statusCode, body: data, headers: headers)
    }

    /// A `multipart/form-data` body: fields, then files (field name, file name, bytes).
    public static func multipart(fields: [(String, String)], files: [(String, String, Data)], boundary: String = "----pipeline-test-boundary") -> (Data, String) {
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for (name, fileName, bytes) in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(bytes)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }
}
