#!/usr/bin/env python3
"""Compare `dsegym scalesim` with the real SCALE-Sim 3.0.0 on single-layer designs in USER
bandwidth mode (fixed DRAM bandwidth, stalls possible).

Writes each design's SCALE-Sim inputs to OUT/<case>/, runs both simulators there and prints one row
per case (total / stall cycles and DRAM reads of both) and the mismatch distribution.

    scripts/compare_scalesim_user_mode.py --python PATH/TO/scalesim-venv/bin/python \
        --dsegym .build/release/dsegym --out /tmp/cmp [--count 40] [--seed 1] [--jobs 2]

SCALE-Sim runs about 3,000 simulated cycles per second, so designs are drawn only among layers
whose compute cycles stay under --max-cycles.
"""
import argparse
import csv
import math
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

LAYERS = [
    # name, ifmap h, w, filter h, w, channels, filters, stride (tiny_cnn and small ResNet-ish layers)
    ("Conv1", 14, 14, 3, 3, 3, 16, 1),
    ("Conv2", 13, 13, 3, 3, 16, 32, 2),
    ("PW3", 6, 6, 1, 1, 32, 32, 1),
    ("FC4", 1, 1, 1, 1, 32, 10, 1),
    ("Res3x3", 10, 10, 3, 3, 32, 32, 1),
    ("ResDown", 14, 14, 1, 1, 64, 64, 2),
    ("ResConv", 9, 9, 3, 3, 16, 48, 2),
]

# SCALE-Sim's inputs are written as the external adapter writes them (one template, envs/external).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "envs", "external"))
import scalesim_server as adapter  # noqa: E402


def compute_cycles(layer, rows, cols, df):
    _, h, w, fh, fw, c, n, s = layer
    p = math.ceil((h - fh + s) / s) * math.ceil((w - fw + s) / s)
    k = fh * fw * c
    sr, sc, t = {"os": (p, n, k), "ws": (k, n, p), "is": (k, p, n)}[df]
    folds = math.ceil(sr / rows) * math.ceil(sc / cols)
    per_fold = t + rows + cols - 2 if df == "os" else 2 * rows + cols + t - 2
    return folds * per_fold - 1


def designs(count, seed, max_cycles):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        layer = rng.choice(LAYERS)
        rows, cols = rng.choice([4, 8, 16, 32, 64]), rng.choice([4, 8, 16, 32, 64])
        df = rng.choice(["os", "ws", "is"])
        kb = [rng.choice([1, 2, 4, 8, 16, 64, 256]) for _ in range(3)]
        bw = rng.choice([1, 2, 4, 8, 16, 32, 64])
        if compute_cycles(layer, rows, cols, df) > max_cycles:
            continue
        out.append(dict(name=f"d{len(out):02d}", layer=layer, rows=rows, cols=cols, df=df,
                        kb_i=kb[0], kb_f=kb[1], kb_o=kb[2], bw=bw))
    return out


def write_inputs(d, folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "arch.cfg"), "w") as f:
        f.write(adapter.CONFIG.format(rows=d["rows"], cols=d["cols"], dataflow=d["df"], ifmap_sram_kb=d["kb_i"],
                                      filter_sram_kb=d["kb_f"], ofmap_sram_kb=d["kb_o"], dram_bw=d["bw"]))
    name, h, w, fh, fw, c, n, s = d["layer"]
    with open(os.path.join(folder, "topology.csv"), "w") as f:
        f.write("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n")
        f.write(f"{name}, {h}, {w}, {fh}, {fw}, {c}, {n}, {s},\n")
    with open(os.path.join(folder, "layout.csv"), "w") as f:
        f.write(adapter.LAYOUT_HEADER + "\n")
        f.write(f"{name},1,1,1,1,1,1,0,1,2,3,4,5,0,1,2,3,4,5,6,7,\n")


def report(folder, name):
    rows = {}
    for kind in ("COMPUTE_REPORT", "BANDWIDTH_REPORT", "DETAILED_ACCESS_REPORT"):
        path = os.path.join(folder, name, kind + ".csv")
        with open(path) as f:
            r = list(csv.reader(f))
        header = [x.strip() for x in r[0]]
        rows[kind] = dict(zip(header, [x.strip() for x in r[1]]))
    c, a = rows["COMPUTE_REPORT"], rows["DETAILED_ACCESS_REPORT"]
    return dict(total=int(float(c["Total Cycles"])), stall=int(float(c["Stall Cycles"])),
                ifmap_dram=int(float(a["DRAM IFMAP Reads"])), filter_dram=int(float(a["DRAM Filter Reads"])),
                ofmap_dram=int(float(a["DRAM OFMAP Writes"])))


RUN_NAME = "dsegym"  # the adapter's config names every run so


def run_case(d, args):
    folder = os.path.join(args.out, d["name"])
    write_inputs(d, folder)
    if not os.path.exists(os.path.join(folder, "scalesim", RUN_NAME, "COMPUTE_REPORT.csv")):
        subprocess.run([args.python, "-m", "scalesim.scale", "-c", "arch.cfg", "-t", "topology.csv", "-l", "layout.csv",
                        "-p", "scalesim"], cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([os.path.abspath(args.dsegym), "scalesim", "-c", "arch.cfg", "-t", "topology.csv", "-l", "layout.csv",
                    "-p", "ours"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return report(os.path.join(folder, "scalesim"), RUN_NAME), report(os.path.join(folder, "ours"), RUN_NAME)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--python", required=True)
    p.add_argument("--dsegym", default=".build/release/dsegym")
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--max-cycles", type=int, default=30000)
    args = p.parse_args()
    if os.sep in args.python:  # SCALE-Sim runs in each case's folder
        args.python = os.path.abspath(args.python)
    ds = designs(args.count, args.seed, args.max_cycles)
    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda d: run_case(d, args), ds))
    exact = 0
    deviations = []
    print("case layer rows cols df kB(i/f/o) bw | total ours/ss | stall ours/ss | ifmapDRAM ours/ss | filterDRAM ours/ss | dev%")
    for d, (ss, ours) in zip(ds, results):
        dev = 100.0 * (ours["total"] - ss["total"]) / ss["total"]
        deviations.append(dev)
        same = ours["total"] == ss["total"] and ours["stall"] == ss["stall"]
        exact += same
        print(f"{d['name']} {d['layer'][0]} {d['rows']} {d['cols']} {d['df']} {d['kb_i']}/{d['kb_f']}/{d['kb_o']} {d['bw']} | "
              f"{ours['total']}/{ss['total']} | {ours['stall']}/{ss['stall']} | {ours['ifmap_dram']}/{ss['ifmap_dram']} | "
              f"{ours['filter_dram']}/{ss['filter_dram']} | {dev:+.2f}{'' if same else '  <--'}")
    print(f"\n{exact}/{len(ds)} exact (total and stall cycles); deviation of total cycles "
          f"min {min(deviations):+.2f}% max {max(deviations):+.2f}%; "
          f"within 0.5%: {sum(abs(x) <= 0.5 for x in deviations)}")


if __name__ == "__main__":
    sys.exit(main())
