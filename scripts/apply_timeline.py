#!/usr/bin/env python3
"""When each part of the apply row happens: runs the bench's apply of 1,000 creates (50 ms on
every request, parallelism 32) against a fresh emulator, timestamps every stdout and stderr line
as it arrives, and counts the emulator's creates over time, so the stretch before the first
write and the time per round of creates can be read off.

  scripts/apply_timeline.py [--opal .build/release/opal] [--runs 3] [--phases]

Prints, per run: the first and last time of each kind of line (warning, plan, snapshot note,
report), the time of the first and last create the emulator answered (from its request log
counts), and the whole wall time."""
import argparse
import os
import selectors
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import Emulator, count_remote, generate  # noqa: E402


def kind(stream: str, line: str) -> str:
    if stream == "err":
        if line.startswith("opal phase "):
            return line.split(":", 1)[0]
        if "warning" in line:
            return "stderr warning"
        if "snapshot" in line:
            return "stderr snapshot"
        return "stderr other"
    if line.startswith("+") or line.startswith("  +") or "create" in line[:40]:
        return "stdout plan/report"
    return "stdout other"


def one_run(opal: Path, n: int, phases: bool) -> dict:
    faults = {"endpoints": {"*": {"latency_ms": 50}}}
    with Emulator(opal, faults=faults) as emulator:
        cmd = [str(opal), "apply", "-f", str(generate(n)), "--auto-approve", "--no-color",
               "--parallelism", "32"]
        start = time.monotonic()
        env = emulator.env()
        if phases:
            env["OPAL_DEBUG_PHASES"] = "1"
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ, "out")
        sel.register(proc.stderr, selectors.EVENT_READ, "err")
        pending = {"out": b"", "err": b""}
        seen: dict = {}
        open_streams = 2
        while open_streams:
            for key, _ in sel.select(timeout=30):
                chunk = os.read(key.fileobj.fileno(), 1 << 16)
                now = (time.monotonic() - start) * 1000
                if not chunk:
                    sel.unregister(key.fileobj)
                    open_streams -= 1
                    continue
                pending[key.data] += chunk
                *lines, pending[key.data] = pending[key.data].split(b"\n")
                for raw in lines:
                    k = kind(key.data, raw.decode(errors="replace"))
                    first, last, count = seen.get(k, (now, now, 0))
                    seen[k] = (first, now, count + 1)
        proc.wait()
        wall = (time.monotonic() - start) * 1000
        created = count_remote(emulator)
        if proc.returncode != 0 or created != n:
            raise SystemExit(f"apply_timeline: exit {proc.returncode}, {created} of {n} created")
    return {"wall": wall, "lines": seen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opal", default=".build/release/opal")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-n", type=int, default=1_000)
    parser.add_argument("--phases", action="store_true",
                        help="also the OPAL_DEBUG_PHASES lines (load, remote read, plan, render)")
    args = parser.parse_args()
    opal = Path(args.opal).resolve()
    walls = []
    for run in range(args.runs):
        result = one_run(opal, args.n, args.phases)
        walls.append(result["wall"])
        print(f"run {run + 1}: wall {result['wall']:.0f} ms")
        for k, (first, last, count) in sorted(result["lines"].items(), key=lambda kv: kv[1][0]):
            print(f"  {k:20} {count:5} lines  first {first:7.1f} ms  last {last:7.1f} ms")
    print(f"median wall {statistics.median(walls):.0f} ms over {len(walls)} runs")


if __name__ == "__main__":
    main()
