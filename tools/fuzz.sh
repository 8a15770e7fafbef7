#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tools/fuzz.sh [SECONDS] [TARGET...]: builds the libFuzzer targets of tests/fuzz with clang
# (-DLINNET_FUZZ=ON, ASan+UBSan) and runs each for SECONDS (default 60), one after the other.
# Each target first replays its checked-in corpus (tests/fuzz/corpus/NAME: seeds and every
# crash found so far), then fuzzes from it into a scratch corpus under the build dir, so the
# checked-in one only changes by hand. TARGET: names like framecodec (default: all).
# Exits nonzero if any target crashes, leaks or breaks a property; the input that did is
# printed (add it to the corpus once the parser is fixed, see docs/fuzzing.md).
# Environment: LINNET_FUZZ_BUILD_DIR (default ./build-fuzz), LINNET_FUZZ_JOBS (build jobs,
# default 2), LINNET_FUZZ_NICE (default 10), LINNET_FUZZ_RUNS (stop after this many
# executions per target instead of SECONDS), LINNET_FUZZ_LOG (append a summary line per run).
# Needs clang with libFuzzer (Debian 12: clang libclang-rt-14-dev).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_EACH=${1:-60}
[ $# -gt 0 ] && shift
BUILD=${LINNET_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
JOBS=${LINNET_FUZZ_JOBS:-2}
NICE=${LINNET_FUZZ_NICE:-10}
CORPORA=$ROOT/tests/fuzz/corpus
WORK=$BUILD/fuzz-work

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

CLANG=$(command -v clang || command -v clang-14 || true)
CLANGXX=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$CLANG" ] || [ -z "$CLANGXX" ]; then
  echo "clang not found (Debian 12: apt-get install clang libclang-rt-14-dev)" >&2
  exit 2
fi

launcher=()
if command -v ccache >/dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
fi
log "Configuring the fuzz build in $BUILD"
CC=$CLANG CXX=$CLANGXX cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLINNET_FUZZ=ON -DLINNET_BUILD_APP=OFF -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
log "Building the fuzz targets"
cmake --build "$BUILD" --parallel "$JOBS" --target linnet_fuzzers

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for dir in "$CORPORA"/*/; do targets+=("$(basename "$dir")"); done
fi

# Longest input per target: enough for what it parses, short enough to stay fast.
max_len() {
  case "$1" in
    framecodec) echo 16384 ;;
    websocket_handshake | http_head) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

# Seeds a target reads besides its own corpus.
extra_seeds() {
  case "$1" in
    cborscan) echo "$CORPORA/framecodec" ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()
for t in "${targets[@]}"; do
  bin=$BUILD/tests/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "no fuzz target $t ($bin)" >&2; exit 2; }
  mkdir -p "$WORK/$t/corpus"
  log "fuzz_$t: replaying tests/fuzz/corpus/$t"
  # shellcheck disable=SC2046 # extra_seeds prints zero or more directories
  if ! "$bin" -runs=0 "$CORPORA/$t" $(extra_seeds "$t") >"$WORK/$t/replay.log" 2>&1; then
    tail -n 30 "$WORK/$t/replay.log" >&2
    failed+=("$t (corpus replay)")
    continue
  fi
  limit=(-max_total_time="$SECONDS_EACH")
  [ -n "${LINNET_FUZZ_RUNS:-}" ] && limit=(-runs="$LINNET_FUZZ_RUNS")
  log "fuzz_$t: fuzzing (${LINNET_FUZZ_RUNS:+$LINNET_FUZZ_RUNS runs}${LINNET_FUZZ_RUNS:-$SECONDS_EACH s})"
  rc=0
  # shellcheck disable=SC2046
  nice -n "$NICE" "$bin" "${limit[@]}" -max_len="$(max_len "$t")" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$WORK/$t/" \
    "$WORK/$t/corpus" "$CORPORA/$t" $(extra_seeds "$t") >"$WORK/$t/fuzz.log" 2>&1 || rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$WORK/$t/fuzz.log" | tail -n 1)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$WORK/$t/fuzz.log" | tail -n 1)
  if [ "$rc" -ne 0 ]; then
    grep -E 'ERROR|property violated|SUMMARY|Test unit written' "$WORK/$t/fuzz.log" >&2 || true
    failed+=("$t")
    result=FAILED
  else
    result=ok
  fi
  line="$(date -u +%Y-%m-%dT%H:%MZ) fuzz_$t runs=${runs:-?} seconds=${secs:-?} result=$result"
  echo "$line"
  [ -n "${LINNET_FUZZ_LOG:-}" ] && echo "$line" >>"$LINNET_FUZZ_LOG"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (logs and inputs in $WORK)" >&2
  exit 1
fi
log "All fuzz targets ran clean"
