#!/usr/bin/env python3
"""`make bench`: whole-process timings of opal against the anchors of SPEC §10, one run.

Usage: scripts/bench.py [--opal PATH] [--quick] [--load-profile PATH]

Every figure is the median of repeated runs of a fresh process; each is printed beside its anchor
(libyaml's bare event parse of the same file, or the ideal of a latency-bound job) measured in
this same run, and the table goes to stdout and Benchmarks/results/latest.md.
Inputs are generated (scripts/gen-config.py, scripts/bench-state.py) into Benchmarks/.build/.
"""
import json
import math
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "Benchmarks" / ".build" / "bench-work"
RESULTS = ROOT / "Benchmarks" / "results" / "latest.md"
API_KEY = "bench-key-not-a-secret"


@dataclass
class Row:
    """One line of the table: what was measured, against what, and the verdict."""
    name: str
    measured: str
    anchor: str
    ratio: str
    target: str
    verdict: str  # PASS, MISS, INFO, SKIP, FAIL (wrong answer) or ERROR
    notes: list = field(default_factory=list)


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def run_once(cmd, env=None, check=True) -> float:
    """Wall time of one run of `cmd` (stdout discarded, stderr kept for errors)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-800:]}")
    return elapsed


def median_time(cmd, runs: int, env=None, warmup: int = 1) -> float:
    for _ in range(warmup):
        run_once(cmd, env)
    return statistics.median(run_once(cmd, env) for _ in range(runs))


class WrongAnswer(Exception):
    """A benchmarked command produced a wrong result: the row is a FAIL, not a time."""


def checked_time(cmd, env, check) -> float:
    """Wall time of one run whose stdout is handed to `check` (which raises WrongAnswer)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 2):
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {done.returncode}: "
                           f"{done.stderr.decode(errors='replace')[-800:]}")
    check(done.stdout)
    return elapsed


def median_checked(cmd, runs: int, env, check, warmup: int = 1) -> float:
    for _ in range(warmup):
        checked_time(cmd, env, check)
    return statistics.median(checked_time(cmd, env, check) for _ in range(runs))


def expect_plan(create=0, update=0, rename=0, delete=0):
    """A check of `plan --format json` output: exactly these counts."""
    want = {"create": create, "update": update, "rename": rename, "delete": delete}

    def check(stdout: bytes) -> None:
        summary = json.loads(stdout)["summary"]
        got = {k: summary.get(k) for k in want}
        if got != want:
            raise WrongAnswer(f"the plan said {got}, the right answer is {want}")
    return check


def expect_export(path: Path, n: int):
    """A check of `export -o path`: the file holds exactly n distinct aliases."""
    def check(_stdout: bytes) -> None:
        names, inside = [], False
        for line in path.read_text().splitlines():
            if not line.startswith(" "):
                inside = line.startswith("aliases:")
            elif inside and not line.startswith("   ") and line.rstrip().endswith(":"):
                names.append(line.strip())
        if len(set(names)) != n:
            raise WrongAnswer(f"the export holds {len(set(names))} aliases, the remote {n}")
    return check


def peak_rss(cmd, env=None):
    """(wall seconds, max RSS in bytes) of one run, from the kernel's rusage of that child."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode(errors="replace")
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {child.returncode}: {stderr[-800:]}")
    return elapsed, usage.ru_maxrss * 1024


class Emulator:
    """`opal emulator` on a free loopback port, for the length of a `with` block."""

    def __init__(self, opal: Path, state: Path = None, faults: dict = None):
        self.opal, self.state, self.faults = opal, state, faults
        self.port = free_port()
        self.process = None

    def __enter__(self):
        cmd = [str(self.opal), "emulator", "--host", "127.0.0.1", "--port", str(self.port),
               "--api-key", API_KEY]
        if self.faults is not None:
            faults_file = WORK / f"faults-{self.port}.json"
            faults_file.write_text(json.dumps(self.faults))
            cmd += ["--faults", str(faults_file)]
        if self.state is not None:
            # A private copy: the emulator persists every change to its state file.
            copy = WORK / f"state-{self.port}.json"
            shutil.copyfile(self.state, copy)
            cmd += ["--state", str(copy)]
        self.process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the emulator exited: "
                                   + self.process.stderr.read().decode(errors="replace")[-800:])
            try:
                request = urllib.request.Request(f"{self.base_url}/models?limit=1",
                                                 headers={"Authorization": f"Bearer {API_KEY}"})
                with urllib.request.urlopen(request, timeout=5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the emulator did not answer within 60 s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for leftover in WORK.glob(f"*-{self.port}.json"):
            leftover.unlink()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v2"

    def env(self) -> dict:
        env = dict(os.environ, OPPER_BASE_URL=self.base_url, OPPER_API_KEY=API_KEY, NO_COLOR="1")
        env.pop("GITHUB_ACTIONS", None)
        return env


def generate(n: int) -> Path:
    path = WORK / f"config-{n}.yaml"
    if not path.exists():
        with open(path, "w") as out:
            subprocess.run([sys.executable, ROOT / "scripts" / "gen-config.py", str(n)],
                           stdout=out, check=True)
    return path


def generate_state(n: int, drift: int = 0) -> Path:
    path = WORK / f"state-{n}-drift{drift}.json"
    if not path.exists():
        with open(path, "w") as out:
            subprocess.run([sys.executable, ROOT / "scripts" / "bench-state.py", str(n),
                            "--drift", str(drift)], stdout=out, check=True)
    return path


def build_bare_parser() -> Path:
    binary = WORK / "yaml-parse-bare"
    source = ROOT / "Benchmarks" / "yaml-parse-bare.c"
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", str(source), "-o", str(binary), *flags], check=True)
    return binary


def has_command(opal: Path, name: str) -> bool:
    """True when `opal NAME` is a real command, not a placeholder without options."""
    done = subprocess.run([str(opal), name, "--help"], capture_output=True, text=True)
    return done.returncode == 0 and "--base-url" in done.stdout


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def refusal(cmd, env=None):
    """The loader's first error line when opal refuses the input, else None."""
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode == 0:
        return None
    lines = [l for l in done.stderr.splitlines() if "error:" in l]
    return (lines[0].split("error:", 1)[1].strip() if lines else done.stderr.strip()[:200])


def bench_load(opal: Path, bare: Path, quick: bool, load_profile: Path = None) -> list:
    rows = []
    medians = {}
    plan = [(1_000, 15), (10_000, 9), (100_000, 3)] if not quick else [(1_000, 5), (10_000, 3)]
    for n, runs in plan:
        config = generate(n)
        size = f"{config.stat().st_size / 1e6:.1f} MB"
        log(f"load + validate {n} aliases ({size}), {runs} runs")
        anchor = median_time([bare, config], runs)
        cmd = [opal, "validate", "-f", config, "--no-color"]
        refused = refusal(cmd)
        if refused:
            rows.append(Row(f"load + validate {n:,} aliases ({size})", "refused",
                            f"libyaml bare parse {ms(anchor)}", "—", "≤ 2.0×", "MISS",
                            [f"opal refuses the file: {refused}"]))
            if load_profile:
                rows += loader_alone(load_profile, config, n, anchor, medians)
            continue
        measured = median_time(cmd, runs)
        medians[n] = measured
        ratio = measured / anchor
        if n == 1_000:
            target, result = "info (start-up bound)", "INFO"
        else:
            target, result = "≤ 2.0×", verdict(ratio <= 2.0)
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
            "plan's budget 300 MB", f"{rss / 300e6:.2f}×", "info (the load alone)", "INFO"),
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
                    f"target 1 s (local validate alone {ms(validate)})", f"{measured:.2f}×",
                    "≤ 1.0×", verdict(measured <= 1.0)))
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
                               "target 300 MB", "—", "≤ 1.0×", "MISS",
                               [f"opal refuses the file: {refused}"])]
        elapsed, rss = peak_rss(cmd, env=emulator.env())
        checked_time(cmd + ["--format", "json"], emulator.env(), expect_plan(update=1000))
    rows.append(Row("plan 100,000 aliases: peak memory (max RSS)", f"{rss / 1e6:.0f} MB",
                    f"target 300 MB (took {ms(elapsed)})", f"{rss / 300e6:.2f}×", "≤ 1.0×",
                    verdict(rss <= 300e6)))
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
                f"ideal ⌈{n}/{parallelism}⌉×50 ms = {ms(ideal)}", f"{ratio:.2f}×", "≤ 1.3×",
                verdict(ratio <= 1.3))]


def count_remote(emulator: Emulator) -> int:
    request = urllib.request.Request(f"{emulator.base_url}/models/aliases?limit=1",
                                     headers={"Authorization": f"Bearer {API_KEY}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["meta"]["total_count"]


def bench_smoke(opal: Path, quick: bool) -> list:
    if not has_command(opal, "smoke"):
        return [Row("smoke 500 aliases, 100 ms latency, parallelism 64", "—", "—", "—", "≤ 1.3×",
                    "SKIP", ["`opal smoke` is not in this build yet"])]
    n, parallelism, latency = 500, 64, 0.100
    config = generate(n)
    state = generate_state(n)
    ideal = math.ceil(n / parallelism) * latency
    runs = 3 if not quick else 1
    rows = []
    variants = [
        ("POST /call", {"endpoints": {"POST /call": {"latency_ms": 100}}}, 1),
        ("*", {"endpoints": {"*": {"latency_ms": 100}}}, 3),
    ]
    for endpoints, faults, round_trips in variants:
        log(f"smoke {n} aliases, {latency * 1000:.0f} ms on {endpoints}, parallelism {parallelism}")
        with Emulator(opal, state=state, faults=faults) as emulator:
            cmd = [opal, "smoke", "-f", config, "--no-color", "--parallelism", str(parallelism)]
            measured = median_time(cmd, runs, env=emulator.env(), warmup=0)
        this_ideal = ideal * round_trips
        ratio = measured / this_ideal
        if round_trips == 1:
            rows.append(Row(f"smoke {n} aliases, 100 ms per call, parallelism {parallelism}",
                            ms(measured), f"ideal ⌈{n}/{parallelism}⌉×100 ms = {ms(ideal)}",
                            f"{ratio:.2f}×", "≤ 1.3×", verdict(ratio <= 1.3)))
        else:
            rows.append(Row(f"smoke {n} aliases, 100 ms on every request (call, span, trace)",
                            ms(measured), f"ideal {ms(ideal)} × 3 round trips = {ms(this_ideal)}",
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
    measured = median_time([opal, "validate", "-f", config, "--no-color"], runs, warmup=0)
    true_time = median_time(["/bin/true"], runs, warmup=0)
    return [Row("`opal validate` of a 10-alias file, new process", ms(measured),
                f"target 25 ms (first run {ms(first)}; /bin/true {ms(true_time)})",
                f"{measured / 0.025:.2f}×", "≤ 1.0×", verdict(measured <= 0.025))]


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout
    swift = swift.splitlines()[0] if swift else "swift ?"
    libyaml = subprocess.run(["pkg-config", "--modversion", "yaml-0.1"], capture_output=True,
                             text=True).stdout.strip()
    return (f"{os.cpu_count()} cores (nproc), {model}; {platform.system()} {platform.release()}; "
            f"{swift}; libyaml {libyaml}")


def render(rows: list, header: str) -> str:
    lines = [header, "",
             "| row | measured | anchor / ideal | ratio | target | result |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.name} | {r.measured} | {r.anchor} | {r.ratio} | {r.target} | {r.verdict} |")
    notes = [f"- {r.name}: {n}" for r in rows for n in r.notes]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


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

    rows = []
    for stage in (bench_cold_validate, bench_load_against_bare, bench_plan, bench_apply,
                  bench_smoke, bench_export):
        try:
            rows += stage(opal, quick)
        except WrongAnswer as error:  # a fast wrong answer is not a time
            log(f"{stage.__name__}: WRONG ANSWER: {error}")
            name = stage.__name__.removeprefix("bench_").replace("_against_bare", "")
            rows.append(Row(name, "—", "—", "—", "—", "FAIL", [f"wrong answer: {error}"]))
        except Exception as error:  # one failing stage must not hide the others' figures
            log(f"{stage.__name__} failed: {error}")
            name = stage.__name__.removeprefix("bench_").replace("_against_bare", "")
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
