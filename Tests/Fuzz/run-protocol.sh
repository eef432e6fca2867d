#!/usr/bin/env bash
# Builds and runs the libFuzzer targets over the protocol parsers (swiftc -sanitize=fuzzer,address):
#   http-head        HTTPWire.HTTPRequestHeadParser, whole vs split input
#   chunked          HTTPWire.ChunkedBodyDecoder, one pass vs small pieces into a small buffer
#   xml              DAVXML.XMLReader, plus the dead-property round trip through XMLWriter.fragment
#   if-header        DAVCore.IfHeader parser and evaluation
#   calendar-filter  CalDAV CalendarFilter/CalendarQuery decoding and matching against fixed calendars
# Usage: Tests/Fuzz/run-protocol.sh [seconds per target, default 600] [target...]   (all targets by default)
# FUZZ_OPTIMIZATION=-Onone builds faster (Tests/Fuzz/ci.sh); the default is -O.
# Seeds come from Tests/Fuzz/corpus-<target>/ (kept in the repository); the growing corpus, binaries and any
# crash go to Tests/Fuzz/out/protocol/<target>/ (git-ignored). Exits non-zero when a target finds a crash.
# Leak detection is off: FoundationXML leaks a CFString on every parse error (in _CFErrorCreateFromXMLInterface).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/Tests/Fuzz/out/protocol"
SECONDS_PER_TARGET="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(http-head chunked xml if-header calendar-filter)
mkdir -p "$OUT/modules"
FLAGS=(-sanitize=fuzzer,address "${FUZZ_OPTIMIZATION:--O}" -g -swift-version 6
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault -I "$OUT/modules" -I "$ROOT/Sources/CZlib")

build_module() {
    local module=$1
    local library="$OUT/modules/lib$module.a"
    if [ -f "$library" ] && [ -z "$(find "$ROOT/Sources/$module" -name '*.swift' -newer "$library")" ]; then
        return
    fi
    echo "== building $module"
    swiftc "${FLAGS[@]}" -parse-as-library -emit-library -static -module-name "$module" \
        -emit-module-path "$OUT/modules/$module.swiftmodule" -o "$library" \
        $(find "$ROOT/Sources/$module" -name '*.swift' | sort) 2>&1 | grep -v 'Cannot export local symbol' || true
    [ -f "$library" ] || { echo "building $module failed" >&2; exit 2; }
}

# target name → source folder, modules in link order
declare -A SOURCE=([http-head]=FuzzHTTPHead [chunked]=FuzzChunked [xml]=FuzzXML [if-header]=FuzzIfHeader
    [calendar-filter]=FuzzCalendarFilter)
declare -A MODULES=([http-head]="HTTPWire" [chunked]="HTTPWire" [xml]="DAVXML" [if-header]="DAVCore DAVXML HTTPWire"
    [calendar-filter]="CalDAV DAVCore DAVXML HTTPWire Recurrence ICalendarFormat MIMEDir")

status=0
for target in "${TARGETS[@]}"; do
    [ -n "${SOURCE[$target]:-}" ] || { echo "unknown target $target" >&2; exit 2; }
    modules=(${MODULES[$target]})
    for ((index = ${#modules[@]} - 1; index >= 0; index--)); do build_module "${modules[$index]}"; done
    links=()
    for module in "${modules[@]}"; do links+=("-l$module"); done
    dir="$OUT/$target"
    mkdir -p "$dir/corpus" "$dir/crashes"
    echo "== building fuzz-$target"
    rm -f "$dir/fuzz-$target"
    swiftc "${FLAGS[@]}" -parse-as-library -L "$OUT/modules" "${links[@]}" -lz -lswiftSynchronization \
        "$ROOT/Tests/Fuzz/${SOURCE[$target]}/main.swift" -o "$dir/fuzz-$target" 2>&1 |
        grep -v 'Cannot export local symbol' || true
    [ -x "$dir/fuzz-$target" ] || { echo "building fuzz-$target failed" >&2; exit 2; }
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s"
    if ! ASAN_OPTIONS=detect_leaks=0 SWIFT_BACKTRACE=enable=no "$dir/fuzz-$target" "$dir/corpus" "$ROOT/Tests/Fuzz/corpus-$target" \
        -max_total_time="$SECONDS_PER_TARGET" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
        -artifact_prefix="$dir/crashes/" -print_final_stats=1 2>"$dir/fuzz.log"; then
        echo "!! $target found a crash; see $dir/fuzz.log and $dir/crashes/" >&2
        tail -n 40 "$dir/fuzz.log" >&2
        status=1
    else
        grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$dir/fuzz.log" | tr '\n' ' '
        echo
    fi
done
exit $status
