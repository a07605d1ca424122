"""Long fuzz run of the loaders: the targets of tests/test_fuzz_loaders.py, for minutes instead of seconds.

Each target (arbitrary text, arbitrary bytes, mutated rule files, profiles and catalog files, see
``TARGETS`` in tests/test_fuzz_loaders.py) is run by Hypothesis in turn, in chunks, until the time
is up. The property is the suite's: a load succeeds, or raises an InputError whose text starts
with the path of the file read. Anything else is a crash; so is a single load that takes longer
than ``--hang`` seconds.

Each distinct crash (exception type and the line that raised it) is shrunk by Hypothesis, reduced
further line by line and character by character, and reported with its input and traceback; the
search then goes on, so one crash does not hide the others.

    python benchmarks/fuzz_loaders.py                 # 300 s
    python benchmarks/fuzz_loaders.py --seconds 60 --seed 1 --json fuzz.json

Exit status: 0 when nothing crashed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import platform
import re
import signal
import sys
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import code_state  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis.errors import HypothesisWarning  # noqa: E402

from tests.test_fuzz_loaders import TARGETS, Scratch  # noqa: E402

# examples per Hypothesis run, per target: about 5-10 s each, so every target gets many turns
CHUNK = {
    "yaml-text": 2000,
    "yaml-text-mutated": 400,
    "yaml-file-bytes": 600,
    "json-file-bytes": 600,
    "rule-file": 250,
    "profile": 500,
    "catalog": 60,
}


class TimeUp(BaseException):
    """Raised inside a run when the time budget is spent (a BaseException: Hypothesis lets it through)."""


class Hang(Exception):
    """One load took longer than the hang limit."""


@dataclass
class Crash:
    signature: str
    target: str
    first_seen: float
    hits: int = 0
    value: object = None
    error: str = ""
    trace: str = ""
    reduced: object = None
    reduced_error: str = ""


@dataclass
class Stats:
    tried: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)  # (target, outcome)
    reduction_calls: int = 0
    slowest: list = field(default_factory=list)  # (seconds, target, size)


_GISTS: dict[str, set[str]] = {}


def signature(exc: BaseException) -> str:
    """Exception type, the innermost frame that raised it and the gist of its message (its first
    three plain words): one signature per distinct bug, whatever the input. A place that raises
    with more than three different gists gets one signature for all of them."""
    if isinstance(exc, Hang):
        return "Hang"
    frames = traceback.extract_tb(exc.__traceback__)
    base = type(exc).__name__
    if frames:
        base += f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}"
    if isinstance(exc, KeyError):
        return base  # the message is the key itself
    message = str(exc).split(":")[0] if isinstance(exc, AssertionError) else str(exc)
    gist = " ".join(re.findall(r"(?<![\\\w'])[A-Za-z]{3,}(?![\w'])", message)[:3])
    seen = _GISTS.setdefault(base, set())
    if gist not in seen and len(seen) >= 3:
        gist = "..."
    seen.add(gist)
    return f"{base} ({gist})"


def size(value: object) -> int:
    if isinstance(value, (str, bytes)):
        return len(value)
    if isinstance(value, tuple):
        return sum(size(v) for v in value)
    return 0


class Runner:
    def __init__(self, seconds: float, hang: float) -> None:
        self.scratch = Scratch()
        self.deadline = time.monotonic() + seconds
        self.started = time.monotonic()
        self.hang = hang
        self.stats = Stats()
        self.crashes: dict[str, Crash] = {}
        self.known: set[str] = set()  # signatures already shrunk: count them, do not stop on them

    # -- one call of the property ------------------------------------------------------------
    def call(self, target: str, value: object) -> str:
        """``accepted`` / ``rejected``; raises the crash (or Hang) otherwise."""
        check = TARGETS[target][1]

        def on_alarm(signum, frame):
            raise Hang(f"one load took more than {self.hang} s")

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, self.hang)
        t0 = time.perf_counter()
        try:
            return check(self.scratch, value)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
            spent = time.perf_counter() - t0
            slow = self.stats.slowest
            if len(slow) < 5 or spent > slow[-1][0]:
                slow.append((spent, target, size(value)))
                slow.sort(reverse=True)
                del slow[5:]

    def body(self, target: str, value: object) -> None:
        if time.monotonic() > self.deadline:
            raise TimeUp
        self.stats.tried[target] += 1
        try:
            outcome = self.call(target, value)
        except Exception as exc:  # noqa: BLE001 - every other exception is the finding
            sig = signature(exc)
            self.stats.outcomes[(target, "crash")] += 1
            crash = self.crashes.get(sig)
            if crash is None:
                crash = self.crashes[sig] = Crash(sig, target, time.monotonic() - self.started)
            crash.hits += 1
            if sig in self.known:
                return  # already shrunk and reported: keep exploring
            if crash.value is None or size(value) <= size(crash.value):
                crash.value = value
                crash.error = f"{type(exc).__name__}: {exc}"
                crash.trace = "".join(traceback.format_exception(exc))
            raise
        self.stats.outcomes[(target, outcome)] += 1

    # -- Hypothesis runs ---------------------------------------------------------------------
    def run_chunk(self, target: str, run_seed: int) -> None:
        strategy = TARGETS[target][0]()

        @seed(run_seed)
        @settings(
            max_examples=CHUNK[target],
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate, Phase.shrink],
            report_multiple_bugs=True,
            print_blob=False,
        )
        @given(value=strategy)
        def test(value):
            self.body(target, value)

        time_up = False
        try:
            test()
        except TimeUp:
            time_up = True
        except KeyboardInterrupt:
            raise
        except BaseException:  # noqa: BLE001 - a failing run: its crashes are recorded
            pass
        self.reduce_new()
        if time_up:
            raise TimeUp

    def reduce_new(self) -> None:
        for sig, crash in list(self.crashes.items()):
            if sig not in self.known:
                self.known.add(sig)
                self.reduce(crash)
                print(f"  new crash [{crash.target}] {sig}: {crash.error[:160]!r}", flush=True)

    # -- reduction beyond Hypothesis's shrinking ---------------------------------------------
    def still_crashes(self, target: str, sig: str, value: object) -> bool:
        self.stats.reduction_calls += 1
        try:
            self.call(target, value)
        except Exception as exc:  # noqa: BLE001
            return signature(exc) == sig
        return False

    def reduce(self, crash: Crash, budget: float = 30.0) -> None:
        """Delete lines, then characters, while the same crash still happens (greedy, time-bounded)."""
        value = crash.value
        stop = time.monotonic() + budget
        if isinstance(value, tuple):  # (catalog file name, bytes)
            name, data = value
            wrap = lambda d: (name, d)  # noqa: E731
        else:
            data = value
            wrap = lambda d: d  # noqa: E731
        if not isinstance(data, (str, bytes)):
            crash.reduced = value
            return
        nl = "\n" if isinstance(data, str) else b"\n"
        for unit in ("lines", "chars"):
            changed = True
            while changed and time.monotonic() < stop:
                changed = False
                parts = data.split(nl) if unit == "lines" else [data[i : i + 1] for i in range(len(data))]
                joiner = nl if unit == "lines" else data[:0]
                chunk = max(1, len(parts) // 2)
                while chunk >= 1 and time.monotonic() < stop:
                    i = 0
                    while i < len(parts) and time.monotonic() < stop:
                        candidate = joiner.join(parts[:i] + parts[i + chunk :])
                        if candidate != data and self.still_crashes(crash.target, crash.signature, wrap(candidate)):
                            data, parts, changed = candidate, parts[:i] + parts[i + chunk :], True
                        else:
                            i += chunk
                    chunk //= 2
        crash.reduced = wrap(data)
        try:
            self.call(crash.target, crash.reduced)
        except Exception as exc:  # noqa: BLE001
            crash.reduced_error = f"{type(exc).__name__}: {exc}"
            crash.trace = "".join(traceback.format_exception(exc))


def expression(value: object) -> str:
    """A Python expression for ``value`` with long runs written as ``'9' * 4301``: exact and short."""
    if isinstance(value, tuple):
        return "(" + ", ".join(expression(v) for v in value) + ")"
    if not isinstance(value, (str, bytes)):
        return repr(value)
    parts: list[str] = []
    literal = value[:0]
    for char, group in itertools.groupby(value[i : i + 1] for i in range(len(value))):
        count = sum(1 for _ in group)
        if count >= 16:
            if literal:
                parts.append(repr(literal))
                literal = value[:0]
            parts.append(f"{char!r} * {count}")
        else:
            literal += char * count
    if literal or not parts:
        parts.append(repr(literal))
    return " + ".join(parts)


def show(value: object, limit: int = 600) -> str:
    text = expression(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300, help="time budget (default 300)")
    parser.add_argument("--seed", type=int, default=None, help="base seed of the Hypothesis runs (default: random)")
    parser.add_argument("--hang", type=float, default=10.0, help="seconds after which one load counts as a hang")
    parser.add_argument("--targets", nargs="*", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    warnings.simplefilter("ignore", HypothesisWarning)  # "overly large repr" of the word lists
    base_seed = args.seed if args.seed is not None else int(time.time())
    runner = Runner(args.seconds, args.hang)
    print(
        f"fuzzing loaders for {args.seconds:.0f} s (seed {base_seed}, Python {platform.python_version()}, "
        f"{dt.datetime.now().isoformat(timespec='seconds')})",
        flush=True,
    )
    state = code_state()
    print(f"code: {state}", flush=True)
    turn = 0
    try:
        while time.monotonic() < runner.deadline:
            for target in args.targets:
                runner.run_chunk(target, base_seed + turn)
                turn += 1
    except TimeUp:
        pass
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    elapsed = time.monotonic() - runner.started
    runner.scratch.cleanup()

    stats = runner.stats
    total = sum(stats.tried.values())
    print(f"\n{total} inputs tried in {elapsed:.0f} s ({total / elapsed:.0f}/s), "
          f"plus {stats.reduction_calls} calls to reduce crashes")
    print(f"{'target':<20}{'tried':>9}{'accepted':>10}{'rejected':>10}{'crashed':>9}")
    for target in args.targets:
        o = stats.outcomes
        print(f"{target:<20}{stats.tried[target]:>9}{o[(target, 'accepted')]:>10}"
              f"{o[(target, 'rejected')]:>10}{o[(target, 'crash')]:>9}")
    accepted = sum(v for (t, k), v in stats.outcomes.items() if k == "accepted")
    rejected = sum(v for (t, k), v in stats.outcomes.items() if k == "rejected")
    crashed = sum(v for (t, k), v in stats.outcomes.items() if k == "crash")
    print(f"{'all':<20}{total:>9}{accepted:>10}{rejected:>10}{crashed:>9}")
    print("slowest loads: " + ", ".join(f"{s:.2f} s ({t}, {n} chars)" for s, t, n in stats.slowest))

    print(f"\n{len(runner.crashes)} distinct crash(es)")
    for n, crash in enumerate(sorted(runner.crashes.values(), key=lambda c: c.first_seen), 1):
        print(f"\n--- crash {n}: {crash.signature}  [target {crash.target}, {crash.hits} hit(s), "
              f"first after {crash.first_seen:.0f} s]")
        print(f"error: {crash.reduced_error or crash.error}")
        print(f"minimal input: {show(crash.reduced if crash.reduced is not None else crash.value)}")
        print(f"as shrunk by Hypothesis: {show(crash.value, 300)}")
        print(crash.trace.rstrip())

    if args.json is not None:
        args.json.write_text(json.dumps({
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "seconds": round(elapsed, 1),
            "seed": base_seed,
            "code": state,
            "tried": dict(stats.tried),
            "outcomes": {f"{t}:{k}": v for (t, k), v in stats.outcomes.items()},
            "reduction_calls": stats.reduction_calls,
            "slowest": stats.slowest,
            "crashes": [
                {"signature": c.signature, "target": c.target, "hits": c.hits,
                 "error": c.reduced_error or c.error, "input": expression(c.reduced), "trace": c.trace}
                for c in runner.crashes.values()
            ],
        }, indent=2))
    return 1 if runner.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
