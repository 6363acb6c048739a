#!/usr/bin/env bash
# Renders a DSEGym HTML report in headless Chromium (Debian package `chromium`) to a PNG, to check
# that it displays in a real browser:   bash scripts/render-report.sh report.html report.png
set -euo pipefail
html=${1:?usage: render-report.sh REPORT.html [OUT.png]}
png=${2:-${html%.html}.png}
if ! command -v chromium >/dev/null 2>&1; then
    echo "render-report: installing chromium with apt-get" >&2
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1800 \
    --screenshot="$png" "file://$(realpath "$html")" 2>/dev/null
size=$(stat -c %s "$png")
[ "$size" -gt 20000 ] || { echo "render-report: $png is only $size bytes; the page did not render" >&2; exit 1; }
echo "rendered $html -> $png ($size bytes)"
