"""One protocol-v1 endpoint in front of several servers: a ``step_batch`` is split across them.

``BatchProxy`` binds a ROUTER socket that speaks protocol v1 (docs/protocol.md) to clients such as
``dsegym run --remote`` or ``dsegym.Client``, and forwards to backends that speak it too (``dsegym
serve`` or a ``dsegym.server`` adapter), so a batch of designs from any agent is evaluated by all
backends at once:

- ``make``, ``reset`` and ``close`` go to every backend (one session on each, reset with the same
  seed), so every backend evaluates a design as the others would;
- ``step_batch`` splits the designs into one contiguous chunk per backend, sends the chunks at the
  same time and answers with the evaluations in the request's order;
- ``step`` goes to the backends in turn; ``hello`` and ``ping`` are answered by the proxy.

Errors keep the protocol's shape: a backend's error reply is passed on (``designs[i]`` renumbered to
the position in the whole batch). A backend that does not answer within ``backend_timeout`` seconds
is taken for dead (a killed node, a crashed simulator): its designs are sent again to a live backend
holding the session, and later requests leave it out; only when no backend is left does the client
get an ``internal`` error. One thread, no locks: the proxy polls its sockets.

    >>> with BatchProxy(["tcp://10.0.0.2:5555", "tcp://10.0.0.3:5555"]) as proxy:
    ...     print(proxy.endpoint)   # dsegym run --remote ENDPOINT --batch 32 ... uses both servers

``dsegym.ray.serve_on_ray`` starts the backends as Ray actors and puts this proxy in front of them.
"""
import itertools
import json
import re
import secrets
import threading
import time

import zmq

from .client import Client, PROTOCOL_VERSION
from .server import ProtocolError, _failure, _field, _parse, _request_id, checked_op


class BatchProxy:
    """Serves ``bind`` (``tcp://HOST:*`` picks a free port) in a background thread until ``close``.

    ``backends``: endpoints of protocol-v1 servers. ``designs_per_backend`` counts the designs each
    backend was sent (by ``step`` and ``step_batch``; a design sent again after a timeout counts
    again), to see how the work was spread.
    """

    def __init__(self, backends, bind="tcp://127.0.0.1:*", backend_timeout=600.0, hello_timeout=30.0):
        if not backends:
            raise ValueError("a BatchProxy needs at least one backend endpoint")
        self.backends = list(backends)
        self.backend_timeout = backend_timeout
        self.designs_per_backend = [0] * len(self.backends)
        environments = []
        for backend in self.backends:  # every backend must answer before the proxy takes clients
            client = Client(backend, timeout=hello_timeout)
            environments += [name for name in client.environments if name not in environments]
            client.close()
        self.environments = environments
        self._context = zmq.Context.instance()
        self._frontend = self._context.socket(zmq.ROUTER)
        self._frontend.setsockopt(zmq.LINGER, 0)
        self._frontend.setsockopt(zmq.MAXMSGSIZE, 64 << 20)
        self._frontend.bind(bind)
        self.endpoint = self._frontend.getsockopt(zmq.LAST_ENDPOINT).decode()
        self._sockets = []
        for backend in self.backends:
            socket = self._context.socket(zmq.DEALER)
            socket.setsockopt(zmq.LINGER, 0)
            socket.connect(backend)
            self._sockets.append(socket)
        self._alive = [True] * len(self.backends)
        self._sessions = {}   # proxy session id -> {backend index: backend session id}
        self._inflight = {}   # token -> (_Pending, _Part) of a request sent to a backend
        self._tokens = itertools.count(1)
        self._next_step = 0
        self._count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="dsegym-batch-proxy", daemon=True)
        self._thread.start()

    def close(self):
        """Stops answering and closes the sockets (the backends keep running)."""
        self._stop.set()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- event loop --------------------------------------------------------------------------------

    def _loop(self):
        poller = zmq.Poller()
        poller.register(self._frontend, zmq.POLLIN)
        for socket in self._sockets:
            poller.register(socket, zmq.POLLIN)
        try:
            while not self._stop.is_set():
                for socket, _ in poller.poll(100):
                    if socket is self._frontend:
                        self._from_client(socket.recv_multipart())
                    else:
                        self._from_backend(self._sockets.index(socket), socket.recv_multipart())
                self._expire()
        finally:
            for socket in [self._frontend] + self._sockets:
                socket.close(linger=0)

    def _reply(self, envelope, reply):
        self._frontend.send_multipart(envelope + [json.dumps(reply, allow_nan=False, separators=(",", ":")).encode()])

    def _from_client(self, frames):
        identity, body = frames[0], frames[1:]
        delimited = len(body) >= 2 and body[0] == b""
        envelope = [identity, b""] if delimited else [identity]
        payload = body[1:] if delimited else body
        request_id = None
        try:
            if len(payload) != 1:
                raise ProtocolError("bad_frames", f"a request is one frame (after an optional empty delimiter); got {len(payload)}")
            request = _parse(payload[0])
            request_id = _request_id(request)
            reply = self._answer(envelope, request_id, request)
        except ProtocolError as error:
            reply = _failure(request_id, error)
        if reply is not None:
            self._reply(envelope, reply)

    def _answer(self, envelope, request_id, request):
        """The reply to send now, or ``None`` when backends were asked and will complete it."""
        op = checked_op(request)
        done = {"v": PROTOCOL_VERSION, "id": request_id, "ok": True}
        if op == "ping":
            return done
        if op == "hello":
            return dict(done, versions=[PROTOCOL_VERSION], environments=self.environments)
        pending = _Pending(envelope, request_id, op, time.monotonic())
        if op == "make":
            live = [index for index, alive in enumerate(self._alive) if alive]
            if not live:
                raise ProtocolError("internal", f"no backend is answering (all of {', '.join(self.backends)} timed out)")
            for index in live:
                self._send(pending, _Part(index, request))
            return None
        session = _field(request, "session", str, required=True)
        if session not in self._sessions:
            raise ProtocolError("unknown_session", f"unknown session '{session}' (never made, closed or expired)", "session")
        pending.session = session
        live = self._live(session)
        if not live:
            raise ProtocolError("internal", f"every backend holding session '{session}' stopped answering")
        if op in ("reset", "close"):
            for index in live:
                self._send(pending, _Part(index, request))
            return None
        if op == "step":
            _field(request, "design", dict, required=True)
            self._send(pending, _Part(self._turn(live), request, size=1))
            return None
        designs = _field(request, "designs", list, required=True)
        if not designs:
            return dict(done, evaluations=[])
        start = 0
        for index, size in zip(live, _chunk_sizes(len(designs), len(live))):
            if size:
                self._send(pending, _Part(index, dict(request, designs=designs[start:start + size]), offset=start, size=size))
            start += size
        return None

    def _live(self, session):
        return [index for index in sorted(self._sessions[session]) if self._alive[index]]

    def _turn(self, live):
        index = live[self._next_step % len(live)]
        self._next_step += 1
        return index

    def _send(self, pending, part):
        """Sends ``part`` to its backend, with the backend's own session id and a fresh token as id."""
        if part not in pending.parts:
            pending.parts.append(part)
        part.token, part.reply = next(self._tokens), None
        self._inflight[part.token] = (pending, part)
        self.designs_per_backend[part.backend] += part.size
        forwarded = dict(part.request, id=part.token)
        if pending.session is not None:
            forwarded["session"] = self._sessions[pending.session][part.backend]
        self._sockets[part.backend].send_multipart([b"", json.dumps(forwarded, allow_nan=False).encode()])

    def _from_backend(self, index, frames):
        try:
            reply = json.loads(frames[-1])
        except ValueError:
            return
        token = reply.get("id") if isinstance(reply, dict) else None
        entry = self._inflight.pop(token, None) if isinstance(token, int) else None
        if entry is None or entry[1].backend != index:
            return  # a late reply to a request that timed out and was sent elsewhere
        pending, part = entry
        part.reply = reply
        if all(p.reply is not None for p in pending.parts):
            self._complete(pending)

    def _complete(self, pending):
        parts = sorted(pending.parts, key=lambda part: (part.offset, part.backend))
        failures = [part for part in parts if not part.reply.get("ok")]
        done = {"v": PROTOCOL_VERSION, "id": pending.request_id, "ok": True}
        if pending.op == "make":
            if failures:
                for part in parts:  # do not leave half-made sessions behind
                    if part.reply.get("ok"):
                        self._sockets[part.backend].send_multipart([b"", json.dumps(
                            {"v": PROTOCOL_VERSION, "id": f"cleanup-{part.backend}", "op": "close",
                             "session": part.reply["session"]}).encode()])
                return self._fail(pending, failures[0])
            self._count += 1
            session = f"p{self._count}-{secrets.token_hex(4)}"
            self._sessions[session] = {part.backend: part.reply["session"] for part in parts}
            return self._reply(pending.envelope, dict(done, session=session, space=parts[0].reply["space"]))
        if failures:
            return self._fail(pending, failures[0])
        if pending.op == "close":
            self._sessions.pop(pending.session, None)
        if pending.op == "step":
            return self._reply(pending.envelope, dict(done, evaluation=parts[0].reply["evaluation"]))
        if pending.op == "step_batch":
            return self._reply(pending.envelope, dict(done, evaluations=[e for part in parts for e in part.reply["evaluations"]]))
        return self._reply(pending.envelope, done)

    def _fail(self, pending, part):
        error = part.reply.get("error") or {}
        field = error.get("field")
        if part.offset and isinstance(field, str):
            field = re.sub(r"^designs\[(\d+)\]", lambda match: f"designs[{int(match.group(1)) + part.offset}]", field)
        self._reply(pending.envelope, _failure(pending.request_id, ProtocolError(
            error.get("code", "internal"), error.get("message", ""), field)))

    def _expire(self):
        """A backend that has not answered within ``backend_timeout`` is taken for dead: its steps are
        sent to a live backend holding the session; a make, reset or close goes on without it."""
        now = time.monotonic()
        late = {id(pending): pending for pending, part in self._inflight.values() if now - pending.started > self.backend_timeout}
        for pending in late.values():
            silent = [part for part in pending.parts if part.reply is None]
            for part in silent:
                self._inflight.pop(part.token, None)
                self._alive[part.backend] = False
            pending.started = now
            if pending.op in ("make", "reset", "close"):
                pending.parts = [part for part in pending.parts if part.reply is not None]
                if not pending.parts:
                    self._reply(pending.envelope, _failure(pending.request_id, ProtocolError(
                        "internal", f"no backend answered '{pending.op}' within {self.backend_timeout} s")))
                elif all(part.reply is not None for part in pending.parts):
                    self._complete(pending)
                continue
            live = self._live(pending.session)
            if not live:
                self._reply(pending.envelope, _failure(pending.request_id, ProtocolError(
                    "internal", f"every backend holding session '{pending.session}' stopped answering "
                    f"(the last: {', '.join(self.backends[part.backend] for part in silent)})")))
                continue
            for part in silent:
                part.backend = self._turn(live)
                self._send(pending, part)


class _Pending:
    """A client request waiting for backend replies."""

    def __init__(self, envelope, request_id, op, started):
        self.envelope, self.request_id, self.op, self.started = envelope, request_id, op, started
        self.session = None   # the proxy session it concerns (all ops but make)
        self.parts = []       # the _Part requests sent for it


class _Part:
    """One backend's share of a client request: its request, and where its designs sit in a batch."""

    def __init__(self, backend, request, offset=0, size=0):
        self.backend, self.request, self.offset, self.size = backend, request, offset, size
        self.token, self.reply = None, None


def _chunk_sizes(count, parts):
    """``count`` designs in ``parts`` contiguous chunks whose sizes differ by at most one."""
    base, extra = divmod(count, parts)
    return [base + (1 if index < extra else 0) for index in range(parts)]
