"""Writes PDFs for the tests. Hostile: `bomb` (an image whose flate stream inflates to 300 MB
while its dictionary says 100 x 100 RGB), `loop` (a page tree whose kid is its own parent) and
`pages` (100,000 pages). `sizes`: three pages of different sizes and colours. As an editor writes them: `annotator` (as PDF Annotator does: a
photograph with both a soft mask and a colour-key /Mask, which readers ignore when a soft mask
is given, and the editor's private data in /PieceInfo on the catalog and the page). `type1 OUT.pdf FONT.pfb…`: each
Type 1 font embedded whole (/FontFile) on a page of its own, every glyph drawn once by name in a
grid (a /Differences encoding, 255 glyphs to a font resource) and a line of codes 33-126 through
the font's built-in encoding; two glyphs are added to each font first, one drawn with `div` and an
accented A made by `seac`. `type1-damaged OUT.pdf SEED FONT.pfb`: six damaged copies of the font,
a page each as above (its glyph names from the intact font): charstring bytes changed at three
rates (then encrypted again), the encrypted part cut short, /Length1 off by a few bytes, the
encrypted part replaced by random bytes.
Usage: make-test-pdf.py KIND OUT.pdf [SEED] [FONT.pfb…]"""
import os
import re
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
elif kind in ("type1", "type1-damaged"):
    def segments(pfb):
        """A PFB's clear-text and binary parts (the form PDF embeds: /Length1, /Length2)."""
        clear, binary, at = b"", b"", 0
        while at + 6 <= len(pfb) and pfb[at] == 0x80 and pfb[at + 1] in (1, 2):
            size = int.from_bytes(pfb[at + 2:at + 6], "little")
            part = pfb[at + 6:at + 6 + size]
            if pfb[at + 1] == 2:
                binary += part
            elif not binary:
                clear += part
            at += 6 + size
        return clear, binary

    def crypt(data, key, decrypting):
        """Type 1's cipher (eexec: key 55665; charstrings: 4330)."""
        r, out = key, bytearray()
        for byte in data:
            result = byte ^ (r >> 8)
            out.append(result)
            r = (((byte if decrypting else result) + r) * 52845 + 22719) & 0xFFFF
        return bytes(out)

    CHARSTRING = re.compile(rb"/([^\s/\[\]{}()<>]+) (\d+) (?:RD|-\|) ")

    def glyph_names(binary):
        """The glyph names of a font's /CharStrings, from its eexec-encrypted part."""
        text, names = crypt(binary, 55665, True)[4:], []
        at = text.index(b"/CharStrings")
        while True:
            found = CHARSTRING.search(text, at)
            if not found:
                return names
            names.append(found.group(1))
            at = found.end() + int(found.group(2))

    def damage_charstrings(binary, random, rate):
        """The encrypted part with bytes of its charstrings changed (each byte at `rate`), the
        charstrings and the part encrypted again."""
        text = bytearray(crypt(binary, 55665, True))
        at = text.index(b"/CharStrings")
        while True:
            found = CHARSTRING.search(text, at)
            if not found:
                break
            start, length = found.end(), int(found.group(2))
            plain = bytearray(crypt(bytes(text[start:start + length]), 4330, True))
            for index in range(4, len(plain)):
                if random.random() < rate:
                    plain[index] = random.randrange(256)
            text[start:start + length] = crypt(bytes(plain), 4330, False)
            at = start + length
        return crypt(bytes(text), 55665, False)

    def charstring_number(value):
        if -107 <= value <= 107:
            return bytes([value + 139])
        if 108 <= value <= 1131:
            return bytes([(value - 108 >> 8) + 247, value - 108 & 255])
        if -1131 <= value <= -108:
            return bytes([(-value - 108 >> 8) + 251, -value - 108 & 255])
        return b"\xff" + value.to_bytes(4, "big", signed=True)

    def charstring(*parts):
        """Numbers and operators (ints, and bytes for an operator's code) as a Type 1 charstring."""
        return b"".join(charstring_number(part) if isinstance(part, int) else part for part in parts)

    def with_made_glyphs(binary):
        """The encrypted part with two glyphs added that fonts rarely have: `madeDiv`, drawn with
        `div` (fractional coordinates), and `madeSeac`, an A with an acute put together by `seac`
        (when the font has both). The declared /CharStrings count is raised to match."""
        text = crypt(binary, 55665, True)
        first = CHARSTRING.search(text, text.index(b"/CharStrings"))
        rd = text[first.end() - 3:first.end() - 1].strip()
        def sidebearing(name):
            found = re.search(rb"/" + re.escape(name) + rb" (\d+) (?:RD|-\|) ", text)
            if not found:
                return None
            plain = crypt(text[found.end():found.end() + int(found.group(1))], 4330, True)[4:]
            numbers, at = [], 0
            while plain[at] >= 32 and len(numbers) < 2:  # hsbw's sbx and wx lead every charstring
                v = plain[at]
                if v <= 246:
                    numbers.append(v - 139); at += 1
                elif v <= 250:
                    numbers.append((v - 247) * 256 + plain[at + 1] + 108); at += 2
                elif v <= 254:
                    numbers.append(-(v - 251) * 256 - plain[at + 1] - 108); at += 2
                else:
                    numbers.append(int.from_bytes(plain[at + 1:at + 5], "big", signed=True)); at += 5
            return numbers[0]
        made = {b"madeDiv": charstring(20, 600, b"\x0d", 100, 3, b"\x0c\x0c", 50, b"\x15", 1001, 7, b"\x0c\x0c", 0, b"\x05",
                                        0, 2003, 9, b"\x0c\x0c", b"\x05", -1001, 7, b"\x0c\x0c", 0, b"\x05", b"\x09", b"\x0e")}
        accent = sidebearing(b"acute")
        if accent is not None and sidebearing(b"A") is not None:
            made[b"madeSeac"] = charstring(sidebearing(b"A"), 722, b"\x0d", accent, 190, 180, 65, 194, b"\x0c\x06")
        entries = b"".join(b"/" + name + b" %d " % (len(code) + 4) + rd + b" " + crypt(b"\0\0\0\0" + code, 4330, False) + b" ND\n"
                           for name, code in made.items())
        count = re.compile(rb"/CharStrings (\d+)").search(text)
        text = (text[:count.start(1)] + b"%d" % (int(count.group(1)) + len(made)) + text[count.end(1):first.start()] +
                entries + text[first.start():])
        return crypt(text, 55665, False)

    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(None)
    kids = []
    fonts_to_embed = []  # (name, clear, binary, /Length1 as declared, the glyph names to draw)
    if kind == "type1":
        for path in sys.argv[3:]:
            clear, binary = segments(open(path, "rb").read())
            binary = with_made_glyphs(binary)
            fonts_to_embed.append((os.path.splitext(os.path.basename(path))[0].encode(), clear, binary, len(clear), glyph_names(binary)))
    else:
        import random as randomness
        seed, path = int(sys.argv[3]), sys.argv[4]
        random = randomness.Random(seed)
        clear, binary = segments(open(path, "rb").read())
        name, names = os.path.splitext(os.path.basename(path))[0].encode(), glyph_names(binary)
        fonts_to_embed += [(name + b"-%d" % index, clear, damage_charstrings(binary, random, rate), len(clear), names)
                           for index, rate in enumerate((0.002, 0.01, 0.05))]
        fonts_to_embed.append((name + b"-cut", clear, binary[:int(len(binary) * random.uniform(0.3, 0.9))], len(clear), names))
        fonts_to_embed.append((name + b"-length1", clear, binary, len(clear) + random.choice((-40, -7, 3, 25)), names))
        junk = bytes(random.randrange(256) for _ in range(len(binary)))
        fonts_to_embed.append((name + b"-junk", clear, junk, len(clear), names))
    for name, clear, binary, length1, names in fonts_to_embed:
        program = clear + binary + b"0" * 512 + b"\ncleartomark\n"
        file = add(stream(b"/Length1 %d /Length2 %d /Length3 %d" % (length1, len(binary), len(program) - len(clear) - len(binary)), program))
        descriptor = add(b"<< /Type /FontDescriptor /FontName /" + name + b" /Flags 4 /FontBBox [-200 -300 1200 1000] /ItalicAngle 0"
                         b" /Ascent 900 /Descent -250 /CapHeight 700 /StemV 80 /FontFile %d 0 R >>" % file)
        widths = b"[" + b" 500" * 255 + b" ]"
        fonts, cells = [], []
        for first in range(0, len(names), 255):
            chunk = names[first:first + 255]
            differences = b"[1 " + b" ".join(b"/" + n for n in chunk) + b"]"
            fonts.append(add(b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name + b" /FirstChar 1 /LastChar 255 /Widths " + widths +
                             b" /Encoding << /Type /Encoding /Differences " + differences + b" >> /FontDescriptor %d 0 R >>" % descriptor))
            cells += [(len(fonts), code) for code in range(1, len(chunk) + 1)]
        builtin = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /" + name + b" /FirstChar 0 /LastChar 255 /Widths [" +
                      b" 500" * 256 + b" ] /FontDescriptor %d 0 R >>" % descriptor)
        draw = bytearray(b"BT\n")
        for index, (font, code) in enumerate(cells):
            row, column = divmod(index, 24)
            draw += b"/F%d 14 Tf 1 0 0 1 %d %d Tm <%02x> Tj\n" % (font, 10 + 24 * column, 770 - 17 * row, code)
        draw += b"/B 9 Tf 1 0 0 1 10 12 Tm <" + bytes(range(33, 127)).hex().encode() + b"> Tj\nET"
        content = add(stream(b"", bytes(draw)))
        resources = b" ".join(b"/F%d %d 0 R" % (i + 1, f) for i, f in enumerate(fonts)) + b" /B %d 0 R" % builtin
        kids.append(add(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << " % content +
                        resources + b" >> >> >>"))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
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
