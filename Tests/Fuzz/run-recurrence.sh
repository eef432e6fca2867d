#!/usr/bin/env bash
# Fuzzes the RRULE parser and iterator with libFuzzer (swiftc -sanitize=fuzzer,address).
# Usage: Tests/Fuzz/run-recurrence.sh [seconds, default 300]. Output in Tests/Fuzz/out/recurrence.
# FUZZ_OPTIMIZATION=-Onone builds faster (Tests/Fuzz/ci.sh); the default is -O.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="$ROOT/Tests/Fuzz/out/recurrence"
SECONDS_TO_RUN="${1:-300}"
mkdir -p "$OUT/modules" "$OUT/corpus"
FLAGS=(-sanitize=fuzzer,address "${FUZZ_OPTIMIZATION:--O}" -swift-version 6
    -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
    -enable-upcoming-feature InternalImportsByDefault -I "$OUT/modules")
for module in MIMEDir ICalendarFormat Recurrence; do
    swiftc "${FLAGS[@]}" -parse-as-library -emit-library -static -module-name "$module" \
        -emit-module-path "$OUT/modules/$module.swiftmodule" -o "$OUT/modules/lib$module.a" \
        $(find "$ROOT/Sources/$module" -name '*.swift' | sort)
done
swiftc "${FLAGS[@]}" -parse-as-library -L "$OUT/modules" -lRecurrence -lICalendarFormat -lMIMEDir \
    "$ROOT/Tests/Fuzz/FuzzRecurrence/main.swift" -o "$OUT/fuzz-recurrence"
# Seed corpus: the rules of the RFC 5545 examples.
grep -h '^RRULE:' "$ROOT/Tests/Fixtures/recurrence/rfc5545-examples.txt" | sed 's/^RRULE://' | while read -r rule; do
    printf '\x10\x27\x00\x09%s' "$rule" > "$OUT/corpus/$(printf '%s' "$rule" | md5sum | cut -c1-16)"
done
"$OUT/fuzz-recurrence" "$OUT/corpus" -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$OUT/" -print_final_stats=1
