"""Starts the built `dsegym serve` on a free loopback port for the tests."""
import contextlib
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "agents" / "python"))


def _binary():
    explicit = os.environ.get("DSEGYM_BIN")
    if explicit:
        return explicit
    for build in ("debug", "release"):
        candidate = ROOT / ".build" / build / "dsegym"
        if candidate.exists():
            return str(candidate)
    pytest.fail("no dsegym binary: run `swift build` first or set DSEGYM_BIN")


@contextlib.contextmanager
def listening(command, what):
    """Runs a server process whose first output line is '...listening on ENDPOINT (...)'; yields ENDPOINT."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        if "listening on" not in line:
            pytest.fail(f"{what} did not start: {line!r} {process.stderr.read()!r}")
        yield line.split("listening on ")[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def endpoint():
    with listening([_binary(), "serve", "--bind", "tcp://127.0.0.1:*", "--idle-timeout", "60"], "dsegym serve") as address:
        yield address
