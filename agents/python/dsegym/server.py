"""Protocol v1 server: puts a Python simulator behind the wire protocol (docs/protocol.md).

This is the template for external simulator adapters: subclass ``Simulator``, describe its
parameters and metrics as data, write ``evaluate``, and serve it. ``dsegym run --remote`` (Swift) and
``dsegym.Client`` (Python) then drive it like any built-in environment.

    from dsegym.server import Simulator, integer, ordinal, metric, main

    class Adder(Simulator):
        name = "adder"
        parameters = [integer("x", 0, 10), ordinal("y", [1, 2, 4])]
        metrics = [metric("sum", "1", "minimize")]
        defaults = {"x": 0, "y": 1}

        def evaluate(self, design):        # design: every parameter, validated, defaults filled in
            return {"sum": design["x"] + design["y"]}

    if __name__ == "__main__":
        main({"adder": Adder})             # --bind tcp://127.0.0.1:5555 by default

The server answers every message with exactly one reply and never exits on bad input: malformed
requests get protocol error replies, an exception in ``evaluate`` gets an ``internal`` error reply
(``Infeasible`` gives an infeasible evaluation instead). It is single-threaded: a ``step_batch`` is
evaluated in order.
"""
import argparse
import json
import math
import os
import secrets
import sys
import time
import traceback

import zmq

from .client import PROTOCOL_VERSION

OPS = ("hello", "make", "reset", "step", "step_batch", "close", "ping")


class ProtocolError(Exception):
    """An error reply: ``code`` from docs/protocol.md's table, ``message``, and the ``field`` at fault."""

    def __init__(self, code, message, field=None):
        super().__init__(message)
        self.code, self.message, self.field = code, message, field


class Infeasible(Exception):
    """Raised by ``Simulator.evaluate``: the design cannot be built or simulated (the reason is reported)."""


def categorical(name, choices, description=""):
    return {"name": name, "kind": "categorical", "choices": list(choices), "description": description}


def ordinal(name, choices, description=""):
    return {"name": name, "kind": "ordinal", "choices": list(choices), "description": description}


def integer(name, low, high, description=""):
    return {"name": name, "kind": "integer", "low": int(low), "high": int(high), "description": description}


def continuous(name, low, high, log=False, description=""):
    return {"name": name, "kind": "continuous", "low": float(low), "high": float(high), "log": bool(log),
            "description": description}


def metric(name, unit, direction, description=""):
    """A metric descriptor; ``direction`` is ``"minimize"`` or ``"maximize"``."""
    assert direction in ("minimize", "maximize"), direction
    return {"name": name, "unit": unit, "direction": direction, "description": description}


class Simulator:
    """One session's environment. Subclasses set the class attributes and implement ``evaluate``.

    ``__init__(workload, options)`` gets the ``make`` request's workload (``None``: the default, the
    first of ``workloads``) and options (string -> string); raise ``ProtocolError("invalid_option",
    ..., "workload" or "options")`` for values it does not accept. Steps must be independent: the
    same design after the same ``reset`` gives the same evaluation.
    """

    name = "simulator"
    summary = ""
    workloads = ["default"]
    parameters = []
    metrics = []
    defaults = {}
    presets = {}

    def __init__(self, workload=None, options=None):
        if workload is not None and workload not in self.workloads:
            raise ProtocolError("invalid_option", f"unknown workload '{workload}'; valid: {', '.join(self.workloads)}",
                                "workload")
        if options:
            raise ProtocolError("invalid_option", f"unknown option '{sorted(options)[0]}'; this environment has none",
                                "options")
        self.workload = workload or self.workloads[0]
        self.seed = 0

    def reset(self, seed):
        self.seed = seed

    def evaluate(self, design):
        """Simulates one validated design (dict name -> value); returns metrics (dict name -> number)."""
        raise NotImplementedError

    def close(self):
        pass

    def space(self):
        """The ``make`` reply's ``space`` (the shape of ``dsegym describe ENV --json``)."""
        first = self.metrics[0] if self.metrics else None
        return {"name": self.name, "summary": self.summary, "workload": self.workload, "workloads": list(self.workloads),
                "parameters": self.parameters, "metrics": self.metrics, "defaults": dict(self.defaults),
                "objective": f"{first['direction']} {first['name']}" if first else "none", "presets": dict(self.presets)}

    def reward(self, metrics):
        """The default objective: the first metric in its direction (clients usually score metrics themselves)."""
        first = self.metrics[0]
        value = metrics.get(first["name"])
        if value is None:
            return None
        return -value if first["direction"] == "minimize" else value


def validate_design(parameters, defaults, design, field):
    """Checks a design against the parameters and fills in defaults; raises ``invalid_design``."""
    if not isinstance(design, dict):
        raise ProtocolError("bad_request", f"wrong type for field '{field}'", field)
    known = {p["name"]: p for p in parameters}
    for name in design:
        if name not in known:
            raise ProtocolError("invalid_design", f"unknown parameter '{name}'; parameters: {', '.join(known)}",
                                f"{field}.{name}")
    valid = {}
    for name, parameter in known.items():
        if name not in design:
            if name not in defaults:
                raise ProtocolError("invalid_design", f"missing parameter '{name}' (it has no default)", f"{field}.{name}")
            valid[name] = defaults[name]
            continue
        value = design[name]
        checked = _check_value(parameter, value)
        if checked is None:
            raise ProtocolError("invalid_design", f"parameter '{name}': invalid value '{value}'; allowed: "
                                f"{_allowed(parameter)}", f"{field}.{name}")
        valid[name] = checked
    return valid


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_value(parameter, value):
    kind = parameter["kind"]
    if kind == "categorical":
        return value if isinstance(value, str) and value in parameter["choices"] else None
    if not _is_number(value):
        return None
    if kind == "ordinal":
        return next((choice for choice in parameter["choices"] if choice == value), None)
    if kind == "integer":
        return int(value) if value == int(value) and parameter["low"] <= value <= parameter["high"] else None
    return float(value) if parameter["low"] <= value <= parameter["high"] else None


def _allowed(parameter):
    if parameter["kind"] in ("categorical", "ordinal"):
        return "one of " + ", ".join(str(choice) for choice in parameter["choices"])
    kind = "an integer" if parameter["kind"] == "integer" else "a number"
    return f"{kind} in {parameter['low']}...{parameter['high']}"


class Server:
    """Answers protocol v1 requests for the environments in ``factories`` (name -> callable(workload,
    options) returning a ``Simulator``; a ``Simulator`` subclass is such a callable).

        Server({"adder": Adder}, idle_timeout=60).serve("tcp://127.0.0.1:*")   # prints the bound port

    ``handle(payload)`` answers one request's bytes without a socket (handy in tests).
    """

    def __init__(self, factories, max_sessions=1024, idle_timeout=600.0, max_request_bytes=1 << 20):
        self.factories = dict(factories)
        self.max_sessions, self.idle_timeout, self.max_request_bytes = max_sessions, idle_timeout, max_request_bytes
        self.sessions = {}  # id -> [simulator, last use (monotonic seconds)]
        self._count = 0

    # -- transport ---------------------------------------------------------------------------------

    def serve(self, bind="tcp://127.0.0.1:5555", ready=None):
        """Binds a ROUTER socket and answers until interrupted. ``ready(endpoint)`` is called once bound
        (by default it prints "NAME: listening on ENDPOINT", which tests and scripts read)."""
        context = zmq.Context.instance()
        socket = context.socket(zmq.ROUTER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.MAXMSGSIZE, 64 << 20)
        socket.bind(bind)
        endpoint = socket.getsockopt(zmq.LAST_ENDPOINT).decode()
        if ready is None:
            print(f"{os.path.basename(sys.argv[0]) or 'dsegym.server'}: listening on {endpoint} "
                  f"(environments: {', '.join(self.factories)})", flush=True)
        else:
            ready(endpoint)
        try:
            while True:
                frames = socket.recv_multipart()
                socket.send_multipart(self.handle_frames(frames))
        except KeyboardInterrupt:
            pass
        finally:
            socket.close(linger=0)

    def handle_frames(self, frames):
        """One ROUTER message ``[identity, (b"",) payload]`` -> the reply frames, same envelope."""
        identity, body = frames[0], frames[1:]
        delimited = len(body) >= 2 and body[0] == b""
        envelope = [identity, b""] if delimited else [identity]
        payload = body[1:] if delimited else body
        if len(payload) != 1:
            error = ProtocolError("bad_frames", f"a request is one frame (after an optional empty delimiter); got {len(payload)}")
            return envelope + [self._encode(_failure(None, error))]
        return envelope + [self.handle(payload[0])]

    def handle(self, payload):
        """One request's JSON bytes -> the reply's JSON bytes. Never raises."""
        request_id = None
        try:
            if len(payload) > self.max_request_bytes:
                raise ProtocolError("too_large", f"request of {len(payload)} bytes; the limit is {self.max_request_bytes}")
            request = _parse(payload)
            request_id = _request_id(request)
            reply = {"v": PROTOCOL_VERSION, "id": request_id, "ok": True}
            reply.update(self.answer(request))
        except ProtocolError as error:
            reply = _failure(request_id, error)
        except (KeyboardInterrupt, GeneratorExit):
            raise
        except BaseException as error:  # noqa: BLE001 - a simulator's bug (even sys.exit) must not end the server
            traceback.print_exc(file=sys.stderr)
            reply = _failure(request_id, ProtocolError("internal", f"{type(error).__name__}: {error}"))
        if reply.get("id") is None:
            reply.pop("id", None)
        return self._encode(reply)

    @staticmethod
    def _encode(reply):
        return json.dumps(reply, allow_nan=False, separators=(",", ":")).encode()

    # -- ops ---------------------------------------------------------------------------------------

    def answer(self, request):
        op = checked_op(request)
        self._expire()
        if op == "ping":
            return {}
        if op == "hello":
            return {"versions": [PROTOCOL_VERSION], "environments": list(self.factories)}
        if op == "make":
            return self._make(request)
        session_id = _field(request, "session", str, required=True)
        entry = self.sessions.get(session_id)
        if entry is None:
            raise ProtocolError("unknown_session", f"unknown session '{session_id}' (never made, closed or expired)", "session")
        simulator = entry[0]
        entry[1] = time.monotonic()
        if op == "reset":
            seed = request.get("seed")
            if seed is None:
                seed = 0
            if type(seed) is not int or not 0 <= seed < 1 << 64:
                raise ProtocolError("bad_request", "wrong type for field 'seed'", "seed")
            simulator.reset(seed)
            return {}
        if op == "close":
            del self.sessions[session_id]
            simulator.close()
            return {}
        if op == "step":
            design = _field(request, "design", dict, required=True)
            valid = validate_design(simulator.parameters, simulator.defaults, design, "design")
            return {"evaluation": evaluation_of(simulator, valid)}
        designs = _field(request, "designs", list, required=True)
        valid = [validate_design(simulator.parameters, simulator.defaults, design, f"designs[{index}]")
                 for index, design in enumerate(designs)]
        return {"evaluations": [evaluation_of(simulator, design) for design in valid]}

    def _make(self, request):
        env = _field(request, "env", str, required=True)
        workload = _field(request, "workload", str)
        options = _field(request, "options", dict) or {}
        for key, value in options.items():
            if not isinstance(value, str):
                raise ProtocolError("bad_request", f"wrong type for field 'options.{key}'", f"options.{key}")
        if env not in self.factories:
            raise ProtocolError("unknown_environment", f"unknown environment '{env}'; environments: "
                                f"{', '.join(self.factories)}", "env")
        if len(self.sessions) >= self.max_sessions:
            raise ProtocolError("too_many_sessions", f"the server holds its maximum of {self.max_sessions} sessions")
        simulator = self.factories[env](workload, options)
        self._count += 1
        session_id = f"s{self._count}-{secrets.token_hex(4)}"
        self.sessions[session_id] = [simulator, time.monotonic()]
        return {"session": session_id, "space": simulator.space()}

    def _expire(self):
        now = time.monotonic()
        for session_id in [s for s, (_, used) in self.sessions.items() if now - used > self.idle_timeout]:
            self.sessions.pop(session_id)[0].close()


def evaluation_of(simulator, design):
    start = time.perf_counter()
    try:
        metrics, feasible, reason = simulator.evaluate(dict(design)), True, None
    except Infeasible as error:
        metrics, feasible, reason = {}, False, str(error) or "infeasible"
    seconds = time.perf_counter() - start
    finite = {}
    for name, value in (metrics or {}).items():
        if _is_number(value):
            finite[name] = value
        elif feasible:  # non-finite numbers never travel (docs/protocol.md)
            feasible, reason = False, f"metric '{name}' is not a finite number"
    reward = simulator.reward(finite) if feasible else None
    if reward is not None and not _is_number(reward):
        reward = None
    return {"metrics": finite, "feasible": feasible, "reason": reason, "reward": reward, "sim_wall_s": seconds}


def _parse(payload):
    def reject_constant(name):
        raise ValueError(name)

    try:
        request = json.loads(payload.decode("utf-8"), parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ProtocolError("bad_json", "not valid JSON (or not UTF-8)") from None
    if not isinstance(request, dict):
        raise ProtocolError("bad_request", "a request must be a JSON object")
    return request


def _request_id(request):
    request_id = request.get("id")
    if request_id is None or isinstance(request_id, str) or (type(request_id) is int):
        return request_id
    if isinstance(request_id, float) and request_id.is_integer():
        return int(request_id)
    raise ProtocolError("bad_request", "wrong type for field 'id'", "id")


def _field(request, name, kind, required=False):
    value = request.get(name)
    if value is None:
        if required:
            raise ProtocolError("bad_request", f"missing field '{name}'", name)
        return None
    if kind is int:
        ok = type(value) is int or (isinstance(value, float) and value.is_integer())
        value = int(value) if ok else value
    else:
        ok = isinstance(value, kind)
    if not ok:
        raise ProtocolError("bad_request", f"wrong type for field '{name}'", name)
    return value


def checked_op(request):
    """The request's ``op`` after checking its protocol version and that the op exists."""
    version = _field(request, "v", int, required=True)
    op = _field(request, "op", str, required=True)
    if version != PROTOCOL_VERSION:
        raise ProtocolError("unsupported_version", f"protocol version {version} is not supported; supported: "
                            f"{PROTOCOL_VERSION}", "v")
    if op not in OPS:
        raise ProtocolError("unknown_op", f"unknown op '{op}'; valid ops: {', '.join(OPS)}", "op")
    return op


def _failure(request_id, error):
    reply = {"v": PROTOCOL_VERSION, "ok": False, "error": {"code": error.code, "message": error.message, "field": error.field}}
    if request_id is not None:
        reply["id"] = request_id
    return reply


def add_arguments(parser):
    """Adds the server's options (those of ``dsegym serve``) to an ``argparse`` parser."""
    parser.add_argument("--bind", default="tcp://127.0.0.1:5555",
                        help="ZeroMQ endpoint to bind (default tcp://127.0.0.1:5555; tcp://127.0.0.1:* picks a free port)")
    parser.add_argument("--max-sessions", type=int, default=1024, help="sessions held at most (default 1024)")
    parser.add_argument("--idle-timeout", type=float, default=600.0, help="seconds before an unused session expires")
    parser.add_argument("--max-request-bytes", type=int, default=1 << 20, help="larger requests get 'too_large'")
    return parser


def main(factories, argv=None, description=None):
    """Command-line entry point: parses ``add_arguments``'s options and serves ``factories``."""
    args = add_arguments(argparse.ArgumentParser(description=description)).parse_args(argv)
    serve(factories, args)


def serve(factories, args):
    """Serves ``factories`` with the options ``add_arguments`` added to ``args``."""
    Server(factories, max_sessions=args.max_sessions, idle_timeout=args.idle_timeout,
           max_request_bytes=args.max_request_bytes).serve(args.bind)
