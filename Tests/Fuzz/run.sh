#!/usr/bin/env bash
# Builds the libFuzzer target over MIMEDir, ICalendarFormat and VCardFormat and runs it.
# Usage: Tests/Fuzz/run.sh [seconds=600] [extra libFuzzer flags...]
# FUZZ_OPTIMIZATION=-Onone builds faster (Tests/Fuzz/ci.sh); the default is -O.
# Output (binary, corpus copy, crashes) goes to Tests/Fuzz/out/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"; shift || true
out=Tests/Fuzz/out
mkdir -p "$out/build" "$out/corpus" "$out/crashes"
flags=(-sanitize=fuzzer,address -parse-as-library "${FUZZ_OPTIMIZATION:--O}" -g -swift-version 6
       -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility
       -enable-upcoming-feature InternalImportsByDefault -I "$out/build")
build_module() {
    local name=$1
    swiftc "${flags[@]}" -emit-library -static -module-name "$name" -emit-module-path "$out/build/$name.swiftmodule" \
        -o "$out/build/lib$name.a" $(find "Sources/$name" -name '*.swift' | sort) 2>&1 |
        grep -v 'Cannot export local symbol' || true
    [ -f "$out/build/lib$name.a" ] || { echo "building $name failed" >&2; exit 2; }
}
rm -f "$out/build/"*.a
build_module MIMEDir
build_module ICalendarFormat
build_module VCardFormat
swiftc "${flags[@]}" -module-name FuzzMIMEDir Tests/Fuzz/FuzzMIMEDir/main.swift \
    -L "$out/build" -lVCardFormat -lICalendarFormat -lMIMEDir -o "$out/fuzz-mimedir"
cp -n Tests/Fixtures/rfc5545/* Tests/Fixtures/ical-real/* Tests/Fixtures/rfc6350/* Tests/Fixtures/rfc2426/* \
    Tests/Fixtures/vcard-real/* Tests/Fuzz/FuzzMIMEDir/regressions/* "$out/corpus/" 2>/dev/null || true
SWIFT_BACKTRACE=enable=no "$out/fuzz-mimedir" "$out/corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$out/crashes/" -print_final_stats=1 "$@"
