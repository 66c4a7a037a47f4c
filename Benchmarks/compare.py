#!/usr/bin/env python3
"""Two runs of Benchmarks/run.sh side by side (issue 26's regression guard): every ratio, median
and peak RSS of OLD and NEW, the change in per cent, and whether NEW still meets each target.

    python3 Benchmarks/compare.py OLD.json NEW.json      (e.g. git show HEAD~3:Benchmarks/results.json > old.json)

Exits 1 when a ratio got worse by more than the noise allowance (--noise, default 5 %) or a
target met in OLD is missed in NEW; the machine is shared, so read a small change as noise.
"""
import argparse
import json
import sys


def rows(run):
    """(section, name, value, lower is better) for every figure of a run."""
    for name, value in run.get("ratios", {}).items():
        yield "ratio", name, value
    for case, tools in run.get("medians", {}).items():
        for tool, value in tools.items():
            yield f"{case} seconds", tool, value
    for case, tools in run.get("peakRSS", {}).items():
        for tool, value in tools.items():
            yield f"{case} MB", tool, value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--noise", type=float, default=5.0, help="per cent a ratio may grow before it counts as worse")
    args = parser.parse_args()
    old, new = (json.load(open(path)) for path in (args.old, args.new))
    print(f"old: {old.get('commit', '?')} {old.get('date', '?')} ({old.get('rounds', '?')} rounds)")
    print(f"new: {new.get('commit', '?')} {new.get('date', '?')} ({new.get('rounds', '?')} rounds)")
    before = {(section, name): value for section, name, value in rows(old)}
    targets = new.get("targets", {})
    worse = []
    section_shown = None
    for section, name, value in rows(new):
        if section != section_shown:
            print(f"\n{section}")
            section_shown = section
        previous = before.get((section, name))
        change = "" if previous in (None, 0) else f"{(value / previous - 1) * 100:+6.1f}%"
        target = ""
        if section == "ratio" and name in targets:
            met_now, met_before = value <= targets[name], previous is not None and previous <= targets[name]
            target = f"  target {targets[name]}: {'ok' if met_now else 'MISSED'}"
            if met_before and not met_now:
                worse.append(f"{name}: target {targets[name]} met before ({previous:.3f}), missed now ({value:.3f})")
        if section == "ratio" and previous and value / previous - 1 > args.noise / 100:
            worse.append(f"{name}: {previous:.3f} -> {value:.3f} ({(value / previous - 1) * 100:+.1f}%)")
        shown_previous = "—" if previous is None else f"{previous:10.3f}"
        print(f"  {name:44s} {shown_previous:>10} -> {value:10.3f} {change}{target}")
    old_q, new_q = old.get("quality", {}), new.get("quality", {})
    if new_q:
        print(f"\nquality: PSNR {old_q.get('pipelinePSNR', float('nan')):.2f} -> {new_q.get('pipelinePSNR', float('nan')):.2f} dB "
              f"(vipsthumbnail {new_q.get('vipsthumbnailPSNR', float('nan')):.2f}); exact sizes {new_q.get('exactSizes')}")
        if new_q.get("pipelinePSNR", 0) < new_q.get("vipsthumbnailPSNR", 0) or new_q.get("exactSizes") is False:
            worse.append("quality: PSNR under vipsthumbnail's or a size not exact")
    print("\n" + ("worse: " + "; ".join(worse) if worse else "nothing got worse beyond the noise allowance"))
    sys.exit(1 if worse else 0)


if __name__ == "__main__":
    main()
