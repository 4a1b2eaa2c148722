#!/usr/bin/env python3
# Recomputes full-random-read.expected from full-random-read.json with the report's method, written
# apart from the code under test (Python, scipy's t quantile): per fork the log of its mean time;
# per pair of rows the per-fork log ratios, their mean, their variance (never below the two rows'
# within-fork variances over their iterations per fork), a t interval with forks - 1 df at 95%;
# the decisive pair's interval that of best mapped against best other: low ends at 2.5%/|mapped|,
# high ends at 2.5%/|others|, combined as max over mapped of min over others.
# Usage: python3 full-random-read.expected.py > full-random-read.expected
import json
import math
import os
import sys
from scipy.stats import t

HERE = os.path.dirname(os.path.abspath(__file__))
MAPPED = ["mappedBuffer", "memorySegment"]
OTHERS = ["randomAccessFile", "fileChannel", "bufferedStream"]


def spread(forks):
    logs = [math.log(sum(f) / len(f)) for f in forks]
    within, df, n = 0.0, 0, 0
    for f in forks:
        m = sum(math.log(x) for x in f) / len(f)
        within += sum((math.log(x) - m) ** 2 for x in f)
        df += len(f) - 1
        n += len(f)
    floor = within / df / (n / len(forks)) if df > 0 else 0.0
    return logs, floor


def paired(num, den, low_tail, high_tail):
    (a, fa), (b, fb) = num, den
    d = [x - y for x, y in zip(a, b)]
    k = len(d)
    mean = sum(d) / k
    var = sum((x - mean) ** 2 for x in d) / (k - 1)
    var = max(var, fa + fb, 1e-12)
    se = math.sqrt(var / k)
    return mean, mean - t.ppf(1 - low_tail, k - 1) * se, mean + t.ppf(1 - high_tail, k - 1) * se


def klass(low, high):
    def of(r):
        return "TEN_X" if r >= 7.5 else "FASTER" if r >= 1.25 else "SAME" if r >= 0.8 else "REVERSED"
    if of(low) == of(high):
        return of(low)
    return "BORDERLINE" if high / low <= 1.2 else "UNDECIDED"


rows = json.load(open(os.path.join(HERE, "full-random-read.json")))
groups = {}
for r in rows:
    key = (int(r["params"]["blockSize"]), r["params"]["cache"])
    groups.setdefault(key, {})[r["benchmark"].rsplit(".", 1)[1]] = spread(r["primaryMetric"]["rawData"])
order = {"HOT": 0, "WARM": 1, "COLD": 2}
print("# blockSize|cache|mapped|other|speed-up|low|high|class for full-random-read.json (the RandomRead rows of"
      " results/20261126-134827-full),")
print("# computed by full-random-read.expected.py beside it (Python, scipy's t quantile), not by the code under test.")
for key in sorted(groups, key=lambda k: (k[0], order[k[1]])):
    g = groups[key]
    mapped = [m for m in MAPPED if m in g]
    others = [o for o in OTHERS if o in g]
    lt, ht = 0.025 / len(mapped), 0.025 / len(others)
    best, low, high, pick = None, None, None, None
    for m in mapped:
        ests = {o: paired(g[o], g[m], lt, ht) for o in others}
        o_min = min(others, key=lambda o: ests[o][0])
        lo = min(e[1] for e in ests.values())
        hi = min(e[2] for e in ests.values())
        if best is None or ests[o_min][0] > best:
            best, pick = ests[o_min][0], (m, o_min)
        low = lo if low is None else max(low, lo)
        high = hi if high is None else max(high, hi)
    for m in mapped:
        for o in others:
            if (m, o) == pick:
                r, lo, hi = math.exp(best), math.exp(low), math.exp(high)
            else:
                e = paired(g[o], g[m], 0.025, 0.025)
                r, lo, hi = math.exp(e[0]), math.exp(e[1]), math.exp(e[2])
            print(f"{key[0]}|{key[1]}|{m}|{o}|{r!r}|{lo!r}|{hi!r}|{klass(lo, hi)}")
