#!/bin/sh
# build-commit.sh CHECKOUT OUTDIR: writes OUTDIR/BuildCommit.generated.swift naming the commit of
# CHECKOUT (git describe --always --dirty --abbrev=12), or "unknown" when there is no git or no
# checkout. Rewrites the file only when its text changes. Never fails the build.
checkout=$1
out=$2
mkdir -p "$out" || exit 0
commit=$(git -C "$checkout" describe --always --dirty --abbrev=12 2>/dev/null | tr -cd '0-9A-Za-z._-' | cut -c1-64)
[ -n "$commit" ] || commit=unknown
file="$out/BuildCommit.generated.swift"
text="/// Written before each build by Plugins/BuildCommitPlugin; do not edit.
enum BuildCommitStamp { static let commit = \"$commit\" }"
if [ ! -f "$file" ] || [ "$(cat "$file")" != "$text" ]; then
  printf '%s\n' "$text" > "$file.tmp" && mv "$file.tmp" "$file"
fi
exit 0
