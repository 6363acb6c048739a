"""Optuna (TPE) ask/tell driving a DSEGym environment served by `dsegym serve`.

    pip install optuna
    dsegym serve &
    python examples/optuna_search.py --env synthetic --budget 100
"""
import argparse

import optuna

try:
    from dsegym import Client
except ImportError:  # run from a checkout without `pip install ./agents/python`
    import pathlib
    import sys
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from dsegym import Client


def suggest(trial, parameter):
    name, kind = parameter["name"], parameter["kind"]
    if kind in ("categorical", "ordinal"):
        return trial.suggest_categorical(name, parameter["choices"])
    if kind == "integer":
        return trial.suggest_int(name, int(parameter["low"]), int(parameter["high"]))
    return trial.suggest_float(name, parameter["low"], parameter["high"], log=bool(parameter.get("log")))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoint", default="tcp://127.0.0.1:5555")
    parser.add_argument("--env", default="synthetic")
    parser.add_argument("--budget", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=args.seed))
    with Client(args.endpoint) as client:
        session = client.make(args.env)
        session.reset(args.seed)
        for _ in range(args.budget):
            trial = study.ask()
            design = {p["name"]: suggest(trial, p) for p in session.parameters}
            evaluation = session.step(design)
            if evaluation["feasible"] and evaluation["reward"] is not None:
                study.tell(trial, evaluation["reward"])
            else:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
        session.close()
    print(f"best reward: {study.best_value:.4g}\nbest design: {study.best_params}")


if __name__ == "__main__":
    main()
