import Delivery
import Foundation
import PipelineStore

/// API keys: `ipk_` and 40 random hex digits, shown once; the store keeps their SHA-256.
public enum APIKeys {
    /// A new key for `account`, stored as its hash; returns the key itself.
    public static func create(for account: Account, store: any PipelineStore, at: Date = Date()) async throws -> (String, APIKeyRecord) {
        var generator = SystemRandomNumberGenerator()
        let key = "ipk_" + (0..<20).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        let record = APIKeyRecord(id: .random(), accountID: account.id, prefix: String(key.prefix(10)), hash: Digest.sha256(key), createdAt: at)
        try await store.addKey(record)
        return (key, record)
    }

    /// The named account, made (with a fresh webhook secret) if it does not exist.
    public static func account(named name: String, store: any PipelineStore) async throws -> Account {
        if let account = try await store.account(named: name) { return account }
        return try await store.createAccount(name: name, webhookSecret: WebhookSecret.random(), at: Date())
    }
}
