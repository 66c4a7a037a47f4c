/// Admits sources by the memory their decoders hold for the whole image at once
/// (`WholeImageDecode`): sources are started while the bytes held by those running stay within
/// `limit`. A source that needs more than the whole limit starts only when no other source
/// holds any; a source that holds nothing (a streaming decoder) always starts. Nobody waits for
/// ever: whatever holds memory finishes and releases it.
struct DecodeBudget: Sendable {
    let limit: Int
    private(set) var held = 0
    private(set) var holders = 0

    init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Whether a source holding `bytes` may start now; if it may, it is counted until `release`.
    mutating func admit(_ bytes: Int) -> Bool {
        guard bytes > 0 else { return true }
        guard holders == 0 || held + bytes <= limit else { return false }
        held += bytes
        holders += 1
        return true
    }

    /// A source admitted with `bytes` is done with them.
    mutating func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        held -= bytes
        holders -= 1
    }
}
