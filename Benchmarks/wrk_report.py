"""One row of a wrk run: label, requests/s, p50 and p99 (ms), non-2xx answers, socket errors;
the figures also go to FILE.tsv for the script's ratios. Several FILEs are wrk runs made at the
same time against separate processes of one service: their rates and counts are summed, and the
percentiles are the worst of them.

    python3 Benchmarks/wrk_report.py LABEL FILE [FILE…]      (FILE: wrk --latency's output)
"""
import re
import sys

label, paths = sys.argv[1], sys.argv[2:]


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def figures(text):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p = {k: ms(v, u) for k, v, u in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", text)}
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return rps, p.get("50", float("nan")), p.get("99", float("nan")), int(non2xx.group(1)) if non2xx else 0, errors.group(1) if errors else ""


runs = [figures(open(path).read()) for path in paths]
rps = sum(run[0] for run in runs)
p50, p99 = max(run[1] for run in runs), max(run[2] for run in runs)
non2xx = sum(run[3] for run in runs)
errors = "; ".join(run[4] for run in runs if run[4])
print(f"{label}\t{rps:.1f}\t{p50:.2f}\t{p99:.2f}\t{non2xx}\t{errors}")
with open(paths[0] + ".tsv", "w") as out:
    out.write(f"{rps}\t{p50}\t{p99}\n")
