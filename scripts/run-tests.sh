#!/usr/bin/env bash
# Runs the whole test suite (XCTest via `swift test`, then the Python client's pytest suite) and
# closes with one plain summary line,
# "N passed, F failed", so a CI log's last line states what ran.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

swift test --disable-swift-testing "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# "Executed N tests, with F failures" or, when some were skipped, "Executed N tests, with S tests skipped and F failures".
summary=$(grep -E "^[[:space:]]*Executed [0-9]+ tests?, with ([0-9]+ tests? skipped and )?[0-9]+ failures?" "$log" | tail -n 1)
executed=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
skipped=$(sed -nE 's/.*with ([0-9]+) tests? skipped.*/\1/p' <<<"$summary")
failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$summary")
executed=$((executed - ${skipped:-0}))
if [ -z "$summary" ] || [ "${executed:-0}" -eq 0 ]; then
    echo "swift test ran no test (exit status $status)" >&2
    exit 1
fi
# The Python client's tests (pytest) run against the built server.
python_log=$(mktemp)
bash scripts/python-test.sh 2>&1 | tee "$python_log"
python_status=${PIPESTATUS[0]}
py_passed=$(grep -Eo "[0-9]+ passed" "$python_log" | tail -n 1 | grep -Eo "[0-9]+" || echo 0)
py_failed=$(grep -Eo "[0-9]+ failed" "$python_log" | tail -n 1 | grep -Eo "[0-9]+" || echo 0)
rm -f "$python_log"
[ "$python_status" -ne 0 ] && [ "$py_failed" -eq 0 ] && py_failed=1

echo "Tests: $((executed - failed + py_passed)) passed, $((failed + py_failed)) failed"
[ "$status" -ne 0 ] && exit "$status"
exit "$python_status"
