import Foundation
import PipelineStore
import PostgresNIO

extension PostgresStore: RequestRateLimits {
    /// One statement: refill the key's bucket by the time since it was last touched (the
    /// database's clock, so the processes' clocks do not matter), take a token when there is
    /// one, and read the bucket when there is not. Concurrent requests of one key queue on its
    /// row; the table is unlogged (a crash empties it, and empty buckets are full ones).
    public func takeRequest(key: String, perMinute: Int) async throws -> Double? {
        let capacity = Double(max(1, perMinute)), perMillisecond = Double(max(1, perMinute)) / 60_000
        // One statement is its own transaction: no BEGIN and COMMIT round trips.
        let row = try await read { connection in
            try await self.row(connection, """
                WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT AS ms),
                taken AS (
                    INSERT INTO rate_buckets AS b (key_hash, tokens, updated_ms)
                    SELECT \(key), \(capacity) - 1, ms FROM now
                    ON CONFLICT (key_hash) DO UPDATE
                    SET tokens = LEAST(\(capacity), b.tokens + (EXCLUDED.updated_ms - b.updated_ms) * \(perMillisecond)) - 1,
                        updated_ms = EXCLUDED.updated_ms
                    WHERE LEAST(\(capacity), b.tokens + (EXCLUDED.updated_ms - b.updated_ms) * \(perMillisecond)) >= 1
                    RETURNING tokens)
                SELECT (SELECT COUNT(*) FROM taken)::BIGINT AS taken,
                       (SELECT LEAST(\(capacity), b.tokens + ((SELECT ms FROM now) - b.updated_ms) * \(perMillisecond))
                        FROM rate_buckets b WHERE b.key_hash = \(key)) AS tokens
                """)
        }
        if (row?.int("taken") ?? 0) > 0 { return nil }
        let tokens = row?.double("tokens") ?? 0
        return max(0.001, (1 - tokens) / perMillisecond / 1000)
    }
}
