import Delivery
import Testing

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("10.1.2.3", true), ("172.16.0.1", true), ("172.31.255.255", true),
        ("192.168.1.1", true), ("169.254.169.254", true), ("0.0.0.0", true), ("100.64.0.1", true),
        ("::1", true), ("::", true), ("fe80::1", true), ("fd00::1", true), ("::ffff:127.0.0.1", true), ("::ffff:10.0.0.1", true),
        ("172.32.0.1", false), ("8.8.8.8", false), ("93.184.216.34", false), ("2606:4700::1111", false), ("not an address", true),
    ])
    func privateAddressesAreRecognised(address: String, isPrivate: Bool) {
        #expect(AddressPolicy.isPrivate(address) == isPrivate)
    }

    @Test func loopbackIsRefusedUnlessAllowedAndTheConnectionIsPinned() throws {
        let strict = AddressPolicy(allowPrivateAddresses: false)
        #expect(throws: AddressPolicy.Refusal(description: "localhost resolves to 127.0.0.1, a loopback, private or link-local address; the server connects there only when started with --allow-private-addresses")) {
            _ = try strict.check("http://localhost:9000/hook")
        }
        #expect(throws: AddressPolicy.Refusal.self) { _ = try strict.check("http://[::1]:9000/") }
        #expect(throws: AddressPolicy.Refusal(description: "ftp://x/ is not an http(s) URL")) { _ = try strict.check("ftp://x/") }
        let local = AddressPolicy(allowPrivateAddresses: true)
        #expect(try local.check("http://127.0.0.1:9000/hook") == "127.0.0.1:9000:127.0.0.1")
        #expect(try local.check("https://127.0.0.1/") == "127.0.0.1:443:127.0.0.1")
    }
}
