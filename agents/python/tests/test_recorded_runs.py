"""Recorded remote runs: a run driven from Python (Optuna's TPE) is stored beside the built-in agents'."""
import json
import subprocess
import time

import pytest

import dsegym.results as results
from dsegym import Client, ServerError

from conftest import _binary, listening

BUDGET = 20
WORKLOAD = "bert_base"  # the quickest systolic workload in a debug build


@pytest.fixture()
def recording_server(tmp_path):
    store = tmp_path / "results"
    command = [_binary(), "serve", "--bind", "tcp://127.0.0.1:*", "--idle-timeout", "2", "--results", str(store)]
    with listening(command, "dsegym serve --results") as endpoint:
        yield endpoint, store


def test_optuna_tpe_run_is_recorded_and_reported_beside_ga(recording_server, tmp_path):
    optuna = pytest.importorskip("optuna")  # scripts/python-test.sh installs it; CI runs this
    endpoint, store = recording_server
    with Client(endpoint, timeout=120) as client:
        session = client.make("systolic", workload=WORKLOAD)
        run_id = session.open_run("optuna-tpe", {"sampler": "TPESampler", "n_startup_trials": 5}, seed=1, budget=BUDGET)
        sampler = optuna.samplers.TPESampler(seed=1, n_startup_trials=5)
        study = optuna.create_study(direction="maximize", sampler=sampler)
        optuna.logging.set_verbosity(optuna.logging.WARNING)

        def objective(trial):
            design = {}
            for parameter in session.parameters:
                if "choices" in parameter:
                    design[parameter["name"]] = trial.suggest_categorical(parameter["name"], parameter["choices"])
                else:
                    design[parameter["name"]] = trial.suggest_int(parameter["name"], parameter["low"], parameter["high"])
            return session.step(design)["reward"]

        study.optimize(objective, n_trials=BUDGET)
        session.close()
    subprocess.run([_binary(), "run", "--env", "systolic", "--workload", WORKLOAD, "--agent", "ga", "--budget", str(BUDGET),
                    "--seed", "1", "--results", str(store), "--json"], check=True, capture_output=True)

    runs = results.load(store).runs()
    tpe = runs[runs["agent"] == "optuna-tpe"].iloc[0]
    assert tpe["run_id"] == run_id and tpe["status"] == "finished" and tpe["evaluations"] == BUDGET
    assert tpe["hp_sampler"] == "TPESampler" and tpe["seed"] == 1
    evaluations = results.load(store).evaluations(agent="optuna-tpe")
    assert evaluations["index"].tolist() == list(range(BUDGET))
    assert evaluations["reward"].max() == pytest.approx(study.best_value), "the store saw what Optuna saw"
    assert tpe["best_reward"] == pytest.approx(study.best_value)

    ga = runs[runs["agent"] == "ga"].iloc[0]
    assert ga["objective"] == tpe["objective"], "same environment default objective, same references"
    report = tmp_path / "report.html"
    subprocess.run([_binary(), "report", "--results", str(store), "-o", str(report)], check=True, capture_output=True)
    html = report.read_text()
    sections = [part for part in html.split("<h2>")[1:] if part.startswith(f"systolic / {WORKLOAD}")]
    assert len(sections) == 1, "one section holds both runs"
    assert "<td>optuna-tpe</td>" in sections[0] and "<td>ga</td>" in sections[0]
    listed = subprocess.run([_binary(), "runs", "--results", str(store)], check=True, capture_output=True, text=True).stdout
    assert "optuna-tpe" in listed


def test_an_abandoned_session_ends_its_run_interrupted_and_keeps_its_steps(recording_server):
    endpoint, store = recording_server
    with Client(endpoint, timeout=30) as client:
        session = client.make("synthetic")
        session.open_run("my-script", seed=5)
        for x in (1, 2, 3):
            session.step({"x": x})
        with pytest.raises(ServerError) as error:
            session.open_run("again")
        assert error.value.field == "session"
        with pytest.raises(ServerError) as error:
            client.make("synthetic").open_run("")
        assert error.value.field == "run.agent"
    deadline = time.time() + 30
    while time.time() < deadline:
        runs = results.load(store).runs(agent="my-script")
        if runs["status"].iloc[0] == "interrupted":
            break
        time.sleep(0.5)
    assert runs["status"].iloc[0] == "interrupted" and runs["evaluations"].iloc[0] == 3
    assert results.load(store).evaluations(agent="my-script")["x"].tolist() == [1, 2, 3]


def test_a_server_without_a_store_refuses_open_run(endpoint):
    with Client(endpoint, timeout=30) as client:
        with pytest.raises(ServerError, match="--results"):
            client.make("synthetic").open_run("x")
