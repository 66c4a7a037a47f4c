import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core context, the peer's socket address,
/// which the IP allow-list checks (or `X-Forwarded-For` behind a trusted proxy), and, on `/v1`
/// routes, the caller the gatekeeper let in.
struct APIContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    /// Set by `GatekeeperMiddleware` on every route of the `/v1` group.
    var caller: Caller?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The caller the gatekeeper let in. A route outside the `/v1` group has none: asking for it
    /// there refuses the request as keyless rather than serving it.
    func requireCaller() throws -> Caller {
        guard let caller else { throw APIError.invalidKey }
        return caller
    }
}
