#!/usr/bin/env bash
# libFuzzer + AddressSanitizer runs of gradtop's parsers, built with swiftc
# outside SwiftPM (normal builds are untouched). Usage:
#
#   fuzz/run.sh [SECONDS] [model|csv|theme ...]     default: 60 seconds each, all three
#
# Each parser gets its own binary in .build-fuzz/, starts from a copy of
# fuzz/corpus/<parser>/ (new interesting inputs go to .build-fuzz/corpus-<parser>/,
# the committed corpus is not changed) and runs for SECONDS. A crash leaves
# .build-fuzz/crash-* (rerun it: .build-fuzz/fuzz-<parser> FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
parsers=("${@:-model csv theme}")
read -r -a parsers <<< "${parsers[*]}"
command -v swiftc >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
out=.build-fuzz
mkdir -p "$out/modules"
sanitize=(-sanitize=fuzzer,address -parse-as-library -g -Onone -swift-version 6)

# module NAME SOURCE_DIR: one instrumented object and its .swiftmodule.
module() {
    local name=$1 dir=$2
    [ "$out/$name.o" -nt "$0" ] && [ -z "$(find "$dir" -name '*.swift' -newer "$out/$name.o")" ] && return
    echo "fuzz: compiling $name"
    find "$dir" -name '*.swift' -print0 | xargs -0 swiftc "${sanitize[@]}" -wmo -module-name "$name" \
        -I "$out/modules" -emit-module -emit-module-path "$out/modules/$name.swiftmodule" -c -o "$out/$name.o"
}

module GradTensor Sources/GradTensor
module GradAutodiff Sources/GradAutodiff
module GradNet Sources/GradNet
objects=("$out/GradTensor.o" "$out/GradAutodiff.o" "$out/GradNet.o")

for parser in "${parsers[@]}"; do
    flags=()
    extra=("${objects[@]}")
    if [ "$parser" = theme ]; then
        module GradSession Sources/GradSession
        module GradUI Sources/GradUI
        flags=(-D FUZZ_THEME)
        extra+=("$out/GradSession.o" "$out/GradUI.o")
    else
        flags=(-D "FUZZ_$(echo "$parser" | tr a-z A-Z)")
    fi
    echo "fuzz: linking fuzz-$parser"
    # ld.gold warns about every ASan register helper it cannot export; harmless, so filtered.
    swiftc "${sanitize[@]}" "${flags[@]}" -I "$out/modules" fuzz/Harness.swift "${extra[@]}" -o "$out/fuzz-$parser" 2>&1 \
        | { grep -v "Cannot export local symbol" || true; }
    mkdir -p "$out/corpus-$parser"
    cp -n fuzz/corpus/"$parser"/* "$out/corpus-$parser/" 2>/dev/null || true
    echo "fuzz: $parser for $seconds s"
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-$parser" -max_total_time="$seconds" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="$out/crash-$parser-" -print_final_stats=1 "$out/corpus-$parser" 2>&1 \
        | grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Test unit written|==[0-9]+==" || true
done
