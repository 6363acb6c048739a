"""Read a DSEGym results store (``results/dsegym.sqlite``) as pandas DataFrames.

Every run in the store is there, whoever drove it (``dsegym run``, ``compare``, ``sweep``,
``bench``), with its agent, hyperparameters, objective, seed and sweep. The evaluation table has
the same columns as ``dsegym export --format csv``: run columns, ``hp_<name>`` per agent
hyperparameter, the design's parameters, the metrics, then ``feasible``, ``reason``, ``reward``,
``violation`` (0 when feasible; docs/objectives.md), ``best_so_far``, ``sim_wall_s`` and ``wall_clock`` (Unix seconds). A parameter or metric whose name
an earlier column already has is named ``param_<name>`` or ``metric_<name>``.

    >>> import dsegym.results as r
    >>> store = r.load("results")                    # a folder holding dsegym.sqlite, or the file
    >>> runs = store.runs(sweep="smoke")             # one row per run
    >>> evals = store.evaluations(sweep="smoke", env="synthetic")
    >>> evals.groupby(["agent", "seed"])["best_so_far"].last()

Needs ``pandas`` (``pip install ./agents/python[results]``). The store is opened read-only, so
reading never blocks or changes a sweep that is writing to it.
"""
import json
import os
import sqlite3

FILE_NAME = "dsegym.sqlite"
RUN_COLUMNS = ["run_id", "index", "sweep", "environment", "workload", "agent", "seed", "objective"]
EVALUATION_COLUMNS = ["feasible", "reason", "reward", "violation", "best_so_far", "sim_wall_s", "wall_clock"]


class ResultsError(Exception):
    """The store is missing or unreadable; the message names the path."""


def load(path="results"):
    """Opens the store in ``path`` (a results folder or the ``.sqlite`` file itself)."""
    return ResultsStore(path)


def _pandas():
    try:
        import pandas
    except ImportError as error:  # pragma: no cover - exercised only without pandas
        raise ResultsError("dsegym.results needs pandas: pip install pandas") from error
    return pandas


class ResultsStore:
    """A read-only view of one results store; each call reads the store afresh."""

    def __init__(self, path="results"):
        path = os.fspath(path)
        self.path = os.path.join(path, FILE_NAME) if os.path.isdir(path) else path
        if not os.path.isfile(self.path):
            raise ResultsError(f"no results store at '{self.path}' (expected a folder holding {FILE_NAME}); "
                               "run an experiment first or pass its --results folder")

    def _connect(self):
        uri = "file:" + os.path.abspath(self.path) + "?mode=ro"
        try:
            return sqlite3.connect(uri, uri=True)
        except sqlite3.Error as error:
            raise ResultsError(f"cannot open '{self.path}': {error}") from error

    def _run_rows(self, connection, sweep=None, env=None, agent=None, run=None):
        clauses, bindings = [], []
        for column, value in (("sweep_id", sweep), ("environment", env), ("agent", agent)):
            if value is not None:
                clauses.append(f"{column} = ?")
                bindings.append(value)
        if run is not None:
            ids = [run] if isinstance(run, int) else list(run)
            clauses.append("id IN (%s)" % ",".join("?" * len(ids)))
            bindings.extend(ids)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cursor = connection.execute("SELECT * FROM runs" + where + " ORDER BY id", bindings)
        names = [description[0] for description in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def runs(self, sweep=None, env=None, agent=None, run=None):
        """One row per run: id, sweep, environment, workload, agent, seed, objective, budget, status,
        evaluations, best_reward, start/end (Unix seconds), wall_s, and ``hp_<name>`` columns."""
        pandas = _pandas()
        with self._connect() as connection:
            rows = self._run_rows(connection, sweep, env, agent, run)
        hyperparameter_names = _ordered_union(sorted(_hyperparameters(row)) for row in rows)
        records = []
        for row in rows:
            settings = _hyperparameters(row)
            record = {
                "run_id": row["id"], "sweep": row["sweep_id"], "environment": row["environment"],
                "workload": row["workload"], "agent": row["agent"], "seed": _seed(row["seed"]),
                "objective": row["objective"], "budget": row["budget"], "batch_size": row["batch_size"],
                "status": row["status"], "status_detail": row["status_detail"], "evaluations": row["evaluations"],
                "best_reward": row["best_reward"], "started_at": row["started_at"], "ended_at": row["ended_at"],
                "wall_s": (row["ended_at"] - row["started_at"]) if row["ended_at"] is not None else None,
            }
            for name in hyperparameter_names:
                record["hp_" + name] = _cell(settings.get(name))
            records.append(record)
        columns = ["run_id", "sweep", "environment", "workload", "agent", "seed", "objective", "budget", "batch_size",
                   "status", "status_detail", "evaluations", "best_reward", "started_at", "ended_at", "wall_s"]
        return pandas.DataFrame.from_records(records, columns=columns + ["hp_" + n for n in hyperparameter_names])

    def evaluations(self, sweep=None, env=None, agent=None, run=None):
        """One row per evaluation, columns as ``dsegym export --format csv`` (see the module doc)."""
        pandas = _pandas()
        with self._connect() as connection:
            rows = self._run_rows(connection, sweep, env, agent, run)
            columns = {info[1] for info in connection.execute("PRAGMA table_info(evaluations)")}
            violation = "violation" if "violation" in columns else "NULL"  # stores written before the reward contract
            per_run = {}
            for row in rows:
                per_run[row["id"]] = connection.execute(
                    f"SELECT idx, design, metrics, feasible, reason, reward, {violation}, best_so_far, sim_wall_s, wall_clock "
                    "FROM evaluations WHERE run_id = ? ORDER BY idx", (row["id"],)).fetchall()
        hyperparameter_names = _ordered_union(sorted(_hyperparameters(row)) for row in rows)
        parameters = _ordered_union(json.loads(row["parameters"]) for row in rows)
        metrics = _ordered_union(json.loads(row["metrics"]) for row in rows)
        taken = set(RUN_COLUMNS + EVALUATION_COLUMNS + ["hp_" + name for name in hyperparameter_names])
        parameter_headers = [_claim(name, "param_", taken) for name in parameters]
        metric_headers = [_claim(name, "metric_", taken) for name in metrics]
        header = (RUN_COLUMNS + ["hp_" + name for name in hyperparameter_names] + parameter_headers
                  + metric_headers + EVALUATION_COLUMNS)
        records = []
        for row in rows:
            settings = _hyperparameters(row)
            fixed = [row["id"], None, row["sweep_id"], row["environment"], row["workload"], row["agent"],
                     _seed(row["seed"]), row["objective"]] + [_cell(settings.get(n)) for n in hyperparameter_names]
            for index, design, figures, feasible, reason, reward, violated, best, sim_wall, wall in per_run[row["id"]]:
                design, figures = json.loads(design), json.loads(figures)
                fixed[1] = index
                records.append(fixed + [design.get(name) for name in parameters]
                               + [figures.get(name) for name in metrics]
                               + [bool(feasible), reason, reward, violated, best, sim_wall, wall])
        return pandas.DataFrame.from_records(records, columns=header)


def _hyperparameters(row):
    try:
        value = json.loads(row["hyperparameters"] or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _cell(value):
    """A hyperparameter value as one cell: scalars as they are, lists and objects as JSON text."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return value


def _seed(raw):
    """Seeds are unsigned 64-bit; SQLite stores them as signed."""
    return raw + (1 << 64) if raw is not None and raw < 0 else raw


def _claim(name, prefix, taken):
    header = prefix + name if name in taken else name
    taken.add(header)
    return header


def _ordered_union(lists):
    seen, names = set(), []
    for names_of_one in lists:
        for name in names_of_one:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return names
