"""The smallest PDF writer: numbered objects, streams and a cross-reference table, nothing
compressed unless the caller compresses it. Shared by scripts/make-sample-pdf,
Benchmarks/make-scanned-pdf and the tests' fixture maker (Tests/DocumentsTests/Fixtures)."""


def stream(dictionary, data):
    """A stream object's bytes: `dictionary` (its entries, without << >>) and `data` as given."""
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


class Document:
    def __init__(self):
        self.objects = []  # bytes of each object, numbered from 1 (None: set later)

    def add(self, body):
        """Adds an object (bytes, or None to fill in with `set`); returns its number."""
        self.objects.append(body)
        return len(self.objects)

    def set(self, number, body):
        self.objects[number - 1] = body

    def bytes(self, root, info=None, binary_marker=True):
        """The whole file: objects 1…n, the table, a trailer naming `root` (and `info`)."""
        body = bytearray(b"%PDF-1.7\n" + (b"%\xe2\xe3\xcf\xd3\n" if binary_marker else b""))
        offsets = []
        for number, content in enumerate(self.objects, start=1):
            offsets.append(len(body))
            body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
        xref = len(body)
        body += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        trailer = f"/Size {len(self.objects) + 1} /Root {root} 0 R" + (f" /Info {info} 0 R" if info else "")
        body += f"trailer\n<< {trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(body)
