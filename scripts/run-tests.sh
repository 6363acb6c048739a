#!/usr/bin/env bash
# Runs the whole test suite (XCTest via `swift test`) and closes with one plain summary line,
# "N passed, F failed", so a CI log's last line states what ran.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

swift test --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with [0-9]+ failures?" "$log" | tail -n 1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
failed=$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")
if [ -z "$summary" ] || [ "${executed:-0}" -eq 0 ]; then
    echo "swift test ran no test (exit status $status)" >&2
    exit 1
fi
echo "Tests: $((executed - failed)) passed, $failed failed"
exit "$status"
