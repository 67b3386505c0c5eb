#!/usr/bin/env bash
# Checks the toolchain's known -O miscompile (docs/compiler-miscompile.md) against what
# scripts/miscompile/expected.txt records for it. Fails when the result changes (a compiler
# update that fixed or changed the bug must be looked at: opal's code works around it, and the
# workaround, binding an awaited value before building a tuple, must still be right) or when the
# toolchain is one the file does not know yet (record its result there).
set -euo pipefail
cd "$(dirname "$0")/miscompile"
SWIFTC=${SWIFTC:-swiftc}
version=$("$SWIFTC" --version 2>&1 | grep -m1 'Swift version' | sed 's/ *Target:.*//')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for program in tuple-around-try-await tuple-bound-first; do
  got=()
  for opt in -O -Onone; do
    "$SWIFTC" "$opt" -parse-as-library "$program.swift" -o "$work/$program$opt" 2>"$work/err" || {
      echo "check-miscompile: $program did not compile with $opt:" >&2; cat "$work/err" >&2; exit 1; }
    got+=("$("$work/$program$opt")")
  done
  line="$version|$program|${got[0]}|${got[1]}"
  if grep -qxF "$line" expected.txt; then
    echo "check-miscompile: $program: -O '${got[0]}', -Onone '${got[1]}' (as recorded for this toolchain)"
  elif grep -q "^$version|$program|" expected.txt; then
    echo "check-miscompile: $program CHANGED on $version: -O '${got[0]}', -Onone '${got[1]}'" >&2
    echo "  recorded: $(grep "^$version|$program|" expected.txt)" >&2
    status=1
  else
    echo "check-miscompile: new toolchain '$version': $program prints -O '${got[0]}', -Onone '${got[1]}'" >&2
    echo "  record it in scripts/miscompile/expected.txt and update docs/compiler-miscompile.md" >&2
    status=1
  fi
done
exit $status
