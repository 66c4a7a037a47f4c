import Foundation

/// The one JSON style of every file the product writes: sorted keys, indented, stable.
public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0a)
        return [UInt8](data)
    }
}
