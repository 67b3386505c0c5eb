"""The emulator's `--state` row of `make bench` (SPEC §16): one alias create with 10,000 aliases
in the state file, timed by the client over one kept-alive connection, against the same creates
on an emulator without `--state` in the same run. The answer is checked: every create is answered with the alias asked for,
and an emulator restarted on the file holds every alias."""
import http.client
import json
import shutil
import statistics
import time

from bench_support import (API_KEY, WORK, Emulator, Row, WrongAnswer, count_remote,
                           generate_state, log, ms, verdict)

TARGET = 0.005


def create_times(emulator: Emulator, count: int, prefix: str) -> list:
    """Wall time of each of `count` alias creates, one after another on one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", emulator.port, timeout=30)
    headers = {"Authorization": f"Bearer {API_KEY}", "Content-Type": "application/json"}
    times = []
    try:
        for i in range(count):
            body = json.dumps({"name": f"{prefix}/create-{i:05d}",
                               "fallback_models": ["openai/gpt-4o", "anthropic/claude-sonnet-4"],
                               "description": f"created by the bench ({i})"})
            start = time.perf_counter()
            connection.request("POST", "/v2/models/aliases", body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read()
            times.append(time.perf_counter() - start)
            if answer.status not in (200, 201) or json.loads(text).get("name") != f"{prefix}/create-{i:05d}":
                raise WrongAnswer(f"create {i} answered {answer.status}: {text[:200]!r}")
    finally:
        connection.close()
    return times


def bench_state_create(opal, quick: bool) -> list:
    n = 10_000
    creates = 300 if not quick else 40
    state = WORK / "state-create-run.json"
    shutil.copyfile(generate_state(n), state)
    log(f"emulator --state with {n} aliases: {creates} creates, then the same without --state")
    with Emulator(opal, state=state, keep_state=True) as emulator:
        create_times(emulator, 10, "warmup")
        times = create_times(emulator, creates, "bench")
    with Emulator(opal) as emulator:
        create_times(emulator, 10, "warmup")
        anchor = statistics.median(create_times(emulator, creates, "bench"))
    with Emulator(opal, state=state, keep_state=True) as emulator:
        held = count_remote(emulator)
    if held != n + 10 + creates:
        raise WrongAnswer(f"restarted on the state file, the emulator holds {held} aliases, "
                          f"not {n + 10 + creates}")
    state.unlink()
    measured = statistics.median(times)
    slowest = max(times)
    p99 = sorted(times)[int(len(times) * 0.99) - 1]
    return [Row(f"emulator `--state` with {n:,} aliases: one create (median of {creates})",
                ms(measured), f"target 5 ms (without --state {ms(anchor)})",
                f"{measured / TARGET:.2f}×", "≤ 1.0×", verdict(measured <= TARGET),
                [f"p99 {ms(p99)}, slowest {ms(slowest)} (a compaction if one falls in the run, or other work on the machine)"])]
