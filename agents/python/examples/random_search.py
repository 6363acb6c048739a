"""Random search on a DSEGym environment served by `dsegym serve`.

    dsegym serve &                       # tcp://127.0.0.1:5555
    python examples/random_search.py --env synthetic --budget 200
"""
import argparse
import random

try:
    from dsegym import Client
except ImportError:  # run from a checkout without `pip install ./agents/python`
    import pathlib
    import sys
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from dsegym import Client
from dsegym.designs import random_design


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", default="tcp://127.0.0.1:5555")
    parser.add_argument("--env", default="synthetic")
    parser.add_argument("--budget", type=int, default=200)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    with Client(args.endpoint) as client:
        session = client.make(args.env)
        session.reset(args.seed)
        best = None
        done = 0
        while done < args.budget:
            designs = [random_design(session.parameters, rng) for _ in range(min(args.batch, args.budget - done))]
            for design, evaluation in zip(designs, session.step_batch(designs)):
                if evaluation["feasible"] and evaluation["reward"] is not None and (best is None or evaluation["reward"] > best[0]):
                    best = (evaluation["reward"], design, evaluation["metrics"])
            done += len(designs)
        session.close()
    print(f"evaluations: {done}")
    if best:
        print(f"best reward: {best[0]:.4g}\nbest design: {best[1]}\nbest metrics: {best[2]}")


if __name__ == "__main__":
    main()
