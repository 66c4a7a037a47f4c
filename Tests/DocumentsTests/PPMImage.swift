import Foundation

/// A binary PPM (P6, 8-bit) as pdftoppm writes it, and the PSNR between two of the same size.
struct PPMImage {
    var width: Int
    var height: Int
    var pixels: [UInt8]

    init?(_ data: Data) {
        let bytes = [UInt8](data)
        var fields: [String] = [], index = 0
        while fields.count < 4, index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            var field = ""
            while index < bytes.count, !(bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09) {
                field.append(Character(UnicodeScalar(bytes[index])))
                index += 1
            }
            fields.append(field)
        }
        guard fields.count == 4, fields[0] == "P6", let width = Int(fields[1]), let height = Int(fields[2]), fields[3] == "255" else { return nil }
        index += 1
        guard bytes.count - index == width * height * 3 else { return nil }
        self.width = width
        self.height = height
        pixels = Array(bytes[index...])
    }

    /// Peak signal-to-noise ratio in dB (infinity when equal), nil when the sizes differ.
    func psnr(_ other: PPMImage) -> Double? {
        guard width == other.width, height == other.height else { return nil }
        var sum = 0.0
        for index in pixels.indices {
            let difference = Double(pixels[index]) - Double(other.pixels[index])
            sum += difference * difference
        }
        let mse = sum / Double(pixels.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }
}
