#!/usr/bin/env python3
"""`make bench`: whole-process timings of opal against the targets of SPEC §16, one run.

Usage: scripts/bench.py [--opal PATH] [--quick] [--load-profile PATH] [--only ROW[,ROW…]]

Every figure is the median of repeated runs of a fresh process; each is printed beside its anchor
(libyaml's bare event parse of the same file, `/bin/true`, or the ideal of a latency-bound job)
measured in this same run, and the table goes to stdout and Benchmarks/results/latest.md. A
wrong answer (a plan with other changes, an apply that left the remote wrong) is a FAIL.
Inputs are generated (scripts/gen-config.py, scripts/bench-state.py) into Benchmarks/.build/.
The alias rows are here; bench_routes.py and bench_store.py hold the routes and `--state` rows,
bench_support.py what they share. `--quick` (BENCH_QUICK=1) runs each row fewer times and skips
the 100,000-alias rows: a smoke test of the bench itself. `--only apply,smoke` runs only those
stages (cold_validate, load, plan, apply, smoke, export, route_plan, route_apply, state_create);
without it, every stage runs.
"""
import math
import os
import statistics
import sys
import time
from pathlib import Path

from bench_routes import bench_route_apply, bench_route_plan
from bench_store import bench_state_create
from bench_support import (RESULTS, ROOT, WORK, Emulator, Row, WrongAnswer, build_bare_parser,
                           paired_medians,
                           checked_time, count_remote, expect_export, expect_plan, generate,
                           generate_state, has_command, log, machine, median_checked, median_time,
                           ms, peak_rss, refusal, render, run_once, verdict)

def bench_load(opal: Path, bare: Path, quick: bool, load_profile: Path = None) -> list:
    rows = []
    medians = {}
    plan = [(1_000, 15), (10_000, 9), (100_000, 3)] if not quick else [(1_000, 5), (10_000, 3)]
    for n, runs in plan:
        config = generate(n)
        size = f"{config.stat().st_size / 1e6:.1f} MB"
        log(f"load + validate {n} aliases ({size}), {runs} runs")
        cmd = [opal, "validate", "-f", config, "--no-color"]
        refused = refusal(cmd)
        if refused:
            anchor = median_time([bare, config], runs)
            rows.append(Row(f"load + validate {n:,} aliases ({size})", "refused",
                            f"libyaml bare parse {ms(anchor)}", "—", "≤ 2.0×", "MISS",
                            [f"opal refuses the file: {refused}"]))
            if load_profile:
                rows += loader_alone(load_profile, config, n, anchor, medians)
            continue
        # Alternated with its anchor: one slow stretch of the machine cannot move only one side
        # (a run once timed the bare parse at 65 ms instead of 35–38 ms and passed the row).
        measured, anchor = paired_medians(cmd, [bare, config], runs)
        medians[n] = measured
        ratio = measured / anchor
        if n == 1_000:
            target, result = "info (start-up bound)", "INFO"
        else:
            target, result = "≤ 2.0×", verdict(ratio <= 2.0)  # §16: 10k and 100k
        rows.append(Row(f"load + validate {n:,} aliases ({size})", ms(measured),
                        f"libyaml bare parse {ms(anchor)}", f"{ratio:.2f}×", target, result))
    if 100_000 in medians and 10_000 in medians:
        growth = medians[100_000] / medians[10_000]
        rows.append(Row("load growth 10k → 100k aliases", f"{growth:.1f}×", "linear 10.0×",
                        f"{growth / 10:.2f}×", "≤ 1.2× of linear", verdict(growth <= 12.0)))
    return rows


def loader_alone(load_profile: Path, config: Path, n: int, anchor: float, medians: dict) -> list:
    """The same load in LoadProfile with the node limit raised: the loader's own growth and
    memory, for a size opal itself refuses."""
    cmd = [load_profile, "--max-nodes", "100000000"]
    small = generate(10_000)
    log(f"loader alone (LoadProfile, node limit raised) at 10,000 and {n:,} aliases")
    t_small = median_time([*cmd, small], 3)
    elapsed, rss = peak_rss([*cmd, config])
    t_big = min(elapsed, median_time([*cmd, config], 2, warmup=0))
    growth = t_big / t_small
    return [
        Row(f"loader alone, {n:,} aliases (LoadProfile, limit raised)", ms(t_big),
            f"libyaml bare parse {ms(anchor)}", f"{t_big / anchor:.2f}×", "≤ 2.0×",
            verdict(t_big / anchor <= 2.0)),
        Row("loader alone, growth 10k → 100k aliases", f"{growth:.1f}×",
            f"linear 10.0× (10k: {ms(t_small)})", f"{growth / 10:.2f}×", "≤ 1.2× of linear",
            verdict(growth <= 12.0)),
        Row(f"loader alone, {n:,} aliases: peak memory (max RSS)", f"{rss / 1e6:.0f} MB",
            "plan's budget 200 MB", f"{rss / 200e6:.2f}×", "info (the load alone)", "INFO"),
    ]


def bench_plan(opal: Path, quick: bool) -> list:
    rows = []
    config = generate(10_000)
    state = generate_state(10_000, drift=100)
    runs = 5 if not quick else 2
    log(f"plan 10,000 remote aliases (100 drifted), {runs} runs")
    with Emulator(opal, state=state) as emulator:
        validate = median_time([opal, "validate", "-f", config, "--no-color"], runs)
        measured = median_checked([opal, "plan", "-f", config, "--no-color", "--format", "json"],
                                  runs, emulator.env(), expect_plan(update=100))
    rows.append(Row("plan 10,000 remote aliases (emulator)", ms(measured),
                    f"target 0.3 s (local validate alone {ms(validate)})",
                    f"{measured / 0.3:.2f}×", "≤ 1.0×", verdict(measured <= 0.3)))
    if quick:
        return rows
    config = generate(100_000)
    state = generate_state(100_000, drift=100)
    log("plan 100,000 remote aliases: peak memory")
    with Emulator(opal, state=state) as emulator:
        cmd = [opal, "plan", "-f", config, "--no-color"]
        refused = refusal(cmd, env=emulator.env())
        if refused:
            return rows + [Row("plan 100,000 aliases: peak memory (max RSS)", "refused",
                               "target 200 MB", "—", "≤ 1.0×", "MISS",
                               [f"opal refuses the file: {refused}"])]
        elapsed, rss = peak_rss(cmd, env=emulator.env())
        checked_time(cmd + ["--format", "json"], emulator.env(), expect_plan(update=1000))
    rows.append(Row("plan 100,000 aliases: peak memory (max RSS)", f"{rss / 1e6:.0f} MB",
                    f"target 200 MB (took {ms(elapsed)})", f"{rss / 200e6:.2f}×", "≤ 1.0×",
                    verdict(rss <= 200e6)))
    return rows


def bench_apply(opal: Path, quick: bool) -> list:
    n, parallelism, latency = 1_000, 32, 0.050
    config = generate(n)
    ideal = math.ceil(n / parallelism) * latency
    runs = 3 if not quick else 1
    log(f"apply {n} creates at {latency * 1000:.0f} ms latency, parallelism {parallelism}, {runs} runs")
    times = []
    for _ in range(runs):
        faults = {"endpoints": {"*": {"latency_ms": int(latency * 1000)}}}
        with Emulator(opal, faults=faults) as emulator:
            cmd = [opal, "apply", "-f", config, "--auto-approve", "--no-color",
                   "--parallelism", str(parallelism)]
            times.append(run_once(cmd, env=emulator.env()))
            created = count_remote(emulator)
            if created != n:
                raise WrongAnswer(f"apply left {created} aliases on the emulator, not {n}")
            checked_time([opal, "plan", "-f", config, "--no-color", "--format", "json"],
                         emulator.env(), expect_plan())
    measured = statistics.median(times)
    ratio = measured / ideal
    return [Row(f"apply {n:,} creates, 50 ms latency, parallelism {parallelism}", ms(measured),
                f"ideal ⌈{n}/{parallelism}⌉×50 ms = {ms(ideal)}", f"{ratio:.2f}×", "≤ 1.1×",
                verdict(ratio <= 1.1))]


def bench_smoke(opal: Path, quick: bool) -> list:
    if not has_command(opal, "smoke"):
        return [Row("smoke 500 aliases, 100 ms latency, parallelism 64", "—", "—", "—", "≤ 1.15×",
                    "SKIP", ["`opal smoke` is not in this build yet"])]
    n, parallelism, latency = 500, 64, 0.100
    config = generate(n)
    state = generate_state(n)
    ideal = math.ceil(n / parallelism) * latency
    runs = 3 if not quick else 1
    rows = []
    # With the latency on every request, a lane's next call does not wait for the last one's
    # span and trace reads (they run beside it), so the waits are the alias list read before
    # the calls, the rounds of calls, and the last call's two reads after them.
    variants = [
        ("POST /call", {"endpoints": {"POST /call": {"latency_ms": 100}}}, 0),
        ("*", {"endpoints": {"*": {"latency_ms": 100}}}, 3),
    ]
    for endpoints, faults, extra_round_trips in variants:
        log(f"smoke {n} aliases, {latency * 1000:.0f} ms on {endpoints}, parallelism {parallelism}")
        with Emulator(opal, state=state, faults=faults) as emulator:
            cmd = [opal, "smoke", "-f", config, "--no-color", "--parallelism", str(parallelism)]
            measured = median_time(cmd, runs, env=emulator.env(), warmup=0)
        this_ideal = ideal + extra_round_trips * latency
        ratio = measured / this_ideal
        if extra_round_trips == 0:
            rows.append(Row(f"smoke {n} aliases, 100 ms per call, parallelism {parallelism}",
                            ms(measured), f"ideal ⌈{n}/{parallelism}⌉×100 ms = {ms(ideal)}",
                            f"{ratio:.2f}×", "≤ 1.15×", verdict(ratio <= 1.15)))
        else:
            rows.append(Row(f"smoke {n} aliases, 100 ms on every request (call, span, trace)",
                            ms(measured),
                            f"ideal: alias list + {ms(ideal)} of calls + span and trace of the last "
                            f"= {ms(this_ideal)}",
                            f"{ratio:.2f}×", "info", "INFO"))
    return rows


def bench_export(opal: Path, quick: bool) -> list:
    if not has_command(opal, "export"):
        return [Row("export 10,000 remote aliases", "—", "—", "—", "info", "SKIP",
                    ["`opal export` is not in this build yet"])]
    state = generate_state(10_000)
    runs = 5 if not quick else 2
    log(f"export 10,000 remote aliases, {runs} runs")
    out = WORK / "exported.yaml"
    with Emulator(opal, state=state) as emulator:
        measured = median_checked([opal, "export", "-o", out, "--force", "--no-color"], runs, emulator.env(),
                                  expect_export(out, 10_000))
    return [Row("export 10,000 remote aliases (emulator)", ms(measured), "plan's 1 s target",
                f"{measured:.2f}×", "info", "INFO")]


def bench_cold_validate(opal: Path, quick: bool) -> list:
    config = generate(10)
    runs = 30 if not quick else 10
    log(f"cold validate of 10 aliases, {runs} runs")
    first = run_once([opal, "validate", "-f", config, "--no-color"])
    # Alternately with /bin/true (like the load rows), so a slow stretch of the VM lands on both.
    measured, true_time = paired_medians(
        [opal, "validate", "-f", config, "--no-color"], ["/bin/true"], runs, warmup=0)
    ratio = measured / true_time
    return [Row("`opal validate` of a 10-alias file, new process", ms(measured),
                f"target 15 ms; /bin/true {ms(true_time)} (first run {ms(first)})",
                f"{ratio:.1f}× /bin/true", "≤ 15 ms and ≤ 12× /bin/true",
                verdict(measured <= 0.015 and ratio <= 12.0))]


def stage_name(stage) -> str:
    """`bench_route_apply` → `route_apply`: the name a row is known by in `--only` and a FAIL."""
    return stage.__name__.removeprefix("bench_").replace("_against_bare", "")


def main() -> int:
    args = sys.argv[1:]
    opal = Path(args[args.index("--opal") + 1]) if "--opal" in args else ROOT / ".build/release/opal"
    quick = "--quick" in args
    if not opal.exists():
        log(f"{opal} not found; build it with: swift build -c release --product opal")
        return 1
    WORK.mkdir(parents=True, exist_ok=True)
    opal = opal.resolve()
    started = time.perf_counter()
    load_at_start = os.getloadavg()
    bare = build_bare_parser()

    load_profile = None
    if "--load-profile" in args:
        load_profile = Path(args[args.index("--load-profile") + 1]).resolve()

    def bench_load_against_bare(opal: Path, quick: bool) -> list:
        return bench_load(opal, bare, quick, load_profile)

    stages = (bench_cold_validate, bench_load_against_bare, bench_plan, bench_apply,
              bench_smoke, bench_export, bench_route_plan, bench_route_apply, bench_state_create)
    if "--only" in args:
        wanted = set(args[args.index("--only") + 1].split(","))
        known = {stage_name(s) for s in stages}
        if wanted - known:
            log(f"--only: no stage {', '.join(sorted(wanted - known))}; "
                f"the stages are {', '.join(sorted(known))}")
            return 1
        stages = tuple(s for s in stages if stage_name(s) in wanted)
    rows = []
    for stage in stages:
        try:
            rows += stage(opal, quick)
        except WrongAnswer as error:  # a fast wrong answer is not a time
            log(f"{stage.__name__}: WRONG ANSWER: {error}")
            name = stage_name(stage)
            rows.append(Row(name, "—", "—", "—", "—", "FAIL", [f"wrong answer: {error}"]))
        except Exception as error:  # one failing stage must not hide the others' figures
            log(f"{stage.__name__} failed: {error}")
            name = stage_name(stage)
            rows.append(Row(name, "—", "—", "—", "—", "ERROR",
                            [str(error).splitlines()[0][:300]]))
    load = os.getloadavg()
    header = (f"opal bench, {time.strftime('%Y-%m-%d %H:%M %Z')}; whole-process medians; "
              f"{machine()}; {time.perf_counter() - started:.0f} s; load average at start "
              f"{load_at_start[0]:.1f}, at end {load[0]:.1f} (on {os.cpu_count()} cores: "
              f"anything above ~0.5 means other work shared the CPU)")
    table = render(rows, header)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table)
    print(table)
    log(f"written to {RESULTS.relative_to(ROOT)}")
    return 1 if any(r.verdict in ("ERROR", "FAIL") for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
