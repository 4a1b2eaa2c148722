import json, math
def row(cls, method, params, samples, pct, maxv, timer=16.0):
    # pct: label -> per-fork values
    sec = {}
    def metric(vals, unit):
        return {"score": max(vals), "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                "scorePercentiles": {}, "scoreUnit": unit, "rawData": [[v] for v in vals]}
    for label, vals in pct.items():
        sec["\u00b7" + label] = metric(vals, "ns")
    sec["\u00b7max"] = metric(maxv, "ns")
    sec["\u00b7samples"] = metric([float(samples)] * 3, "#")
    sec["\u00b7timer"] = metric([timer] * 3, "ns")
    call = 1e6
    return {"jmhVersion": "1.37", "benchmark": "mmapbench.tail.%s.%s" % (cls, method), "mode": "ss",
            "threads": 1, "forks": 3, "warmupIterations": 1, "warmupTime": "single-shot",
            "measurementIterations": 6, "measurementTime": "single-shot", "params": params,
            "primaryMetric": {"score": call, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                              "scorePercentiles": {}, "scoreUnit": "ns/op",
                              "rawData": [[call] * 6 for _ in range(3)]},
            "secondaryMetrics": sec}
common = {"advice": "NORMAL", "blockSize": "4096", "fileSize": "4294967296", "folios": "LARGE",
          "memoryLimit": "none", "readAhead": "device"}
w = dict(common, cache="COLD", ops="128")
s = dict(common, cache="WARM", ops="256", reads="16")
def scale(vals, f): return [v * f for v in vals]
rows = []
# Cold 4 KiB writes, 768 a fork: p99 reached, p99.9 not. Mapped p99 30x, 24x, 27x the pwrite's.
chan_w = {"p50": [20e3] * 3, "p90": [40e3] * 3, "p99": [100e3] * 3, "p99.9": [150e3] * 3, "p99.99": [160e3] * 3}
seg_w = {"p50": [1.5e6] * 3, "p90": [2.0e6] * 3, "p99": [3.0e6, 2.4e6, 2.7e6], "p99.9": [3.5e6] * 3, "p99.99": [3.6e6] * 3}
ctl_w = {"p50": [20e3] * 3, "p90": [40e3] * 3, "p99": [98e3, 103e3, 101e3], "p99.9": [150e3] * 3, "p99.99": [160e3] * 3}
rows.append(row("WriteTailBenchmark", "memorySegment", w, 768, seg_w, [4e6] * 3))
rows.append(row("WriteTailBenchmark", "fileChannel", w, 768, chan_w, [200e3] * 3))
rows.append(row("WriteTailBenchmark", "fileChannelControl", w, 768, ctl_w, [200e3] * 3))
# Warm short-lived opens of 16 reads, 24576 reads a fork: p99.9 reached, p99.99 not. Mapped p99.9 5x, 5.5x, 5.25x.
chan_s = {"p50": [1e3] * 3, "p90": [2e3] * 3, "p99": [4e3] * 3, "p99.9": [8e3] * 3, "p99.99": [9e3] * 3}
seg_s = {"p50": [2e3] * 3, "p90": [10e3] * 3, "p99": [30e3] * 3, "p99.9": [40e3, 44e3, 42e3], "p99.99": [50e3] * 3}
rows.append(row("OpenReadCloseTailBenchmark", "memorySegment", s, 24576, seg_s, [60e3] * 3))
rows.append(row("OpenReadCloseTailBenchmark", "fileChannel", s, 24576, chan_s, [20e3] * 3))
rows.append(row("OpenReadCloseTailBenchmark", "fileChannelControl", s, 24576, chan_s, [20e3] * 3))
json.dump(rows, open("src/test/resources/golden/tail/write-and-short-lived.json", "w"), indent=1, ensure_ascii=True)
