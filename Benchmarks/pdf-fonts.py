#!/usr/bin/env python3
"""Issue 25: the lossy pass's Type 1 -> CFF fonts, glyph by glyph. For every font program that
BEFORE.pdf embeds as Type 1 (/FontFile) and AFTER.pdf (its lossy output) as CFF (/FontFile3,
matched by /FontName), each glyph is compared three ways:

- its outline, as fontTools draws the Type 1 charstring and the Type 2 one (points to 1/1000);
- its FreeType bitmap without hinting (as poppler, cairo and Ghostscript draw pages) at 9, 12
  and 17 px;
- its FreeType bitmap with FreeType's (Adobe) hinting at the same sizes.

Prints a line per font and the totals. Needs PyPI's pikepdf, fonttools and freetype-py
(benchmark only: `pip install pikepdf fonttools freetype-py`).

    Benchmarks/pdf-fonts.py BEFORE.pdf AFTER.pdf [BEFORE.pdf AFTER.pdf …]
"""
import io
import os
import struct
import sys
import tempfile

import freetype
import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.pens.basePen import BasePen
from fontTools.t1Lib import T1Font


class Points(BasePen):
    """A glyph's outline as absolute points, rounded to 1/1000 unit."""

    def __init__(self, glyphs):
        super().__init__(glyphs)  # for seac's parts
        self.out = []

    def _moveTo(self, p):
        self.out.append(("M", self._r(p)))

    def _lineTo(self, p):
        self.out.append(("L", self._r(p)))

    def _curveToOne(self, a, b, c):
        self.out.append(("C", self._r(a), self._r(b), self._r(c)))

    @staticmethod
    def _r(p):
        return (round(p[0], 3), round(p[1], 3))


def programs(path, key):
    """FontName -> (descriptor's font stream, its dictionary) for descriptors holding `key`."""
    found = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor" and key in obj:
                stream = obj[key]
                found[str(obj.FontName)] = (stream.read_bytes(), {k: stream.get(k) for k in ("/Length1", "/Length2")})
    return found


def bitmaps(face, size, flags):
    face.set_char_size(size * 64)
    out = {}
    for gid in range(face.num_glyphs):
        face.load_glyph(gid, flags)
        bitmap = face.glyph.bitmap
        out[face.get_glyph_name(gid).decode()] = (bitmap.width, bitmap.rows, face.glyph.bitmap_left, face.glyph.bitmap_top,
                                                  bytes(bitmap.buffer), face.glyph.advance.x)
    return out


def compare(name, type1, cff, folder):
    data, lengths = type1
    l1, l2 = int(lengths["/Length1"]), int(lengths["/Length2"])
    pfb = os.path.join(folder, "font.pfb")
    with open(pfb, "wb") as out:
        for kind, part in ((1, data[:l1]), (2, data[l1:l1 + l2]), (1, data[l1 + l2:])):
            out.write(bytes([0x80, kind]) + struct.pack("<I", len(part)) + part)
        out.write(b"\x80\x03")
    cffPath = os.path.join(folder, "font.cff")
    with open(cffPath, "wb") as out:
        out.write(cff[0])
    t1 = T1Font(pfb)
    t1.parse()
    charstrings = t1["CharStrings"]
    fontset = CFFFontSet()
    fontset.decompile(io.BytesIO(cff[0]), None)
    converted = fontset[fontset.fontNames[0]].CharStrings
    outline = 0
    for glyph in charstrings.keys():
        a, b = Points(charstrings), Points(converted)
        charstrings[glyph].draw(a)
        if glyph in converted:
            converted[glyph].draw(b)
        outline += a.out != b.out or glyph not in converted
    counts = {}
    for label, flags in (("unhinted", freetype.FT_LOAD_RENDER | freetype.FT_LOAD_NO_HINTING), ("hinted", freetype.FT_LOAD_RENDER)):
        for size in (9, 12, 17):
            before, after = bitmaps(freetype.Face(pfb), size, flags), bitmaps(freetype.Face(cffPath), size, flags)
            counts[f"{label} {size}"] = sum(1 for glyph, bits in before.items() if after.get(glyph) != bits)
    glyphs = len(charstrings.keys())
    print(f"{name}\tglyphs {glyphs}\toutlines differ {outline}\t" + "\t".join(f"{k} px differ {v}" for k, v in counts.items()))
    return glyphs, outline, counts


def main(paths):
    if len(paths) < 2 or len(paths) % 2:
        sys.exit(__doc__)
    totals = {"fonts": 0, "glyphs": 0, "outlines": 0}
    with tempfile.TemporaryDirectory() as folder:
        for before, after in zip(paths[::2], paths[1::2]):
            type1, cff, kept = programs(before, "/FontFile"), programs(after, "/FontFile3"), programs(after, "/FontFile")
            for name in sorted(type1):
                if name not in cff:
                    print(f"{name}\t" + ("kept as Type 1" if name in kept else "not in the output (no page uses it: dropped as unreferenced)"))
                    continue
                glyphs, outline, counts = compare(name, type1[name], cff[name], folder)
                totals["fonts"] += 1
                totals["glyphs"] += glyphs
                totals["outlines"] += outline
                for key, value in counts.items():
                    totals[key] = totals.get(key, 0) + value
    print("total: " + ", ".join(f"{k} {v}" for k, v in totals.items()))


main(sys.argv[1:])
