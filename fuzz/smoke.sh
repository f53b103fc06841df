#!/usr/bin/env bash
# Fuzz smoke test for CI: build every target once, run each for FUZZ_SECONDS (default 20),
# fail on any crash, timeout or out-of-memory. Each target is seeded by fuzz/seeds.sh from
# tests/fixtures and the third-party corpora ($MAILMIME_CORPORA, default ../shared/corpora
# beside the repo, when present): whole messages, or the header values the target reads.
# The seeds go into a temporary directory, which is also where libFuzzer writes new inputs
# and crash artifacts, so nothing is written into the repository.
#
# Environment:
#   FUZZ_SECONDS     seconds per target (default 20)
#   FUZZ_JOBS        targets run at the same time (default 2)
#   FUZZ_TOOLCHAIN   toolchain for cargo-fuzz (default nightly)
#   MAILMIME_CORPORA folder of the third-party corpora (default ../shared/corpora)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
seconds="${FUZZ_SECONDS:-20}"
jobs="${FUZZ_JOBS:-2}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"
corpora="${MAILMIME_CORPORA:-$root/../shared/corpora}"
targets=(
    parse walk roundtrip limits edit builder
    base64 base64_simd quoted_printable uuencode utf7 encoded_word rfc2231 charset
    address date params mbox
)

# Lints are checked on stable by clippy; a lint that only nightly knows must not fail the
# fuzz build, so drop a `-D warnings` that CI put in RUSTFLAGS.
export RUSTFLAGS="${RUSTFLAGS:-}"
export RUSTFLAGS="${RUSTFLAGS//-D warnings/}"

if ! cargo "+$toolchain" fuzz --version >/dev/null 2>&1; then
    echo "installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f "$corpora/MANIFEST.tsv" ]; then
    echo "seeds: tests/fixtures only ($corpora/MANIFEST.tsv not found)"
fi

echo "building ${#targets[@]} fuzz targets"
cargo "+$toolchain" fuzz build

# Every kept reproducer (fuzz/regressions/TARGET-N) must pass its target again.
for reproducer in "$root"/fuzz/regressions/*; do
    [ -f "$reproducer" ] || continue
    name=$(basename "$reproducer")
    target=${name%-*}
    if ! cargo "+$toolchain" fuzz run "$target" "$reproducer" -- -artifact_prefix="$work/replay-" \
        >"$work/replay-$name.log" 2>&1; then
        tail -n 60 "$work/replay-$name.log"
        echo "fuzz smoke failed: fuzz/regressions/$name fails $target again"
        exit 1
    fi
    echo "replayed fuzz/regressions/$name"
done

run_target() {
    local target=$1
    local corpus="$work/corpus/$target" artifacts="$work/artifacts/$target/"
    mkdir -p "$corpus" "$artifacts"
    MAILMIME_CORPORA="$corpora" bash "$root/fuzz/seeds.sh" "$target" "$corpus" >/dev/null
    cargo "+$toolchain" fuzz run "$target" "$corpus" -- \
        -max_total_time="$seconds" \
        -dict="$root/fuzz/dict/mime.dict" \
        -max_len=65536 \
        -timeout=10 \
        -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts" \
        -print_final_stats=1 \
        >"$work/$target.log" 2>&1
}

declare -A pids=()
failed=()
wait_one() {
    local target=$1
    if wait "${pids[$target]}"; then
        local execs
        execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$target.log" | grep -o '[0-9]*$' || true)
        printf '%-18s ok   %s runs in %ss\n' "$target" "${execs:-?}" "$seconds"
    else
        printf '%-18s FAILED\n' "$target"
        failed+=("$target")
    fi
    unset "pids[$target]"
}

running=()
for target in "${targets[@]}"; do
    run_target "$target" &
    pids[$target]=$!
    running+=("$target")
    if [ "${#running[@]}" -ge "$jobs" ]; then
        wait_one "${running[0]}"
        running=("${running[@]:1}")
    fi
done
for target in "${running[@]}"; do
    wait_one "$target"
done

if [ "${#failed[@]}" -gt 0 ]; then
    for target in "${failed[@]}"; do
        echo
        echo "=== $target: last lines of the libFuzzer log"
        tail -n 60 "$work/$target.log"
        for artifact in "$work/artifacts/$target"/*; do
            [ -f "$artifact" ] || continue
            echo "=== $target: reproducer $(basename "$artifact") ($(wc -c <"$artifact") bytes), hex:"
            od -An -tx1 -v "$artifact" | tr -d ' \n' | head -c 8192
            echo
        done
    done
    echo
    echo "fuzz smoke failed: ${failed[*]}"
    echo "save a reproducer as fuzz/regressions/TARGET-N and replay it with"
    echo "  cargo +nightly fuzz run TARGET fuzz/regressions/TARGET-N"
    exit 1
fi
echo "fuzz smoke passed: ${targets[*]}"
