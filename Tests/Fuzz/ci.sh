#!/usr/bin/env bash
# The short fuzz pass of .ci/run: builds the libFuzzer targets (address sanitizer) and runs each for a few
# seconds from the seed corpora in the repository; exits non-zero when any target finds a crash. The modules are
# built at -Onone (FUZZ_OPTIMIZATION): several times faster to compile, slower to fuzz, which a short pass
# that mainly replays the seeds and the inputs of fixed crashes can afford.
#   protocol  http-head, chunked, xml, if-header    (Tests/Fuzz/run-protocol.sh)
#   formats   MIMEDir / iCalendar / vCard parsers   (Tests/Fuzz/run.sh)
#   rrule     RRULE parser and iterator             (Tests/Fuzz/run-recurrence.sh)
# calendar-filter is left out: building CalDAV and its dependencies with the sanitizers takes minutes.
# Usage: Tests/Fuzz/ci.sh [seconds per target, default 15]. Logs go to Tests/Fuzz/out/ci/.
set -uo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-15}"
logs=Tests/Fuzz/out/ci
mkdir -p "$logs"
export FUZZ_OPTIMIZATION="${FUZZ_OPTIMIZATION:--Onone}"
status=0

run() {
    local name=$1
    shift
    local started=$SECONDS
    if "$@" >"$logs/$name.log" 2>&1; then
        echo "fuzz $name: no crash, $((SECONDS - started)) s with the build; executions per target:" \
            $(grep -hoE 'number_of_executed_units: *[0-9]+' "$logs/$name.log" | grep -oE '[0-9]+$')
    else
        echo "!! fuzz $name failed; last lines of $logs/$name.log:" >&2
        tail -n 40 "$logs/$name.log" >&2
        status=1
    fi
}

run protocol Tests/Fuzz/run-protocol.sh "$seconds" http-head chunked xml if-header
run formats Tests/Fuzz/run.sh "$seconds"
run rrule Tests/Fuzz/run-recurrence.sh "$seconds"
exit $status
