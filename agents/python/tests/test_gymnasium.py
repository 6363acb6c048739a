"""Gymnasium: registered ids, spaces RL libraries accept, bounded observations, finite rewards."""
import math
import warnings

import numpy as np
import pytest

gymnasium = pytest.importorskip("gymnasium")  # scripts/python-test.sh installs it; CI runs these
from gymnasium.utils.env_checker import check_env  # noqa: E402

import dsegym  # noqa: E402  (registers dsegym/<env>-v0)
from dsegym.gym_env import action_to_design  # noqa: E402

from conftest import _binary  # noqa: E402


@pytest.fixture(autouse=True)
def binary(monkeypatch):
    monkeypatch.setenv("DSEGYM_BIN", _binary())


@pytest.mark.parametrize("name", dsegym.GYMNASIUM_ENVIRONMENTS)
def test_check_env_passes_without_warnings_on_every_environment(name, endpoint):
    env = dsegym.make_env(name, endpoint=endpoint, timeout=60)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env, skip_render_check=True)
    env.close()
    assert [str(w.message) for w in caught] == []


@pytest.mark.parametrize("name", ["synthetic", "npu-fault"])
def test_registered_id_starts_its_own_server_and_stops_it(name):
    env = gymnasium.make(f"dsegym/{name}-v0")
    assert isinstance(env.action_space, gymnasium.spaces.MultiDiscrete)
    server = env.unwrapped._server
    assert server is not None and server.endpoint.startswith("tcp://127.0.0.1:")
    observation, _ = env.reset(seed=4)
    assert not observation.any(), "all zeros after reset"
    observation, reward, terminated, truncated, info = env.step(env.action_space.sample())
    assert env.observation_space.contains(observation) and observation[-1] == 1
    assert math.isfinite(reward) and terminated and not truncated
    env.close()
    assert server._process is None, "the private server stopped with the environment"


def test_observation_layout_is_the_documented_one(endpoint):
    env = dsegym.make_env("synthetic", endpoint=endpoint, timeout=60)
    env.reset(seed=1)
    names = [p["name"] for p in env.parameters]
    optimum = {"family": "gamma", "x": 37, "y": 16, "z": 1.0}
    action = [env.parameters[i]["choices"].index(optimum[n]) if "choices" in env.parameters[i]
              else optimum[n] - env.parameters[i]["low"] for i, n in enumerate(names) if n != "z"]
    z = env.parameters[names.index("z")]
    levels = np.geomspace(z["low"], z["high"], 16) if z.get("log") else np.linspace(z["low"], z["high"], 16)
    action.insert(names.index("z"), int(np.argmin(abs(levels - 1.0))))
    observation, reward, _, _, info = env.step(np.array(action))
    assert info["design"]["family"] == "gamma" and info["design"]["x"] == 37
    parameters, metrics = len(names), len(env.metric_names)
    assert observation[names.index("x")] == pytest.approx(37 / 63)
    loss = info["metrics"]["loss"]
    assert observation[parameters + env.metric_names.index("loss")] == pytest.approx(math.log10(1 + loss) / 20, abs=1e-6)
    assert observation[parameters + metrics] == 1 and observation[parameters + metrics + 1] == 1
    env.close()


def test_dict_action_type_is_kept_and_bad_settings_name_the_allowed_values(endpoint):
    env = dsegym.make_env("synthetic", endpoint=endpoint, action_type="dict")
    assert isinstance(env.action_space, gymnasium.spaces.Dict)
    env.close()
    with pytest.raises(ValueError, match="allowed: multidiscrete, dict"):
        dsegym.make_env("synthetic", endpoint=endpoint, action_type="flat")
    with pytest.raises(ValueError, match="2...10000"):
        dsegym.make_env("synthetic", endpoint=endpoint, continuous_bins=1)


def test_multidiscrete_actions_cover_every_choice_and_the_continuous_ends():
    parameters = [{"name": "c", "kind": "categorical", "choices": ["a", "b"]},
                  {"name": "i", "kind": "integer", "low": 3, "high": 5},
                  {"name": "f", "kind": "continuous", "low": 0.1, "high": 10.0, "log": True}]
    assert action_to_design(parameters, [1, 2, 0], continuous_bins=3) == {"c": "b", "i": 5, "f": pytest.approx(0.1)}
    assert action_to_design(parameters, [0, 0, 1], continuous_bins=3)["f"] == pytest.approx(1.0)
    assert action_to_design(parameters, [0, 0, 2], continuous_bins=3)["f"] == pytest.approx(10.0)
