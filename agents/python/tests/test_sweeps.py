"""run_sweep: a sweep defined in Python runs through `dsegym sweep` and resumes."""
import os

import pytest

from dsegym import SweepError, run_sweep

from conftest import _binary


def sweep(name):
    return {"name": name, "budget": 40, "seeds": 2,
            "environments": [{"name": "synthetic", "workloads": ["small"]}],
            "agents": [{"name": "random_walk"}, {"name": "grid", "hyperparameters": {"order": "strided"}}]}


def test_run_sweep_returns_the_leaderboard_and_resumes(tmp_path):
    summary = run_sweep(sweep("py"), jobs=2, results=tmp_path, dsegym_bin=_binary())
    assert summary["runs"] == 4 and summary["executed"] == 4 and summary["failed"] == []
    assert sorted(row["agent"] for row in summary["leaderboard"]) == ["grid", "random_walk"]
    assert all(row["runs"] == 2 and row["evaluations"] == 80 for row in summary["leaderboard"])
    again = run_sweep(sweep("py"), jobs=2, results=tmp_path, dsegym_bin=_binary())
    assert again["skipped"] == 4 and again["executed"] == 0


def test_malformed_sweep_is_rejected_naming_the_field(tmp_path):
    bad = sweep("bad")
    bad["agents"][0]["grid"] = {"speed": [1]}
    with pytest.raises(SweepError, match=r"agents\[0\]\.grid\.speed\[0\]: random_walk: unknown hyperparameter 'speed'"):
        run_sweep(bad, results=tmp_path, dsegym_bin=_binary())
    assert not os.path.exists(tmp_path / "dsegym.sqlite")
