"""The command line: formats, files, exit codes and exact error texts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import __version__
from planner.cli import app
from planner.notice import SAFETY_NOTICE
from tests.conftest import read_terminal

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_plan_default_profile_every_format_has_the_notice(fmt):
    result = run("plan", "--format", fmt)
    assert result.exit_code == 0, result.output
    text = result.stdout if fmt != "json" else json.loads(result.stdout)["notice"]
    assert SAFETY_NOTICE.split(".")[0] in " ".join(text.split())


def test_same_seed_same_week_other_seed_other_week():
    a = json.loads(run("plan", "-f", "json", "--seed", "5").stdout)["days"]
    b = json.loads(run("plan", "-f", "json", "--seed", "5").stdout)["days"]
    c = json.loads(run("plan", "-f", "json", "--seed", "6").stdout)["days"]
    assert a == b
    assert a != c


def test_out_writes_and_refuses_to_overwrite(tmp_path: Path):
    out = tmp_path / "week.json"
    assert run("plan", "-f", "json", "-o", str(out)).exit_code == 0
    first = out.read_text()
    out.write_text("mine")
    result = run("plan", "-f", "json", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"backplan: error: {out}: file exists; use --force to replace it\n"
    assert out.read_text() == "mine"
    assert run("plan", "-f", "json", "-o", str(out), "--force").exit_code == 0
    assert out.read_text() == first


def test_check_passes_a_generated_plan_and_fails_a_broken_one(tmp_path: Path):
    out = tmp_path / "week.json"
    run("plan", "-f", "json", "-o", str(out))
    ok = run("check", str(out))
    assert ok.exit_code == 0, ok.output
    assert "0 hard violation(s)" in ok.stdout
    data = json.loads(out.read_text())
    monday = data["days"][0]["items"]
    monday.insert(0, {**monday[0], "exercise": "straight_leg_situp", "name": "x"})
    out.write_text(json.dumps(data))
    bad = run("check", str(out))
    assert bad.exit_code == 1
    assert "error [builtin:banned-moves] mon straight_leg_situp" in bad.stdout
    assert "error [banned-moves] mon straight_leg_situp: exercise is not allowed here" in bad.stdout


def test_check_against_a_red_flag_profile_exits_3(tmp_path: Path):
    out = tmp_path / "week.json"
    run("plan", "-f", "json", "-o", str(out))
    hurt = tmp_path / "hurt.yaml"
    hurt.write_text("days: [mon, wed, fri]\nequipment: [mat, chair]\nconditions: [acute_pain]\n")
    result = run("check", str(out), "-p", str(hurt))
    assert result.exit_code == 3
    assert "error [red-flag-pain-or-injury] no plan should be given: " in result.stdout


def test_red_flag_exit_3(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon, wed]\nconditions: [acute_pain]\n")
    result = run("plan", "-p", str(profile))
    assert result.exit_code == 3
    assert result.stderr.startswith("No plan for you yet: please see your doctor first.\n")
    assert "red-flag" not in result.stderr and "error" not in result.stderr  # plain words (exact text: tests/clinical)
    assert result.stdout == ""


def test_cleared_injury_gets_a_plan(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon, wed, fri]\nequipment: [mat]\nconditions: [recent_injury]\ncleared_by_doctor: true\n")
    assert run("plan", "-p", str(profile)).exit_code == 0


def _json_plan(result) -> dict:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_no_equipment_still_gets_a_safe_week_and_says_what_gave_way(tmp_path: Path):
    """Issue 10: a person with no equipment used to get no plan at all (exit 4). Now the
    session-shape rules give way as little as they must, the plan says which, and nothing in
    it needs equipment the person lacks. Since issue 9 most floor work only recommends a mat, and
    since the walks carry the week's aerobic work (walk-on-days-off) a 25-minute week no longer
    gives way, so a 15-minute one has to."""
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon, wed, fri]\nsession_minutes: 15\nequipment: []\n")
    plan = _json_plan(run("plan", "-p", str(profile), "-f", "json"))
    items = [item for day in plan["days"] for item in day["items"]]
    assert items and all(item["equipment"] == [] for item in items)
    assert any(item["block"] == "strength" for item in items)
    assert plan["gave_way"], "the plan must say which structure rules gave way"
    assert all(g["reason"] for g in plan["gave_way"])
    checked = tmp_path / "week.json"
    checked.write_text(json.dumps(plan))
    assert run("check", str(checked)).exit_code == 0


def test_a_ten_minute_session_gets_a_plan_within_ten_minutes(tmp_path: Path):
    """Issue 10: 10-minute sessions used to be refused; now they get a warm-up and what fits."""
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon, wed, fri]\nsession_minutes: 10\nequipment: [mat]\n")
    plan = _json_plan(run("plan", "-p", str(profile), "-f", "json"))
    for day in plan["days"]:
        if day["items"]:
            assert day["items"][0]["block"] == "warmup"
    assert plan["gave_way"], "the plan must say which session rules gave way"
    # the walks carry the week's aerobic work, so no aerobic block has to fit a 10-minute session
    assert "low-impact-aerobics" not in {g["rule"] for g in plan["gave_way"]}
    assert sum(1 for day in plan["days"] if day["walks"]) == 3
    checked = tmp_path / "week.json"
    checked.write_text(json.dumps(plan))
    result = run("check", str(checked))
    assert result.exit_code == 0, result.stdout  # do-not-overdo (safety) holds: no session over 10 minutes


def test_a_structure_rule_a_plan_does_not_declare_is_still_a_failure(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon, wed, fri]\nsession_minutes: 10\nequipment: [mat]\n")
    plan = _json_plan(run("plan", "-p", str(profile), "-f", "json"))
    plan["gave_way"] = []  # a hand-edited plan that hides what gave way
    checked = tmp_path / "week.json"
    checked.write_text(json.dumps(plan))
    assert run("check", str(checked)).exit_code == 1


def test_infeasible_names_the_conflicting_rules(tmp_path: Path):
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n"
        "  - {id: my-long-stretches, kind: dose, description: d, select: {kind: stretch}, hold_s: {min: 40}, source: [me]}\n"
        "  - {id: my-stretch-daily, kind: session_count, description: d, select: {kind: stretch}, min: 1, source: [me]}\n"
    )
    result = run("plan", "-r", str(rules))
    assert result.exit_code == 4
    assert result.stderr.startswith("backplan: no plan: these hard rules cannot all hold for this profile: ")
    assert "my-stretch-daily" in result.stderr


def test_unknown_word_in_profile_points_at_it(tmp_path: Path):
    profile = tmp_path / "p.yaml"
    profile.write_text("days: [mon, wed]\nequipment: [mat, dumbells]\n")
    result = run("plan", "-p", str(profile))
    assert result.exit_code == 2
    assert result.stderr == f'backplan: error: {profile}:2:18: unknown equipment "dumbells" (did you mean "dumbbells"?)\n'


def test_bad_rule_file_points_at_it(tmp_path: Path):
    rules = tmp_path / "r.yaml"
    rules.write_text(
        "rules:\n"
        "  - id: x\n"
        "    kind: session_cout\n"
        "    description: d\n"
        "    source: [me]\n"
    )
    result = run("plan", "-r", str(rules))
    assert result.exit_code == 2
    assert result.stderr == (
        f'backplan: error: {rules}:3:11: unknown rule kind "session_cout" (did you mean "session_count"?)\n'
    )


def test_unknown_format():
    result = run("plan", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr == 'backplan: error: unknown format "pdf"; choose one of table, markdown, json\n'


def test_help_explains():
    result = run("--help")
    assert result.exit_code == 0
    for word in ("plan", "check", "doctor"):
        assert word in result.stdout
    plan_help = run("plan", "--help").stdout
    for word in ("--profile", "--seed", "--format", "--out", "--force", "--rules"):
        assert word in plan_help


def test_a_closed_output_pipe_ends_quietly():
    """`backplan rules kinds | head -1`: the reader leaves early; no internal error, exit 141."""
    proc = subprocess.Popen([sys.executable, "-m", "planner", "rules", "kinds"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before anything is written
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert err == ""


@pytest.mark.parametrize("buffered", [True, False], ids=["buffered", "unbuffered"])
@pytest.mark.parametrize("args", [["rules", "list"], ["--help"], ["version"], ["plan", "-o", "/dev/stdout"]])
def test_every_command_ends_quietly_on_a_closed_pipe(args, buffered):
    """A real process whose reader is gone before it writes (``backplan --help | true``).

    ``--help`` and ``version`` go through click's own closed-pipe handling; the entry point must
    recognise it by what happened (EPIPE), whether standard output is buffered or not."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen([sys.executable, "-m", "planner", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141, err
    assert err == ""


_READER_LEAVES_AFTER_THE_RUN = """
import os, sys
read_end, write_end = os.pipe()
os.dup2(write_end, 1)
os.close(write_end)
import planner.cli
import planner.__main__
app = planner.cli.app
def app_then_reader_leaves():
    try:
        app()
    finally:  # the reader took everything and left before backplan decided its exit code
        sys.stdout.flush()
        os.set_blocking(read_end, False)
        taken = b""
        while True:
            try:
                chunk = os.read(read_end, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            taken += chunk
        os.close(read_end)
        sys.stderr.write(taken.decode())
planner.cli.app = app_then_reader_leaves
sys.argv = ["backplan", *sys.argv[1:]]
planner.__main__.main()
"""


def test_a_reader_leaving_after_a_violation_keeps_exit_1(tmp_path: Path):
    """`backplan check bad.json | head -1` where head got every line before leaving: still exit 1."""
    out = tmp_path / "week.json"
    run("plan", "-f", "json", "-o", str(out))
    data = json.loads(out.read_text())
    monday = data["days"][0]["items"]
    monday.insert(0, {**monday[0], "exercise": "straight_leg_situp", "name": "x"})
    out.write_text(json.dumps(data))
    proc = subprocess.run([sys.executable, "-c", _READER_LEAVES_AFTER_THE_RUN, "check", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "straight_leg_situp" in proc.stderr  # what the reader got before it left


def test_out_to_dev_stdout_redirected_to_a_file_appends(tmp_path: Path):
    """`backplan plan -o /dev/stdout >> log.txt`: the plan lands in the log, nothing is replaced."""
    log = tmp_path / "log.txt"
    log.write_text("old line\n")
    with open(log, "a") as handle:
        proc = subprocess.run([sys.executable, "-m", "planner", "plan", "-f", "json", "-o", "/dev/stdout"],
                              stdout=handle, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = log.read_text()
    assert text.startswith("old line\n{")
    assert json.loads(text.split("\n", 1)[1])["days"]


def _without_read_override() -> list[str]:
    """A command prefix that runs as root without the power to read other people's files, or a
    skip: as root, chmod 000 does not stop a read, so the test drops that capability."""
    import os
    import shutil

    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.skip("running as root and setpriv (util-linux) is missing: cannot make a file unreadable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


@pytest.mark.parametrize("args", [
    ("plan", "-p", "{f}"), ("plan", "-r", "{f}"), ("check", "{f}"), ("rules", "diff", "{f}"),
])
def test_an_unreadable_file_is_one_line_of_ours(tmp_path: Path, args):
    path = tmp_path / "secret.yaml"
    path.write_text("name: x\n")
    path.chmod(0)
    command = [*_without_read_override(), sys.executable, "-m", "planner", *(a.format(f=path) for a in args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (2, f"backplan: error: {path}: permission denied\n")


@pytest.mark.parametrize(("name", "starts"), [("week.json", "{"), ("week.md", "# Weekly back plan"), ("week.txt", "Weekly back plan")])
def test_the_out_file_name_chooses_the_format_unless_format_is_given(tmp_path: Path, name, starts):
    target = tmp_path / name
    assert run("plan", "-o", str(target)).exit_code == 0
    assert target.read_text().startswith(starts)
    other = tmp_path / f"again-{name}"
    assert run("plan", "-f", "table", "-o", str(other)).exit_code == 0
    assert other.read_text().startswith("Weekly back plan")


def test_check_of_a_plan_for_people_says_which_format_it_reads(tmp_path: Path):
    target = tmp_path / "week.json"
    assert run("plan", "-f", "table", "-o", str(target)).exit_code == 0
    result = run("check", str(target))
    assert (result.exit_code, result.stderr) == (2, (
        f"backplan: error: {target}:1:1: this is a plan for people (table or Markdown); check reads the "
        "JSON format: backplan plan -f json -o week.json\n"))


def test_an_unknown_tag_is_an_error_not_an_empty_list():
    result = run("rules", "list", "-t", "safty")
    assert (result.exit_code, result.stderr) == (2, (
        'backplan: error: no rule has the tag "safty" (did you mean "safety"?); '
        "tags in use: advice, balance, dose, safety, session, week\n"))


def test_rules_show_marks_banned_moves():
    result = run("rules", "show", "banned-moves")
    assert "  - straight_leg_situp: Straight-leg sit-up (banned: never planned)" in result.stdout.splitlines()


def test_plan_refusal_says_what_would_help(tmp_path: Path):
    person = tmp_path / "short.yaml"
    person.write_text("name: short\ndays: [mon]\nequipment: []\nexclude: [walking_warmup, marching_on_the_spot]\n")
    result = run("plan", "-p", str(person))
    assert result.exit_code == 4
    assert ("backplan: no plan: no safe week fits this profile as it is.\n"
            "What would help (each change was tried and gives a safe week):\n"
            '  - stop excluding "Gentle walking warm-up"\n') in result.stderr


def _refused_profile(tmp_path: Path) -> Path:
    person = tmp_path / "short.yaml"
    person.write_text("name: short\ndays: [mon]\nequipment: []\nexclude: [walking_warmup, marching_on_the_spot]\n")
    return person


def test_plan_shows_its_phases_on_a_terminal_and_nothing_when_piped(tmp_path: Path):
    import pty

    person = _refused_profile(tmp_path)
    command = [sys.executable, "-m", "planner", "plan", "-p", str(person)]
    piped = subprocess.run(command, check=False, capture_output=True, timeout=120)
    assert piped.returncode == 4
    assert piped.stdout == b""
    assert piped.stderr.startswith(b"backplan: no plan: no safe week fits this profile as it is.\n")
    assert b"\x1b" not in piped.stderr and b"searching" not in piped.stderr

    leader, follower = pty.openpty()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower,
                            env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    seen = read_terminal(leader)
    assert proc.wait(timeout=120) == 4
    assert b"searching for a week" in seen and b"0:00:0" in seen
    assert b"no week fits: trying what would help (1 of at most 12)" in seen
    assert b"backplan: no plan: no safe week fits this profile as it is." in seen


_LOADED = """
import sys
import planner.__main__ as entry
sys.argv = ["backplan", *sys.argv[1:]]
try:
    entry.main()
except SystemExit:
    pass
sys.stderr.write(" ".join(sorted(name for name in ("typer", "rich", "pydantic", "networkx", "constraint")
                                 if name in sys.modules)))
"""


@pytest.mark.parametrize(("args", "loaded"), [
    (["version"], ""),  # not even the command line library
    (["plan", "-f", "json"], "constraint networkx pydantic typer"),  # no rich for JSON
])
def test_what_a_command_loads(args: list[str], loaded: str, tmp_path: Path) -> None:
    """backplan itself never imports rich for JSON output; typer releases before 0.17 (ours may be
    0.16) import rich themselves when it is installed, so rich counts only if bare typer does not
    already load it."""
    proc = subprocess.run([sys.executable, "-c", _LOADED, *args], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}, timeout=300)
    typer_alone = subprocess.run([sys.executable, "-c", "import sys, typer; print('rich' in sys.modules)"],
                                 capture_output=True, text=True, timeout=300).stdout.strip() == "True"
    if "typer" in loaded.split() and typer_alone:
        loaded = " ".join(sorted([*loaded.split(), "rich"]))
    assert proc.stderr.splitlines()[-1:] == ([loaded] if loaded else [])
    assert proc.stdout.startswith(f"{__version__}\n" if args == ["version"] else "{")


def test_a_reused_week_loads_neither_the_data_nor_the_solver(tmp_path: Path) -> None:
    """A second ``plan`` on the same files takes the week from the cache: no networkx (the catalog),
    no python-constraint2 (the search), no rich for JSON; the same bytes as the first."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-m", "planner", "plan", "-f", "json"], capture_output=True, text=True,
                           cwd=tmp_path, env=env, timeout=300)
    again = subprocess.run([sys.executable, "-c", _LOADED, "plan", "-f", "json"], capture_output=True, text=True,
                           cwd=tmp_path, env=env, timeout=300)
    typer_alone = subprocess.run([sys.executable, "-c", "import sys, typer; print('rich' in sys.modules)"],
                                 capture_output=True, text=True, timeout=300).stdout.strip() == "True"
    loaded = set(again.stderr.splitlines()[-1].split())
    assert not loaded & {"networkx", "constraint"} and ("rich" not in loaded or typer_alone)
    assert first.returncode == 0 and again.stdout == first.stdout
