import PipelineCore
import Testing

@Suite struct FormatSnifferTests {
    @Test(arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0], FormatSniffer.Result.image(.jpeg)),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0], .image(.png)),
        (Array("GIF89a....".utf8), .image(.gif)),
        (Array("GIF87a".utf8), .image(.gif)),
        (Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8), .image(.webp)),
        ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .image(.tiff)),
        ([0x4D, 0x4D, 0x00, 0x2A], .image(.tiff)),
        ([0, 0, 0, 0x1C] + Array("ftypavif".utf8), .image(.heif)),
        ([0, 0, 0, 0x18] + Array("ftypheic".utf8), .image(.heif)),
        (Array("%PDF-1.7".utf8), .image(.pdf)),
        // Leading junk before the signature, as PDF readers and qpdf take it (within 1024 bytes).
        ([0x14] + Array("%PDF-1.3".utf8), .image(.pdf)),
        (Array("leading junk\n".utf8) + [UInt8](repeating: 0x20, count: 1000) + Array("%PDF-1.4".utf8), .image(.pdf)),
        (Array("\u{FEFF}  <?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), .image(.svg)),
        ([], .empty),
    ] as [([UInt8], FormatSniffer.Result)])
    func imagesAreRecognisedFromTheirBytes(bytes: [UInt8], expected: FormatSniffer.Result) {
        #expect(FormatSniffer.sniff(bytes) == expected)
    }

    @Test(arguments: [
        ([0, 0, 0, 0x18] + Array("ftypisom".utf8), "an ISO media file of brand \"isom\" (video or another container)"),
        ([0xFF, 0x0A, 1, 2], "JPEG XL"),
        (Array("BM\u{0}\u{0}".utf8), "BMP"),
        ([0x1F, 0x8B, 8, 0], "gzip-compressed data (e.g. SVGZ)"),
        (Array("<!DOCTYPE html><html>".utf8), "HTML"),
        (Array("<?xml version=\"1.0\"?><rss/>".utf8), "XML that is not SVG"),
        ([0x12, 0x34, 0x00, 0xAB], "unrecognised data (first bytes 12 34 00 ab)"),
        // Past the first 1024 bytes "%PDF-" is only text.
        ([0x12] + [UInt8](repeating: 0x00, count: 1020) + Array("%PDF-1.4".utf8), "unrecognised data (first bytes 12 00 00 00 00 00 00 00)"),
    ] as [([UInt8], String)])
    func otherDataIsNamed(bytes: [UInt8], description: String) {
        #expect(FormatSniffer.sniff(bytes) == .other(description))
    }

    @Test func svgExternalReferencesAreFound() {
        #expect(FormatSniffer.externalReference(inSVG: #"<svg><image xlink:href="/etc/passwd"/></svg>"#) == "/etc/passwd")
        #expect(FormatSniffer.externalReference(inSVG: #"<svg><image href='http://example.com/x.png'/></svg>"#) == "http://example.com/x.png")
        #expect(FormatSniffer.externalReference(inSVG: #"<svg><rect style="fill: url(other.svg#g)"/></svg>"#) == "other.svg#g")
        #expect(FormatSniffer.externalReference(inSVG: #"<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>"#) == "an XML entity declaration")
        #expect(FormatSniffer.externalReference(inSVG: ##"<svg><use href="#a"/><image href="data:image/png;base64,AAAA"/><rect fill="url(#g)"/></svg>"##) == nil)
    }
}
