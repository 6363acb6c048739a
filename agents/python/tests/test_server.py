"""dsegym.server, the template for external simulator adapters, against docs/protocol.md: every op, the
error codes with their fields, and a server that keeps answering after bad input."""
import json
import math
import threading

import pytest
import zmq

from dsegym import Client, ServerError
from dsegym.server import Infeasible, Server, Simulator, continuous, integer, metric, ordinal, categorical


class Toy(Simulator):
    """loss = |x - 7| + y / 4, cost = y; x = 13 is infeasible, x = 12 crashes, x = 11 reports NaN."""

    name = "toy"
    workloads = ["small", "large"]
    parameters = [integer("x", 0, 15), ordinal("y", [1, 2, 4]), categorical("mode", ["a", "b"]),
                  continuous("z", 0.1, 10, log=True)]
    metrics = [metric("loss", "1", "minimize"), metric("cost", "units", "minimize")]
    defaults = {"y": 1, "mode": "a", "z": 1.0}

    def evaluate(self, design):
        if design["x"] == 13:
            raise Infeasible("x = 13 cannot be built")
        if design["x"] == 12:
            raise SystemExit("a simulator that calls exit()")
        if design["x"] == 11:
            return {"loss": math.nan, "cost": 1}
        return {"loss": abs(design["x"] - 7) + design["y"] / 4, "cost": design["y"]}


@pytest.fixture(scope="module")
def toy_endpoint():
    bound = threading.Event()
    endpoints = []

    def ready(endpoint):
        endpoints.append(endpoint)
        bound.set()

    thread = threading.Thread(target=Server({"toy": Toy}, max_sessions=4).serve,
                              kwargs={"bind": "tcp://127.0.0.1:*", "ready": ready}, daemon=True)
    thread.start()
    assert bound.wait(10), "the toy server did not bind"
    return endpoints[0]


def test_hello_ping_make_reset_step_batch_close(toy_endpoint):
    with Client(toy_endpoint, timeout=5) as client:
        assert client.environments == ["toy"]
        client.ping()
        session = client.make("toy", workload="large")
        assert session.space["workload"] == "large" and session.space["workloads"] == ["small", "large"]
        assert [p["name"] for p in session.parameters] == ["x", "y", "mode", "z"]
        assert session.space["objective"] == "minimize loss"
        session.reset(2**64 - 1)
        evaluation = session.step({"x": 7})  # loss = 0 + 1/4 with the default y = 1
        assert evaluation["metrics"] == {"loss": 0.25, "cost": 1}
        assert evaluation["feasible"] is True and evaluation["reward"] == -0.25 and evaluation["sim_wall_s"] >= 0
        batch = session.step_batch([{"x": 7, "y": 4}, {"x": 0, "y": 2, "mode": "b", "z": 0.5}])
        assert [e["metrics"]["loss"] for e in batch] == [1.0, 7.5]
        session.close()
        with pytest.raises(ServerError) as error:
            session.step({"x": 7})
        assert (error.value.code, error.value.field) == ("unknown_session", "session")


def test_infeasible_non_finite_and_crashing_designs(toy_endpoint):
    with Client(toy_endpoint, timeout=5) as client:
        session = client.make("toy")
        infeasible = session.step({"x": 13})
        assert infeasible == {"metrics": {}, "feasible": False, "reason": "x = 13 cannot be built", "reward": None,
                              "sim_wall_s": infeasible["sim_wall_s"]}
        nan = session.step({"x": 11})
        assert nan["feasible"] is False and nan["metrics"] == {"cost": 1} and "loss" in nan["reason"]
        with pytest.raises(ServerError) as error:
            session.step({"x": 12})
        assert error.value.code == "internal" and "exit()" in error.value.message
        assert session.step({"x": 7})["metrics"]["loss"] == 0.25  # still serving
        session.close()


@pytest.mark.parametrize("design, field", [
    ({"x": 16}, "design.x"), ({"x": 1.5}, "design.x"), ({"x": True}, "design.x"), ({"x": 1, "y": 3}, "design.y"),
    ({"x": 1, "mode": "c"}, "design.mode"), ({"x": 1, "z": 20}, "design.z"), ({"x": 1, "w": 0}, "design.w"),
    ({"y": 2}, "design.x"),
])
def test_invalid_designs_name_the_parameter(toy_endpoint, design, field):
    with Client(toy_endpoint, timeout=5) as client:
        session = client.make("toy")
        with pytest.raises(ServerError) as error:
            session.step(design)
        assert (error.value.code, error.value.field) == ("invalid_design", field)
        with pytest.raises(ServerError) as error:
            session.step_batch([{"x": 1}, design])
        assert (error.value.code, error.value.field) == ("invalid_design", field.replace("design", "designs[1]"))
        session.close()


def raw_exchange(endpoint, frames):
    socket = zmq.Context.instance().socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(endpoint)
    try:
        socket.send_multipart(frames)
        assert socket.poll(5000), f"no answer to {frames}"
        return socket.recv_multipart()
    finally:
        socket.close()


@pytest.mark.parametrize("frames, code, field", [
    ([b"", b"not json"], "bad_json", None),
    ([b"", b"\xff\xfe"], "bad_json", None),
    ([b"", b'{"v":1,"id":1,"op":"ping","x":NaN}'], "bad_json", None),
    ([b"", b"[1,2]"], "bad_request", None),
    ([b"", b'{"id":1,"op":"ping"}'], "bad_request", "v"),
    ([b"", b'{"v":1,"id":[1],"op":"ping"}'], "bad_request", "id"),
    ([b"", b'{"v":1,"id":1,"op":"jump"}'], "unknown_op", "op"),
    ([b"", b'{"v":2,"id":1,"op":"ping"}'], "unsupported_version", "v"),
    ([b"", b"{}", b"{}"], "bad_frames", None),
    ([b"", b'{"v":1,"id":1,"op":"make","env":"nope"}'], "unknown_environment", "env"),
    ([b"", b'{"v":1,"id":1,"op":"make","env":"toy","workload":"huge"}'], "invalid_option", "workload"),
    ([b"", b'{"v":1,"id":1,"op":"make","env":"toy","options":{"a":"b"}}'], "invalid_option", "options"),
    ([b"", b'{"v":1,"id":1,"op":"make","env":"toy","options":{"a":1}}'], "bad_request", "options.a"),
    ([b"", b'{"v":1,"id":1,"op":"step","session":"s0-none","design":{}}'], "unknown_session", "session"),
    ([b"", b'{"v":1,"id":1,"op":"step"}'], "bad_request", "session"),
    ([b"", b'{"v":1,"id":1,"op":"step","session":7}'], "bad_request", "session"),
    ([b"", b'{"v":1,"id":"x","op":"ping","pad":"' + b"a" * (1 << 20) + b'"}'], "too_large", None),
])
def test_bad_requests_get_error_replies_and_the_server_keeps_answering(toy_endpoint, frames, code, field):
    reply_frames = raw_exchange(toy_endpoint, frames)
    assert reply_frames[0] == b"" and len(reply_frames) == 2  # the delimiter comes back
    reply = json.loads(reply_frames[-1])
    assert reply["ok"] is False and reply["v"] == 1
    assert (reply["error"]["code"], reply["error"]["field"]) == (code, field), reply
    assert raw_exchange(toy_endpoint, [b'{"v":1,"id":"p","op":"ping"}']) == [b'{"v":1,"id":"p","ok":true}']


def test_session_field_errors_after_make(toy_endpoint):
    with Client(toy_endpoint, timeout=5) as client:
        session = client.make("toy")
        for fields, field in [({"seed": -1}, "seed"), ({"seed": "one"}, "seed"), ({"seed": 1.5}, "seed")]:
            with pytest.raises(ServerError) as error:
                client.call("reset", session=session.id, **fields)
            assert (error.value.code, error.value.field) == ("bad_request", field)
        for op, fields, field in [("step", {"design": [1]}, "design"), ("step_batch", {"designs": {}}, "designs"),
                                  ("step_batch", {"designs": [1]}, "designs[0]")]:
            with pytest.raises(ServerError) as error:
                client.call(op, session=session.id, **fields)
            assert (error.value.code, error.value.field) == ("bad_request", field)
        session.close()


def test_too_many_sessions(toy_endpoint):
    with Client(toy_endpoint, timeout=5) as client:
        sessions = []
        with pytest.raises(ServerError) as error:
            for _ in range(5):
                sessions.append(client.make("toy"))
        assert error.value.code == "too_many_sessions"
        for session in sessions:
            session.close()
        client.make("toy").close()
