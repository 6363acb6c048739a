"""Protocol v1 client: one DEALER socket, one request at a time, every call with a timeout."""
import itertools
import json
import math

import zmq

PROTOCOL_VERSION = 1


class ServerError(Exception):
    """An ``{"ok": false}`` reply: ``code``, ``message`` and ``field`` as the server sent them."""

    def __init__(self, code, message, field=None):
        super().__init__(f"{code}: {message}" + (f" (field {field})" if field else ""))
        self.code, self.message, self.field = code, message, field


class NoAnswer(Exception):
    """The server did not answer within the timeout (down, wrong address or overloaded)."""


def _finite(value):
    return not (isinstance(value, float) and not math.isfinite(value))


class Client:
    """Connects to a DSEGym server and checks it with a ``hello`` handshake.

    ``timeout`` (seconds) bounds every call; a call that times out raises ``NoAnswer`` and the socket
    is replaced, so a late reply is never taken for the next one.
    """

    def __init__(self, endpoint="tcp://127.0.0.1:5555", timeout=10.0, context=None):
        self.endpoint = endpoint
        self.timeout = timeout
        self._context = context or zmq.Context.instance()
        self._ids = itertools.count(1)
        self._socket = None
        self._connect()
        reply = self.call("hello")
        if PROTOCOL_VERSION not in reply.get("versions", []):
            raise ServerError("unsupported_version", f"server speaks {reply.get('versions')}, client {PROTOCOL_VERSION}")
        self.environments = reply.get("environments", [])

    def _connect(self):
        if self._socket is not None:
            self._socket.close(linger=0)
        self._socket = self._context.socket(zmq.DEALER)
        self._socket.setsockopt(zmq.LINGER, 0)
        self._socket.connect(self.endpoint)

    def call(self, op, **fields):
        """Sends one request and returns the reply's fields; raises ``ServerError`` or ``NoAnswer``."""
        request_id = next(self._ids)
        request = {"v": PROTOCOL_VERSION, "id": request_id, "op": op}
        request.update({key: value for key, value in fields.items() if value is not None})
        self._socket.send_multipart([b"", json.dumps(request, allow_nan=False).encode()])
        deadline_ms = int(self.timeout * 1000)
        while True:
            if not self._socket.poll(deadline_ms, zmq.POLLIN):
                self._connect()
                raise NoAnswer(f"no answer from {self.endpoint} to '{op}' within {self.timeout} s")
            frames = self._socket.recv_multipart()
            try:
                reply = json.loads(frames[-1])
            except ValueError:
                continue
            if reply.get("id") != request_id:
                continue  # a late reply to an earlier, timed-out request
            if not reply.get("ok"):
                error = reply.get("error") or {}
                raise ServerError(error.get("code", "internal"), error.get("message", ""), error.get("field"))
            return reply

    def ping(self):
        self.call("ping")

    def make(self, env, workload=None, objective=None, **options):
        """Makes a session of environment ``env``; options are sent as strings.

        ``objective`` chooses the reward (``None``: the environment's default): a preset name such as
        ``"min-cycles-area-2mm2"``, or a dict with ``preset``, ``terms`` (``[{"metric", "direction",
        "weight", "reference"}]``), ``targets`` (``{"metric": value}``), ``pareto`` and ``constraints``
        (``["area_mm2<=1"]``); see docs/protocol.md. Rewards follow the reward contract
        (docs/objectives.md): finite, infeasible designs below every feasible one.
        ``session.reward`` describes it (formula, references, reward bands)."""
        reply = self.call("make", env=env, workload=workload,
                          options={key: str(value) for key, value in options.items()} or None,
                          objective=objective)
        return Session(self, reply["session"], reply["space"])

    def close(self):
        if self._socket is not None:
            self._socket.close(linger=0)
            self._socket = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Session:
    """One environment instance on the server. ``space`` is the server's description:
    ``space["parameters"]`` and ``space["metrics"]`` (see docs/protocol.md)."""

    def __init__(self, client, session_id, space):
        self.client, self.id, self.space = client, session_id, space

    @property
    def parameters(self):
        return self.space["parameters"]

    @property
    def metrics(self):
        return self.space["metrics"]

    @property
    def reward(self):
        """The session's reward contract: ``formula``, ``references``, the ``feasible`` and
        ``infeasible`` reward bands and the ``unbuildable`` reward (``None`` from servers without it)."""
        return self.space.get("reward")

    def reset(self, seed=0):
        self.client.call("reset", session=self.id, seed=int(seed))

    def open_run(self, agent, hyperparameters=None, seed=0, sweep=None, budget=None):
        """Records every later step of this session as a run in the server's results store
        (``dsegym serve --results DIR``), beside the built-in agents' runs: ``agent`` names who
        drives it (e.g. ``"optuna-tpe"``), ``hyperparameters`` its settings (a dict), ``seed`` the
        seed it ran with (the session is reset with it), ``sweep`` and ``budget`` optional. Closing
        the session ends the run (``finished``); an expired session's run ends ``interrupted``.
        Returns the run's id."""
        run = {"agent": agent, "hyperparameters": dict(hyperparameters or {})}
        if sweep is not None:
            run["sweep"] = sweep
        if budget is not None:
            run["budget"] = int(budget)
        self.reset(seed)
        return self.client.call("open_run", session=self.id, seed=int(seed), run=run)["run_id"]

    def step(self, design):
        """Evaluates one design (dict name -> value); returns the evaluation dict."""
        return self.client.call("step", session=self.id, design=_plain(design))["evaluation"]

    def step_batch(self, designs):
        """Evaluates designs (in parallel on the server); returns evaluations in the same order."""
        return self.client.call("step_batch", session=self.id, designs=[_plain(d) for d in designs])["evaluations"]

    def close(self):
        self.client.call("close", session=self.id)


def _plain(design):
    """Turns numpy scalars into Python ones so json can write them."""
    out = {}
    for name, value in design.items():
        if hasattr(value, "item"):
            value = value.item()
        if not _finite(value):
            raise ValueError(f"parameter {name!r}: non-finite value {value!r}")
        out[name] = value
    return out
