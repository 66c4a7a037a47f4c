import Delivery
import Foundation
import Hummingbird
import NIOCore
import PipelineStore

/// The checks every `/v1` request passes before its handler runs, in this order: a valid key
/// (401), an account that is not suspended (403 `ACCOUNT_SUSPENDED`), a client address on the
/// account's allow-list when it has one (403 `IP_NOT_ALLOWED`), and the plan's requests per
/// minute for the account, all its keys together (429 `RATE_LIMIT_EXCEEDED` with `Retry-After`):
/// a second key does not double the rate (SPEC §11).
struct Gatekeeper: Sendable {
    var accounts: any AccountStore
    /// The requests-per-minute buckets the store was opened with.
    var rateLimits: any RequestRateLimits
    /// Peers whose `X-Forwarded-For` is believed.
    var trustedProxies: [AddressRange]

    func caller(_ request: Request, context: APIContext) async throws -> Caller {
        guard var key = request.headers[.authorization]?.trimmingCharacters(in: .whitespaces), !key.isEmpty else { throw APIError.invalidKey }
        if key.lowercased().hasPrefix("bearer ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        let hash = Digest.sha256(key)
        guard key.count <= 200, let access = try await accounts.access(forKeyHash: hash) else { throw APIError.invalidKey }
        let account = access.account, plan = access.plan
        if account.suspendedAt != nil {
            let parent = account.parentID == nil ? "" : " (a sub-account is suspended with its parent)"
            throw APIError(403, .accountSuspended, "account \(account.name) is suspended\(parent); its operator can reinstate it (pipeline accounts reinstate)")
        }
        let address = clientAddress(request, context: context)
        let allowed = access.allowedAddresses
        if !allowed.isEmpty {
            let admitted = address.map { address in allowed.contains { AddressRange($0)?.contains(address) == true } } ?? false
            if !admitted {
                throw APIError(403, .ipNotAllowed, "requests from \(address ?? "this address") are not on account \(account.name)'s IP allow-list; add it with POST /v1/account/ips from an allowed address")
            }
        }
        if let perMinute = plan.requestsPerMinute, let wait = try await rateLimits.takeRequest(key: "account:\(account.id)", perMinute: perMinute) {
            let seconds = Int(wait.rounded(.up))
            var error = APIError(429, .rateLimitExceeded, "account \(account.name) may send \(perMinute) requests a minute (all its keys together) on the \(plan.name) plan; retry after \(seconds) s")
            error.headers["Retry-After"] = String(max(1, seconds))
            throw error
        }
        return Caller(account: account, plan: plan, address: address)
    }

    /// The socket's peer address, or the nearest untrusted address in `X-Forwarded-For` when
    /// the peer is a trusted proxy.
    func clientAddress(_ request: Request, context: APIContext) -> String? {
        guard let peer = context.remoteAddress?.ipAddress else { return nil }
        guard trustedProxies.contains(where: { $0.contains(peer) }), let forwarded = request.headers[.init("X-Forwarded-For")!] else { return peer }
        // Right to left: the last hop not run by a trusted proxy is the client.
        let hops = forwarded.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where AddressRange.parse(hop) != nil {
            if !trustedProxies.contains(where: { $0.contains(hop) }) { return hop }
        }
        return hops.first.flatMap { AddressRange.parse($0) != nil ? $0 : nil } ?? peer
    }
}
