#!/usr/bin/env bash
# Installs the system libraries DSEGym links against, when they are missing:
#   libzmq3-dev (ZeroMQ, the wire protocol) and libsqlite3-dev (the results store), plus pkg-config;
#   and for the Python client's tests: python3 with pip and venv (the SCALE-Sim adapter's venv).
# Uses apt-get (Debian/Ubuntu); runs it through sudo when not root. Does nothing if all are present.
set -euo pipefail

missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists libzmq || missing+=(libzmq3-dev)
    pkg-config --exists sqlite3 || missing+=(libsqlite3-dev)
else
    missing+=(libzmq3-dev libsqlite3-dev)
fi
if command -v python3 >/dev/null 2>&1; then
    python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
    python3 -c "import ensurepip" >/dev/null 2>&1 || missing+=(python3-venv)
else
    missing+=(python3 python3-pip python3-venv)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: Swift is not on PATH; install Swift 6 first (https://www.swift.org/install/)." >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-deps: missing ${missing[*]}; install them with your package manager (no apt-get here)." >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]} with apt-get" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
