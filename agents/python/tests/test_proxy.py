"""BatchProxy: one protocol-v1 endpoint that splits step_batch across servers (no Ray needed)."""
import json
import subprocess

import pytest

from dsegym import Client, ServerError
from dsegym.proxy import BatchProxy, _chunk_sizes

from conftest import _binary, listening

SERVE = [_binary(), "serve", "--bind", "tcp://127.0.0.1:*", "--idle-timeout", "60"]


@pytest.fixture(scope="module")
def backends():
    with listening(SERVE, "dsegym serve") as first, listening(SERVE, "dsegym serve") as second, \
            listening(SERVE, "dsegym serve") as third:
        yield [first, second, third]


def designs(count):
    families = ["alpha", "beta", "gamma"]
    return [{"family": families[i % 3], "x": i % 8, "y": [4, 8, 16, 32][i % 4], "z": [0.1, 1.0, 10.0][i % 3]}
            for i in range(count)]


def test_chunks_are_contiguous_and_balanced():
    assert _chunk_sizes(32, 4) == [8, 8, 8, 8]
    assert _chunk_sizes(10, 3) == [4, 3, 3]
    assert _chunk_sizes(2, 3) == [1, 1, 0]


def test_split_batch_equals_one_server_in_order(backends):
    batch = designs(20)
    with Client(backends[0]) as direct:
        session = direct.make("synthetic", noise=0.05)
        session.reset(seed=11)
        expected = session.step_batch(batch)
    with BatchProxy(backends) as proxy, Client(proxy.endpoint) as client:
        assert "synthetic" in client.environments
        session = client.make("synthetic", noise=0.05)
        assert [p["name"] for p in session.parameters] == ["family", "x", "y", "z"]
        session.reset(seed=11)
        evaluations = session.step_batch(batch)
        assert proxy.designs_per_backend == [7, 7, 6]
        single = session.step(batch[5])
        session.close()
        with pytest.raises(ServerError, match="unknown_session"):
            session.step(batch[0])
    strip = lambda e: (e["metrics"], e["feasible"], e["reward"])  # noqa: E731 - sim_wall_s differs run to run
    assert [strip(e) for e in evaluations] == [strip(e) for e in expected]
    assert strip(single) == strip(expected[5])


def test_backend_error_names_the_design_in_the_whole_batch(backends):
    batch = designs(9)
    batch[7]["x"] = 99
    with Client(backends[0]) as direct:
        with pytest.raises(ServerError) as single:
            direct.make("synthetic").step_batch(batch)
    with BatchProxy(backends) as proxy, Client(proxy.endpoint) as client:
        with pytest.raises(ServerError) as proxied:
            client.make("synthetic").step_batch(batch)
        with pytest.raises(ServerError, match="unknown_environment"):
            client.make("nonexistent")
        with pytest.raises(ServerError, match="unknown_op"):
            client.call("fly")
    assert proxied.value.field == single.value.field == "designs[7].x"
    assert proxied.value.code == single.value.code == "invalid_design"


def test_a_backend_that_stops_answering_has_its_designs_evaluated_by_the_others(backends):
    batch = designs(12)
    with Client(backends[0]) as direct:
        session = direct.make("synthetic", noise=0.05)
        session.reset(seed=11)
        expected = session.step_batch(batch)
    victim = subprocess.Popen(SERVE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        endpoint = victim.stdout.readline().split("listening on ")[1].split()[0]
        with BatchProxy(backends[:2] + [endpoint], backend_timeout=1.0) as proxy, Client(proxy.endpoint) as client:
            session = client.make("synthetic", noise=0.05)
            session.reset(seed=11)
            victim.kill()  # a node dies between two batches
            victim.wait()
            first = session.step_batch(batch)
            assert proxy.designs_per_backend == [4 + 4, 4, 4], "the victim's chunk was sent again to backend 0"
            second = session.step_batch(batch)
            assert proxy.designs_per_backend == [8 + 6, 4 + 6, 4], "later batches leave the dead backend out"
    finally:
        victim.kill()
        victim.wait()
    strip = lambda e: (e["metrics"], e["feasible"], e["reward"])  # noqa: E731
    assert [strip(e) for e in first] == [strip(e) for e in second] == [strip(e) for e in expected]


def test_dsegym_run_remote_through_the_proxy_matches_a_direct_run(backends, tmp_path):
    def run(endpoint, name):
        completed = subprocess.run([_binary(), "run", "--remote", endpoint, "--env", "synthetic", "--agent", "ga",
                                    "--budget", "48", "--batch", "16", "--seed", "5", "--results", str(tmp_path / name),
                                    "--json"], capture_output=True, text=True, timeout=120)
        assert completed.returncode == 0, completed.stderr
        return json.loads(completed.stdout)

    direct = run(backends[0], "direct")
    with BatchProxy(backends) as proxy:
        proxied = run(proxy.endpoint, "proxied")
        assert proxy.designs_per_backend == [18, 15, 15]  # three batches of 16, each split 6 + 5 + 5
    assert proxied["evaluations"] == direct["evaluations"] == 48
    assert proxied["best_design"] == direct["best_design"] and proxied["best_reward"] == direct["best_reward"]
