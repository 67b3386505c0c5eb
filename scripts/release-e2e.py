#!/usr/bin/env python3
"""The release binary end to end, as users run it (issue 10): for 250, 1,000 and 10,000 aliases,
apply on a fresh release-build emulator, then with `--parallelism 1` and the default:
  - the emulator itself lists every alias once (read here page by page, not through opal);
  - `opal plan` right after the apply is empty (`--detailed-exitcode` exits 0, the JSON counts 0);
  - `opal export` holds every alias.
A wrong answer fails `make test`. Usage: scripts/release-e2e.py [--opal .build/release/opal] [N ...]
"""
import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_support as bench  # noqa: E402  (the emulator runner and the result checks are shared with make bench)


def emulator_names(emulator: "bench.Emulator") -> list:
    """Every alias name the emulator lists, read with limit=100 pages by this script."""
    names, offset = [], 0
    while True:
        request = urllib.request.Request(
            f"{emulator.base_url}/models/aliases?offset={offset}&limit=100",
            headers={"Authorization": f"Bearer {bench.API_KEY}"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            page = json.load(answer)
        names += [a["name"] for a in page["data"]]
        offset += 100
        if offset >= page["meta"]["total_count"] or not page["data"]:
            return names


def run(cmd, env) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], env=env, capture_output=True)


def check_size(opal: Path, n: int) -> list:
    failures = []
    config = bench.generate(n)
    with bench.Emulator(opal) as emulator:
        env = emulator.env()
        applied = run([opal, "apply", "-f", config, "--auto-approve", "--no-color"], env)
        if applied.returncode != 0:
            return [f"{n}: apply exited {applied.returncode}: {applied.stderr.decode()[-400:]}"]
        names = emulator_names(emulator)
        if len(names) != n or len(set(names)) != n:
            failures.append(f"{n}: the emulator lists {len(names)} aliases ({len(set(names))} unique)")
        for parallelism in (["--parallelism", "1"], []):
            label = f"{n} aliases, {' '.join(parallelism) or 'default parallelism'}"
            plan = run([opal, "plan", "-f", config, "--no-color", "--format", "json",
                        "--detailed-exitcode", *parallelism], env)
            if plan.returncode != 0:
                failures.append(f"{label}: plan after apply exited {plan.returncode} (0 = no changes): "
                                + plan.stderr.decode()[-300:])
            else:
                try:
                    bench.expect_plan()(plan.stdout)
                except bench.WrongAnswer as error:
                    failures.append(f"{label}: {error}")
            # A new file per export: export does not overwrite a file without --force.
            out = bench.WORK / f"export-{n}-{'p1' if parallelism else 'default'}.yaml"
            exported = run([opal, "export", "-o", out, "--no-color", *parallelism], env)
            if exported.returncode != 0:
                failures.append(f"{label}: export exited {exported.returncode}: "
                                + exported.stderr.decode()[-300:])
            else:
                try:
                    bench.expect_export(out, n)(b"")
                except bench.WrongAnswer as error:
                    failures.append(f"{label}: {error}")
            print(f"release-e2e: {label}: plan after apply and export checked", file=sys.stderr)
    return failures


def main() -> int:
    args = sys.argv[1:]
    opal = Path(args[args.index("--opal") + 1]) if "--opal" in args else bench.ROOT / ".build/release/opal"
    sizes = [int(a) for a in args if a.isdigit() and a not in ("--opal",)] or [250, 1_000, 10_000]
    if not opal.exists():
        print(f"release-e2e: {opal} not found (make test builds it)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as work:
        bench.WORK = Path(work)
        failures = [f for n in sizes for f in check_size(opal.resolve(), n)]
    for failure in failures:
        print(f"release-e2e: FAIL: {failure}", file=sys.stderr)
    if not failures:
        print(f"release-e2e: the release binary planned and exported {sizes} aliases right")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
