#!/usr/bin/env python3
"""Compare `dsegym scalesim` with the real SCALE-Sim 3.0.0 on random single-layer designs, in both
bandwidth modes (CALC: DRAM bandwidth estimated, never stalls; USER: fixed bandwidth, stalls), and print
per-column agreement against the tolerances of issue #16 (exact: compute cycles, utilizations, mapping
efficiency, SRAM reads/writes; within 1 %: total cycles, DRAM reads/writes; within 5 %: stall cycles).

Designs: random convolutions (ifmap 3..20, filters 1..5, channels 1..24, filters 1..40, strides 1..3,
some with overhanging windows) and GEMMs (`-i gemm`), arrays 1..32 x 1..32 (non-square and tiny), os/ws/is,
SRAMs of 1..300 KB (odd sizes too), 1..64 words/cycle. Each design's inputs go to OUT/<case>/; SCALE-Sim
writes OUT/<case>/scalesim/, we write OUT/<case>/ours/.

    scripts/compare_scalesim.py --python /work/venvs/scalesim/bin/python \
        --dsegym .build/release/dsegym --out /tmp/cmp [--count 200] [--seed 1] [--jobs 2] [--scalesim-only]

`--scalesim-only` runs only SCALE-Sim (to collect references before our build is ready); a later run
over the same OUT reuses every report it finds. SCALE-Sim simulates about 3,000 cycles per second, so
designs are drawn among those whose compute cycles stay under --max-cycles.
"""
import argparse
import csv
import math
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

CONFIG = """[general]
run_name = cmp

[architecture_presets]
ArrayHeight: {rows}
ArrayWidth: {cols}
IfmapSramSzkB: {kb_i}
FilterSramSzkB: {kb_f}
OfmapSramSzkB: {kb_o}
IfmapOffset: 0
FilterOffset: 10000000
OfmapOffset: 20000000
Bandwidth : {bw}
Dataflow : {df}
MemoryBanks: 1
ReadRequestBuffer: 32
WriteRequestBuffer: 32

[layout]
IfmapCustomLayout: False
IfmapSRAMBankBandwidth: {bw}
IfmapSRAMBankNum: 1
IfmapSRAMBankPort: 2
FilterCustomLayout: False
FilterSRAMBankBandwidth: {bw}
FilterSRAMBankNum: 1
FilterSRAMBankPort: 2

[sparsity]
SparsitySupport : false
SparseRep : ellpack_block
OptimizedMapping : false
BlockSize : 8
RandomNumberGeneratorSeed : 40

[run_presets]
InterfaceBandwidth: {mode}
UseRamulatorTrace: False
"""

LAYOUT_HEADER = ("Layer name, IFMAP Height Intraline Factor, IFMAP Width Intraline Factor, Filter Height Intraline Factor, "
                 "Filter Width Intraline Factor, Channel Intraline Factor, Num Filter Intraline Factor, IFMAP Height "
                 "Intraline Order, IFMAP Width Intraline Order, Channel Intraline Order, IFMAP Height Interline Order, "
                 "IFMAP Width Interline Order, Channel Interline Order, Num Filter Intraline Order, Channel Intraline "
                 "Order, Filter Height Intraline Order, Filter Width Intraline Order, Num Filter Interline Order, "
                 "Channel Interline Order, Filter Height Interline Order, Filter Width Interline Order,")

# (report, column, tolerance): 0 = exact, otherwise the relative tolerance.
COLUMNS = [
    ("COMPUTE_REPORT", "Total Cycles", 0.01),
    ("COMPUTE_REPORT", "Stall Cycles", 0.05),
    ("COMPUTE_REPORT", "Overall Util %", 0.01),
    ("COMPUTE_REPORT", "Mapping Efficiency %", 0),
    ("COMPUTE_REPORT", "Compute Util %", 0),
    ("DETAILED_ACCESS_REPORT", "SRAM IFMAP Reads", 0),
    ("DETAILED_ACCESS_REPORT", "SRAM Filter Reads", 0),
    ("DETAILED_ACCESS_REPORT", "SRAM OFMAP Writes", 0),
    ("DETAILED_ACCESS_REPORT", "DRAM IFMAP Reads", 0.01),
    ("DETAILED_ACCESS_REPORT", "DRAM Filter Reads", 0.01),
    ("DETAILED_ACCESS_REPORT", "DRAM OFMAP Writes", 0.01),
    ("DETAILED_ACCESS_REPORT", "SRAM IFMAP Start Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "SRAM IFMAP Stop Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "SRAM OFMAP Stop Cycle", 0),
    ("COMPUTE_REPORT", "Total Cycles (incl. prefetch)", 0.01),
    ("DETAILED_ACCESS_REPORT", "DRAM IFMAP Start Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "DRAM IFMAP Stop Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "DRAM Filter Start Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "DRAM Filter Stop Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "DRAM OFMAP Start Cycle", 0),
    ("DETAILED_ACCESS_REPORT", "DRAM OFMAP Stop Cycle", 0),
    ("BANDWIDTH_REPORT", "Avg IFMAP DRAM BW", 0.01),
    ("BANDWIDTH_REPORT", "Avg FILTER DRAM BW", 0.01),
    ("BANDWIDTH_REPORT", "Avg OFMAP DRAM BW", 0.01),
]


def shape(d):
    """(Sr, Sc, T) and compute cycles of a design."""
    if d["gemm"]:
        m, n, k = d["layer"][1:4]
        p, kk, nn = m, k, n
    else:
        _, h, w, fh, fw, c, n, s = d["layer"]
        p = math.ceil((h - fh + s) / s) * math.ceil((w - fw + s) / s)
        kk, nn = fh * fw * c, n
    sr, sc, t = {"os": (p, nn, kk), "ws": (kk, nn, p), "is": (kk, p, nn)}[d["df"]]
    folds = math.ceil(sr / d["rows"]) * math.ceil(sc / d["cols"])
    per_fold = t + d["rows"] + d["cols"] - 2 if d["df"] == "os" else 2 * d["rows"] + d["cols"] + t - 2
    return folds * per_fold - 1


def draw(rng, index):
    gemm = rng.random() < 0.2
    if gemm:
        layer = ("G", rng.randint(1, 64), rng.randint(1, 48), rng.randint(1, 96))
    else:
        f = rng.choice([1, 1, 2, 3, 3, 3, 5])
        fh, fw = (f, f) if rng.random() < 0.8 else (rng.randint(1, 4), rng.randint(1, 4))
        h, w = rng.randint(max(fh, 3), 20), rng.randint(max(fw, 3), 20)
        layer = ("L", h, w, fh, fw, rng.randint(1, 24), rng.randint(1, 40), rng.choice([1, 1, 2, 2, 3]))
    sizes = [1, 2, 3, 4, 5, 7, 8, 12, 16, 33, 64, 100, 300]
    return dict(name=f"{'g' if gemm else 'c'}{index:03d}", gemm=gemm, layer=layer,
                rows=rng.choice([1, 2, 3, 4, 5, 8, 16, 32]), cols=rng.choice([1, 2, 4, 6, 8, 16, 32]),
                df=rng.choice(["os", "ws", "is"]), mode=rng.choice(["CALC", "USER"]),
                kb_i=rng.choice(sizes), kb_f=rng.choice(sizes), kb_o=rng.choice(sizes),
                bw=rng.choice([1, 2, 3, 4, 8, 10, 16, 64]))


def designs(count, seed, max_cycles):
    rng = random.Random(seed)
    out = []
    while len(out) < count:
        d = draw(rng, len(out))
        if shape(d) <= max_cycles:
            out.append(d)
    return out


def write_inputs(d, folder):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "arch.cfg"), "w") as f:
        f.write(CONFIG.format(**d))
    with open(os.path.join(folder, "topology.csv"), "w") as f:
        if d["gemm"]:
            f.write("Layer, M, N, K,\n")
        else:
            f.write("Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\n")
        f.write(", ".join(str(x) for x in d["layer"]) + ",\n")
    with open(os.path.join(folder, "layout.csv"), "w") as f:   # SCALE-Sim reads one even with custom layouts off
        f.write(LAYOUT_HEADER + "\n" + f"{d['layer'][0]},1,1,1,1,1,1,0,1,2,3,4,5,0,1,2,3,4,5,6,7,\n")


def report(folder):
    rows = {}
    for kind in ("COMPUTE_REPORT", "BANDWIDTH_REPORT", "DETAILED_ACCESS_REPORT"):
        with open(os.path.join(folder, "cmp", kind + ".csv")) as f:
            r = list(csv.reader(f))
        rows[kind] = {k.strip(): float(v) for k, v in zip(r[0], r[1]) if k.strip() and v.strip()}
    return rows


def run(command, folder):
    subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_case(d, args):
    folder = os.path.join(args.out, d["name"])
    write_inputs(d, folder)
    gemm = ["-i", "gemm"] if d["gemm"] else []
    if not os.path.exists(os.path.join(folder, "scalesim", "cmp", "COMPUTE_REPORT.csv")):
        run(["nice", "-n", "5", args.python, "-m", "scalesim.scale", "-c", "arch.cfg", "-t", "topology.csv",
             "-l", "layout.csv", "-p", "scalesim"] + gemm, folder)
    if args.scalesim_only:
        return None
    run([os.path.abspath(args.dsegym), "scalesim", "-c", "arch.cfg", "-t", "topology.csv", "-l", "layout.csv", "-p", "ours"] + gemm, folder)
    return report(os.path.join(folder, "scalesim")), report(os.path.join(folder, "ours"))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--python", required=True)
    p.add_argument("--dsegym", default=".build/release/dsegym")
    p.add_argument("--out", required=True)
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--max-cycles", type=int, default=6000)
    p.add_argument("--scalesim-only", action="store_true")
    p.add_argument("--verbose", action="store_true", help="print every case that misses a tolerance")
    p.add_argument("--mode", choices=["CALC", "USER"], help="only designs of this bandwidth mode")
    args = p.parse_args()
    if os.sep in args.python:  # SCALE-Sim runs in each case's folder
        args.python = os.path.abspath(args.python)
    ds = designs(args.count, args.seed, args.max_cycles)

    def safe(d):
        try:
            return run_case(d, args)
        except subprocess.CalledProcessError as error:
            print(f"{d['name']}: {error}", file=sys.stderr)
            return None

    with ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(safe, ds))
    if args.scalesim_only:
        return 0
    pairs = [(d, r) for d, r in zip(ds, results) if r is not None and (args.mode is None or d["mode"] == args.mode)]
    print(f"{len(pairs)} designs (seed {args.seed}; CALC {sum(d['mode'] == 'CALC' for d, _ in pairs)}, "
          f"USER {sum(d['mode'] == 'USER' for d, _ in pairs)}; GEMM {sum(d['gemm'] for d, _ in pairs)})\n")
    print("| column | tolerance | exact | within tolerance | worst deviation |")
    print("|---|---|---|---|---|")
    failing = set()
    for kind, column, tolerance in COLUMNS:
        exact = within = 0
        worst, worst_case = 0.0, ""
        for d, (ss, ours) in pairs:
            a, b = ours[kind].get(column), ss[kind].get(column)
            if a is None or b is None:
                continue
            deviation = (a - b) / abs(b) if b else (0.0 if a == b else math.inf)
            exact += a == b or abs(a - b) <= 1e-9 * max(abs(b), 1)
            ok = abs(deviation) <= tolerance + 1e-12 or abs(a - b) <= 1e-9 * max(abs(b), 1)
            within += ok
            if not ok:
                failing.add(d["name"])
                if args.verbose:
                    print(f"  {d['name']} {column}: ours {a} SCALE-Sim {b}", file=sys.stderr)
            if abs(deviation) > abs(worst):
                worst, worst_case = deviation, d["name"]
        label = "exact" if tolerance == 0 else f"{tolerance:.0%}"
        print(f"| {column} | {label} | {exact}/{len(pairs)} | {within}/{len(pairs)} | "
              f"{100 * worst:+.2f} % {worst_case} |")
    print(f"\n{len(pairs) - len(failing)}/{len(pairs)} designs within every tolerance")
    for d, _ in pairs:
        if d["name"] in failing:
            print(f"  outside: {d['name']} {d['mode']} {d['df']} {d['rows']}x{d['cols']} {d['layer']} "
                  f"kB {d['kb_i']}/{d['kb_f']}/{d['kb_o']} bw {d['bw']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
