#!/usr/bin/env bash
# Runs the Python client's tests (agents/python/tests) against the built `dsegym serve`.
# Installs pyzmq, numpy and pytest with pip when missing. Fails when pytest collects no tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null; then
    echo "python-test: $PYTHON not found; install Python 3 to run the Python client tests" >&2
    exit 1
fi
missing=()
for module in zmq:pyzmq numpy:numpy pytest:pytest; do
    "$PYTHON" -c "import ${module%%:*}" 2>/dev/null || missing+=("${module##*:}")
done
if ((${#missing[@]})); then
    echo "python-test: installing ${missing[*]} with pip" >&2
    "$PYTHON" -m pip install --quiet --user "${missing[@]}" 2>/dev/null || "$PYTHON" -m pip install --quiet "${missing[@]}"
fi
export DSEGYM_BIN="${DSEGYM_BIN:-$PWD/.build/debug/dsegym}"
[[ -x "$DSEGYM_BIN" ]] || swift build --product dsegym
status=0
"$PYTHON" -m pytest -q agents/python/tests || status=$?
if ((status == 5)); then
    echo "python-test: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
