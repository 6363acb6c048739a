"""The Python client against `dsegym serve` (protocol v1, docs/protocol.md)."""
import json
import math
import random
import subprocess
import sys
import pathlib

import numpy as np
import pytest
import zmq

from dsegym import Client, NoAnswer, ServerError
from dsegym.designs import random_design

OPTIMUM = {"family": "gamma", "x": 37, "y": 16, "z": 1.0}


def test_hello_lists_synthetic(endpoint):
    with Client(endpoint, timeout=5) as client:
        assert "synthetic" in client.environments
        client.ping()


def test_make_describes_space_and_metrics(endpoint):
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic")
        kinds = {p["name"]: p["kind"] for p in session.parameters}
        assert kinds == {"family": "categorical", "x": "integer", "y": "ordinal", "z": "continuous"}
        assert [m["name"] for m in session.metrics] == ["loss", "cost"]
        session.close()


def test_step_at_known_optimum_has_zero_loss(endpoint):
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic")
        session.reset(1)
        evaluation = session.step(OPTIMUM)
        assert evaluation["feasible"] is True and evaluation["reason"] is None
        assert evaluation["metrics"]["loss"] == 0  # the synthetic environment's known optimum
        assert set(evaluation) == {"metrics", "feasible", "reason", "reward", "violation", "sim_wall_s"}
        assert evaluation["reward"] == 0 and evaluation["violation"] == 0  # -soft(0 / ref) at loss 0


def test_step_batch_matches_single_steps(endpoint):
    rng = random.Random(3)
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic")
        designs = [random_design(session.parameters, rng) for _ in range(16)]
        batch = session.step_batch(designs)
        singles = [session.step(d) for d in designs]
        assert [e["metrics"] for e in batch] == [e["metrics"] for e in singles]


def test_numpy_values_are_accepted(endpoint):
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic")
        evaluation = session.step({"family": "gamma", "x": np.int64(37), "y": np.int64(16), "z": np.float64(1.0)})
        assert evaluation["metrics"]["loss"] == 0


def test_errors_name_code_and_field(endpoint):
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic")
        with pytest.raises(ServerError) as error:
            session.step({"family": "gamma", "x": 999})
        assert (error.value.code, error.value.field) == ("invalid_design", "design.x")
        with pytest.raises(ServerError) as error:
            client.make("nope")
        assert error.value.code == "unknown_environment"
        session.close()
        with pytest.raises(ServerError) as error:
            session.step(OPTIMUM)
        assert error.value.code == "unknown_session"


def test_raw_garbage_gets_error_replies(endpoint):
    context = zmq.Context.instance()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(endpoint)
    try:
        cases = [[b"", b"not json"], [b"", b"[1,2]"], [b"", b'{"v":1,"id":1,"op":"jump"}'],
                 [b"", b'{"v":2,"id":1,"op":"ping"}'], [b"", b"{}", b"{}"], [b"", b"NaN"]]
        expected = ["bad_json", "bad_request", "unknown_op", "unsupported_version", "bad_frames", "bad_json"]
        for frames, code in zip(cases, expected):
            socket.send_multipart(frames)
            assert socket.poll(5000), "server did not answer"
            reply = json.loads(socket.recv_multipart()[-1])
            assert reply["ok"] is False and reply["error"]["code"] == code, (frames, reply)
    finally:
        socket.close()
    with Client(endpoint, timeout=5) as client:
        client.ping()


def test_no_server_raises_no_answer():
    with pytest.raises(NoAnswer):
        Client("tcp://127.0.0.1:1", timeout=0.3)


def test_non_finite_design_values_are_refused_locally(endpoint):
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic")
        with pytest.raises(ValueError):
            session.step({"family": "gamma", "x": 37, "y": 16, "z": math.nan})


def test_gymnasium_env_if_installed(endpoint):
    gym = pytest.importorskip("gymnasium")
    from dsegym import make_env
    env = make_env("synthetic", endpoint=endpoint, timeout=5)
    observation, _ = env.reset(seed=1)
    assert observation.shape == (4 + 2 + 2,)  # parameters, metrics, feasible flag, evaluated flag
    action = env.action_space.sample()
    observation, reward, terminated, truncated, info = env.step(action)
    assert terminated and not truncated and "feasible" in info
    env.close()


def test_random_search_example_runs(endpoint):
    example = pathlib.Path(__file__).resolve().parents[1] / "examples" / "random_search.py"
    env = {"PYTHONPATH": str(example.parents[1])}
    import os
    env.update({k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    result = subprocess.run([sys.executable, str(example), "--endpoint", endpoint, "--budget", "64"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert "evaluations: 64" in result.stdout


def test_make_with_an_objective_returns_rewards_under_it(endpoint):
    # loss-under-cost: -soft(loss / ref) subject to cost <= 20; the optimum's cost 90 violates it by 3.5.
    with Client(endpoint, timeout=5) as client:
        session = client.make("synthetic", objective="loss-under-cost")
        assert session.reward["feasible"] == [-1, 1] and session.reward["unbuildable"] == -4
        evaluation = session.step(OPTIMUM)
        assert evaluation["feasible"] is False and evaluation["violation"] == 3.5
        assert evaluation["reward"] == pytest.approx(-2 - 3.5 / 4.5)
        cheap = session.step({"family": "alpha", "x": 1, "y": 4, "z": 0.5})
        assert cheap["feasible"] is True and cheap["violation"] == 0
        assert -1 <= cheap["reward"] <= 1
        custom = client.make("synthetic", objective={"terms": [{"metric": "cost", "reference": 50}],
                                                     "constraints": ["loss<=0.5"]})
        assert custom.reward["formula"] == "-soft(cost / 50)"
        assert custom.step(OPTIMUM)["reward"] == pytest.approx(-(90 / 50) / (1 + 90 / 50))
        with pytest.raises(ServerError) as error:
            client.make("synthetic", objective={"constraints": ["cost<<3"]})
        assert error.value.field == "objective.constraints[0]"


def test_gymnasium_rewards_are_finite_with_infeasible_below_feasible(endpoint):
    pytest.importorskip("gymnasium")
    from dsegym import make_env
    env = make_env("synthetic", endpoint=endpoint, timeout=5, objective="loss-under-cost")
    env.reset(seed=3)
    env.action_space.seed(3)
    feasible, infeasible = [], []
    for _ in range(200):
        _, reward, _, _, info = env.step(env.action_space.sample())
        assert math.isfinite(reward) and info["violation"] >= 0
        (feasible if info["feasible"] else infeasible).append(reward)
    env.close()
    assert feasible and infeasible and max(infeasible) < min(feasible)
