"""Writes PDFs for the tests. Hostile: `bomb` (an image whose flate stream inflates to 300 MB
while its dictionary says 100 x 100 RGB), `loop` (a page tree whose kid is its own parent) and
`pages` (100,000 pages). `sizes`: three pages of different sizes and colours. As an editor writes them: `annotator` (as PDF Annotator does: a
photograph with both a soft mask and a colour-key /Mask, which readers ignore when a soft mask
is given, and the editor's private data in /PieceInfo on the catalog and the page).
Usage: make-test-pdf.py KIND OUT.pdf"""
import os
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "scripts"))
from pdfwriter import Document, stream  # noqa: E402

kind, out = sys.argv[1], sys.argv[2]
document = Document()
add = document.add
objects = document.objects

if kind == "bomb":
    packer = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(300)) + packer.flush()
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /Im 5 0 R >> >> >>")
    add(stream(b"", b"q 200 0 0 200 0 0 cm /Im Do Q"))
    add(stream(b"/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", data))
elif kind == "annotator":
    width, height = 480, 360
    seed = 12345
    pixels = bytearray()
    for y in range(height):
        for x in range(width):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            noise = (seed >> 16) % 6
            pixels += bytes(((x * 255 // width + noise) % 256, (y * 255 // height + noise) % 256, ((x + y) * 255 // (width + height) + noise) % 256))
    alpha = bytes(255 if 10 <= x < width - 10 else 0 for y in range(height) for x in range(width))
    private = b"<< /PDFAnnotator << /Private (" + b"A" * 200_000 + b") >> >>"
    add(b"<< /Type /Catalog /Pages 2 0 R /PieceInfo 6 0 R >>")
    add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 240] /Contents 4 0 R /PieceInfo 6 0 R /Resources << /XObject << /Im 5 0 R >> >> >>")
    add(stream(b"", b"q 240 0 0 180 30 30 cm /Im Do Q"))
    add(stream(b"/Type /XObject /Subtype /Image /Width 480 /Height 360 /ColorSpace /DeviceRGB /BitsPerComponent 8"
               b" /Mask [255 255 255 255 255 255] /SMask 7 0 R /Filter /FlateDecode", zlib.compress(bytes(pixels), 9)))
    add(private)
    add(stream(b"/Type /XObject /Subtype /Image /Width 480 /Height 360 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode",
               zlib.compress(alpha, 9)))
elif kind == "sizes":
    # Three pages of different sizes (100 x 50, 200 x 100, 300 x 300 pt), each filled with a colour.
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(None)
    kids = []
    for width, height, colour in ((100, 50, b"1 0 0"), (200, 100, b"0 1 0"), (300, 300, b"0 0 1")):
        content = add(stream(b"", colour + b" rg 0 0 " + f"{width} {height}".encode() + b" re f"))
        kids.append(add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents {content} 0 R >>".encode()))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count 3 >>".encode()
elif kind == "loop":
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>")
    add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
elif kind == "pages":
    count = 100_000
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(None)
    content = add(stream(b"", b"0 0 1 rg 10 10 80 30 re f"))
    kids = [add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 50] /Contents {content} 0 R >>".encode()) for _ in range(count)]
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {count} >>".encode()
open(out, "wb").write(document.bytes(root=1, binary_marker=False))
