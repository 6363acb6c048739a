"""dsegym.results: the store as pandas DataFrames, with the same columns as `dsegym export`."""
import csv
import io
import pathlib
import subprocess
import sys

import pytest

import pandas  # noqa: F401  (required: scripts/python-test.sh installs it)

import dsegym.results as results
from dsegym import run_sweep

from conftest import ROOT, _binary

SMOKE = ROOT / "agents" / "sweeps" / "smoke.yaml"


@pytest.fixture(scope="module")
def smoke_store(tmp_path_factory):
    """The shipped smoke sweep (3 settings x 2 seeds x at most 200 evaluations) plus one run outside it."""
    directory = tmp_path_factory.mktemp("results")
    subprocess.run([_binary(), "sweep", str(SMOKE), "--jobs", "2", "--results", str(directory), "--json"],
                   check=True, capture_output=True)
    subprocess.run([_binary(), "run", "--env", "synthetic", "--agent", "ga", "--budget", "30", "--seed", "4",
                    "--set-agent", "mutationRate=0.05", "--results", str(directory), "--json"], check=True, capture_output=True)
    return directory


def export_csv(directory, *flags):
    text = subprocess.run([_binary(), "export", "--format", "csv", "--results", str(directory), *flags],
                          check=True, capture_output=True, text=True).stdout
    return list(csv.reader(io.StringIO(text)))


def test_evaluations_of_a_sweep_have_the_export_columns_and_rows(smoke_store):
    store = results.load(smoke_store)
    frame = store.evaluations(sweep="smoke")
    table = export_csv(smoke_store, "--sweep", "smoke")
    assert list(frame.columns) == table[0]
    assert frame.shape == (len(table) - 1, len(table[0]))
    assert set(frame["agent"]) == {"random_walk", "grid"}
    assert "hp_restartProbability" in frame.columns and "hp_order" in frame.columns
    assert set(frame["sweep"]) == {"smoke"}
    # Same values as the CLI's export, row by row.
    rewards = [float(row[table[0].index("reward")]) for row in table[1:]]
    assert frame["reward"].tolist() == pytest.approx(rewards)
    assert frame["x"].tolist() == [int(row[table[0].index("x")]) for row in table[1:]]
    assert frame["feasible"].dtype == bool


def test_runs_carry_hyperparameters_objective_seed_and_status(smoke_store):
    runs = results.load(smoke_store / "dsegym.sqlite").runs()
    assert len(runs) == 7
    smoke = runs[runs["sweep"] == "smoke"]
    assert len(smoke) == 6 and len(set(smoke["seed"])) == 2
    assert sorted(smoke["hp_restartProbability"].dropna().tolist()) == [0.5, 0.5, 1, 1]
    assert (smoke["evaluations"] <= 200).all() and (smoke["evaluations"] > 0).all()
    ga = runs[runs["agent"] == "ga"].iloc[0]
    assert ga["hp_mutationRate"] == 0.05 and ga["seed"] == 4 and ga["evaluations"] == 30 and pandas.isna(ga["sweep"])
    assert ga["status"] == "finished" and ga["wall_s"] >= 0


def test_filters_by_environment_agent_and_run(smoke_store):
    store = results.load(smoke_store)
    assert set(store.evaluations(agent="ga")["run_id"]) == {store.runs(agent="ga")["run_id"].iloc[0]}
    assert len(store.evaluations(agent="ga")) == 30
    assert store.evaluations(env="dram").empty
    first = int(store.runs()["run_id"].iloc[0])
    assert set(store.evaluations(run=first)["run_id"]) == {first}


def test_finding_the_better_setting_is_one_groupby(smoke_store):
    evaluations = results.load(smoke_store).evaluations(sweep="smoke", agent="random_walk")
    best = evaluations.groupby(["hp_restartProbability", "seed"])["best_so_far"].last()
    assert len(best) == 4 and best.notna().all()


def test_missing_store_names_the_path(tmp_path):
    with pytest.raises(results.ResultsError, match="no results store at"):
        results.load(tmp_path)


def test_the_documented_one_liner_prints_the_shape(smoke_store):
    code = f"import dsegym.results as r; print(r.load({str(smoke_store)!r}).evaluations(sweep='smoke').shape)"
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                            cwd=ROOT / "agents" / "python").stdout
    rows = len(export_csv(smoke_store, "--sweep", "smoke")) - 1
    assert output.strip().startswith(f"({rows}, ")


def test_pip_install_leaves_the_source_tree_clean(tmp_path):
    source = ROOT / "agents" / "python"
    before = {path.name for path in source.iterdir()}
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(tmp_path / "site"),
                    str(source)], check=True, capture_output=True)
    assert {path.name for path in source.iterdir()} == before, "pip left build files in agents/python"
    assert (tmp_path / "site" / "dsegym" / "results.py").exists()


def test_the_example_notebook_draws_both_plots(smoke_store, tmp_path, monkeypatch):
    """Runs the notebook's code cells (matplotlib, Agg backend) on the smoke sweep."""
    import json
    pytest.importorskip("matplotlib")
    import matplotlib
    matplotlib.use("Agg")
    notebook = json.loads((ROOT / "agents" / "python" / "examples" / "results_notebook.ipynb").read_text())
    monkeypatch.setenv("DSEGYM_RESULTS", str(smoke_store))
    monkeypatch.chdir(tmp_path)
    namespace = {}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            exec("".join(cell["source"]), namespace)
    assert (tmp_path / "convergence.png").stat().st_size > 5000
    assert (tmp_path / "lottery.png").stat().st_size > 5000
    assert len(namespace["labels"]) == 3, "two random_walk settings and one grid setting"
