#!/usr/bin/env python3
"""Builds a corpus of hostile and broken image files, with the error code each should give.

Usage: make_corpus.py OUT_DIR [--mutations N] [--seed S]

Writes the files into OUT_DIR and OUT_DIR/../expected.json mapping each file name to the code
ImagePipeline must report ("ok" for a file that must succeed, "any" for a mutation that may
either succeed or fail with any code). Standard library only; deterministic for a given seed.
"""
import gzip
import json
import os
import random
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "ImagingTests", "Fixtures")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_declaring(width, height):
    """A PNG whose header declares width x height but that holds only a few bytes of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return PNG_SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def gif_frames(width, height, frames):
    """A GIF with a width x height screen and `frames` frames of one pixel each."""
    out = bytearray(b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff")
    for _ in range(frames):
        out += b"\x2c" + struct.pack("<HHHH", 0, 0, 1, 1) + b"\x00"
        out += b"\x02\x02\x44\x01\x00"  # LZW min size 2: clear, pixel 0, end
    out += b"\x3b"
    return bytes(out)


def gif_declaring(width, height):
    out = bytearray(b"GIF89a" + struct.pack("<HH", width, height) + b"\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff")
    out += b"\x2c" + struct.pack("<HHHH", 0, 0, width, height) + b"\x00" + b"\x02\x02\x44\x01\x00\x3b"
    return bytes(out)


def jpeg_declaring(jpeg, width, height):
    """The JPEG with its frame header (SOF) patched to declare width x height. Segments are
    walked from the start, so a thumbnail's SOF inside the EXIF block is not the one patched."""
    data = bytearray(jpeg)
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            data[at + 5:at + 9] = struct.pack(">HH", height, width)
            return bytes(data)
        at += 2 + length
    raise SystemExit("no SOF marker in the sample JPEG")


def png_pattern(width, height):
    """A valid RGB PNG of width x height holding a busy pattern (no randomness: the seeded
    mutations below draw the same numbers whatever is added here)."""
    rows = b"".join(b"\x00" + bytes(((x * 7 + y * 13) % 256) for x in range(width * 3)) for y in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def read(name):
    with open(os.path.join(FIXTURES, name), "rb") as handle:
        return handle.read()


def main():
    args = sys.argv[1:]
    if not args:
        raise SystemExit(__doc__)
    out = args[0]
    mutations = int(args[args.index("--mutations") + 1]) if "--mutations" in args else 0
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 1
    os.makedirs(out, exist_ok=True)
    expected = {}

    def write(name, data, code):
        with open(os.path.join(out, name), "wb") as handle:
            handle.write(data)
        expected[name] = code

    samples = {"jpg": read("small.jpg"), "png": read("alpha.png"), "gif": read("small.gif"), "webp": read("small.webp")}

    # PngSuite: the valid files must work; the x*.png files are deliberately corrupt.
    suite = os.path.join(FIXTURES, "pngsuite")
    for name in sorted(os.listdir(suite)):
        if not name.endswith(".png"):
            continue
        with open(os.path.join(suite, name), "rb") as handle:
            data = handle.read()
        if name.startswith("x"):
            code = "CORRUPT_IMAGE" if data.startswith(PNG_SIGNATURE) else "UNSUPPORTED_FORMAT"
        else:
            code = "ok"
        write("pngsuite-" + name, data, code)

    # Truncated copies at several lengths: too short to recognise, or damaged.
    signature_length = {"jpg": 3, "png": 8, "gif": 6, "webp": 12}
    for ext, data in samples.items():
        lengths = sorted({1, 2, 5, 16, 64, 300, 1000, len(data) // 4, len(data) // 2, len(data) * 3 // 4, len(data) - 40})
        for length in lengths:
            code = "UNSUPPORTED_FORMAT" if length < signature_length[ext] else "CORRUPT_IMAGE"
            write(f"truncated-{length}.{ext}", data[:length], code)

    # Bombs: headers that declare far more pixels than the file holds.
    write("bomb-png-65536x65536.png", png_declaring(65536, 65536), "SOURCE_TOO_LARGE")
    write("bomb-png-20000x20000.png", png_declaring(20000, 20000), "SOURCE_TOO_LARGE")
    write("bomb-gif-16448x16448.gif", gif_declaring(16448, 16448), "SOURCE_TOO_LARGE")
    write("bomb-jpeg-60000x60000.jpg", jpeg_declaring(samples["jpg"], 60000, 60000), "SOURCE_TOO_LARGE")
    write("bomb-jpeg-12000x12000.jpg", jpeg_declaring(samples["jpg"], 12000, 12000), "SOURCE_TOO_LARGE")
    write("animation-5000-frames-1000x1000.gif", gif_frames(1000, 1000, 5000), "SOURCE_TOO_LARGE")
    write("animation-300-frames-64x64.gif", gif_frames(64, 64, 300), "ok")

    # Not images, or not what they claim to be.
    write("empty.jpg", b"", "EMPTY_FILE")
    rng = random.Random(seed)
    for size in (1, 7, 100, 4096, 65536):
        write(f"random-{size}.png", bytes(rng.getrandbits(8) for _ in range(size)), "UNSUPPORTED_FORMAT")
    write("png-named-as.jpg", samples["png"], "ok")
    write("page.jpg", b"<!DOCTYPE html><html><body>not an image</body></html>", "UNSUPPORTED_FORMAT")
    write("bitmap.bmp.png", b"BM" + bytes(200), "UNSUPPORTED_FORMAT")
    write("zip.gif", b"PK\x03\x04" + bytes(100), "UNSUPPORTED_FORMAT")
    write("gif-header-then-garbage.gif", b"GIF89a" + bytes(rng.getrandbits(8) for _ in range(500)), "CORRUPT_IMAGE")
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">'
           b'<image xlink:href="/etc/passwd" width="100" height="100"/></svg>')
    write("external-reference.svg.png", svg, "UNSUPPORTED_FORMAT")
    write("truncated-185.svgz.png", gzip.compress(svg * 20, mtime=0)[:185], "UNSUPPORTED_FORMAT")

    # Extreme aspect ratios: tiny files whose cover crops once built gigapixel intermediates.
    for width, height in ((1, 2000), (2000, 1), (12, 2058), (256, 4), (3, 5000)):
        write(f"strip-{width}x{height}.png", png_pattern(width, height), "ok")
    write("strip-2000x1-screen.gif", gif_frames(2000, 1, 1), "ok")

    # TIFF variants libvips cannot read: unsupported, not corrupt.
    write("ycbcr-subsampled.tif", read("ycbcr-subsampled.tif"), "UNSUPPORTED_FORMAT")
    write("old-style-jpeg.tif", read("old-jpeg.tif"), "UNSUPPORTED_FORMAT")

    # Seeded mutations: byte flips and truncations; each must give an image or a coded error.
    for index in range(mutations):
        ext = rng.choice(sorted(samples))
        data = bytearray(samples[ext])
        if rng.random() < 0.3:
            data = data[: rng.randrange(1, len(data))]
        for _ in range(rng.randint(1, 12)):
            at = rng.randrange(len(data)) if rng.random() < 0.5 else rng.randrange(min(len(data), 512))
            data[at] = rng.getrandbits(8)
        write(f"mutation-{index:04d}.{ext}", bytes(data), "any")

    with open(os.path.join(out, "..", "expected.json"), "w") as handle:
        json.dump(expected, handle, indent=1, sort_keys=True)
    print(f"{len(expected)} files in {out}")


if __name__ == "__main__":
    main()
