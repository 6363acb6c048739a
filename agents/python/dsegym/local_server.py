"""A private ``dsegym serve`` on a free loopback port, started on demand (Gymnasium ids, scripts).

    >>> server = LocalServer()            # finds the binary: DSEGYM_BIN, PATH, or this checkout's .build
    >>> Client(server.endpoint).make("synthetic")
    >>> server.stop()
"""
import atexit
import os
import pathlib
import shutil
import subprocess


class ServerStartError(RuntimeError):
    """No ``dsegym`` binary was found, or it did not start; the message says which and what to do."""


def find_binary():
    """The ``dsegym`` binary: ``$DSEGYM_BIN``, then ``dsegym`` on ``PATH``, then this checkout's build."""
    explicit = os.environ.get("DSEGYM_BIN")
    if explicit:
        return explicit
    on_path = shutil.which("dsegym")
    if on_path:
        return on_path
    root = pathlib.Path(__file__).resolve().parents[3]
    for build in ("release", "debug"):
        candidate = root / ".build" / build / "dsegym"
        if candidate.exists():
            return str(candidate)
    raise ServerStartError("no dsegym binary: set DSEGYM_BIN, put dsegym on PATH, or build it "
                           "(swift build -c release) in the DSEGym checkout")


class LocalServer:
    """``dsegym serve --bind tcp://127.0.0.1:*`` as a child process; ``endpoint`` is where it listens."""

    def __init__(self, binary=None, idle_timeout=3600):
        command = [binary or find_binary(), "serve", "--bind", "tcp://127.0.0.1:*", "--idle-timeout", str(idle_timeout)]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self._process.stdout.readline()
        if "listening on" not in line:
            self.stop()
            raise ServerStartError(f"{command[0]} serve did not start (it printed {line.strip()!r})")
        self.endpoint = line.split("listening on ")[1].split()[0]
        atexit.register(self.stop)

    def stop(self):
        process, self._process = getattr(self, "_process", None), None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
