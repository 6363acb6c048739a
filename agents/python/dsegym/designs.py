"""Random designs from a server's parameter description (used by the examples and tests)."""
import math
import random


def random_design(parameters, rng=random):
    """One uniformly random design (log-uniform for log-scale continuous parameters)."""
    design = {}
    for parameter in parameters:
        kind = parameter["kind"]
        if kind in ("categorical", "ordinal"):
            design[parameter["name"]] = rng.choice(parameter["choices"])
        elif kind == "integer":
            design[parameter["name"]] = rng.randint(int(parameter["low"]), int(parameter["high"]))
        elif parameter.get("log"):
            low, high = math.log(parameter["low"]), math.log(parameter["high"])
            design[parameter["name"]] = math.exp(rng.uniform(low, high))
        else:
            design[parameter["name"]] = rng.uniform(parameter["low"], parameter["high"])
    return design
