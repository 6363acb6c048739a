"""Starts the built `dsegym serve` on a free loopback port for the tests."""
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


@pytest.fixture(scope="session")
def endpoint():
    process = subprocess.Popen([_binary(), "serve", "--bind", "tcp://127.0.0.1:*", "--idle-timeout", "60"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()  # "dsegym serve: listening on tcp://127.0.0.1:PORT (...)"
        if "listening on" not in line:
            pytest.fail(f"dsegym serve did not start: {line!r} {process.stderr.read()!r}")
        yield line.split("listening on ")[1].split()[0]
    finally:
        process.terminate()
        process.wait(timeout=10)
