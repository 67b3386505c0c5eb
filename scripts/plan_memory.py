#!/usr/bin/env python3
"""Peak memory of the bench's 100,000-alias plan, for builds or settings side by side.

Usage: scripts/plan_memory.py --opal PATH [--opal PATH …] [--env NAME=VALUE …] [--runs N]

Runs `make bench`'s row ("plan 100,000 aliases: peak memory": the same config, remote state and
command) against one emulator, each build in turn, `--runs` times (default 3), and prints every
run's max RSS (the kernel's rusage) and wall time, then each build's median. `--env` adds a
variable to the environment of every build but the first (never the emulator's), to try an
allocator setting such as MALLOC_ARENA_MAX=1 without a rebuild: name the same `--opal` twice
to compare the build with and without it. With one `--opal`, `--env` applies to it.
"""
import os
import statistics
import sys
from pathlib import Path

from bench_support import Emulator, generate, generate_state, log, peak_rss


def label(settings: dict) -> str:
    return " ".join(f"{k}={v}" for k, v in settings.items()) or "as built"


def main() -> int:
    args = sys.argv[1:]
    opals, extra, runs = [], {}, 3
    while args:
        flag = args.pop(0)
        if not args:
            print(__doc__, file=sys.stderr)
            return 2
        value = args.pop(0)
        if flag == "--opal":
            opals.append(Path(value).resolve())
        elif flag == "--env" and "=" in value:
            name, setting = value.split("=", 1)
            extra[name] = setting
        elif flag == "--runs" and value.isdigit() and 0 < int(value) <= 50:
            runs = int(value)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    if not opals:
        print(__doc__, file=sys.stderr)
        return 2
    for opal in opals:
        if not opal.is_file() or not os.access(opal, os.X_OK):
            print(f"plan_memory: {opal} is not an executable file", file=sys.stderr)
            return 2
    config, state = generate(100_000), generate_state(100_000, drift=100)
    # The first build runs as given (unless it is the only one), the others with --env.
    sides = [(opal, extra if (i > 0 or len(opals) == 1) and extra else {})
             for i, opal in enumerate(opals)]
    figures = {i: [] for i in range(len(sides))}
    with Emulator(opals[0], state=state) as emulator:
        for round_ in range(runs):
            for i, (opal, settings) in enumerate(sides):
                env = {**emulator.env(), **settings}
                elapsed, rss = peak_rss([opal, "plan", "-f", config, "--no-color"], env=env)
                figures[i].append(rss)
                log(f"round {round_ + 1} {opal} ({label(settings)}): {rss / 1e6:.1f} MB, "
                    f"{elapsed * 1000:.0f} ms")
    for i, (opal, settings) in enumerate(sides):
        print(f"{opal} ({label(settings)}): median max RSS {statistics.median(figures[i]) / 1e6:.1f} MB "
              f"(runs: {', '.join(f'{r / 1e6:.1f}' for r in figures[i])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
