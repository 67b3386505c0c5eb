"""The dynamic-routes rows of `make bench` (SPEC §16): a plan of 1,000 routes on the emulator, and
an apply of 200 route updates (draft + guarded deploy) against its latency-bound ideal.
Inputs: `scripts/bench-state.py --routes N` (the config and the emulator state, each route a list
entry with one deployed version)."""
import json
import math
import statistics

from bench_support import (MANAGEMENT_KEY, Emulator, Row, WrongAnswer, checked_time,
                           generate_routes, log, median_checked, ms, run_once, verdict)


def route_names(n: int, drift: int) -> set:
    """The routes whose live chain bench-state.py made differ from the config."""
    return {f"route-{i:06d}" for i in range(n) if drift and i % drift == 0}


def expect_route_plan(n: int, updated: set):
    """A check of `plan --format json`: exactly `updated` are route updates, the other routes
    unchanged, and nothing else changes (no alias change, no route create or delete)."""
    def check(stdout: bytes) -> None:
        document = json.loads(stdout)
        summary = document["summary"]
        aliases = {k: summary.get(k) for k in ("create", "update", "rename", "delete")}
        if any(aliases.values()):
            raise WrongAnswer(f"the plan changes aliases {aliases}; the config declares none")
        routes = document.get("routes")
        if routes is None:
            raise WrongAnswer("the plan has no route half (were the routes read?)")
        changes = routes["changes"]
        actions = {c["action"] for c in changes}
        names = {c["name"] for c in changes}
        if actions - {"update"} or names != updated or len(changes) != len(updated):
            raise WrongAnswer(f"the plan has {len(changes)} route changes ({sorted(actions)}), "
                              f"the right answer is {len(updated)} updates")
        if len(routes["unchanged"]) != n - len(updated):
            raise WrongAnswer(f"{len(routes['unchanged'])} routes unchanged, not {n - len(updated)}")
    return check


def bench_route_plan(opal, quick: bool) -> list:
    n, drift = 1_000, 100
    config, state = generate_routes(n, drift)
    runs = 5 if not quick else 2
    log(f"plan {n} routes ({n // drift} drifted), {runs} runs")
    with Emulator(opal, state=state) as emulator:
        cmd = [opal, "plan", "-f", config, "--no-color", "--format", "json"]
        measured = median_checked(cmd, runs, emulator.env(management=True),
                                  expect_route_plan(n, route_names(n, drift)))
    return [Row(f"plan {n:,} routes (list + detail + active version each, emulator)",
                ms(measured), "target 1 s", f"{measured:.2f}×", "≤ 1.0×", verdict(measured <= 1.0))]


def check_deployed_once(emulator: Emulator, n: int) -> None:
    """Every route has exactly one new version (2), and it is the live one."""
    listing = emulator.get(f"{emulator.management_url}/dynamic-routes", key=MANAGEMENT_KEY)
    routes = listing["data"]
    if len(routes) != n:
        raise WrongAnswer(f"{len(routes)} routes on the emulator after apply, not {n}")
    wrong = [r["name"] for r in routes
             if r.get("active_version_number") != 2 or r.get("latest_version_number") != 2]
    if wrong:
        raise WrongAnswer(f"{len(wrong)} routes do not have exactly one new, live version "
                          f"(first: {wrong[0]})")


def apply_routes_once(opal, config, state, n: int, parallelism: int, faults: dict) -> float:
    with Emulator(opal, state=state, faults=faults) as emulator:
        env = emulator.env(management=True)
        cmd = [opal, "apply", "-f", config, "--auto-approve", "--no-color",
               "--parallelism", str(parallelism)]
        elapsed = run_once(cmd, env=env)
        check_deployed_once(emulator, n)
        checked_time([opal, "plan", "-f", config, "--no-color", "--format", "json"], env,
                     expect_route_plan(n, set()))
    return elapsed


def bench_route_apply(opal, quick: bool) -> list:
    n, parallelism, latency = 200, 32, 0.050
    config, state = generate_routes(n, drift=1)
    ideal = math.ceil(n / parallelism) * 2 * latency
    runs = 3 if not quick else 1
    wait = {"latency_ms": int(latency * 1000)}
    writes = {"endpoints": {"PUT /dynamic-routes/*/draft": wait,
                            "POST /dynamic-routes/*/deployments": wait}}
    log(f"apply {n} route updates, {latency * 1000:.0f} ms on draft and deploy, "
        f"parallelism {parallelism}, {runs} runs")
    measured = statistics.median(
        apply_routes_once(opal, config, state, n, parallelism, writes) for _ in range(runs))
    log(f"apply {n} route updates, {latency * 1000:.0f} ms on every request, 1 run")
    everywhere = apply_routes_once(opal, config, state, n, parallelism,
                                   {"endpoints": {"*": wait}})
    ratio = measured / ideal
    return [
        Row(f"apply {n} route updates (draft + guarded deploy), 50 ms latency, parallelism "
            f"{parallelism}", ms(measured), f"ideal ⌈{n}/{parallelism}⌉×2×50 ms = {ms(ideal)}",
            f"{ratio:.2f}×", "≤ 1.3×", verdict(ratio <= 1.3),
            ["latency on the two writes the ideal counts (PUT …/draft, POST …/deployments); "
             "the plan's reads before them have none"]),
        Row(f"apply {n} route updates, 50 ms on every request (the plan's reads too)",
            ms(everywhere), f"ideal {ms(ideal)} of writes", f"{everywhere / ideal:.2f}×", "info",
            "INFO"),
    ]
