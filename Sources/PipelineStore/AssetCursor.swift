import Foundation

/// Where a page of a folder's listing ended: the last asset's sort value and id (keyset paging:
/// the next page starts after them, however many assets were added or removed meanwhile). Sent
/// to clients as an opaque base64url token.
public struct AssetCursor: Sendable, Hashable {
    public var sort: AssetQuery.Sort
    /// The sort value: a name, or a whole number (milliseconds, bytes) as text.
    public var value: String
    public var id: AssetID

    public init(sort: AssetQuery.Sort, value: String, id: AssetID) {
        self.sort = sort
        self.value = value
        self.id = id
    }

    /// The cursor after `asset` in a listing sorted by `sort`.
    public init(after asset: AssetRecord, sort: AssetQuery.Sort) {
        let value = switch sort {
        case .name: asset.name
        case .createdAt: String(asset.createdAt.storedMilliseconds)
        case .bytes: String(asset.bytes)
        }
        self.init(sort: sort, value: value, id: asset.id)
    }

    public var token: String {
        Data("\(sort.rawValue)\n\(id)\n\(value)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Nil for a token not made here.
    public init?(token: String) {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else { return nil }
        let parts = decoded.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let sort = AssetQuery.Sort(rawValue: parts[0]), let id = AssetID(parts[1]) else { return nil }
        if sort != .name, Int64(parts[2]) == nil { return nil }
        self.init(sort: sort, value: parts[2], id: id)
    }

    /// The value as the number it stands for (time and size sorts).
    public var number: Int64 { Int64(value) ?? 0 }
}
