import Foundation

/// Which destinations postbacks may go to. Checked on the resolved address (after DNS), and the
/// connection is pinned to the address that was checked.
public struct AddressPolicy: Sendable, Hashable {
    /// Whether loopback, private and link-local addresses may be posted to.
    public var allowPrivateAddresses: Bool

    public init(allowPrivateAddresses: Bool) {
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// Why a URL was refused.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String

        public init(description: String) { self.description = description }
    }

    /// The checked destination: a `host:port:address` pin for libcurl.
    public func check(_ url: String) throws(Refusal) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { throw Refusal(description: "\(url) is not an http(s) URL") }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        let addresses = Self.resolve(bare)
        guard let first = addresses.first else { throw Refusal(description: "\(host) does not resolve to an address") }
        if !allowPrivateAddresses {
            for address in addresses where Self.isPrivate(address) {
                throw Refusal(description: "\(host) resolves to \(address), a loopback, private or link-local address; the server connects there only when started with --allow-private-addresses")
            }
        }
        let pinned = first.contains(":") ? "[\(first)]" : first
        return "\(host):\(port):\(pinned)"
    }

    /// Every address `host` resolves to (numeric hosts resolve to themselves).
    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = list
        while let entry = cursor {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                let text = String(cString: buffer)
                if !addresses.contains(text) { addresses.append(text) }
            }
            cursor = entry.pointee.ai_next
        }
        return addresses
    }

    /// Loopback, private, link-local, unspecified, carrier-grade NAT and unique-local addresses.
    public static func isPrivate(_ address: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            let bytes = withUnsafeBytes(of: v4.s_addr) { Array($0) }
            return isPrivateV4(bytes)
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return true }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF { return isPrivateV4(Array(bytes[12..<16])) }
        if bytes.allSatisfy({ $0 == 0 }) { return true }                          // ::
        if bytes[0..<15].allSatisfy({ $0 == 0 }), bytes[15] == 1 { return true } // ::1
        if bytes[0] & 0xFE == 0xFC { return true }                               // fc00::/7
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return true }             // fe80::/10
        return false
    }

    private static func isPrivateV4(_ b: [UInt8]) -> Bool {
        b[0] == 127 || b[0] == 10 || b[0] == 0
            || (b[0] == 172 && (16...31).contains(b[1]))
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && (64...127).contains(b[1]))
    }
}
