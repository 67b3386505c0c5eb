#!/usr/bin/env bash
# Pause (STOP) or resume (CONT) a process and all its descendants, e.g. a CI run, so a benchmark
# can take a quiet measurement beside it: scripts/pause_tree.sh STOP|CONT PID
set -euo pipefail
signal=${1:?STOP or CONT}; root=${2:?pid}
case $signal in STOP|CONT) ;; *) echo "pause_tree: STOP or CONT, not $signal" >&2; exit 2 ;; esac
tree() { echo "$1"; for child in $(pgrep -P "$1" || true); do tree "$child"; done; }
for pid in $(tree "$root"); do kill -"$signal" "$pid" 2>/dev/null || true; done
