#!/usr/bin/env bash
# The README's first command: the whole flow on a local emulator, offline.
#   start the emulator → validate → plan → apply --verify (snapshot) → smoke → plan (now empty) → history → export → stop
set -euo pipefail
cd "$(dirname "$0")/.."
OPAL=${1:-.build/debug/opal}
CONFIG=examples/opal.yaml
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

bold() { if [ -t 1 ]; then printf '\n\033[1m== %s\033[0m\n' "$*"; else printf '\n== %s\n' "$*"; fi; }
run() { printf '$ %s\n' "$*"; "$@"; }

bold "Starting the Opper emulator on 127.0.0.1:$PORT (the first model of sonnet4 is made to fail)"
"$OPAL" emulator --port "$PORT" --api-key demo-key --management-key demo-management-key --state "$WORK/state.json" \
  --faults examples/demo-faults.yaml >"$WORK/emulator.log" 2>&1 &
EMU=$!
trap 'kill $EMU 2>/dev/null || true; wait $EMU 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  (echo >/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null && break
  sleep 0.1
done
# The host only: opal adds /v2 (aliases, calls) and /management/v1 (dynamic routes).
export OPPER_BASE_URL="http://127.0.0.1:$PORT" OPPER_API_KEY=demo-key OPPER_MANAGEMENT_KEY=demo-management-key
# The example's custom model reads its key from here: a harmless demo value (opal never prints it).
export TEAM_A_FIREWORKS_KEY=demo-fireworks-key

bold "1. validate: the file is well-formed and every chain is sound"
run "$OPAL" validate -f "$CONFIG" --online

bold "2. plan: what would change on the (empty) organization"
run "$OPAL" plan -f "$CONFIG"

bold "3. apply --verify: make the organization match the file (routes: draft, tests on simulate, guarded deploy),"
bold "   with a snapshot written first, then smoke what changed (a failure would roll the apply back)"
run "$OPAL" apply -f "$CONFIG" --auto-approve --snapshot "$WORK/snapshot.json" --verify

bold "4. smoke: call every alias and route for real (sonnet4 and dynamic/support are served by a fallback)"
run "$OPAL" smoke -f "$CONFIG" --junit "$WORK/smoke.xml"

bold "5. plan again: nothing left to do"
run "$OPAL" plan -f "$CONFIG" --detailed-exitcode

bold "6. history: the route's versions, each noted with the plan that deployed it"
run "$OPAL" history route support

bold "7. export: the organization as a config file (first lines)"
"$OPAL" export -o "$WORK/exported.yaml"
head -n 12 "$WORK/exported.yaml"
echo "..."
bold "Done: the remote matches examples/opal.yaml."
