#!/usr/bin/env python3
"""Print a deterministic opal config with N aliases (about 270 bytes each) for load benchmarks.

Usage: scripts/gen-config.py N > big.yaml
"""
import sys

MODELS = [
    "openai/gpt-4o", "openai/gpt-4o-mini", "openai/gpt-4.1", "openai/gpt-4.1-mini",
    "anthropic/claude-3-5-sonnet", "anthropic/claude-3-5-haiku", "anthropic/claude-sonnet-4",
    "aws/claude-sonnet-4-eu", "gcp/gemini-2.5-flash", "mistral/mistral-large-eu",
    "azure/gpt-4o-eu", "groq/llama-3.3-70b-versatile",
]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = sys.stdout
    out.write("# yaml-language-server: $schema=../schemas/opal.schema.json\n")
    out.write("version: 1\nprune: false\n")
    out.write("x-chains:\n  sonnet: &sonnet [aws/claude-sonnet-4-eu, anthropic/claude-sonnet-4, "
              "gcp/claude-sonnet-4]\n")
    out.write("aliases:\n")
    for i in range(n):
        team = f"team-{i % 50:02d}"
        a, b, c = MODELS[i % 12], MODELS[(i * 7 + 3) % 12], MODELS[(i * 5 + 1) % 12]
        chain = "*sonnet" if i % 10 == 0 else f"[{a}, {b}]" if b != a else f"[{a}]"
        if c not in (a, b) and i % 10 != 0:
            chain = f"[{a}, {b}, {c}]" if b != a else f"[{a}, {c}]"
        out.write(f"  {team}/service-{i:06d}:\n")
        out.write(f"    description: Generated alias {i} of {n}, owned by {team} for benchmarks.\n")
        out.write(f"    models: {chain}\n")
        out.write("    smoke:\n")
        out.write(f"      - {{name: echo, input: \"hello alias {i}\", expect: {{contains: hello}}}}\n")


if __name__ == "__main__":
    main()
