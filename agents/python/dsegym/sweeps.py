"""Define and launch DSEGym sweeps from Python.

A sweep is the same structure as a sweep file (``docs/sweeps.md``): a dict with ``name``, ``budget``,
``seeds``, ``environments`` and ``agents``. ``run_sweep`` writes it as JSON, runs ``dsegym sweep``
(which checks the whole sweep before running, runs it in parallel, and resumes a sweep of the same
name), and returns its JSON summary with the leaderboard.

    >>> from dsegym import run_sweep
    >>> summary = run_sweep({"name": "py-demo", "budget": 100, "seeds": 2,
    ...                      "environments": [{"name": "synthetic"}],
    ...                      "agents": [{"name": "random_walk"}, {"name": "ga"}]}, jobs=2)
    >>> [(row["agent"], row["median_best_reward"]) for row in summary["leaderboard"]]
"""
import json
import os
import shutil
import subprocess
import tempfile


class SweepError(Exception):
    """The sweep was rejected (the message names the field and the allowed values) or failed."""


def _binary(dsegym_bin):
    candidate = dsegym_bin or os.environ.get("DSEGYM_BIN") or shutil.which("dsegym")
    if not candidate:
        raise SweepError("no dsegym binary: pass dsegym_bin=, set DSEGYM_BIN, or put dsegym on PATH")
    return candidate


def run_sweep(sweep, *, jobs=None, results="results", dsegym_bin=None, dry_run=False):
    """Runs ``sweep`` (a dict in the sweep-file shape) and returns ``dsegym sweep --json``'s summary.

    With ``dry_run=True`` only checks it and returns ``{"valid": True, "message": ...}``.
    """
    if not isinstance(sweep, dict) or "name" not in sweep:
        raise SweepError("a sweep is a dict with at least 'name', 'budget', 'seeds', 'environments' and 'agents'")
    with tempfile.NamedTemporaryFile("w", suffix=".json", prefix=f"{sweep['name']}-", delete=False) as handle:
        json.dump(sweep, handle, indent=1)
        path = handle.name
    try:
        command = [_binary(dsegym_bin), "sweep", path, "--results", str(results)]
        if jobs:
            command += ["--jobs", str(jobs)]
        command.append("--dry-run" if dry_run else "--json")
        completed = subprocess.run(command, capture_output=True, text=True)
    finally:
        os.unlink(path)
    if completed.returncode != 0:
        message = completed.stderr.strip().splitlines()
        raise SweepError(message[-1] if message else f"dsegym sweep exited with status {completed.returncode}")
    if dry_run:
        return {"valid": True, "message": completed.stdout.strip()}
    return json.loads(completed.stdout)
