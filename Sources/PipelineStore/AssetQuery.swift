/// How a folder's assets are listed: sorted by name, creation time or size (then id), either
/// way, a page at a time after a cursor, optionally filtered by a name fragment and an origin.
public struct AssetQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, CaseIterable {
        case name, createdAt, bytes

        /// The column both stores sort by (then by `id`).
        public var column: String {
            switch self {
            case .name: "name"
            case .createdAt: "created_at"
            case .bytes: "bytes"
            }
        }
    }

    public var sort: Sort
    public var descending: Bool
    public var after: AssetCursor?
    public var limit: Int
    /// Case-insensitive fragment of the name.
    public var nameContains: String?
    /// `upload` or `job`.
    public var origin: String?

    /// The name fragment as a `LIKE` pattern (lower case, `%`, `_` and `\` escaped with `\`).
    public var likePattern: String? {
        guard let fragment = nameContains?.lowercased(), !fragment.isEmpty else { return nil }
        let escaped = fragment.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%\(escaped)%"
    }

    public init(sort: Sort = .name, descending: Bool = false, after: AssetCursor? = nil, limit: Int = 100,
                nameContains: String? = nil, origin: String? = nil) {
        self.sort = sort
        self.descending = descending
        self.after = after
        self.limit = limit
        self.nameContains = nameContains
        self.origin = origin
    }
}
