/// One way a slice or grid feature cuts every image into tiles.
public enum TileOutput: Sendable, Hashable, Encodable {
    /// Tiles of `size` pixels along `direction`, the last one possibly shorter.
    case slice(SliceDirection, size: Int, name: String?)
    /// `columns` × `rows` tiles as equal as whole pixels allow.
    case grid(columns: Int, rows: Int, name: String?)

    public var name: String? {
        switch self {
        case .slice(_, _, let name), .grid(_, _, let name): name
        }
    }

    /// `slice-v500`, `slice-h300` or `grid-3x2`.
    var label: String {
        switch self {
        case .slice(let direction, let size, _): "slice-\(direction == .vertical ? "v" : "h")\(size)"
        case .grid(let columns, let rows, _): "grid-\(columns)x\(rows)"
        }
    }

    enum CodingKeys: String, CodingKey { case name, direction, size, columns, rows }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        switch self {
        case .slice(let direction, let size, _):
            try container.encode(direction, forKey: .direction)
            try container.encode(size, forKey: .size)
        case .grid(let columns, let rows, _):
            try container.encode(columns, forKey: .columns)
            try container.encode(rows, forKey: .rows)
        }
    }
}

extension TileOutput {
    /// The same cut without its name.
    var unnamed: TileOutput {
        switch self {
        case .slice(let direction, let size, _): .slice(direction, size: size, name: nil)
        case .grid(let columns, let rows, _): .grid(columns: columns, rows: rows, name: nil)
        }
    }
}
