"""Python client for DSEGym servers (``dsegym serve`` or any server speaking protocol v1).

    >>> from dsegym import Client
    >>> with Client("tcp://127.0.0.1:5555") as client:
    ...     session = client.make("synthetic")
    ...     evaluation = session.step({"family": "gamma", "x": 37, "y": 16, "z": 1.0})

See ``docs/protocol.md`` in the DSEGym repository for the protocol.
``dsegym.server`` is the other side: put your own Python simulator behind the protocol.
``dsegym.ray`` runs sweeps and batch evaluations on a Ray cluster (docs/ray.md; needs ``pip install ray``).
"""
from .client import Client, Session, ServerError, NoAnswer, PROTOCOL_VERSION
from .sweeps import run_sweep, SweepError

__all__ = ["Client", "Session", "ServerError", "NoAnswer", "PROTOCOL_VERSION", "make_env", "run_sweep", "SweepError"]


def make_env(*args, **kwargs):
    """Builds a Gymnasium ``DSEGymEnv`` (needs ``gymnasium``); see ``dsegym.gym_env``."""
    from .gym_env import DSEGymEnv
    return DSEGymEnv(*args, **kwargs)


#: The built-in environments, registered with Gymnasium as ``dsegym/<name>-v0`` when it is installed.
GYMNASIUM_ENVIRONMENTS = ("synthetic", "systolic", "dram", "dataflow", "hetero", "npu-fault")


def _register_gymnasium_ids():
    try:
        import gymnasium
    except ImportError:
        return
    for name in GYMNASIUM_ENVIRONMENTS:
        if f"dsegym/{name}-v0" not in gymnasium.registry:
            gymnasium.register(id=f"dsegym/{name}-v0", entry_point="dsegym.gym_env:DSEGymEnv", kwargs={"env": name})


_register_gymnasium_ids()
