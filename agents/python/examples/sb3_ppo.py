"""Stable-baselines3's PPO on a DSEGym environment through Gymnasium (not run in CI: needs torch).

    pip install "./agents/python[gym]" stable-baselines3
    python agents/python/examples/sb3_ppo.py --env systolic --steps 2048

`gymnasium.make("dsegym/<env>-v0")` starts a private `dsegym serve` (the binary from DSEGYM_BIN, PATH
or this checkout's .build) and stops it on close. Actions are MultiDiscrete (one entry per
parameter), observations a bounded Box (last design, squashed metrics, feasible flag), rewards the
reward contract's (finite; infeasible designs below every feasible one): docs/objectives.md.
"""
import argparse

import gymnasium
from stable_baselines3 import PPO

import dsegym  # noqa: F401  (registers the dsegym/<env>-v0 ids)

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--env", default="systolic", choices=dsegym.GYMNASIUM_ENVIRONMENTS)
parser.add_argument("--objective", default=None, help="an objective preset (dsegym describe ENV)")
parser.add_argument("--steps", type=int, default=2048)
args = parser.parse_args()

env = gymnasium.make(f"dsegym/{args.env}-v0", objective=args.objective)
model = PPO("MlpPolicy", env, n_steps=256, batch_size=64, seed=1, verbose=0)
model.learn(total_timesteps=args.steps)
observation, _ = env.reset(seed=1)
action, _ = model.predict(observation, deterministic=True)
_, reward, _, _, info = env.step(action)
print(f"greedy design after {args.steps} steps: {info['design']}")
print(f"reward {reward:.4f}, feasible {info['feasible']}, metrics {info['metrics']}")
env.close()
