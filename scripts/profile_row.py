#!/usr/bin/env python3
"""Where one bench row's time goes: the row's emulator and command, run `--runs` times, with the
wall time, the client's CPU (user + sys) and the emulator's CPU over the same runs. `--perf
client|emulator` records that side with `perf record -g` into Benchmarks/.build/bench-work/.

  scripts/profile_row.py route_plan [--opal .build/release/opal] [--runs 5] [--perf client]

Rows: route_plan, route_apply, smoke, apply, plan. Inputs are the bench's own (bench_support)."""
import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import WORK, Emulator, generate, generate_routes, generate_state  # noqa: E402


def proc_cpu(pid: int) -> float:
    """utime + stime of a live process, in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def row_setup(row: str):
    """(emulator kwargs, command after the binary, management key?) of a bench row."""
    if row == "route_plan":
        config, state = generate_routes(1_000, 100)
        return dict(state=state), ["plan", "-f", config, "--no-color", "--format", "json"], True
    if row == "route_apply":
        config, state = generate_routes(200, 1)
        faults = {"endpoints": {"PUT /dynamic-routes/*/draft": {"latency_ms": 50},
                                "POST /dynamic-routes/*/deployments": {"latency_ms": 50}}}
        return (dict(state=state, faults=faults),
                ["apply", "-f", config, "--auto-approve", "--no-color", "--parallelism", "32"], True)
    if row == "smoke":
        config, state = generate(500), generate_state(500)
        faults = {"endpoints": {"POST /call": {"latency_ms": 100}}}
        return (dict(state=state, faults=faults),
                ["smoke", "-f", config, "--no-color", "--parallelism", "64"], False)
    if row == "apply":
        faults = {"endpoints": {"*": {"latency_ms": 50}}}
        return (dict(faults=faults),
                ["apply", "-f", generate(1_000), "--auto-approve", "--no-color", "--parallelism", "32"],
                False)
    if row == "plan":
        return (dict(state=generate_state(10_000, drift=100)),
                ["plan", "-f", generate(10_000), "--no-color", "--format", "json"], False)
    raise SystemExit(f"profile_row: unknown row {row}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("row")
    parser.add_argument("--opal", default=".build/release/opal")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--perf", choices=["client", "emulator"])
    args = parser.parse_args()
    opal = Path(args.opal).resolve()
    kwargs, command, management = row_setup(args.row)
    fresh = args.row in ("apply", "route_apply")  # these change the emulator: one per run
    walls, clients, servers = [], [], []
    for run in range(args.runs):
        with Emulator(opal, **kwargs) as emulator:
            env = emulator.env(management=management)
            cmd = [str(opal), *map(str, command)]
            if args.perf == "client":
                cmd = ["perf", "record", "-g", "-o", str(WORK / f"perf-client-{run}.data"), "--", *cmd]
            recorder = None
            if args.perf == "emulator":
                recorder = subprocess.Popen(
                    ["perf", "record", "-g", "-p", str(emulator.process.pid), "-o",
                     str(WORK / f"perf-emulator-{run}.data")], stderr=subprocess.DEVNULL)
                time.sleep(0.5)
            before_server = proc_cpu(emulator.process.pid)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            walls.append(time.monotonic() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            servers.append(proc_cpu(emulator.process.pid) - before_server)
            clients.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if recorder:
                recorder.send_signal(2)
                recorder.wait()
            if done.returncode not in (0, 2):
                sys.exit(f"profile_row: the command exited {done.returncode}: "
                         + done.stderr.decode(errors="replace")[-600:])
        if not fresh and args.perf is None and run == 0:
            continue  # the first run warms the page cache; measured anyway, reported apart
    ms = lambda xs: " ".join(f"{x * 1000:.0f}" for x in xs)
    print(f"{args.row}: wall ms {ms(walls)}")
    print(f"  client cpu ms {ms(clients)}")
    print(f"  emulator cpu ms {ms(servers)}")
    if args.perf:
        print(f"  perf data: {WORK}/perf-{args.perf}-*.data")


if __name__ == "__main__":
    main()
