#!/usr/bin/env bash
# Builds the config-loader fuzz target (Fuzz/ConfigLoaderFuzz.swift) with libFuzzer and
# AddressSanitizer into .build-fuzz/, apart from the main .build. OpalCore, OpalYAML and
# OpalConfig are compiled from Sources/ as three modules with coverage instrumentation;
# libyaml is the system library (uninstrumented, but ASan still checks its memory calls).
# Prints the path of the fuzzer binary.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFTC=${SWIFTC:-$(command -v swiftc)}
OUT=.build-fuzz/bin
MODS=.build-fuzz/modules
mkdir -p "$OUT" "$MODS"
BIN=$OUT/config-loader-fuzz

# Rebuild only when a source the target is made of changed.
if [ -x "$BIN" ] && [ -z "$(find Sources/OpalCore Sources/OpalYAML Sources/OpalConfig Sources/CYAML \
  Fuzz scripts/fuzz-build.sh -newer "$BIN" -type f | head -1)" ]; then
  echo "$BIN"
  exit 0
fi

YAML_CFLAGS=$(pkg-config --cflags yaml-0.1)
YAML_LIBS=$(pkg-config --libs yaml-0.1)
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -I "$MODS" -I Sources/CYAML -j 1)
for flag in $YAML_CFLAGS; do FLAGS+=(-Xcc "$flag"); done

module() {  # name: compile Sources/<name>/**/*.swift into one object file and a .swiftmodule
  local name=$1
  local sources=()
  # Subfolders too (OpalConfig has Policy/, Routes/, CustomModels/), in a stable order.
  while IFS= read -r -d '' f; do sources+=("$f"); done \
    < <(find Sources/"$name" -name '*.swift' -print0 | sort -z)
  echo "fuzz-build: compiling $name" >&2
  rm -f "$MODS/$name.o"
  "$SWIFTC" "${FLAGS[@]}" -module-name "$name" -wmo -emit-module \
    -emit-module-path "$MODS/$name.swiftmodule" -c "${sources[@]}" -o "$MODS/$name.o" >&2
}
module OpalCore
module OpalYAML
module OpalConfig
echo "fuzz-build: linking $BIN" >&2
"$SWIFTC" "${FLAGS[@]}" -module-name ConfigLoaderFuzz Fuzz/ConfigLoaderFuzz.swift \
  "$MODS/OpalCore.o" "$MODS/OpalYAML.o" "$MODS/OpalConfig.o" $YAML_LIBS -o "$BIN.new" 2>&1 \
  | { grep -v "Cannot export local symbol '__asan" || true; } >&2
[ -x "$BIN.new" ] || { echo "fuzz-build: link failed" >&2; exit 1; }
mv -f "$BIN.new" "$BIN"  # a rename, so a fuzzer still running the old binary is undisturbed
echo "$BIN"
