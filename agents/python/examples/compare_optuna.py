"""Optuna's samplers against DSEGym's own agents, at equal budgets and seeds, scored on raw metrics.

    pip install optuna cmaes pyzmq numpy      # torch too for Optuna's GP sampler (skipped without it)
    swift build -c release --product dsegym
    python agents/python/examples/compare_optuna.py --seeds 10 --budgets 100,300

Each case is an environment, a workload and an objective preset of `dsegym describe ENV` ("minimize M
subject to a <= x, b >= y"). Our agents run through `dsegym run --objective PRESET --json`; every
evaluation of the run is read back with `dsegym export --format jsonl`. Optuna's samplers drive the
same environment through the Python client against a `dsegym serve` started here, with the same seeds
(the environment's reset seed and the sampler's seed). Both sides are scored the same way: the best
design after B evaluations is the smallest raw metric M among feasible evaluations (metrics present
and every constraint of the preset satisfied); a run with none has no best (shown as "-" and counted
in the feasible column). Neither side's reward is used for scoring.

What Optuna is told: the raw metric M (direction minimize). TPE and GP get the preset's constraints
through `constraints_func` (c = (value - bound)/|bound| for <=, feasible when c <= 0); CMA-ES has no
constraint support, so an infeasible trial is told (largest M seen so far) x (2 + total violation),
above every feasible value. A design the simulator cannot build is told as a failed trial. Ordinal
parameters are suggested as an integer level index (so TPE and CMA-ES see their order), categorical
ones with suggest_categorical, integers with suggest_int, continuous ones with suggest_float (log
where the space says so). Samplers use Optuna's defaults otherwise.
"""
import argparse
import json
import math
import multiprocessing
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

try:
    from dsegym import Client
except ImportError:  # run from a checkout without `pip install ./agents/python`
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
    from dsegym import Client

CASES = {
    "synthetic": ("synthetic", None, None),
    "systolic": ("systolic", "resnet18", "min-cycles-area-2mm2"),
    "dataflow": ("dataflow", "resnet18", "runtime-under-area"),
    "npu-fault": ("npu-fault", "conv", "asil-d-min-area"),
}


def objective_of(dsegym, env, preset):
    """(metric, [(metric, '<=' or '>=', bound)]) of a preset, or the environment's default objective."""
    text = subprocess.run([dsegym, "describe", env], capture_output=True, text=True, check=True).stdout
    if preset is None:
        line = json.loads(subprocess.run([dsegym, "describe", env, "--json"], capture_output=True, text=True,
                                         check=True).stdout)["objective"]
    else:
        match = re.search(r"preset --objective %s: (.*)" % re.escape(preset), text)
        if not match:
            sys.exit(f"{env}: no objective preset {preset!r}")
        line = match.group(1)
    goal, _, rest = line.partition(" subject to ")
    direction, metric = goal.split()
    if direction != "minimize":
        sys.exit(f"{env}/{preset}: only 'minimize' presets are compared (got {line!r})")
    constraints = []
    for term in filter(None, (t.strip() for t in rest.split(","))):
        name, op, bound = re.match(r"(\S+) (<=|>=|<|>) (\S+)", term).groups()
        if op in ("<", ">"):  # a strict bound (e.g. pmhf_fit < 10): the nearest double inside it
            op, bound = op + "=", math.nextafter(float(bound), -math.inf if op == "<" else math.inf)
        constraints.append((name, op, float(bound)))
    return metric, constraints


def violations(metrics, constraints):
    """One relative violation per constraint (<= 0 when satisfied)."""
    out = []
    for name, op, bound in constraints:
        value = metrics.get(name, math.inf if op == "<=" else -math.inf)
        scale = abs(bound) or 1.0
        out.append((value - bound) / scale if op == "<=" else (bound - value) / scale)
    return out


def best_after(history, budgets, metric, constraints):
    """Smallest feasible raw metric among the first B evaluations, for each budget B (None if none)."""
    result = {}
    for budget in budgets:
        values = [m[metric] for m in history[:budget]
                  if m and metric in m and all(v <= 0 for v in violations(m, constraints))]
        result[budget] = min(values) if values else None
    return result


def run_ours(dsegym, agent, env, workload, preset, budget, seed):
    with tempfile.TemporaryDirectory() as results:
        command = [dsegym, "run", "--env", env, "--agent", agent, "--budget", str(budget), "--seed", str(seed),
                   "--json", "--results", results]
        if workload:
            command += ["--workload", workload]
        if preset:
            command += ["--objective", preset]
        summary = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
        rows = subprocess.run([dsegym, "export", "--results", results, "--run", str(summary["run_id"]),
                               "--format", "jsonl"], capture_output=True, text=True, check=True).stdout
        rows = sorted((json.loads(line) for line in rows.splitlines() if line.strip()), key=lambda r: r["index"])
        return [r.get("metrics") or {} for r in rows]


def suggest(trial, parameter):
    name, kind = parameter["name"], parameter["kind"]
    if kind == "categorical":
        return trial.suggest_categorical(name, parameter["choices"])
    if kind == "ordinal":
        return parameter["choices"][trial.suggest_int(name, 0, len(parameter["choices"]) - 1)]
    if kind == "integer":
        return trial.suggest_int(name, int(parameter["low"]), int(parameter["high"]))
    return trial.suggest_float(name, parameter["low"], parameter["high"], log=bool(parameter.get("log")))


def run_optuna(endpoint, sampler_name, env, workload, metric, constraints, budget, seed):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)

    def constraints_func(trial):
        return trial.user_attrs.get("violations", [1.0] * len(constraints))

    if sampler_name == "tpe":
        sampler = optuna.samplers.TPESampler(seed=seed, constraints_func=constraints_func if constraints else None)
    elif sampler_name == "gp":
        sampler = optuna.samplers.GPSampler(seed=seed, constraints_func=constraints_func if constraints else None)
    else:
        sampler = optuna.samplers.CmaEsSampler(seed=seed, warn_independent_sampling=False)
    study = optuna.create_study(direction="minimize", sampler=sampler)
    history, largest = [], -math.inf
    with Client(endpoint, timeout=600) as client:
        session = client.make(env, workload) if workload else client.make(env)
        session.reset(seed)
        for _ in range(budget):
            trial = study.ask()
            design = {p["name"]: suggest(trial, p) for p in session.parameters}
            metrics = session.step(design).get("metrics") or {}
            history.append(metrics)
            if metric not in metrics:
                study.tell(trial, state=optuna.trial.TrialState.FAIL)
                continue
            value = metrics[metric]
            largest = max(largest, value)
            found = violations(metrics, constraints)
            trial.set_user_attr("violations", found)
            if sampler_name == "cmaes" and any(v > 0 for v in found):
                value = largest * (2 + sum(v for v in found if v > 0))
            study.tell(trial, value)
        session.close()
    return history


def quartiles(values):
    """Median (a run without a feasible design counts as +inf, below every run with one) and the
    first and third quartiles of the runs that found one."""
    median = statistics.median(v if v is not None else math.inf for v in values)
    finite = sorted(v for v in values if v is not None)
    if len(finite) < 2:
        return median, (finite[0] if finite else None), (finite[0] if finite else None)
    q = statistics.quantiles(finite, n=4, method="inclusive")
    return median, q[0], q[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dsegym", default=".build/release/dsegym", help="the dsegym binary")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated: " + ", ".join(CASES))
    parser.add_argument("--budgets", default="100,300")
    parser.add_argument("--seeds", type=int, default=10, help="seeds 1..N on both sides")
    parser.add_argument("--ours", default="tpe,cmaes,ga,aco", help="our agents (dsegym agents)")
    parser.add_argument("--optuna", default="tpe,cmaes,gp", help="Optuna samplers: tpe, cmaes, gp (gp needs torch)")
    parser.add_argument("--jobs", type=int, default=2, help="runs at once")
    args = parser.parse_args()

    budgets = [int(b) for b in args.budgets.split(",")]
    samplers = args.optuna.split(",")
    if "gp" in samplers:
        try:
            import torch  # noqa: F401  (Optuna's GPSampler needs it)
        except ImportError:
            print("note: torch is not installed, so Optuna's GP sampler is skipped")
            samplers.remove("gp")
    server = subprocess.Popen([args.dsegym, "serve", "--bind", "tcp://127.0.0.1:*"], stdout=subprocess.PIPE, text=True)
    endpoint = re.search(r"listening on (\S+)", server.stdout.readline()).group(1)
    # Keep reading the server's output so a full pipe never blocks it.
    threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
    try:
        for case in args.cases.split(","):
            env, workload, preset = CASES[case]
            metric, constraints = objective_of(args.dsegym, env, preset)
            seeds = range(1, args.seeds + 1)
            # Spawned (not forked) workers: a fork while the thread pool runs could copy a held lock.
            spawn = multiprocessing.get_context("spawn")
            with ThreadPoolExecutor(args.jobs) as threads, ProcessPoolExecutor(args.jobs, mp_context=spawn) as processes:
                jobs = {}
                for agent in args.ours.split(","):
                    jobs["ours " + agent] = [threads.submit(run_ours, args.dsegym, agent, env, workload, preset,
                                                            max(budgets), s) for s in seeds]
                for sampler in samplers:
                    jobs["optuna " + sampler] = [processes.submit(run_optuna, endpoint, sampler, env, workload, metric,
                                                                  constraints, max(budgets), s) for s in seeds]
                bests = {name: [best_after(f.result(), budgets, metric, constraints) for f in futures]
                         for name, futures in jobs.items()}
            subject = " subject to " + ", ".join(f"{n} {o} {b:g}" for n, o, b in constraints) if constraints else ""
            print(f"\n{case}: minimize {metric}{subject}; {args.seeds} seeds; best feasible {metric} after B evaluations")
            print(f"{'sampler':<14} {'B':>5} {'median':>12} {'IQR (q1 .. q3)':>27} {'feasible':>9}")
            for budget in budgets:
                medians = {}
                for name, per_seed in bests.items():
                    values = [b[budget] for b in per_seed]
                    median, q1, q3 = quartiles(values)
                    medians[name] = median if median is not None else math.inf
                    feasible = sum(v is not None for v in values)
                    text = "-" if median is None or math.isinf(median) else f"{median:.4g}"
                    iqr = "-" if q1 is None else f"{q1:.4g} .. {q3:.4g}"
                    print(f"{name:<14} {budget:>5} {text:>12} {iqr:>27} {feasible:>6}/{len(values)}")
                ours = min((n for n in medians if n.startswith("ours")), key=medians.get)
                theirs = min((n for n in medians if n.startswith("optuna")), key=medians.get, default=None)
                if theirs:
                    verdict = "at least as good" if medians[ours] <= medians[theirs] else "WORSE"
                    print(f"  B={budget}: our best {ours} {medians[ours]:.4g} vs Optuna's best {theirs} "
                          f"{medians[theirs]:.4g}: {verdict}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
