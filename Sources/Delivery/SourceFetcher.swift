import CDeliveryShim
import Foundation

/// Fetches a source image by URL for a worker (SPEC §6): every address checked against the
/// `AddressPolicy` (no loopback, private or link-local targets unless allowed), at most
/// `maximumRedirects` redirects, each target checked again, a size limit and a time limit.
public struct SourceFetcher: Sendable {
    public var addresses: AddressPolicy
    public var maximumBytes: Int
    public var maximumRedirects = 3
    public var connectTimeout: Double = 10
    /// Seconds for one request (each redirect has its own).
    public var totalTimeout: Double = 60

    /// Why a URL gave no file; `description` names the URL and what to do.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    public init(addresses: AddressPolicy, maximumBytes: Int) {
        self.addresses = addresses
        self.maximumBytes = maximumBytes
    }

    /// Downloads `url` into `destination` (on a thread of its own).
    public func fetch(_ url: String, to destination: String) async throws(Failure) {
        let fetcher = self
        let result: Result<Void, Failure> = await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: Result { () throws(Failure) in try fetcher.fetchBlocking(url, to: destination) }) }.start()
        }
        try result.get()
    }

    private func fetchBlocking(_ start: String, to destination: String) throws(Failure) {
        _ = PostbackClient.curlStarted
        var url = start
        for hop in 0...maximumRedirects {
            let pin: String
            do {
                pin = try addresses.check(url)
            } catch {
                throw Failure(description: "\(url) is refused: \(error.description)")
            }
            var result = ip_get_result()
            ip_get_file(url, pin, Int64(maximumBytes), Int(connectTimeout * 1000), Int(totalTimeout * 1000), destination, &result)
            if result.over_limit != 0 {
                throw Failure(description: "\(url) is larger than the limit of \(maximumBytes) bytes")
            }
            if result.curl_code != 0 {
                let message = withUnsafeBytes(of: result.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                throw Failure(description: "\(url) could not be fetched: \(message)")
            }
            let status = Int(result.status)
            if (300...399).contains(status) {
                let location = withUnsafeBytes(of: result.location) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                guard !location.isEmpty else { throw Failure(description: "\(url) answered \(status) without a Location") }
                guard hop < maximumRedirects else {
                    throw Failure(description: "\(start) redirects more than \(maximumRedirects) times; give the final address")
                }
                url = location
                continue
            }
            guard (200...299).contains(status) else { throw Failure(description: "\(url) answered HTTP \(status)") }
            return
        }
        throw Failure(description: "\(start) redirects more than \(maximumRedirects) times; give the final address")
    }
}
