#!/usr/bin/env python3
"""Two builds of opal through the same `make bench` rows, alternately, to tell a change from noise.

Usage: scripts/bench_pair.py --a PATH --b PATH --only ROW[,ROW…] [--rounds N] [--full]

Runs each chosen stage of scripts/bench.py (the same commands, inputs, answer checks and anchors)
for build a, then build b, then a again, … `--rounds` times (default 3), so a slow stretch of
this shared VM lands on both sides. Prints each row's measured figure and ratio per run and
their medians, a beside b. Stages run in `--quick` mode (one run per row per round, no
100,000-alias rows) unless `--full` is given. A wrong answer stops the comparison: a fast wrong
answer is not a time.
"""
import os
import re
import statistics
import sys
from pathlib import Path

import bench
from bench_support import WrongAnswer, build_bare_parser, log

NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def first_number(text: str):
    """The first figure in a table cell ("1842 ms", "1.15×", "9.7× /bin/true"), or None."""
    found = NUMBER.search(text.replace(",", ""))
    return float(found.group()) if found else None


def stages_named(names: set, bare: Path) -> list:
    """The bench's stages by their `--only` names, in the bench's own order."""
    def bench_load_against_bare(opal: Path, quick: bool) -> list:
        return bench.bench_load(opal, bare, quick)

    every = (bench.bench_cold_validate, bench_load_against_bare, bench.bench_plan,
             bench.bench_apply, bench.bench_smoke, bench.bench_export, bench.bench_route_plan,
             bench.bench_route_apply, bench.bench_state_create)
    known = {bench.stage_name(s): s for s in every}
    unknown = names - set(known)
    if unknown:
        raise SystemExit(f"bench_pair: no stage {', '.join(sorted(unknown))}; "
                         f"the stages are {', '.join(sorted(known))}")
    return [s for s in every if bench.stage_name(s) in names]


def main() -> int:
    args = sys.argv[1:]

    def value(flag: str, default=None):
        return args[args.index(flag) + 1] if flag in args else default

    a, b, only = value("--a"), value("--b"), value("--only")
    if not (a and b and only):
        print(__doc__, file=sys.stderr)
        return 2
    builds = {"a": Path(a).resolve(), "b": Path(b).resolve()}
    for side, path in builds.items():
        if not path.is_file() or not os.access(path, os.X_OK):
            print(f"bench_pair: --{side} {path} is not an executable file", file=sys.stderr)
            return 2
    rounds = int(value("--rounds", "3"))
    if not 1 <= rounds <= 50:
        print("bench_pair: --rounds takes 1…50", file=sys.stderr)
        return 2
    quick = "--full" not in args
    stages = stages_named(set(only.split(",")), build_bare_parser())

    # figures[row name][side] = [(measured, ratio), …]
    figures: dict = {}
    for round_number in range(1, rounds + 1):
        for side, opal in builds.items():
            log(f"round {round_number}/{rounds}, build {side}: {opal}")
            for stage in stages:
                try:
                    rows = stage(opal, quick)
                except WrongAnswer as error:
                    print(f"bench_pair: build {side}, {stage.__name__}: WRONG ANSWER: {error}",
                          file=sys.stderr)
                    return 1
                for row in rows:
                    sides = figures.setdefault(row.name, {"a": [], "b": []})
                    sides[side].append((first_number(row.measured), first_number(row.ratio)))

    load = os.getloadavg()[0]
    print(f"# bench_pair: a = {builds['a']}, b = {builds['b']}, {rounds} rounds, "
          f"{'quick' if quick else 'full'}, load average at end {load:.1f}\n")
    print("| row | a: measured (median) | a: ratio | b: measured (median) | b: ratio | b / a |")
    print("|---|---|---|---|---|---|")
    for name, sides in figures.items():
        cells = []
        medians = {}
        for side in ("a", "b"):
            measured = [m for m, _ in sides[side] if m is not None]
            ratios = [r for _, r in sides[side] if r is not None]
            medians[side] = statistics.median(measured) if measured else None
            cells.append(f"{medians[side]:g} ({', '.join(f'{m:g}' for m in measured)})"
                         if measured else "—")
            cells.append(f"{statistics.median(ratios):.3f}" if ratios else "—")
        change = (f"{medians['b'] / medians['a']:.3f}"
                  if medians["a"] and medians["b"] else "—")
        print(f"| {name} | {' | '.join(cells)} | {change} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
