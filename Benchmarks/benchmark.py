#!/usr/bin/env python3
"""Side-by-side benchmark of `pipeline run` against well-known tools (see Benchmarks/README.md).

Every case runs interleaved (A B C A B C …) for N rounds; medians are compared as ratios, since
on a shared machine only ratios measured in the same run mean anything. Prints a table and
writes it as JSON. Run through Benchmarks/run.sh, which installs the tools first.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PIPELINE = os.path.join(ROOT, ".build", "release", "pipeline")
PHOTO = os.path.join(ROOT, "Samples", "kleiber_6028x3391.jpg")
WIDTHS = list(range(100, 2001, 100))
BATCH_WIDTHS = [320, 640, 960, 1280, 1920]


def run(command, shell=False):
    """Runs a command under /usr/bin/time -v; returns (seconds, peak RSS in MB)."""
    wrapped = ["/usr/bin/time", "-v"] + (["sh", "-c", command] if shell else command)
    start = time.perf_counter()
    result = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0,):
        raise SystemExit(f"failed ({result.returncode}): {command}\n{result.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    return seconds, rss


def cases(work, photos):
    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    twenty_vt = " && ".join(f"vipsthumbnail {PHOTO} --size {w}x -o {out}/vt{w}.jpg[Q=80,strip]" for w in WIDTHS)
    im_parts = " ".join(f"\\( +clone -resize {w}x -quality 80 -write {out}/im{w}.jpg +delete \\)" for w in WIDTHS)
    floor = f"djpeg {PHOTO} > /dev/null && " + " && ".join(f"cjpeg -quality 80 {work}/ppm/{w}.ppm > {out}/floor{w}.jpg" for w in WIDTHS)
    batch_list = os.path.join(work, "batch-commands")
    with open(batch_list, "w") as handle:
        for photo in photos:
            stem = os.path.splitext(os.path.basename(photo))[0]
            for w in BATCH_WIDTHS:
                handle.write(f"vipsthumbnail {photo} --size {w}x -o {out}/b_{stem}_{w}.jpg[Q=80,strip]\n")
    pillow = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pillow_batch.py")
    return {
        "single": {
            "pipeline": ([PIPELINE, "run", f"{ROOT}/Benchmarks/configs/single.json", PHOTO, "-o", f"{out}/single.zip", "--job-id", "b"], False),
            "vipsthumbnail": (["vipsthumbnail", PHOTO, "--size", "800x", "-o", f"{out}/single.jpg[Q=80,strip]"], False),
            "djpeg decode": (f"djpeg {PHOTO} > /dev/null", True),
        },
        "twenty": {
            "pipeline": ([PIPELINE, "run", f"{ROOT}/Configurations/twenty-widths.json", PHOTO, "-o", f"{out}/twenty.zip", "--job-id", "b"], False),
            "20 x vipsthumbnail": (twenty_vt, True),
            "ImageMagick, one command": (f"/usr/bin/convert {PHOTO} {im_parts} null:", True),
            "floor (djpeg + 20 cjpeg)": (floor, True),
        },
        "batch": {
            "pipeline": ([PIPELINE, "run", f"{ROOT}/Benchmarks/configs/batch.json", f"{work}/photos", "-o", f"{out}/batch.zip", "--job-id", "b", "--concurrency", "2"], False),
            "xargs -P2 vipsthumbnail": (f"xargs -P2 -I CMD sh -c CMD < {batch_list}", True),
            "Pillow, 2 processes": ([sys.executable, pillow, f"{work}/photos", out, "2"] + [str(w) for w in BATCH_WIDTHS], False),
        },
    }


def psnr(reference, candidate):
    import numpy
    a = numpy.asarray(reference, dtype=numpy.float64)
    b = numpy.asarray(candidate, dtype=numpy.float64)
    mse = numpy.mean((a - b) ** 2)
    return float("inf") if mse == 0 else 10 * numpy.log10(255.0 ** 2 / mse)


def quality(work):
    """Mean PSNR of the pipeline's and vipsthumbnail's 20 outputs against an exact Lanczos
    resize of the full-resolution image (Pillow), and whether every size is exact."""
    import zipfile
    from PIL import Image
    full = Image.open(PHOTO).convert("RGB")
    archive = zipfile.ZipFile(f"{work}/out/twenty.zip")
    manifest = json.loads(archive.read("configuration/manifest.json"))
    ours, theirs, exact = [], [], True
    for w in WIDTHS:
        h = round(full.height * w / full.width)
        reference = full.resize((w, h), Image.LANCZOS)
        entry = next(o for o in manifest["outputs"] if o["path"].startswith(f"output/{w}w/"))
        with archive.open(entry["path"]) as handle:
            mine = Image.open(handle).convert("RGB")
            mine.load()
        vt = Image.open(f"{work}/out/vt{w}.jpg").convert("RGB")
        exact = exact and mine.size == (w, h)
        ours.append(psnr(reference, mine))
        theirs.append(psnr(reference, vt.resize((w, h)) if vt.size != (w, h) else vt))
    return statistics.mean(ours), statistics.mean(theirs), exact


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--photos", required=True, help="folder with the batch photos")
    parser.add_argument("--json", default=os.path.join(ROOT, "Benchmarks", "results.json"))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="pipeline-bench-")
    try:
        photos = sorted(os.path.join(args.photos, name) for name in os.listdir(args.photos))[:20]
        os.makedirs(f"{work}/photos")
        for photo in photos:
            shutil.copy(photo, f"{work}/photos/")
        photos = sorted(os.path.join(work, "photos", name) for name in os.listdir(f"{work}/photos"))
        # The floor's cjpeg inputs: the 20 sizes as PPM, made once, not timed.
        os.makedirs(f"{work}/ppm")
        for w in WIDTHS:
            subprocess.run(["vips", "thumbnail", PHOTO, f"{work}/ppm/{w}.ppm", str(w)], check=True)
        table = cases(work, photos)
        timings = {case: {name: [] for name in tools} for case, tools in table.items()}
        memory = {case: {name: 0.0 for name in tools} for case, tools in table.items()}
        for _ in range(args.rounds):
            for case, tools in table.items():
                for name, (command, shell) in tools.items():
                    seconds, rss = run(command, shell)
                    timings[case][name].append(seconds)
                    memory[case][name] = max(memory[case][name], rss)
        medians = {case: {name: statistics.median(values) for name, values in tools.items()} for case, tools in timings.items()}
        ours_psnr, vt_psnr, exact = quality(work)
        ratios = {
            "twenty / floor": medians["twenty"]["pipeline"] / medians["twenty"]["floor (djpeg + 20 cjpeg)"],
            "twenty / 20 x vipsthumbnail": medians["twenty"]["pipeline"] / medians["twenty"]["20 x vipsthumbnail"],
            "twenty / ImageMagick one command": medians["twenty"]["pipeline"] / medians["twenty"]["ImageMagick, one command"],
            "single / vipsthumbnail": medians["single"]["pipeline"] / medians["single"]["vipsthumbnail"],
            "batch / xargs -P2 vipsthumbnail": medians["batch"]["pipeline"] / medians["batch"]["xargs -P2 vipsthumbnail"],
            "batch / Pillow 2 processes": medians["batch"]["pipeline"] / medians["batch"]["Pillow, 2 processes"],
            "twenty peak RSS / one vipsthumbnail": memory["twenty"]["pipeline"] / memory["single"]["vipsthumbnail"],
            "batch peak RSS / xargs -P2 vipsthumbnail": memory["batch"]["pipeline"] / memory["batch"]["xargs -P2 vipsthumbnail"],
        }
        # Issue 26's targets where it set one (round 2), issue 4's elsewhere.
        targets = {
            "twenty / floor": 1.6, "twenty / 20 x vipsthumbnail": 0.15, "twenty / ImageMagick one command": 0.30,
            "single / vipsthumbnail": 0.8, "batch / xargs -P2 vipsthumbnail": 0.25, "batch / Pillow 2 processes": 0.4,
            "twenty peak RSS / one vipsthumbnail": 1.3, "batch peak RSS / xargs -P2 vipsthumbnail": 1.3,
        }
        print(f"{args.rounds} rounds interleaved; medians; {os.cpu_count()} cores")
        for case, tools in medians.items():
            print(f"\n{case}:")
            for name, seconds in tools.items():
                print(f"  {name:32s} {seconds:8.3f} s   peak RSS {memory[case][name]:7.1f} MB")
        print("\nratio                                      value   target")
        for name, value in ratios.items():
            mark = "ok" if value <= targets[name] else "MISSED"
            print(f"  {name:40s} {value:6.3f}   <= {targets[name]:<5} {mark}")
        quality_ok = ours_psnr >= vt_psnr and exact
        print(f"\nquality: mean PSNR pipeline {ours_psnr:.2f} dB, vipsthumbnail {vt_psnr:.2f} dB; every size exact: {exact}  {'ok' if quality_ok else 'MISSED'}")
        # The commit measured (with "+changes" when the work tree differed) and when, so that
        # Benchmarks/compare.py can put two runs side by side.
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
        with open(args.json, "w") as handle:
            json.dump({"rounds": args.rounds, "medians": medians, "peakRSS": memory, "ratios": ratios, "targets": targets,
                       "quality": {"pipelinePSNR": ours_psnr, "vipsthumbnailPSNR": vt_psnr, "exactSizes": exact},
                       "commit": (commit or "unknown") + ("+changes" if dirty else ""),
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                      handle, indent=2, sort_keys=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
