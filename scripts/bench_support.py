"""What every `make bench` row shares: the table row, timings of fresh processes, answer checks,
the emulator as a subprocess on a free port, and the generated inputs (scripts/gen-config.py,
scripts/bench-state.py) under Benchmarks/.build/bench-work/.
"""
import json
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
# Generated inputs and emulator files; a fresh clone has no Benchmarks/.build yet.
WORK.mkdir(parents=True, exist_ok=True)
RESULTS = ROOT / "Benchmarks" / "results" / "latest.md"
API_KEY = "bench-key-not-a-secret"
MANAGEMENT_KEY = "bench-management-key-not-a-secret"

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


def paired_medians(cmd_a, cmd_b, runs: int, warmup: int = 1) -> tuple:
    """Medians of `cmd_a` and `cmd_b` run alternately (a, b, a, b, …), so a command and its
    anchor see the same machine: a burst of other work cannot land on one of them only."""
    for _ in range(warmup):
        run_once(cmd_a)
        run_once(cmd_b)
    a, b = [], []
    for _ in range(runs):
        a.append(run_once(cmd_a))
        b.append(run_once(cmd_b))
    return statistics.median(a), statistics.median(b)


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


# Runs a command in a process of its own and prints its max RSS (KiB) and exit code. The kernel's
# max RSS of a child starts at that of the process it was forked from (it carries over exec), so a
# child forked straight from this script, which holds the bench's files, would report the
# script's size whenever it is the larger: a small process forks it instead.
_RSS_PROBE = """
import os, sys
pid = os.fork()
if pid == 0:
    out = os.open(os.devnull, os.O_WRONLY)
    os.dup2(out, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def peak_rss(cmd, env=None):
    """(wall seconds, max RSS in bytes) of one run, from the kernel's rusage of that process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RSS_PROBE, *map(str, cmd)], env=env,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    figures = done.stdout.split()
    if done.returncode != 0 or len(figures) != 2 or figures[1] != "0":
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed ({done.stdout.strip()}): "
                           f"{done.stderr[-800:]}")
    return elapsed, int(figures[0]) * 1024


class Emulator:
    """`opal emulator` on a free loopback port, for the length of a `with` block."""

    def __init__(self, opal: Path, state: Path = None, faults: dict = None, keep_state=False):
        """`keep_state`: run on `state` itself, not on a private copy of it."""
        self.opal, self.state, self.faults, self.keep_state = opal, state, faults, keep_state
        self.port = free_port()
        self.process = None

    def __enter__(self):
        cmd = [str(self.opal), "emulator", "--host", "127.0.0.1", "--port", str(self.port),
               "--api-key", API_KEY, "--management-key", MANAGEMENT_KEY]
        if self.faults is not None:
            faults_file = WORK / f"faults-{self.port}.json"
            faults_file.write_text(json.dumps(self.faults))
            cmd += ["--faults", str(faults_file)]
        if self.state is not None and self.keep_state:
            cmd += ["--state", str(self.state)]
        elif self.state is not None:
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

    @property
    def management_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/management/v1"

    def env(self, management: bool = False) -> dict:
        """The environment of an `opal` run against this emulator; `management` adds the
        management key (so the plan reads and applies dynamic routes)."""
        env = dict(os.environ, OPPER_BASE_URL=self.base_url, OPPER_API_KEY=API_KEY, NO_COLOR="1")
        env.pop("GITHUB_ACTIONS", None)
        env.pop("OPPER_MANAGEMENT_KEY", None)
        if management:
            env["OPPER_MANAGEMENT_KEY"] = MANAGEMENT_KEY
        return env

    def get(self, url: str, key: str = API_KEY):
        """The decoded JSON answer of GET `url` with `key`."""
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {key}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)


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


def generate_routes(n: int, drift: int) -> tuple:
    """(config, state) of n chain routes; every `drift`-th route's live chain differs remotely."""
    config = WORK / f"routes-{n}.yaml"
    state = WORK / f"routes-state-{n}-drift{drift}.json"
    script = ROOT / "scripts" / "bench-state.py"
    if not config.exists():
        with open(config, "w") as out:
            subprocess.run([sys.executable, script, "--routes", str(n), "--config"], stdout=out,
                           check=True)
    if not state.exists():
        with open(state, "w") as out:
            subprocess.run([sys.executable, script, "--routes", str(n), "--drift", str(drift)],
                           stdout=out, check=True)
    return config, state


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


def count_remote(emulator: Emulator) -> int:
    request = urllib.request.Request(f"{emulator.base_url}/models/aliases?limit=1",
                                     headers={"Authorization": f"Bearer {API_KEY}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.load(answer)["meta"]["total_count"]


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
