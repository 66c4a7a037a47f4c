"""Writes hostile PDFs for the tests: `bomb` (an image whose flate stream inflates to 300 MB
while its dictionary says 100 x 100 RGB), `loop` (a page tree whose kid is its own parent) and
`pages` (100,000 pages). Usage: make-hostile-pdf.py KIND OUT.pdf"""
import sys
import zlib

kind, out = sys.argv[1], sys.argv[2]
objects = []


def add(body):
    objects.append(body)
    return len(objects)


def stream(dictionary, data):
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


if kind == "bomb":
    packer = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    data = b"".join(packer.compress(chunk) for _ in range(300)) + packer.flush()
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /Im 5 0 R >> >> >>")
    add(stream(b"", b"q 200 0 0 200 0 0 cm /Im Do Q"))
    add(stream(b"/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode", data))
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
body = bytearray(b"%PDF-1.7\n")
offsets = []
for number, content in enumerate(objects, start=1):
    offsets.append(len(body))
    body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
xref = len(body)
body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
open(out, "wb").write(body)
