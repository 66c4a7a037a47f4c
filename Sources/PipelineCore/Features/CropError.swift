/// Why a crop cannot be made on an image.
public struct CropError: Error, Sendable, Hashable {
    public var message: String
}
