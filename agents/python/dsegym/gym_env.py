"""A Gymnasium ``Env`` over a DSEGym session; its spaces are built from the server's description.

Action: a ``Dict`` space, one entry per parameter: ``Discrete(len(choices))`` for categorical and
ordinal parameters, ``Discrete(high - low + 1)`` for integers, ``Box(low, high)`` for continuous ones
(log-scale parameters are still given in their own units). Observation: a ``Box`` holding the last
evaluation's metrics (0 before the first step, and for a metric the server left out). The reward is
the server's under the session's objective (``objective=``: a preset name or a dict, see
``Client.make``), following the reward contract (docs/objectives.md): always finite, O(1), and for an
infeasible design a penalty below every feasible reward, ordered by ``info["violation"]``. A server
that sends no reward (``null``) gets the contract's ``unbuildable`` reward (``-1.0`` from a server
that does not describe one). ``info`` keeps ``feasible``, ``reason``, ``violation`` and ``metrics``.
Each episode is one step (design in, evaluation out), as in ArchGym.
"""
import math

import gymnasium as gym
import numpy as np

from .client import Client


def _action_space(parameter):
    kind = parameter["kind"]
    if kind in ("categorical", "ordinal"):
        return gym.spaces.Discrete(len(parameter["choices"]))
    if kind == "integer":
        return gym.spaces.Discrete(int(parameter["high"]) - int(parameter["low"]) + 1)
    return gym.spaces.Box(low=float(parameter["low"]), high=float(parameter["high"]), shape=(1,), dtype=np.float64)


def action_to_design(parameters, action):
    """Maps a ``Dict`` action to a design dict."""
    design = {}
    for parameter in parameters:
        name, kind, value = parameter["name"], parameter["kind"], action[parameter["name"]]
        if kind in ("categorical", "ordinal"):
            design[name] = parameter["choices"][int(value)]
        elif kind == "integer":
            design[name] = int(parameter["low"]) + int(value)
        else:
            design[name] = float(np.asarray(value).reshape(-1)[0])
    return design


class DSEGymEnv(gym.Env):
    """``DSEGymEnv("synthetic", endpoint="tcp://127.0.0.1:5555")``: one session on the server."""

    metadata = {"render_modes": []}

    def __init__(self, env, endpoint="tcp://127.0.0.1:5555", workload=None, timeout=10.0, client=None, objective=None, **options):
        self.client = client or Client(endpoint, timeout=timeout)
        self.session = self.client.make(env, workload=workload, objective=objective, **options)
        contract = self.session.reward or {}
        self._missing_reward = float(contract.get("unbuildable", -1.0))
        self.parameters = self.session.parameters
        self.metric_names = [metric["name"] for metric in self.session.metrics]
        self.action_space = gym.spaces.Dict({p["name"]: _action_space(p) for p in self.parameters})
        self.observation_space = gym.spaces.Box(low=-np.inf, high=np.inf, shape=(len(self.metric_names),), dtype=np.float64)
        self._observation = np.zeros(len(self.metric_names))

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if seed is not None:
            self.session.reset(seed)
        self._observation = np.zeros(len(self.metric_names))
        return self._observation.copy(), {}

    def step(self, action):
        design = action_to_design(self.parameters, action)
        evaluation = self.session.step(design)
        metrics = evaluation["metrics"]
        self._observation = np.array([float(metrics.get(name, 0.0)) for name in self.metric_names])
        reward = evaluation.get("reward")
        if reward is None or not math.isfinite(reward):
            reward = self._missing_reward
        info = {"design": design, "feasible": evaluation["feasible"], "reason": evaluation["reason"],
                "violation": float(evaluation.get("violation", 0.0)), "metrics": metrics}
        return self._observation.copy(), reward, True, False, info

    def close(self):
        try:
            self.session.close()
        finally:
            self.client.close()
