#!/usr/bin/env bash
# The fault soak of issue 7 (docs/reliability.md, "Fault soak"): cycles of mutate the config →
# `opal apply` under random seeded faults on the emulator's alias endpoints → verify the remote
# equals the file exactly, for SECONDS (default 120). It is SoakTests.applyConvergesUnderRandomFaults
# with OPAL_SOAK_SECONDS set; `make test` runs the same test briefly (4 cycles).
#   scripts/soak.sh [SECONDS]        SOAK_SEED=N repeats its configs and fault seeds
# Built optimised by default (SOAK_CONFIG=debug for the debug build): users run the release build,
# and a release-only miscompile once lost pages of every list (docs/compiler-miscompile.md).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-120}
REPORT=.build/soak-latest.txt
LOG=.build/soak-latest.log
mkdir -p .build
rm -f "$REPORT"
CONFIG=${SOAK_CONFIG:-release}
swift build -c "$CONFIG" --build-tests >"$LOG" 2>&1 || { tail -40 "$LOG"; echo "soak: the build failed"; exit 1; }
export OPAL_SOAK_SECONDS="$DURATION" OPAL_SOAK_REPORT="$REPORT"
if [ -n "${SOAK_SEED:-}" ]; then export OPAL_SOAK_SEED="$SOAK_SEED"; fi
echo "soak ($CONFIG build): ${DURATION} s of apply → verify cycles under random faults (full log: $LOG)"
status=0
swift test -c "$CONFIG" --skip-build --filter 'SoakTests/applyConvergesUnderRandomFaults' >"$LOG" 2>&1 || status=$?
grep -E '^(cycle [0-9]+:|fault soak:|  [a-z])' "$LOG" || true
if [ "$status" -ne 0 ] || [ ! -s "$REPORT" ]; then
  grep -E '✘|error:' "$LOG" | head -40 || true
  echo "soak: FAILED (exit $status); see $LOG"
  exit 1
fi
echo "soak: clean; figures in $REPORT"
