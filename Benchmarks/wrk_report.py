"""One row of a wrk run: label, requests/s, p50 and p99 (ms), non-2xx answers, socket errors;
the figures also go to FILE.tsv for the script's ratios.

    python3 Benchmarks/wrk_report.py LABEL FILE      (FILE: wrk --latency's output)
"""
import re
import sys

label, path = sys.argv[1], sys.argv[2]
text = open(path).read()


def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
p = {k: ms(v, u) for k, v, u in re.findall(r"\s(50|99)%\s+([\d.]+)(us|ms|s)", text)}
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(f"{label}\t{rps:.1f}\t{p.get('50', float('nan')):.2f}\t{p.get('99', float('nan')):.2f}\t{non2xx.group(1) if non2xx else 0}\t{errors.group(1) if errors else ''}")
with open(path + ".tsv", "w") as out:
    out.write(f"{rps}\t{p.get('50')}\t{p.get('99')}\n")
