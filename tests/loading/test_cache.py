"""The load cache: hits for the same files and code, reloads for changed, damaged or forged entries."""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
from pathlib import Path

import pytest

from planner.cli.common import load_inputs
from planner.loading import cache
from planner.loading.cache import MAGIC, cached, input_key


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("BACKPLAN_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "backplan"


class Loader:
    """A loader that counts its calls and returns the text of its file."""

    def __init__(self, path: Path) -> None:
        self.path, self.calls = path, 0

    def __call__(self) -> dict[str, str]:
        self.calls += 1
        return {"text": self.path.read_text()}


def entry(home: Path) -> Path:
    (found,) = home.glob("*.pickle")
    return found


def test_second_load_comes_from_the_cache(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("one")
    load = Loader(src)
    assert cached([src], load) == {"text": "one"}
    assert cached([src], load) == {"text": "one"}
    assert load.calls == 1
    assert oct(home.stat().st_mode & 0o777) == "0o700"
    assert oct(entry(home).stat().st_mode & 0o777) == "0o600"
    assert oct((home / "key").stat().st_mode & 0o777) == "0o600"


def test_a_changed_file_is_loaded_again(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("one")
    load = Loader(src)
    cached([src], load)
    src.write_text("two")  # same size, same second: the key is the content, not the time
    assert cached([src], load) == {"text": "two"}
    assert load.calls == 2


def test_the_same_bytes_under_another_name_is_another_entry(home: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("same")
    second.write_text("same")
    assert input_key([first]) != input_key([second])
    assert input_key([first], "x") != input_key([first], "y")


@pytest.mark.parametrize("damage", ["empty", "truncated", "garbage", "flipped byte"])
def test_a_damaged_entry_is_ignored_and_rewritten(home: Path, tmp_path: Path, damage: str) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("one")
    load = Loader(src)
    cached([src], load)
    path = entry(home)
    data = path.read_bytes()
    broken = {"empty": b"", "truncated": data[: len(data) // 2], "garbage": os.urandom(len(data)),
              "flipped byte": data[:-3] + bytes([data[-3] ^ 1]) + data[-2:]}[damage]
    path.write_bytes(broken)
    assert cached([src], load) == {"text": "one"}
    assert load.calls == 2
    assert path.read_bytes() == data  # rewritten whole
    assert cached([src], load) == {"text": "one"}
    assert load.calls == 2


class Boom:
    def __reduce__(self):
        return (Path("/nonexistent/backplan-was-tricked").mkdir, ())


def test_a_forged_entry_is_never_unpickled(home: Path, tmp_path: Path) -> None:
    """An entry in the right format whose HMAC was made without the secret is not unpickled."""
    src = tmp_path / "a.yaml"
    src.write_text("one")
    load = Loader(src)
    cached([src], load)
    path = entry(home)
    key = path.stem
    head = MAGIC + key.encode()
    payload = pickle.dumps(Boom())
    forged = head + hmac.new(b"\0" * 32, head + payload, hashlib.sha256).digest() + payload
    path.write_bytes(forged)
    assert cached([src], load) == {"text": "one"}  # no FileNotFoundError from Boom: never unpickled
    assert load.calls == 2


def test_an_entry_moved_to_another_key_is_refused(home: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("one")
    second.write_text("two")
    load_first, load_second = Loader(first), Loader(second)
    cached([first], load_first)
    (one,) = home.glob("*.pickle")
    cached([second], load_second)
    (two,) = set(home.glob("*.pickle")) - {one}
    two.write_bytes(one.read_bytes())  # a valid entry, but for the other key
    assert cached([second], load_second) == {"text": "two"}
    assert load_second.calls == 2


def test_switched_off(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("one")
    load = Loader(src)
    monkeypatch.setenv("BACKPLAN_NO_CACHE", "1")
    cached([src], load)
    cached([src], load)
    assert load.calls == 2
    assert not home.exists()
    monkeypatch.delenv("BACKPLAN_NO_CACHE")
    cached([src], load, use=False)
    assert not home.exists()


def test_a_cache_folder_that_cannot_be_made_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    src = tmp_path / "a.yaml"
    src.write_text("one")
    load = Loader(src)
    assert cached([src], load) == {"text": "one"}
    assert cached([src], load) == {"text": "one"}
    assert load.calls == 2


def test_errors_are_not_cached(home: Path, tmp_path: Path) -> None:
    src = tmp_path / "a.yaml"
    src.write_text("one")

    def fail() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        cached([src], fail)
    assert not list(home.glob("*.pickle"))


def test_load_inputs_from_the_cache_equal_the_files(home: Path, tmp_path: Path, monkeypatch) -> None:
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - id: my-planks\n    kind: dose\n    description: d\n"
                     "    select: {id: forearm_plank}\n    hold_s: {max: 30}\n    source: [me]\n")
    calls = []
    real = cache.pickle.loads
    monkeypatch.setattr(cache.pickle, "loads", lambda data: calls.append(1) or real(data))
    fresh = load_inputs(None, [rules], cache=False)
    load_inputs(None, [rules])
    warm = load_inputs(None, [rules])
    assert calls == [1]
    assert warm[0].exercises == fresh[0].exercises
    assert [(r.header, r.params, r.kind, r.where) for r in warm[1]] == [(r.header, r.params, r.kind, r.where)
                                                                        for r in fresh[1]]
    assert warm[1][-1].header.id == "my-planks"


@pytest.mark.parametrize("special", ["/dev/zero", "fifo", "folder"])
def test_an_input_that_is_no_plain_file_is_left_to_the_loader(home: Path, tmp_path: Path, special: str) -> None:
    path = Path(special) if special.startswith("/") else tmp_path / "rules.yaml"
    if special == "fifo":
        os.mkfifo(path)  # with no writer: reading it would wait for ever
    elif special == "folder":
        path.mkdir()
    assert cached([path], lambda: "loaded") == "loaded"
    assert not list(home.glob("*.pickle"))
