"""A Gymnasium ``Env`` over a DSEGym session; its spaces are built from the server's description.

    >>> import gymnasium, dsegym
    >>> env = gymnasium.make("dsegym/systolic-v0")            # starts a local `dsegym serve` on demand
    >>> env = gymnasium.make("dsegym/dram-v0", workload="cloud-1", objective="min-edp")
    >>> env = dsegym.make_env("synthetic", endpoint="tcp://127.0.0.1:5555", action_type="dict")

**Action** (``action_type``):

- ``"multidiscrete"`` (default, what stable-baselines3 and most RL libraries accept): a
  ``MultiDiscrete`` vector, one entry per parameter in the space's order: the index of a categorical
  or ordinal choice, ``value - low`` of an integer, and for a continuous parameter one of
  ``continuous_bins`` evenly spaced levels (log-spaced for a log-scale one).
- ``"dict"``: a ``Dict`` with ``Discrete`` entries as above and ``Box(low, high)`` for continuous
  parameters in their own units.

**Observation**: a ``Box`` in [-1, 1] (float32) of length ``P + M + 2``, laid out as

- ``[0, P)``: the last design, each parameter's position in its range scaled to [0, 1];
- ``[P, P + M)``: the last evaluation's metrics, each squashed by ``sign(m) log10(1 + |m|) / 20``
  and clipped to [-1, 1] (0 for a metric the server left out);
- ``P + M``: 1 when the last design was feasible, else 0;
- ``P + M + 1``: 1 once a design has been evaluated in this episode, else 0.

It is all zeros after ``reset``. ``info`` keeps ``design``, ``feasible``, ``reason``, ``violation``
and the raw ``metrics``.

**Reward**: the server's under the session's objective (``objective=``: a preset name or a dict, see
``Client.make``), following the reward contract (docs/objectives.md): always finite, O(1), and for an
infeasible design a penalty below every feasible reward, ordered by ``info["violation"]``. A server
that sends no reward (``null``) gets the contract's ``unbuildable`` reward (``-1.0`` from a server that
does not describe one). Each episode is one step (design in, evaluation out), as in ArchGym.

Without ``endpoint``, the environment starts its own ``dsegym serve`` (the binary from
``DSEGYM_BIN``, ``PATH`` or this checkout's ``.build``) and stops it on ``close``.
"""
import math

import gymnasium as gym
import numpy as np

from .client import Client
from .local_server import LocalServer

ACTION_TYPES = ("multidiscrete", "dict")


def _levels(parameter, bins):
    """The values an action index stands for, for a discrete-coded parameter."""
    kind = parameter["kind"]
    if kind in ("categorical", "ordinal"):
        return list(parameter["choices"])
    if kind == "integer":
        return list(range(int(parameter["low"]), int(parameter["high"]) + 1))
    low, high = float(parameter["low"]), float(parameter["high"])
    if parameter.get("log"):
        return [float(v) for v in np.geomspace(low, high, bins)]
    return [float(v) for v in np.linspace(low, high, bins)]


def _dict_space(parameter):
    kind = parameter["kind"]
    if kind in ("categorical", "ordinal"):
        return gym.spaces.Discrete(len(parameter["choices"]))
    if kind == "integer":
        return gym.spaces.Discrete(int(parameter["high"]) - int(parameter["low"]) + 1)
    return gym.spaces.Box(low=float(parameter["low"]), high=float(parameter["high"]), shape=(1,), dtype=np.float64)


def action_to_design(parameters, action, continuous_bins=16):
    """Maps an action (a ``Dict`` mapping or a ``MultiDiscrete`` vector) to a design dict."""
    design = {}
    for index, parameter in enumerate(parameters):
        name, kind = parameter["name"], parameter["kind"]
        if isinstance(action, dict) or hasattr(action, "keys"):
            value = action[name]
            if kind in ("categorical", "ordinal"):
                design[name] = parameter["choices"][int(value)]
            elif kind == "integer":
                design[name] = int(parameter["low"]) + int(value)
            else:
                design[name] = float(np.clip(np.asarray(value).reshape(-1)[0], parameter["low"], parameter["high"]))
        else:
            levels = _levels(parameter, continuous_bins)
            design[name] = levels[int(np.clip(int(action[index]), 0, len(levels) - 1))]
    return design


def _position(parameter, value):
    """A design value's place in its parameter's range, in [0, 1]."""
    kind = parameter["kind"]
    if kind in ("categorical", "ordinal"):
        choices = parameter["choices"]
        return choices.index(value) / max(1, len(choices) - 1) if value in choices else 0.0
    low, high = float(parameter["low"]), float(parameter["high"])
    if high <= low:
        return 0.0
    if kind == "continuous" and parameter.get("log") and low > 0:
        return float(np.clip((math.log(value) - math.log(low)) / (math.log(high) - math.log(low)), 0, 1))
    return float(np.clip((float(value) - low) / (high - low), 0, 1))


def _squash(value):
    """A metric of any magnitude in [-1, 1]: sign(m) log10(1 + |m|) / 20, clipped."""
    if value is None or not math.isfinite(value):
        return 0.0
    return float(np.clip(math.copysign(math.log10(1 + abs(value)) / 20, value), -1, 1))


class DSEGymEnv(gym.Env):
    """``DSEGymEnv("synthetic")``: one session on a server (its own local one without ``endpoint``)."""

    metadata = {"render_modes": []}

    def __init__(self, env, endpoint=None, workload=None, timeout=10.0, client=None, objective=None,
                 action_type="multidiscrete", continuous_bins=16, **options):
        if action_type not in ACTION_TYPES:
            raise ValueError(f"action_type '{action_type}' is unknown; allowed: {', '.join(ACTION_TYPES)}")
        if not isinstance(continuous_bins, int) or not 2 <= continuous_bins <= 10_000:
            raise ValueError(f"continuous_bins {continuous_bins!r} is out of range; allowed: an integer in 2...10000")
        self._server = None
        if client is None and endpoint is None:
            self._server = LocalServer()
            endpoint = self._server.endpoint
        try:
            self.client = client or Client(endpoint, timeout=timeout)
            self.session = self.client.make(env, workload=workload, objective=objective, **options)
        except Exception:
            if self._server is not None:
                self._server.stop()
            raise
        contract = self.session.reward or {}
        self._missing_reward = float(contract.get("unbuildable", -1.0))
        self.action_type, self.continuous_bins = action_type, continuous_bins
        self.parameters = self.session.parameters
        self.metric_names = [metric["name"] for metric in self.session.metrics]
        if action_type == "dict":
            self.action_space = gym.spaces.Dict({p["name"]: _dict_space(p) for p in self.parameters})
        else:
            self.action_space = gym.spaces.MultiDiscrete([len(_levels(p, continuous_bins)) for p in self.parameters])
        size = len(self.parameters) + len(self.metric_names) + 2
        self.observation_space = gym.spaces.Box(low=-1.0, high=1.0, shape=(size,), dtype=np.float32)
        self._observation = np.zeros(size, dtype=np.float32)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if seed is not None:
            self.session.reset(seed)
            self.action_space.seed(seed)
        self._observation = np.zeros(self.observation_space.shape, dtype=np.float32)
        return self._observation.copy(), {}

    def step(self, action):
        design = action_to_design(self.parameters, action, self.continuous_bins)
        evaluation = self.session.step(design)
        metrics = evaluation["metrics"]
        observation = [_position(p, design[p["name"]]) for p in self.parameters]
        observation += [_squash(metrics.get(name)) for name in self.metric_names]
        observation += [1.0 if evaluation["feasible"] else 0.0, 1.0]
        self._observation = np.asarray(observation, dtype=np.float32)
        reward = evaluation.get("reward")
        if reward is None or not math.isfinite(reward):
            reward = self._missing_reward
        info = {"design": design, "feasible": evaluation["feasible"], "reason": evaluation["reason"],
                "violation": float(evaluation.get("violation", 0.0)), "metrics": metrics}
        return self._observation.copy(), float(reward), True, False, info

    def close(self):
        """Closes the session and a server this environment started; closing again does nothing."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        try:
            try:
                self.session.close()
            finally:
                self.client.close()
        finally:
            if self._server is not None:
                self._server.stop()
                self._server = None
