import CDeliveryShim
import Foundation

/// Sends one HTTP POST with libcurl, streaming the body from a file. Blocking work runs on a
/// thread of its own, never on Swift's cooperative pool.
public struct PostbackClient: Sendable {
    /// Seconds to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds for the whole exchange.
    public var totalTimeout: Double = 120

    /// What one exchange gave.
    public struct Response: Sendable, Hashable {
        /// The HTTP status, when a response arrived.
        public var status: Int?
        /// `Retry-After` in seconds, when given as a number.
        public var retryAfter: Double?
        /// libcurl's message when no response arrived.
        public var error: String?
        public var seconds: Double
    }

    /// libcurl's global start, once per process.
    static let curlStarted: Bool = ip_curl_global_init() == 0

    public init(connectTimeout: Double = 10, totalTimeout: Double = 120) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    /// POSTs `bodyFile` to `url` with `headers` ("Name: value"), connecting to `pin` if given.
    public func post(url: String, headers: [String], bodyFile: String, bodyLength: Int, pin: String?) async -> Response {
        _ = Self.curlStarted
        let connectMs = Int(connectTimeout * 1000), totalMs = Int(totalTimeout * 1000)
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                var result = ip_post_result()
                let cHeaders = headers.map { strdup($0) }
                defer { cHeaders.forEach { free($0) } }
                var pointers = cHeaders.map { UnsafePointer<CChar>($0) }
                _ = pointers.withUnsafeMutableBufferPointer { buffer in
                    ip_post_file(url, buffer.baseAddress, Int32(buffer.count), bodyFile, Int64(bodyLength), pin,
                                 connectMs, totalMs, &result)
                }
                let error = result.curl_code == 0 ? nil : withUnsafeBytes(of: result.error) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                continuation.resume(returning: Response(
                    status: result.status > 0 && result.curl_code == 0 ? Int(result.status) : nil,
                    retryAfter: result.retry_after >= 0 ? Double(result.retry_after) : nil,
                    error: error,
                    seconds: result.seconds))
            }
            thread.start()
        }
    }
}
