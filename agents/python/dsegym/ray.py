"""DSEGym on a Ray cluster: sweeps whose runs are Ray tasks, and batches evaluated by many servers.

Sweeps (``run_sweep_on_ray``, or ``dsegym sweep FILE --ray ADDRESS`` which hands over to it):

1. the driver asks ``dsegym sweep FILE --dry-run --json`` for the sweep's runs, their keys and which
   are already complete in the results store (so a re-run resumes);
2. each missing run becomes a Ray task that runs ``dsegym sweep FILE --run-key KEY`` on a node, into
   a node-local temporary store, and returns that store's files;
3. as tasks finish, the driver commits each store with ``dsegym import`` (one transaction per run,
   refusing a key already complete), so the results stay one SQLite file written only by the driver,
   through the same Swift code as on one machine.

A node that dies mid-run loses only its temporary store; Ray runs the task again elsewhere
(``max_retries``), and the import never records a key twice. Every node needs the ``dsegym``
binary: ``DSEGYM_BIN`` or ``dsegym`` on the node's PATH, or the driver's path when the nodes share it
(docs/ray.md).

    >>> from dsegym.ray import run_sweep_on_ray
    >>> summary = run_sweep_on_ray("agents/sweeps/smoke.yaml", address="10.0.0.1:6379", results="results")
    >>> summary["executed"], summary["failed"], summary["leaderboard"][0]["agent"]

Distributed evaluation (``serve_on_ray``): N Ray actors each host a protocol-v1 server (``dsegym
serve`` or an external simulator's adapter), and a ``BatchProxy`` in this process fans each
``step_batch`` out across them, so ``dsegym run --remote ENDPOINT --batch 32`` works unchanged:

    >>> with serve_on_ray(replicas=4, address="auto") as pool:
    ...     subprocess.run(["dsegym", "run", "--remote", pool.endpoint, "--env", "systolic", "--agent", "bo", "--batch", "32"])
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from .proxy import BatchProxy
from .sweeps import SweepError, _binary

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _ray():
    try:
        import ray
    except ImportError:
        raise SweepError("dsegym.ray needs Ray in this interpreter: pip install ray") from None
    return ray


def _connect(address, runtime_env):
    """Joins the cluster at ``address`` (``None``: a new local one) unless Ray is already initialized.
    Ships this package to the workers (``py_modules``) so tasks and actors can import it. Returns
    whether this call connected (and so should disconnect)."""
    ray = _ray()
    if ray.is_initialized():
        return False
    environment = dict(runtime_env or {})
    environment.setdefault("py_modules", [PACKAGE_DIR])
    ray.init(address=address, runtime_env=environment, logging_level="WARNING", log_to_driver=False)
    return True


def _node_binary(explicit, driver_binary):
    """The ``dsegym`` binary on this node: ``explicit``, ``$DSEGYM_BIN``, ``dsegym`` on the PATH, or the
    driver's path when this node sees it (a shared file system)."""
    for candidate in (explicit, os.environ.get("DSEGYM_BIN"), shutil.which("dsegym"), driver_binary):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(f"node {socket.gethostname()}: no dsegym binary (set DSEGYM_BIN on the node, put dsegym on its "
                       f"PATH, or share {driver_binary} at the same path); see docs/ray.md")


def _die_with_parent():
    """In a child process: ask Linux to end it when the Ray worker that started it dies."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# -- sweeps ----------------------------------------------------------------------------------------

def execute_run(sweep_text, suffix, key, node_binary=None, driver_binary=None):
    """A Ray task: runs the sweep run ``key`` with the node's ``dsegym`` into a temporary store and
    returns ``{"node", "returncode", "stderr", "files"}`` (``files``: the store's files by name)."""
    binary = _node_binary(node_binary, driver_binary)
    with tempfile.TemporaryDirectory(prefix="dsegym-ray-") as scratch:
        path = os.path.join(scratch, "sweep" + suffix)
        with open(path, "w") as handle:
            handle.write(sweep_text)
        store = os.path.join(scratch, "results")
        completed = subprocess.run([binary, "sweep", path, "--run-key", key, "--results", store, "--json"],
                                   capture_output=True, text=True, preexec_fn=_die_with_parent)
        files = {}
        if os.path.isdir(store):
            for name in sorted(os.listdir(store)):
                with open(os.path.join(store, name), "rb") as handle:
                    files[name] = handle.read()
        return {"node": socket.gethostname(), "returncode": completed.returncode,
                "stderr": completed.stderr.strip()[-2000:], "files": files}


def _dsegym(binary, *arguments):
    completed = subprocess.run([binary, *arguments], capture_output=True, text=True)
    if completed.returncode != 0:
        lines = completed.stderr.strip().splitlines()
        message = lines[-1] if lines else f"dsegym {arguments[0]} exited with status {completed.returncode}"
        raise SweepError(message[len("error: "):] if message.startswith("error: ") else message)
    return json.loads(completed.stdout)


def _commit(binary, files, results):
    """Imports one task's store into ``results``; returns the import's per-run rows."""
    with tempfile.TemporaryDirectory(prefix="dsegym-import-") as incoming:
        for name, data in files.items():
            with open(os.path.join(incoming, os.path.basename(name)), "wb") as handle:
                handle.write(data)
        return _dsegym(binary, "import", "--from", incoming, "--results", str(results), "--json")["runs"]


def _sweep_source(sweep):
    """(text, suffix) of a sweep given as a file path or a dict in the sweep-file shape."""
    if isinstance(sweep, dict):
        if "name" not in sweep:
            raise SweepError("a sweep is a dict with at least 'name', 'budget', 'seeds', 'environments' and 'agents'")
        return json.dumps(sweep, indent=1), ".json"
    path = os.fspath(sweep)
    try:
        with open(path) as handle:
            text = handle.read()
    except OSError as error:
        raise SweepError(f"{path}: cannot read the sweep file ({error.strerror})") from None
    return text, os.path.splitext(path)[1] or ".yaml"


def _describe(run):
    return f"{run['environment']}/{run['agent']} seed {run['seed']} (run {run['key']})"


def run_sweep_on_ray(sweep, *, address=None, results="results", dsegym_bin=None, node_dsegym_bin=None,
                     max_retries=3, num_cpus=1, runtime_env=None, progress=None):
    """Runs a sweep (a file path or a dict in the sweep-file shape) on the Ray cluster at ``address``
    and records it in ``results``; returns a summary with the keys of ``run_sweep``'s (``runs``,
    ``skipped``, ``restarted``, ``executed``, ``failed``, ``evaluations``, ``wall_s``, ``leaderboard``,
    ``results``) plus ``nodes`` (runs committed per node host name).

    ``dsegym_bin``: the driver's binary (default ``$DSEGYM_BIN`` or PATH); ``node_dsegym_bin``: the
    nodes' (see ``_node_binary``). ``max_retries``: Ray re-runs a task whose worker or node died this
    often. ``num_cpus``: CPUs a run occupies (a run evaluates serially). ``progress(info)`` is called
    after every committed run with ``done``, ``total``, ``key``, ``node`` and ``evaluations``.
    """
    ray = _ray()
    binary = _binary(dsegym_bin)
    text, suffix = _sweep_source(sweep)
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dsegym-ray-sweep-") as scratch:
        path = os.fspath(sweep) if not isinstance(sweep, dict) else os.path.join(scratch, "sweep" + suffix)
        if isinstance(sweep, dict):
            with open(path, "w") as handle:
                handle.write(text)
        plan = _dsegym(binary, "sweep", path, "--dry-run", "--json", "--results", str(results))
        pending = [run for run in plan["runs"] if not run["complete"]]
        connected = _connect(address, runtime_env) if pending else False
        failed, nodes, evaluations = [], {}, 0
        try:
            task = ray.remote(execute_run).options(max_retries=max_retries, num_cpus=num_cpus, retry_exceptions=False)
            waiting = {task.remote(text, suffix, run["key"], node_dsegym_bin, binary): run for run in pending}
            done = plan["complete"]
            while waiting:
                ready, _ = ray.wait(list(waiting), num_returns=1)
                run = waiting.pop(ready[0])
                try:
                    output = ray.get(ready[0])
                except ray.exceptions.RayError as error:
                    failed.append(f"{_describe(run)}: {str(error).strip().splitlines()[0]}")
                    continue
                committed = _commit(binary, output["files"], results) if output["files"] else []
                if output["returncode"] != 0:
                    lines = output["stderr"].splitlines()
                    failed.append(f"{_describe(run)} on {output['node']}: {lines[-1] if lines else 'exit status ' + str(output['returncode'])}")
                count = sum(row["evaluations"] for row in committed if row["outcome"] == "imported")
                evaluations += count
                if any(row["run_key"] == run["key"] and row["outcome"] in ("imported", "already_present") for row in committed):
                    nodes[output["node"]] = nodes.get(output["node"], 0) + 1
                done += 1
                if progress:
                    progress({"done": done, "total": plan["planned"], "key": run["key"], "node": output["node"],
                              "evaluations": count})
        finally:
            if connected:
                ray.shutdown()
        final = _dsegym(binary, "sweep", path, "--dry-run", "--json", "--results", str(results))
    return {"sweep": plan["sweep"], "runs": plan["planned"], "skipped": plan["complete"],
            "restarted": sum(1 for run in pending if run["status"] != "pending"), "executed": len(pending),
            "failed": failed, "evaluations": evaluations, "wall_s": time.monotonic() - start,
            "leaderboard": final["leaderboard"], "results": final["results"], "nodes": nodes}


# -- distributed evaluation ------------------------------------------------------------------------

class EnvironmentHost:
    """A Ray actor that runs one protocol-v1 server on its node: ``command + ["--bind", "tcp://NODE_IP:*"]``
    (default: the node's ``dsegym serve``), whose first output line says "listening on ENDPOINT"."""

    def __init__(self, command=None, driver_binary=None):
        import ray
        command = list(command) if command else [_node_binary(None, driver_binary), "serve"]
        bind = f"tcp://{ray.util.get_node_ip_address()}:*"
        self.process = subprocess.Popen(command + ["--bind", bind], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        text=True, preexec_fn=_die_with_parent)
        line = self.process.stdout.readline()
        if "listening on" not in line:
            self.process.kill()
            raise RuntimeError(f"{' '.join(command)} on {socket.gethostname()} did not start: {line.strip()!r}")
        self.address = line.split("listening on ")[1].split()[0]
        threading.Thread(target=self.process.stdout.read, daemon=True).start()  # never let its pipe fill

    def endpoint(self):
        return self.address

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class RayEnvironmentPool:
    """``replicas`` ``EnvironmentHost`` actors behind one ``BatchProxy`` (see ``serve_on_ray``)."""

    def __init__(self, command=None, replicas=4, *, address=None, bind="tcp://127.0.0.1:*", num_cpus=1,
                 runtime_env=None, dsegym_bin=None, backend_timeout=600.0):
        ray = _ray()
        if replicas < 1:
            raise ValueError("replicas must be at least 1")
        self._connected = _connect(address, runtime_env)
        # The nodes look for their own dsegym first; the driver's is only a fallback for shared paths.
        driver_binary = None if command else (dsegym_bin or os.environ.get("DSEGYM_BIN") or shutil.which("dsegym"))
        host = ray.remote(EnvironmentHost).options(num_cpus=num_cpus, scheduling_strategy="SPREAD")
        self.actors = [host.remote(command, driver_binary) for _ in range(replicas)]
        try:
            self.backends = ray.get([actor.endpoint.remote() for actor in self.actors])
            self.proxy = BatchProxy(self.backends, bind=bind, backend_timeout=backend_timeout)
        except BaseException:
            self.close()
            raise
        self.endpoint = self.proxy.endpoint

    @property
    def designs_per_backend(self):
        return list(self.proxy.designs_per_backend)

    def close(self):
        ray = _ray()
        if getattr(self, "proxy", None) is not None:
            self.proxy.close()
        try:
            ray.get([actor.stop.remote() for actor in self.actors], timeout=30)
        except Exception:  # noqa: BLE001 - an actor already gone has nothing to stop
            pass
        for actor in self.actors:
            ray.kill(actor)
        if self._connected:
            ray.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def serve_on_ray(command=None, replicas=4, **options):
    """Starts ``replicas`` servers on the cluster (``command``: an adapter's command line, to which
    ``--bind tcp://NODE_IP:*`` is added; default the nodes' ``dsegym serve``) and one proxy endpoint in
    front of them. Returns a ``RayEnvironmentPool`` (a context manager) with ``endpoint``; options as
    ``RayEnvironmentPool``'s (``address``, ``bind``, ``num_cpus``, ``runtime_env``, ...)."""
    return RayEnvironmentPool(command, replicas, **options)


# -- command line ----------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m dsegym.ray", description="DSEGym on a Ray cluster (docs/ray.md).")
    commands = parser.add_subparsers(dest="command", required=True)
    sweep = commands.add_parser("sweep", help="run a sweep file's runs as Ray tasks; the results stay in one store")
    sweep.add_argument("file")
    sweep.add_argument("--address", default=None, help="Ray cluster address (HOST:PORT or auto; default: a new local cluster)")
    sweep.add_argument("--results", default="results")
    sweep.add_argument("--dsegym-bin", default=None, help="the driver's dsegym (default: $DSEGYM_BIN or PATH)")
    sweep.add_argument("--node-dsegym-bin", default=None, help="the nodes' dsegym (default: their $DSEGYM_BIN, PATH, or the driver's path)")
    sweep.add_argument("--max-retries", type=int, default=3)
    sweep.add_argument("--num-cpus", type=float, default=1)
    sweep.add_argument("--json", action="store_true")
    serve = commands.add_parser("serve", help="N servers on the cluster behind one protocol-v1 endpoint")
    serve.add_argument("--address", default=None)
    serve.add_argument("--replicas", type=int, default=4)
    serve.add_argument("--bind", default="tcp://127.0.0.1:5555")
    serve.add_argument("--num-cpus", type=float, default=1)
    serve.add_argument("--dsegym-bin", default=None)
    serve.add_argument("server_command", nargs=argparse.REMAINDER,
                       help="after --: an adapter's command line (default: the nodes' dsegym serve)")
    args = parser.parse_args(argv)
    try:
        if args.command == "sweep":
            return _sweep_main(args)
        command = args.server_command[1:] if args.server_command[:1] == ["--"] else args.server_command
        with serve_on_ray(command or None, args.replicas, address=args.address, bind=args.bind, num_cpus=args.num_cpus,
                          dsegym_bin=args.dsegym_bin) as pool:
            print(f"dsegym.ray: listening on {pool.endpoint} ({args.replicas} servers: {', '.join(pool.backends)})", flush=True)
            try:
                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                return 0
    except SweepError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def _sweep_main(args):
    def report(info):
        print(f"sweep: {info['done']}/{info['total']} runs (run {info['key']} from {info['node']}, "
              f"{info['evaluations']} evaluations)", file=sys.stderr, flush=True)

    summary = run_sweep_on_ray(args.file, address=args.address, results=args.results, dsegym_bin=args.dsegym_bin,
                               node_dsegym_bin=args.node_dsegym_bin, max_retries=args.max_retries, num_cpus=args.num_cpus,
                               progress=report)
    if args.json:
        print(json.dumps(summary, sort_keys=True))
    else:
        print(f"sweep {summary['sweep']}: {summary['runs']} runs ({summary['executed']} run now on Ray, {summary['skipped']} "
              f"already done), {summary['evaluations']} evaluations in {summary['wall_s']:.1f} s; runs per node: "
              + ", ".join(f"{node} {count}" for node, count in sorted(summary["nodes"].items())))
        for row in summary["leaderboard"]:
            print(f"  {row['environment']}/{row['workload']} {row['agent']}: median best reward "
                  f"{'-' if row['median_best_reward'] is None else format(row['median_best_reward'], '.6g')}, "
                  f"{row['runs']} runs")
        print(f"results: {summary['results']}")
        for failure in summary["failed"]:
            print(f"failed: {failure}", file=sys.stderr)
    return 1 if summary["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
