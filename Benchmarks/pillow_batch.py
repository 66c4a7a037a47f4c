#!/usr/bin/env python3
"""The Pillow side of the batch case: PHOTOS_DIR OUT_DIR PROCESSES WIDTH…; each photo is
decoded once (JPEG draft mode to about the largest width, as Pillow users do), then resized
with Lanczos to every width and saved at JPEG quality 80."""
import multiprocessing
import os
import sys

from PIL import Image


def work(arguments):
    photo, out, widths = arguments
    stem = os.path.splitext(os.path.basename(photo))[0]
    with Image.open(photo) as image:
        largest = max(widths)
        image.draft("RGB", (largest, largest * image.height // image.width))
        image = image.convert("RGB")
        for width in widths:
            height = round(image.height * width / image.width)
            image.resize((width, height), Image.LANCZOS).save(f"{out}/p_{stem}_{width}.jpg", quality=80)


def main():
    folder, out, processes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    widths = [int(w) for w in sys.argv[4:]]
    photos = sorted(os.path.join(folder, name) for name in os.listdir(folder))
    with multiprocessing.Pool(processes) as pool:
        pool.map(work, [(photo, out, widths) for photo in photos])


if __name__ == "__main__":
    main()
