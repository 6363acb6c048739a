"""The external SCALE-Sim adapter (envs/external/scalesim_server.py) against the real SCALE-Sim 3.0.0.

It runs under $SCALESIM_PYTHON (scripts/python-test.sh makes a venv with scalesim and numpy < 2.4) or
this interpreter. Without SCALE-Sim these tests skip locally and fail in CI (CI=true).
"""
import json
import os
import pathlib
import subprocess
import sys

import pytest
import zmq

from dsegym import Client, ServerError

from conftest import ROOT, _binary, listening

ADAPTER = ROOT / "envs" / "external" / "scalesim_server.py"
SYSTOLIC_PARAMETERS = ["rows", "cols", "dataflow", "ifmap_sram_kb", "filter_sram_kb", "ofmap_sram_kb", "dram_bw"]
# Large SRAMs and bandwidth: SCALE-Sim does not stall, so its total cycles are compute cycles.
NON_STALLING = {"ifmap_sram_kb": 256, "filter_sram_kb": 256, "ofmap_sram_kb": 256, "dram_bw": 64}


@pytest.fixture(scope="module")
def scalesim_python():
    python = os.environ.get("SCALESIM_PYTHON") or sys.executable
    # SCALE-Sim 3.0.0 crashes with numpy 2.4.
    check = ("import scalesim.scale_sim, numpy, zmq\n"
             "if tuple(int(part) for part in numpy.__version__.split('.')[:2]) >= (2, 4):\n"
             "    raise SystemExit(f'numpy {numpy.__version__}: SCALE-Sim 3.0.0 needs numpy < 2.4')")
    probe = subprocess.run([python, "-c", check], capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["?"])[-1]
        message = (f"SCALE-Sim is not importable by {python} ({last}); scripts/python-test.sh installs it "
                   f"(pip install scalesim==3.0.0 'numpy>=2.0.2,<2.4' in .build/scalesim-venv)")
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return python


@pytest.fixture(scope="module")
def adapter(scalesim_python):
    command = [scalesim_python, str(ADAPTER), "--bind", "tcp://127.0.0.1:*", "--idle-timeout", "300"]
    with listening(command, "the SCALE-Sim adapter") as address:
        yield address


def scalesim_inputs(python, design, directory):
    """SCALE-Sim's arch.cfg / topology.csv / layout.csv for a design, as the adapter writes them."""
    subprocess.run([python, str(ADAPTER), "--evaluate", json.dumps(design), "--write-inputs", str(directory)],
                   check=True, capture_output=True, text=True, timeout=60)
    return directory / "arch.cfg", directory / "topology.csv", directory / "layout.csv"


def compute_report(path):
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    header = [name.strip() for name in lines[0].split(",")]
    return [dict(zip(header, (float(value) for value in line.split(",") if value.strip()))) for line in lines[1:]]


def scalesim_cli_cycles(python, design, directory):
    """(total, stall) cycles from SCALE-Sim's own command line on the adapter's inputs: no wire, no adapter."""
    config, topology, layout = scalesim_inputs(python, design, directory)
    subprocess.run([python, "-m", "scalesim.scale", "-c", str(config), "-t", str(topology), "-l", str(layout),
                    "-p", str(directory / "scalesim"), "-s", "N"], check=True, capture_output=True, timeout=300)
    rows = compute_report(directory / "scalesim" / "dsegym" / "COMPUTE_REPORT.csv")
    return sum(r["Total Cycles"] for r in rows), sum(r["Stall Cycles"] for r in rows)


def systolicsim_cycles(python, design, directory):
    """(total, stall) cycles from our SystolicSim (`dsegym scalesim`, the drop-in CLI) on the same inputs."""
    config, topology, _ = scalesim_inputs(python, design, directory)
    subprocess.run([_binary(), "scalesim", "-c", str(config), "-t", str(topology), "-p", str(directory / "ours")],
                   check=True, capture_output=True, timeout=120)
    rows = compute_report(directory / "ours" / "dsegym" / "COMPUTE_REPORT.csv")
    return sum(r["Total Cycles"] for r in rows), sum(r["Stall Cycles"] for r in rows)


def test_adapter_space_uses_the_systolic_names(adapter):
    systolic = json.loads(subprocess.run([_binary(), "describe", "systolic", "--json"], check=True,
                                         capture_output=True, text=True).stdout)
    with Client(adapter, timeout=30) as client:
        assert client.environments == ["scalesim"]
        session = client.make("scalesim")
        assert session.space["workload"] == "tiny_cnn"
        assert [p["name"] for p in session.parameters] == SYSTOLIC_PARAMETERS
        ours = {(m["name"], m["unit"], m["direction"]) for m in systolic["metrics"]}
        assert ours <= {(m["name"], m["unit"], m["direction"]) for m in session.metrics}
        session.close()


def test_adapter_answers_every_op(adapter):
    with Client(adapter, timeout=60) as client:
        client.ping()
        session = client.make("scalesim", workload="tiny_cnn")
        session.reset(7)
        single = session.step({"rows": 8, "cols": 8, "dataflow": "ws"})
        assert single["feasible"] is True and single["reason"] is None
        assert single["reward"] == -single["metrics"]["total_cycles"] and 0 < single["sim_wall_s"] < 30
        batch = session.step_batch([{"rows": 8, "cols": 8, "dataflow": "ws"}, {"rows": 16, "cols": 4, "dataflow": "is"}])
        assert batch[0]["metrics"] == single["metrics"]  # steps are deterministic
        assert batch[1]["metrics"]["total_cycles"] != single["metrics"]["total_cycles"]
        session.close()
        client.ping()


def test_adapter_rejects_bad_input_and_keeps_answering(adapter):
    with Client(adapter, timeout=30) as client:
        session = client.make("scalesim")
        for design, field in [({"rows": 12}, "design.rows"), ({"dataflow": "xs"}, "design.dataflow"),
                              ({"dram_bw": "fast"}, "design.dram_bw"), ({"banks": 2}, "design.banks")]:
            with pytest.raises(ServerError) as error:
                session.step(design)
            assert (error.value.code, error.value.field) == ("invalid_design", field)
        with pytest.raises(ServerError) as error:
            client.make("scalesim", workload="resnet9000")
        assert (error.value.code, error.value.field) == ("invalid_option", "workload")
        with pytest.raises(ServerError) as error:
            client.call("reset", session="s0-gone", seed=1)
        assert error.value.code == "unknown_session"
        session.close()
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(adapter)
    try:
        for frames, code in [([b"", b"not json"], "bad_json"), ([b"", b"{}", b"{}"], "bad_frames"),
                             ([b"", b'{"v":1,"id":1,"op":"jump"}'], "unknown_op")]:
            socket.send_multipart(frames)
            assert socket.poll(10000)
            assert json.loads(socket.recv_multipart()[-1])["error"]["code"] == code
    finally:
        socket.close()
    with Client(adapter, timeout=10) as client:
        client.ping()


def test_dsegym_run_remote_records_what_scalesim_reports(adapter, scalesim_python, tmp_path):
    run = subprocess.run([_binary(), "run", "--remote", adapter, "--env", "scalesim", "--agent", "random_walk",
                          "--budget", "3", "--seed", "5", "--results", str(tmp_path), "--json"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["evaluations"] == 3
    export = subprocess.run([_binary(), "export", "--format", "jsonl", "--results", str(tmp_path)],
                            check=True, capture_output=True, text=True)
    records = [json.loads(line) for line in export.stdout.splitlines()]
    assert len(records) == 3 and all(r["feasible"] and r["environment"] == "scalesim" for r in records)
    for index, record in enumerate(records):
        total, stalls = scalesim_cli_cycles(scalesim_python, record["design"], tmp_path / f"d{index}")
        assert (record["metrics"]["total_cycles"], record["metrics"]["stall_cycles"]) == (total, stalls)
        # Compute cycles (no stalls) are exact in our SystolicSim for every design (docs/systolic.md).
        ours_total, ours_stalls = systolicsim_cycles(scalesim_python, record["design"], tmp_path / f"d{index}")
        assert record["metrics"]["compute_cycles"] == ours_total - ours_stalls
        # Area is the systolic environment's model, independent of the workload.
        systolic = subprocess.run([_binary(), "eval", "systolic", "--json"]
                                  + [arg for name, value in record["design"].items() for arg in ("--set", f"{name}={value}")],
                                  check=True, capture_output=True, text=True)
        assert record["metrics"]["area_mm2"] == pytest.approx(json.loads(systolic.stdout)["metrics"]["area_mm2"], rel=1e-12)


@pytest.mark.parametrize("dataflow", ["os", "ws", "is"])
def test_non_stalling_cycles_equal_our_systolic_simulator(adapter, scalesim_python, tmp_path, dataflow):
    design = {"rows": 16, "cols": 8, "dataflow": dataflow, **NON_STALLING}
    with Client(adapter, timeout=60) as client:
        session = client.make("scalesim")
        metrics = session.step(design)["metrics"]
        session.close()
    assert metrics["stall_cycles"] == 0
    assert (metrics["total_cycles"], metrics["stall_cycles"]) == systolicsim_cycles(scalesim_python, design, tmp_path)
