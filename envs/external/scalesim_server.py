#!/usr/bin/env python3
"""SCALE-Sim behind DSEGym's wire protocol v1: the `scalesim` environment, simulated by the real
SCALE-Sim (PyPI package `scalesim`, 3.0.0) rather than DSEGym's own SystolicSim.

    python3 envs/external/scalesim_server.py --bind tcp://127.0.0.1:5556
    dsegym run --remote tcp://127.0.0.1:5556 --env scalesim --agent bo --budget 50

Each step writes a SCALE-Sim config, topology and layout into a fresh temporary directory, runs
SCALE-Sim there (USER bandwidth mode, no trace files) and reads its COMPUTE_REPORT.csv and
DETAILED_ACCESS_REPORT.csv. See envs/external/README.md for the space, the metrics and the cost model.
"""
import argparse
import contextlib
import io
import json
import os
import pathlib
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "agents" / "python"))  # the dsegym package of this checkout

from dsegym.server import (Infeasible, ProtocolError, Simulator, add_arguments, categorical,  # noqa: E402
                           evaluation_of, metric, ordinal, serve, validate_design)

# 45 nm cost model, the same constants as the `systolic` environment (docs/systolic.md, CostModel.swift).
MAC_PJ = 0.3               # 8-bit multiply 0.2 pJ + 32-bit add 0.1 pJ (Horowitz, ISSCC 2014)
SRAM_BYTE_PJ_AT_8KB = 1.25  # x sqrt(KB / 8)
DRAM_BYTE_PJ = 243.75
PE_MM2 = 659e-6
SRAM_KB_MM2 = 5669e-6

LAYOUT_HEADER = ("Layer name, IFMAP Height Intraline Factor, IFMAP Width Intraline Factor, Filter Height Intraline Factor, "
                 "Filter Width Intraline Factor, Channel Intraline Factor, Num Filter Intraline Factor, IFMAP Height "
                 "Intraline Order, IFMAP Width Intraline Order, Channel Intraline Order, IFMAP Height Interline Order, "
                 "IFMAP Width Interline Order, Channel Interline Order, Num Filter Intraline Order, Channel Intraline "
                 "Order, Filter Height Intraline Order, Filter Width Intraline Order, Num Filter Interline Order, "
                 "Channel Interline Order, Filter Height Interline Order, Filter Width Interline Order,")

CONFIG = """[general]
run_name = dsegym

[architecture_presets]
ArrayHeight: {rows}
ArrayWidth: {cols}
IfmapSramSzkB: {ifmap_sram_kb}
FilterSramSzkB: {filter_sram_kb}
OfmapSramSzkB: {ofmap_sram_kb}
IfmapOffset: 0
FilterOffset: 10000000
OfmapOffset: 20000000
Bandwidth : {dram_bw}
Dataflow : {dataflow}
MemoryBanks: 1
ReadRequestBuffer: 32
WriteRequestBuffer: 32

[layout]
IfmapCustomLayout: False
IfmapSRAMBankBandwidth: {dram_bw}
IfmapSRAMBankNum: 1
IfmapSRAMBankPort: 2
FilterCustomLayout: False
FilterSRAMBankBandwidth: {dram_bw}
FilterSRAMBankNum: 1
FilterSRAMBankPort: 2

[sparsity]
SparsitySupport : false
SparseRep : ellpack_block
OptimizedMapping : false
BlockSize : 8
RandomNumberGeneratorSeed : 40

[run_presets]
InterfaceBandwidth: USER
UseRamulatorTrace: False
"""


class Workload:
    """A SCALE-Sim topology CSV (conv rows `name, H, W, Fh, Fw, C, N, stride,` or GEMM rows `name, M, N, K,`)."""

    def __init__(self, path, gemm=False):
        self.path, self.gemm = pathlib.Path(path), gemm
        self.name = self.path.stem
        if not self.path.is_file():
            raise SystemExit(f"scalesim_server: topology file not found: {self.path}")
        rows = [line.split(",") for line in self.path.read_text().splitlines()[1:] if line.strip()]
        if not rows:
            raise SystemExit(f"scalesim_server: {self.path} has no layers")
        self.layout = LAYOUT_HEADER + "\n" + "".join(self._layout_row(row) for row in rows)

    def _layout_row(self, row):
        # SCALE-Sim reads a layout row per topology row (default: factors 1, natural orders); a
        # depthwise ("DP") row is split per channel using its Channel Intraline Factor column.
        channels = row[5].strip() if not self.gemm and "DP" in row[0] and len(row) > 5 else "1"
        return f"{row[0].strip()},1,1,1,1,{channels},1,0,1,2,3,4,5,0,1,2,3,4,5,6,7,\n"


class SCALESim(Simulator):
    """The `scalesim` environment: one session, one workload; every step runs SCALE-Sim once."""

    name = "scalesim"
    summary = "Systolic-array accelerator simulated by the real SCALE-Sim 3.0.0 (external adapter, envs/external)"
    parameters = [
        ordinal("rows", [4, 8, 16, 32, 64], "PE rows (array height)"),
        ordinal("cols", [4, 8, 16, 32, 64], "PE columns (array width)"),
        categorical("dataflow", ["os", "ws", "is"], "os, ws or is stationary"),
        ordinal("ifmap_sram_kb", [1, 2, 4, 8, 16, 32, 64, 128, 256], "ifmap SRAM, KB (double buffered)"),
        ordinal("filter_sram_kb", [1, 2, 4, 8, 16, 32, 64, 128, 256], "filter SRAM, KB (double buffered)"),
        ordinal("ofmap_sram_kb", [1, 2, 4, 8, 16, 32, 64, 128, 256], "ofmap SRAM, KB (double buffered)"),
        ordinal("dram_bw", [1, 2, 4, 8, 16, 32, 64], "DRAM bandwidth per port, words/cycle (SCALE-Sim USER mode)"),
    ]
    metrics = [
        metric("total_cycles", "cycles", "minimize", "SCALE-Sim's Total Cycles summed over layers, stalls included"),
        metric("stall_cycles", "cycles", "minimize", "SCALE-Sim's Stall Cycles summed over layers"),
        metric("compute_cycles", "cycles", "minimize", "total_cycles - stall_cycles"),
        metric("utilization_pct", "%", "maximize", "MACs / (PEs x total cycles) (SCALE-Sim's Overall Util %, network)"),
        metric("compute_util_pct", "%", "maximize", "SCALE-Sim's Compute Util %, mean over layers weighted by compute cycles"),
        metric("mapping_efficiency_pct", "%", "maximize", "SCALE-Sim's Mapping Efficiency %, weighted by compute cycles"),
        metric("energy_uJ", "uJ", "minimize", "dynamic energy, 45 nm model of the systolic env, from SCALE-Sim's access counts"),
        metric("area_mm2", "mm2", "minimize", "PE array plus SRAM area, 45 nm model of the systolic env"),
        metric("dram_bytes", "bytes", "minimize", "SCALE-Sim's DRAM reads plus writes (1-byte words)"),
        metric("edp", "uJ*Mcycles", "minimize", "energy_uJ x total_cycles / 1e6"),
    ]
    defaults = {"rows": 16, "cols": 16, "dataflow": "os", "ifmap_sram_kb": 64, "filter_sram_kb": 64,
                "ofmap_sram_kb": 64, "dram_bw": 16}

    def __init__(self, workload=None, options=None, workloads=None):
        self.catalog = workloads or default_workloads()
        self.workloads = list(self.catalog)
        super().__init__(workload, options)

    def evaluate(self, design):
        with tempfile.TemporaryDirectory(prefix="dsegym-scalesim-") as directory:
            reports = run_scalesim(self.catalog[self.workload], design, pathlib.Path(directory))
        return metrics_from_reports(design, *reports)


def write_inputs(workload, design, directory):
    """Writes SCALE-Sim's inputs for a design: arch.cfg, topology.csv, layout.csv in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "arch.cfg").write_text(CONFIG.format(**design))
    (directory / "topology.csv").write_text(workload.path.read_text())
    (directory / "layout.csv").write_text(workload.layout)
    return directory / "arch.cfg", directory / "topology.csv", directory / "layout.csv"


def run_scalesim(workload, design, directory):
    """Runs SCALE-Sim in-process on the design; returns (compute rows, access rows) of its reports."""
    from scalesim.scale_sim import scalesim  # imported here so --help and the tests' error paths work without it

    config, topology, layout = write_inputs(workload, design, directory)
    with contextlib.redirect_stdout(io.StringIO()) as chatter, contextlib.redirect_stderr(io.StringIO()):
        try:
            simulation = scalesim(save_disk_space=True, verbose=False, config=str(config), topology=str(topology),
                                  layout=str(layout), input_type_gemm=workload.gemm)
            simulation.run_scale(top_path=str(directory / "out"))
        except SystemExit:  # SCALE-Sim calls exit() on input it rejects
            raise Infeasible("SCALE-Sim rejected the inputs: " + chatter.getvalue().strip()[-300:]) from None
    report_dir = directory / "out" / "dsegym"
    return read_report(report_dir / "COMPUTE_REPORT.csv"), read_report(report_dir / "DETAILED_ACCESS_REPORT.csv")


def read_report(path):
    """A SCALE-Sim report CSV as a list of dicts (column name -> float), one per layer."""
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    header = [name.strip() for name in lines[0].split(",")]
    rows = []
    for line in lines[1:]:
        values = [value.strip() for value in line.split(",")]
        rows.append({name: float(value) for name, value in zip(header, values) if name and value})
    return rows


def metrics_from_reports(design, compute, access):
    """Network metrics from SCALE-Sim's per-layer COMPUTE_REPORT and DETAILED_ACCESS_REPORT rows."""
    pes = design["rows"] * design["cols"]
    total = sum(row["Total Cycles"] for row in compute)
    stalls = sum(row["Stall Cycles"] for row in compute)
    busy = [row["Total Cycles"] - row["Stall Cycles"] for row in compute]
    # Overall Util % = MACs * 100 / (PEs * Total Cycles) per layer, so this recovers each layer's MACs.
    macs = [round(row["Overall Util %"] * row["Total Cycles"] * pes / 100) for row in compute]

    def sram_pj(kilobytes):
        return SRAM_BYTE_PJ_AT_8KB * (kilobytes / 8) ** 0.5

    energy_pj, dram = 0.0, 0.0
    for layer_macs, row in zip(macs, access):
        layer_dram = row["DRAM IFMAP Reads"] + row["DRAM Filter Reads"] + row["DRAM OFMAP Writes"]
        dram += layer_dram
        energy_pj += (layer_macs * MAC_PJ
                      + (row["SRAM IFMAP Reads"] + row["DRAM IFMAP Reads"]) * sram_pj(design["ifmap_sram_kb"])
                      + (row["SRAM Filter Reads"] + row["DRAM Filter Reads"]) * sram_pj(design["filter_sram_kb"])
                      + (row["SRAM OFMAP Writes"] + row["DRAM OFMAP Writes"]) * sram_pj(design["ofmap_sram_kb"])
                      + layer_dram * DRAM_BYTE_PJ)
    energy_uj = energy_pj / 1e6
    return {
        "total_cycles": total,
        "stall_cycles": stalls,
        "compute_cycles": total - stalls,
        "utilization_pct": sum(macs) * 100 / (pes * total),
        "compute_util_pct": sum(row["Compute Util %"] * b for row, b in zip(compute, busy)) / sum(busy),
        "mapping_efficiency_pct": sum(row["Mapping Efficiency %"] * b for row, b in zip(compute, busy)) / sum(busy),
        "energy_uJ": energy_uj,
        "area_mm2": pes * PE_MM2 + (design["ifmap_sram_kb"] + design["filter_sram_kb"] + design["ofmap_sram_kb"]) * SRAM_KB_MM2,
        "dram_bytes": dram,
        "edp": energy_uj * total / 1e6,
    }


def default_workloads():
    workload = Workload(HERE / "topologies" / "tiny_cnn.csv")
    return {workload.name: workload}


def main(argv=None):
    parser = add_arguments(argparse.ArgumentParser(description=__doc__.split("\n\n")[0]))
    parser.add_argument("--topology", action="append", default=[], metavar="CSV",
                        help="SCALE-Sim topology CSV to serve as a workload named after the file (repeatable; the "
                             "first is the default workload; the shipped tiny_cnn stays available)")
    parser.add_argument("--gemm", action="store_true", help="the --topology files are GEMM topologies (name, M, N, K,)")
    parser.add_argument("--evaluate", metavar="DESIGN_JSON",
                        help="evaluate one design (JSON object; defaults fill the rest), print the evaluation, exit")
    parser.add_argument("--workload", help="workload for --evaluate / --write-inputs (default: the default workload)")
    parser.add_argument("--write-inputs", metavar="DIR",
                        help="with --evaluate: write SCALE-Sim's arch.cfg, topology.csv, layout.csv for the design "
                             "into DIR instead of simulating")
    args = parser.parse_args(argv)

    catalog = {}
    for path in args.topology:
        workload = Workload(path, gemm=args.gemm)
        catalog[workload.name] = workload
    catalog.update({name: w for name, w in default_workloads().items() if name not in catalog})

    def factory(workload, options):
        return SCALESim(workload, options, workloads=catalog)

    if args.evaluate is None:
        serve({"scalesim": factory}, args)
        return
    try:
        simulator = factory(args.workload, {})
        design = validate_design(simulator.parameters, simulator.defaults, json.loads(args.evaluate), "design")
    except (ProtocolError, ValueError) as error:
        raise SystemExit(f"scalesim_server: {error}")
    if args.write_inputs:
        write_inputs(simulator.catalog[simulator.workload], design, pathlib.Path(args.write_inputs))
    else:
        print(json.dumps(evaluation_of(simulator, design), allow_nan=False))


if __name__ == "__main__":
    main()
