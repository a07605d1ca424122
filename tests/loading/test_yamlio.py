"""Safe YAML loading: positions, duplicate keys, tags, limits, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputError
from planner.loading.yamlio import MAX_DEPTH, load_yaml_file, load_yaml_text


def error(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_yaml_text(text, "f.yaml")
    return str(info.value)


def test_positions_are_one_based():
    doc = load_yaml_text("a:\n  b: [1, 2]\n", "f.yaml")
    assert doc.data == {"a": {"b": [1, 2]}}
    assert str(doc.where(("a", "b", 1))) == "f.yaml:2:10"
    assert str(doc.where(("a", "missing"))) == "f.yaml:2:3"


def test_duplicate_key():
    assert error("a: 1\nb: 2\na: 3\n") == 'f.yaml:3:1: duplicate key "a"'


def test_tab_indentation():
    assert error("a:\n\tb: 1\n").startswith("f.yaml:2:1: invalid YAML: ")


def test_python_tags_are_refused():
    assert error("a: !!python/object:os.system {}\n") == (
        'f.yaml:1:4: YAML tag "!!python/object:os.system" is not allowed; write plain values'
    )


def test_custom_tags_are_refused():
    assert error("a: !mine 3\n") == 'f.yaml:1:4: YAML tag "!mine" is not allowed; write plain values'


def test_deep_nesting():
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    # the top-level mapping is the first level, so the 40th bracket is one too many
    assert error(text) == f"f.yaml:1:{MAX_DEPTH + 3}: nesting deeper than {MAX_DEPTH} levels"


def test_alias_bomb_is_stopped():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    assert "too many YAML values" in error("\n".join(lines) + "\n")


def test_merge_keys_are_refused():
    assert error("base: &b {x: 1}\nuse:\n  <<: *b\n") == (
        'f.yaml:3:3: merge keys ("<<") are not supported; write the keys out'
    )


def test_two_documents():
    assert error("a: 1\n---\nb: 2\n") == "f.yaml:3:1: a file holds one YAML document; remove the extra '---'"


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_yaml_file(path)
    assert str(info.value) == f"{path}:2:7: not UTF-8 text (byte 0xe9)"


def test_missing_file(tmp_path: Path):
    with pytest.raises(InputError) as info:
        load_yaml_file(tmp_path / "nope.yaml")
    assert str(info.value) == f"{tmp_path / 'nope.yaml'}: file not found"


def test_too_large(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (3 * 1024 * 1024) + "\n")
    with pytest.raises(InputError) as info:
        load_yaml_file(path)
    assert str(info.value) == f"{path}:1:1: file is larger than 2 MiB"


def test_empty_file_is_none():
    assert load_yaml_text("", "f.yaml").data is None


def test_deep_nesting_far_beyond_the_limit_is_still_positioned():
    assert error("a: " + "[" * 5000 + "\n").startswith(f"f.yaml:1:{MAX_DEPTH + 3}: nesting deeper than")


def test_nul_byte_is_positioned():
    assert error("a: 1\nb: x\x00y\n") == (
        "f.yaml:2:5: invalid YAML: unacceptable character #x0000: special characters are not allowed"
    )


def test_tab_message():
    assert error("days:\n\t- mon\n") == "f.yaml:2:1: invalid YAML: tab characters cannot indent YAML; use spaces"


def test_number_keys():
    assert error("days: [mon]\n1: x\n") == 'f.yaml:2:1: keys must be words; "1" is not'


def test_json_files_get_json_errors(tmp_path: Path):
    path = tmp_path / "plan.json"
    path.write_text('{"days": [1, 2, ?]}')
    with pytest.raises(InputError) as info:
        load_yaml_file(path)
    # backplan's part: the position and "invalid JSON:"; the reason is the json module's own
    # wording, which changes between Python versions (3.13 rewords several messages)
    message = str(info.value)
    assert message.startswith(f"{path}:1:17: invalid JSON: ")
    assert message.removeprefix(f"{path}:1:17: invalid JSON: ").strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!int\n", 'f.yaml:1:1: YAML tag "!!int" is not allowed; write plain values'),
        ("a: !!bool maybe\n", 'f.yaml:1:4: YAML tag "!!bool" is not allowed; write plain values'),
        ("a: !!map x\n", 'f.yaml:1:4: YAML tag "!!map" is not allowed; write plain values'),
        ("a: " + "1" * 4301 + "\n", "f.yaml:1:4: a number with too many digits"),
        ("a: b\nc: \udc00\n", "f.yaml:2:4: invalid character (a lone UTF-16 surrogate)"),
    ],
)
def test_values_the_fuzzer_found(text, message):
    assert error(text) == message


# ---- numbers read as a person means them (YAML 1.2 core), issue "inputs that cannot hurt" ----

@pytest.mark.parametrize(("text", "value"), [
    ("045", 45), ("007", 7), ("+12", 12), ("-3", -3), ("40", 40), ("1.5", 1.5), ("1e3", 1000.0),
    ("0x28", "0x28"), ("0o50", "0o50"), ("1:00", "1:00"), ("4_0", "4_0"), ("2024-01-01", "2024-01-01"),
    ("=", "="), ("yes", True), ("false", False), ("~", None), ("'045'", "045"),
])
def test_numbers_are_plain_decimal_and_other_forms_stay_text(text, value):
    assert load_yaml_text(f"a: {text}\n", "f.yaml").data == {"a": value}


def test_a_merge_key_is_still_refused():
    assert error("a: &x {b: 1}\nc:\n  <<: *x\n") == 'f.yaml:3:3: merge keys ("<<") are not supported; write the keys out'


# ---- bounded reads: never more than the size limit from any kind of file ----

def test_an_endless_device_is_cut_at_the_size_limit():
    with pytest.raises(InputError) as info:
        load_yaml_file("/dev/zero")
    assert str(info.value) == "/dev/zero:1:1: file is larger than 2 MiB"


def _peak_of_child(command: list[str], stdin_command: list[str]) -> tuple[int, str, int]:
    """Run ``stdin_command | command`` from a fresh Python and return (exit, stderr, peak KiB of command)."""
    import subprocess
    import sys

    probe = (
        "import resource, subprocess, sys\n"
        f"feed = subprocess.Popen({stdin_command!r}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
        f"run = subprocess.run({command!r}, stdin=feed.stdout, capture_output=True, text=True)\n"
        "feed.kill(); feed.wait()\n"
        "print(run.returncode); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.stderr.write(run.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    code, peak = done.stdout.split()
    return int(code), done.stderr, int(peak)


def test_an_endless_pipe_is_cut_at_the_size_limit_with_bounded_memory():
    import sys

    code, stderr, peak_kib = _peak_of_child([sys.executable, "-m", "planner", "plan", "-p", "/dev/stdin"], ["yes"])
    assert (code, stderr) == (2, "backplan: error: /dev/stdin:1:1: file is larger than 2 MiB\n")
    assert peak_kib < 200 * 1024, f"peak {peak_kib} KiB"  # the limit is 2 MiB: no growth with the input


# ---- wide encodings are named ----

@pytest.mark.parametrize(("encoding", "name"), [
    ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-16", "UTF-16"),
    ("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"), ("utf-32", "UTF-32"),
])
def test_wide_encodings_are_named(tmp_path: Path, encoding, name):
    path = tmp_path / "p.yaml"
    path.write_bytes("name: x\nage_group: adult\n".encode(encoding))
    with pytest.raises(InputError) as info:
        load_yaml_file(path)
    assert str(info.value) == f"{path}:1:1: the file is {name} text; save it as UTF-8"
