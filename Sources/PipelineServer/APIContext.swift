import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core context and the peer's socket
/// address, which the IP allow-list checks (or `X-Forwarded-For` behind a trusted proxy).
struct APIContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
