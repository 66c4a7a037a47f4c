/// What a PDF is, as qpdf reads it.
public struct PDFInfo: Sendable, Hashable {
    public var pages: Int
    /// Encrypted, and opened with the empty user password (so it can be rewritten, and is
    /// encrypted again the same way).
    public var encrypted: Bool
    /// A signature field holds a signature: any change to the file breaks it.
    public var signed: Bool
    /// qpdf recovered damage to read it (a broken cross-reference table, a wrong length).
    public var repaired: Bool
    /// Image XObjects, each object once.
    public var images: Int
    /// After a rewrite: streams byte-identical to another, now stored once.
    public var duplicatesShared: Int
    /// After the lossy pass: images replaced (each by a smaller one), of which made smaller in
    /// pixels, and their stored bytes before and after.
    public var imagesRecompressed = 0
    public var imagesDownsampled = 0
    public var imageBytesBefore = 0
    public var imageBytesAfter = 0
    /// Images the lossy pass set out to re-encode but could not decode or encode (damaged data,
    /// or memory refused under the worker's limit): kept as they were.
    public var imagesFailed = 0
    /// Images larger than `imageDpi` needs whose detail the smaller size would lose (a page of
    /// text scanned at 300 dpi: enlarged back, the halved image is under 35 dB PSNR of it): kept
    /// at their own resolution and only re-encoded.
    public var imagesKeptSharp = 0
    /// After the lossy pass: embedded Type 1 font programs rewritten as CFF (the same glyphs,
    /// names, widths and encoding), and their decoded bytes before and after.
    public var fontsConverted = 0
    public var fontBytesBefore = 0
    public var fontBytesAfter = 0

    public init(pages: Int, encrypted: Bool, signed: Bool, repaired: Bool, images: Int, duplicatesShared: Int) {
        self.pages = pages
        self.encrypted = encrypted
        self.signed = signed
        self.repaired = repaired
        self.images = images
        self.duplicatesShared = duplicatesShared
    }
}
