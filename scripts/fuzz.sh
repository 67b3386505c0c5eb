#!/usr/bin/env bash
# Fuzzes the config loader with libFuzzer for SECONDS seconds (default 60) on one core: one
# in-process fuzzing loop (no -jobs/-workers, which would fork a worker and write fuzz-N.log
# into the working directory).
#   scripts/fuzz.sh [SECONDS]        (or: make fuzz SECONDS=N)
# The work corpus lives in .build-fuzz/corpus (outside git), seeded with every config fixture
# and example. On a finding the crashing input is minimised and copied into
# Tests/OpalConfigTests/Fixtures/fuzz/ as a regression fixture, and the script exits non-zero.
set -uo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-${SECONDS_TO_FUZZ:-60}}
BIN=$(scripts/fuzz-build.sh) || { echo "fuzz: build failed" >&2; exit 2; }
WORK=.build-fuzz
CORPUS=$WORK/corpus
ARTIFACTS=$WORK/artifacts
REGRESSION=Tests/OpalConfigTests/Fixtures/fuzz
mkdir -p "$CORPUS" "$ARTIFACTS" "$REGRESSION"

# Seed (idempotent: files are named by content hash).
while IFS= read -r -d '' f; do
  cp -n "$f" "$CORPUS/seed-$(sha1sum <"$f" | cut -c1-16)" 2>/dev/null || true
done < <(find Tests/OpalConfigTests/Fixtures examples -type f \
  \( -name '*.yaml' -o -name '*.yml' -o -path "*/fuzz/*" \) -print0)

LOG=$WORK/fuzz-$(date +%Y%m%d-%H%M%S).log
echo "fuzz: $SECS s on 1 core; corpus $(ls "$CORPUS" | wc -l) files; log $LOG"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
  "$BIN" "$CORPUS" -dict=Fuzz/yaml.dict -max_total_time="$SECS" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$ARTIFACTS/" >"$LOG" 2>&1
status=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOG" | tail -1)
rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$LOG" | tail -1)
stats="${execs:-?} executions, peak RSS ${rss:-?} MB"
corpus=$(ls "$CORPUS" | wc -l)
artifact=$(grep -oE "Test unit written to [^ ]+" "$LOG" | tail -1 | sed 's/Test unit written to //')
if [ $status -eq 0 ] && [ -z "$artifact" ]; then
  echo "fuzz: clean after $SECS s; $stats; corpus $corpus files"
  exit 0
fi
echo "fuzz: FINDING (exit $status); $stats; log $LOG" >&2
grep -E "ERROR: |Fatal error|Precondition failed|SUMMARY|==[0-9]+==" "$LOG" | head -8 >&2
if [ -n "$artifact" ] && [ -f "$artifact" ]; then
  name=$(basename "$artifact")
  min="$ARTIFACTS/min-$name"
  ASAN_OPTIONS=detect_leaks=0 "$BIN" -minimize_crash=1 -max_total_time=60 -timeout=10 \
    -rss_limit_mb=2048 -exact_artifact_path="$min" "$artifact" >>"$LOG" 2>&1 || true
  [ -s "$min" ] || min=$artifact
  cp "$min" "$REGRESSION/$name.yaml"
  echo "fuzz: crashing input $artifact (minimised copy: $REGRESSION/$name.yaml)" >&2
fi
exit 1
