/// One tile of a slice or grid: the rectangle it takes and the suffix its file name gets.
public struct Tile: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var size: PixelSize
    /// `_03` (slice) or `_r1_c2` (grid), 1-based and zero-padded so names sort in order.
    public var suffix: String

    /// The tiles `output` cuts an image of `input` size into, in reading order.
    public static func layout(_ output: TileOutput, input: PixelSize) -> [Tile] {
        switch output {
        case .slice(let direction, let size, _):
            let length = direction == .vertical ? input.height : input.width
            let count = Self.count(output, input: input)
            return (0..<count).map { index in
                let start = index * size, extent = min(size, length - start)
                let suffix = "_" + padded(index + 1, count)
                return direction == .vertical
                    ? Tile(x: 0, y: start, size: PixelSize(width: input.width, height: extent), suffix: suffix)
                    : Tile(x: start, y: 0, size: PixelSize(width: extent, height: input.height), suffix: suffix)
            }
        case .grid(let columns, let rows, _):
            var tiles: [Tile] = []
            for row in 0..<rows {
                let top = row * input.height / rows, bottom = (row + 1) * input.height / rows
                for column in 0..<columns {
                    let left = column * input.width / columns, right = (column + 1) * input.width / columns
                    tiles.append(Tile(x: left, y: top, size: PixelSize(width: right - left, height: bottom - top),
                                      suffix: "_r\(padded(row + 1, rows))_c\(padded(column + 1, columns))"))
                }
            }
            return tiles
        }
    }

    /// How many tiles `output` makes of an image of `input` size.
    public static func count(_ output: TileOutput, input: PixelSize) -> Int {
        switch output {
        case .slice(let direction, let size, _): ((direction == .vertical ? input.height : input.width) + size - 1) / size
        case .grid(let columns, let rows, _): columns * rows
        }
    }

    /// Why `output` cannot cut an image of `input` size, if it cannot.
    public static func problem(_ output: TileOutput, input: PixelSize) -> String? {
        guard case .grid(let columns, let rows, _) = output else { return nil }
        guard input.width >= columns, input.height >= rows else {
            return "a \(columns)×\(rows) grid needs an image at least \(columns)×\(rows) pixels; this one is \(input.width)×\(input.height)"
        }
        return nil
    }

    private static func padded(_ number: Int, _ count: Int) -> String {
        let text = String(number), width = String(count).count
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
