import Synchronization

/// Ad-hoc options already read, validated and planned, by their text (and the format `f:auto`
/// chose): a cache hit then costs no parse, validation or plan. Only accepted options are kept;
/// at `capacity` the memo starts again.
final class PreparedOptions: Sendable {
    struct Prepared: Sendable {
        var job: RenderJob
        var automatic: Bool
    }

    private let memo = Mutex<[String: Prepared]>([:])
    static let capacity = 2000

    func prepared(_ key: String, _ make: () throws -> Prepared) throws -> Prepared {
        if let found = memo.withLock({ $0[key] }) { return found }
        let made = try make()
        memo.withLock { memo in
            if memo.count >= Self.capacity { memo.removeAll() }
            memo[key] = made
        }
        return made
    }
}
