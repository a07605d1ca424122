"""Coverage-guided fuzzing of the loaders with atheris (libFuzzer), optional.

The same targets and property as tests/test_fuzz_loaders.py (load succeeds, or an InputError
starting with the file's path), driven by libFuzzer's coverage feedback over ``planner`` and
PyYAML instead of Hypothesis's generation. The first input byte picks the target, the second
whether the rest is the file itself (raw bytes, seeded with the shipped files) or a recipe of
text edits applied to a shipped file (``mutate`` from the test module).

Crashes do not stop the run: each distinct one (same signature as benchmarks/fuzz_loaders.py) is
recorded with its smallest input and traceback and printed at the end, with the counts.

atheris is not a dependency of backplan. It ships binary wheels for CPython 3.11 on Linux
(checked: ``pip download atheris`` gives atheris-3.0.0-cp311-manylinux); to keep the project's
environment unchanged, install it aside::

    pip install --target /tmp/atheris_site atheris
    PYTHONPATH=/tmp/atheris_site python benchmarks/fuzz_loaders_atheris.py --seconds 300

Extra arguments after ``--`` go to libFuzzer (for example ``-- -max_len=4096``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

try:
    import atheris
except ImportError:  # pragma: no cover - optional tool
    sys.exit("atheris is not installed; see the docstring of this script (pip install atheris)")

with atheris.instrument_imports(include=["planner", "yaml"]):
    import yaml  # noqa: F401

    import planner.catalog  # noqa: F401
    import planner.loading.yamlio  # noqa: F401
    import planner.profile  # noqa: F401
    import planner.rules  # noqa: F401

from fuzz_loaders import signature, size  # noqa: E402

from tests.test_fuzz_loaders import (  # noqa: E402
    CATALOG_FILES,
    OPS,
    PROFILE_FILES,
    RULE_FILES,
    SEEDS,
    TARGETS,
    TOKENS,
    WORDS,
    Scratch,
    mutate,
)

NAMES = list(TARGETS)  # yaml-text, yaml-text-mutated, yaml-file-bytes, rule-file, profile, catalog
FILES = {
    "yaml-text": [ROOT / n for n in SEEDS],
    "yaml-text-mutated": [ROOT / n for n in SEEDS],
    "yaml-file-bytes": [ROOT / n for n in SEEDS],
    "json-file-bytes": [ROOT / n for n in SEEDS],
    "rule-file": RULE_FILES,
    "profile": PROFILE_FILES,
    "catalog": CATALOG_FILES,
}
RAW, RECIPE = 0, 1

state = {
    "tried": Counter(),
    "outcomes": Counter(),
    "crashes": {},
    "deadline": 0.0,
    "started": 0.0,
    "scratch": None,
    "corpus": None,
}


def decode(fdp: atheris.FuzzedDataProvider, target: str) -> object:
    """The value ``TARGETS[target]`` checks, built from the fuzzer's bytes."""
    files = FILES[target]
    mode = fdp.ConsumeIntInRange(RAW, RECIPE)
    index = fdp.ConsumeIntInRange(0, len(files) - 1)
    if mode == RAW:
        data = fdp.ConsumeBytes(fdp.remaining_bytes())
    else:
        ops = []
        for _ in range(fdp.ConsumeIntInRange(1, 4)):
            name = OPS[fdp.ConsumeIntInRange(0, len(OPS) - 1)]
            a, b = fdp.ConsumeIntInRange(0, 10**6), fdp.ConsumeIntInRange(0, 10**6)
            pick = fdp.ConsumeIntInRange(0, 2)
            if pick == 0:
                scalar = TOKENS[fdp.ConsumeIntInRange(0, len(TOKENS) - 1)]
            elif pick == 1:
                scalar = WORDS[fdp.ConsumeIntInRange(0, len(WORDS) - 1)]
            else:
                scalar = fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 12))
            char = fdp.ConsumeUnicode(1) or " "
            ops.append((name, a, b, scalar, char))
        text = mutate(files[index].read_text(encoding="utf-8"), ops)
        data = text.encode("utf-8", "surrogatepass")
    if target in ("yaml-text", "yaml-text-mutated"):
        return data.decode("utf-8", "surrogateescape")
    if target == "catalog":
        return (files[index].name, data)
    return data


def test_one_input(data: bytes) -> None:
    if time.monotonic() > state["deadline"]:
        report()
        sys.stdout.flush()
        state["scratch"].cleanup()
        shutil.rmtree(state["corpus"], ignore_errors=True)
        os._exit(1 if state["crashes"] else 0)
    fdp = atheris.FuzzedDataProvider(data)
    target = NAMES[fdp.ConsumeIntInRange(0, len(NAMES) - 1)]
    value = decode(fdp, target)
    state["tried"][target] += 1
    try:
        outcome = TARGETS[target][1](state["scratch"], value)
    except Exception as exc:  # noqa: BLE001 - recorded; the run goes on
        state["outcomes"][(target, "crash")] += 1
        sig = signature(exc)
        crash = state["crashes"].get(sig)
        if crash is None:
            print(f"\n  new crash [{target}] {sig}", flush=True)
            crash = state["crashes"][sig] = {"target": target, "hits": 0, "first": time.monotonic() - state["started"]}
        crash["hits"] += 1
        if "value" not in crash or size(value) < size(crash["value"]):
            crash.update(value=value, error=f"{type(exc).__name__}: {exc}", trace=traceback.format_exc())
        return
    state["outcomes"][(target, outcome)] += 1


def report() -> None:
    tried = state["tried"]
    o = state["outcomes"]
    total = sum(tried.values())
    elapsed = time.monotonic() - state["started"]
    print(f"\natheris: {total} inputs tried in {elapsed:.0f} s ({total / max(elapsed, 1e-9):.0f}/s)")
    print(f"{'target':<20}{'tried':>9}{'accepted':>10}{'rejected':>10}{'crashed':>9}")
    for t in NAMES:
        print(f"{t:<20}{tried[t]:>9}{o[(t, 'accepted')]:>10}{o[(t, 'rejected')]:>10}{o[(t, 'crash')]:>9}")
    print(f"\n{len(state['crashes'])} distinct crash(es)")
    for sig, c in sorted(state["crashes"].items(), key=lambda kv: kv[1]["first"]):
        text = repr(c["value"])
        print(f"\n--- {sig}  [target {c['target']}, {c['hits']} hit(s), first after {c['first']:.0f} s]")
        print(f"error: {c['error']}")
        print(f"smallest input: {text[:600]}{'...' if len(text) > 600 else ''}")
        print(c["trace"].rstrip())


def main() -> None:
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=300)
    args = parser.parse_args(argv)

    state["scratch"] = Scratch()
    corpus = state["corpus"] = Path(tempfile.mkdtemp(prefix="backplan-atheris-corpus-"))
    for t, target in enumerate(NAMES):  # seeds: every shipped file, raw, for every target that reads it
        for i, path in enumerate(FILES[target]):
            # atheris's FuzzedDataProvider takes integers from the end of the input and bytes from
            # the front: the last byte picks the target, the one before the mode, then the file
            (corpus / f"{target}-{i}").write_bytes(path.read_bytes() + bytes([i, RAW, t]))
    state["started"] = time.monotonic()
    state["deadline"] = state["started"] + args.seconds
    atheris.Setup(
        [sys.argv[0], "-timeout=20", "-rss_limit_mb=4096", "-max_len=65536", *extra, str(corpus)],
        test_one_input,
    )
    atheris.Fuzz()


if __name__ == "__main__":
    main()
