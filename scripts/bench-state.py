#!/usr/bin/env python3
"""Print a deterministic emulator state file (`opal emulator --state FILE`) holding the N aliases
that `scripts/gen-config.py N` declares, so a plan of that config against it reads N remote
aliases without N POSTs.

Usage: scripts/bench-state.py N [--drift K] > state.json
  --drift K   every K-th alias gets another description remotely (an update in the plan);
              0 (the default) makes the plan a no-op.
"""
import json
import sys
import uuid

# Mirrors scripts/gen-config.py: same names, descriptions and chains for the same N.
MODELS = [
    "openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1", "openai/gpt-4.1-mini",
    "anthropic/claude-3-5-sonnet", "anthropic/claude-3-5-haiku", "anthropic/claude-sonnet-4",
    "aws/claude-sonnet-4-eu", "gcp/gemini-2.5-flash", "mistral/mistral-large-eu",
    "azure/gpt-4o-eu", "groq/llama-3.3-70b-versatile",
]
SONNET = ["aws/claude-sonnet-4-eu", "anthropic/claude-sonnet-4", "gcp/claude-sonnet-4"]


def chain(i: int) -> list:
    a, b, c = MODELS[i % 12], MODELS[(i * 7 + 3) % 12], MODELS[(i * 5 + 1) % 12]
    if i % 10 == 0:
        return list(SONNET)
    models = [a, b] if b != a else [a]
    if c not in (a, b):
        models = [a, b, c] if b != a else [a, c]
    return models


def main() -> None:
    args = sys.argv[1:]
    n = int(args[0]) if args else 10_000
    drift = int(args[args.index("--drift") + 1]) if "--drift" in args else 0
    namespace = uuid.UUID("6f7061c0-0000-4000-8000-000000000000")
    aliases = []
    for i in range(n):
        team = f"team-{i % 50:02d}"
        name = f"{team}/service-{i:06d}"
        description = f"Generated alias {i} of {n}, owned by {team} for benchmarks."
        if drift and i % drift == 0:
            description = f"Edited by hand in the console ({i})."
        aliases.append({
            "id": str(uuid.uuid5(namespace, name)), "name": name,
            "fallback_models": chain(i), "description": description,
        })
    json.dump({"version": 1, "aliases": aliases, "custom_models": []}, sys.stdout,
              separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
