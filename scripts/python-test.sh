#!/usr/bin/env bash
# Runs the Python client's tests (agents/python/tests) against the built `dsegym serve`.
# Installs pyzmq, numpy, pytest, pandas, matplotlib (the results notebook test), ray (the Ray cluster tests,
# ~35 s to install, no torch), gymnasium and optuna with pip when missing. Fails when pytest collects no tests.
# The SCALE-Sim adapter's tests (envs/external) run under $SCALESIM_PYTHON: by default a venv in
# .build/scalesim-venv (sees this interpreter's packages) with scalesim 3.0.0 and numpy < 2.4, made
# here when missing, so this interpreter's numpy is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null; then
    echo "python-test: $PYTHON not found; install Python 3 to run the Python client tests" >&2
    exit 1
fi
missing=()
for module in zmq:pyzmq numpy:numpy pytest:pytest pandas:pandas matplotlib:matplotlib ray:ray gymnasium:gymnasium optuna:optuna; do
    "$PYTHON" -c "import ${module%%:*}" 2>/dev/null || missing+=("${module##*:}")
done
if ((${#missing[@]})); then
    echo "python-test: installing ${missing[*]} with pip" >&2
    "$PYTHON" -m pip install --quiet --user "${missing[@]}" 2>/dev/null \
        || "$PYTHON" -m pip install --quiet "${missing[@]}" 2>/dev/null \
        || "$PYTHON" -m pip install --quiet --break-system-packages "${missing[@]}"  # PEP 668 (Debian 12+)
fi

# SCALE-Sim 3.0.0 crashes with numpy >= 2.4, which pip does not prevent: pin it in the venv.
SCALESIM_REQUIREMENTS=("scalesim==3.0.0" "numpy>=2.0.2,<2.4")
scalesim_ready() {
    "$1" -c "import scalesim.scale_sim, zmq, numpy, sys
sys.exit(tuple(int(p) for p in numpy.__version__.split('.')[:2]) >= (2, 4))" 2>/dev/null
}
if [[ -z "${SCALESIM_PYTHON:-}" ]]; then
    venv=.build/scalesim-venv
    if ! scalesim_ready "$venv/bin/python"; then
        echo "python-test: installing ${SCALESIM_REQUIREMENTS[*]} into $venv for the SCALE-Sim adapter's tests" >&2
        mkdir -p .build
        if "$PYTHON" -m venv --system-site-packages "$venv" 2>/dev/null; then
            "$venv/bin/python" -m pip install --quiet "${SCALESIM_REQUIREMENTS[@]}" pyzmq || true
        elif "$PYTHON" -m venv --system-site-packages --without-pip "$venv"; then
            # No ensurepip (Debian without python3-venv): this interpreter's pip installs into the venv.
            "$PYTHON" -m pip --python "$venv/bin/python" install --quiet "${SCALESIM_REQUIREMENTS[@]}" pyzmq || true
        fi
    fi
    if scalesim_ready "$venv/bin/python"; then
        SCALESIM_PYTHON="$PWD/$venv/bin/python"
    else
        echo "python-test: could not install SCALE-Sim into $venv; its tests skip (and fail when CI=true)" >&2
    fi
fi
if [[ -n "${SCALESIM_PYTHON:-}" ]]; then export SCALESIM_PYTHON; fi

export DSEGYM_BIN="${DSEGYM_BIN:-$PWD/.build/debug/dsegym}"
[[ -x "$DSEGYM_BIN" ]] || swift build --product dsegym
status=0
"$PYTHON" -m pytest -q agents/python/tests || status=$?
if ((status == 5)); then
    echo "python-test: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
