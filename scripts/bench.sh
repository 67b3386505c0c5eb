#!/usr/bin/env bash
# `make bench`: SPEC §16's whole-process figures against their anchors (scripts/bench.py), then the
# loader's in-process figures (package-benchmark, Benchmarks/Package.swift, its own .build).
#   BENCH_INPROCESS=0 skips package-benchmark (its first build takes a few minutes);
#   BENCH_QUICK=1 runs fewer repetitions and no 100,000-alias rows (a smoke test of the bench).
# Expects .build/release/opal (the Makefile builds it first). Exit 1 when a stage errors;
# a MISS is reported in the table, not as a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need cc || missing+=(gcc)
need pkg-config || missing+=(pkg-config)
pkg-config --exists yaml-0.1 2>/dev/null || missing+=(libyaml-dev)
need python3 || missing+=(python3)
if ((${#missing[@]})); then
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

args=()
[[ "${BENCH_QUICK:-0}" == 1 ]] && args+=(--quick)
if [[ "${BENCH_INPROCESS:-1}" != 0 ]]; then
  # The load path alone (Benchmarks/Sources/LoadProfile), for the rows opal itself refuses.
  swift build -c release --package-path Benchmarks --scratch-path "$PWD/Benchmarks/.build" \
    --product LoadProfile >Benchmarks/.build/loadprofile-build.log 2>&1 \
    && args+=(--load-profile Benchmarks/.build/release/LoadProfile) \
    || echo "bench: LoadProfile did not build (see Benchmarks/.build/loadprofile-build.log)" >&2
fi
status=0
python3 scripts/bench.py --opal .build/release/opal "${args[@]}" || status=$?

if [[ "${BENCH_INPROCESS:-1}" != 0 ]]; then
  echo "bench: in-process figures (package-benchmark; the first build takes a few minutes)" >&2
  out=Benchmarks/.build/inprocess.txt
  if swift package --package-path Benchmarks --scratch-path "$PWD/Benchmarks/.build" \
      benchmark --no-progress --format markdown 2>Benchmarks/.build/inprocess.err \
      | grep -v -e $'\e' -e '^Note: skipping' >"$out"; then
    cat "$out"
    { echo; echo "## In-process (package-benchmark)"; echo; cat "$out"; } >>Benchmarks/results/latest.md
  else
    echo "bench: package-benchmark failed (see Benchmarks/.build/inprocess.err); whole-process figures stand" >&2
    tail -20 Benchmarks/.build/inprocess.err >&2
  fi
fi
exit $status
