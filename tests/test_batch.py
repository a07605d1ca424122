"""``backplan batch``: one plan per profile, the summary, resuming, and never touching a user's files."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planner import batch as batch_engine
from planner.api import check_week
from planner.batch import run_batch, worker
from planner.cli import app
from tests.conftest import read_terminal

from .conftest import ROOT

runner = CliRunner()
FAST = ["child.yaml", "hypertension_home_dumbbells.yaml", "two_days_a_week.yaml"]  # each plans in well under 1 s
RED_FLAG = "name: hurting\ndays: [mon, wed]\nconditions: [acute_pain]\nequipment: [mat]\n"
# excludes every warm-up an adult could do: a contradiction in the person's own profile
CONFLICT = "name: short\ndays: [mon, wed, fri]\nequipment: [mat, chair]\nexclude: [walking_warmup, marching_on_the_spot]\n"
BAD = "name: typo\ndays: [mon, wed]\nequipment: [matt]\n"


def run(*args: str):
    return runner.invoke(app, list(args))


def clinic(folder: Path, *, bad: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in FAST:
        shutil.copy(ROOT / "examples" / "profiles" / name, folder / name)
    (folder / "hurting.yaml").write_text(RED_FLAG)
    (folder / "short.yaml").write_text(CONFLICT)
    if bad:
        (folder / "typo.yaml").write_text(BAD)
    (folder / "notes.txt").write_text("not a profile\n")
    return folder


def summary(out: Path) -> dict[str, dict]:
    rows = json.loads((out / "summary.json").read_text())["profiles"]
    return {row["profile"]: row for row in rows}


def test_batch_plans_refuses_and_summarises(tmp_path: Path):
    profiles, out = clinic(tmp_path / "clients"), tmp_path / "plans"
    out.mkdir()
    (out / "my_notes.txt").write_text("the user's own file\n")
    result = run("batch", str(profiles), "--out", str(out), "--jobs", "2", "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert "6 profiles (6 done now, 0 current from before): 3 planned, 1 see a doctor first, 1 rules conflict, " \
           "1 bad input" in result.stderr
    assert (out / "my_notes.txt").read_text() == "the user's own file\n"
    rows = summary(out)
    assert sorted(rows) == sorted([*FAST, "hurting.yaml", "short.yaml", "typo.yaml"])
    for name in FAST:
        row = rows[name]
        assert (row["status"], row["exit_code"], row["plan"], row["markdown"]) == \
               ("planned", 0, name.replace(".yaml", ".plan.json"), name.replace(".yaml", ".plan.md"))
        assert isinstance(row["soft_penalty"], int) and row["hard_violations"] == 0
        plan_file = out / row["plan"]
        assert check_week(plan_file) == check_week(plan_file) and not [v for v in check_week(plan_file) if v.hard]
        # byte for byte what `backplan plan -f json` prints; private files (health data)
        single = run("plan", "-p", str(profiles / name), "-f", "json")
        assert plan_file.read_text() == single.stdout
        assert (plan_file.stat().st_mode & 0o777) == 0o600
        assert (out / row["markdown"]).read_text().startswith("# ")
    assert rows["hurting.yaml"]["status"] == "red_flag" and rows["hurting.yaml"]["exit_code"] == 3
    assert rows["hurting.yaml"]["rules"] == ["clearance-before-starting", "red-flag-pain-or-injury"] and rows["hurting.yaml"]["plan"] == ""
    conflict = rows["short.yaml"]
    assert conflict["status"] == "conflict" and conflict["exit_code"] == 4 and "warm-up-every-session" in conflict["rules"]
    assert conflict["proven"] is True
    typo = rows["typo.yaml"]
    assert typo["status"] == "bad_input" and typo["exit_code"] == 2
    assert typo["reason"].startswith(f"{profiles / 'typo.yaml'}:3:13: ") and 'did you mean "mat"' in typo["reason"]
    assert not list(out.glob("hurting*")) and not list(out.glob("short*")) and not list(out.glob("typo*"))
    with (out / "summary.csv").open(newline="") as handle:
        table = {row["profile"]: row for row in csv.DictReader(handle)}
    assert table["short.yaml"]["status"] == "conflict" and "warm-up-every-session" in table["short.yaml"]["rules"].split()
    assert "\n" not in table["short.yaml"]["reason"]
    assert table["typo.yaml"]["reason"] == typo["reason"]
    meta = json.loads((out / "summary.json").read_text())
    assert meta["counts"] == {"planned": 3, "red_flag": 1, "conflict": 1, "bad_input": 1, "not_written": 0, "error": 0}


def test_resume_skips_current_plans_and_redoes_what_changed(tmp_path: Path):
    profiles, out = clinic(tmp_path / "clients", bad=False), tmp_path / "plans"
    first = run_batch(profiles, out, jobs=1)
    assert (first.planned_now, first.reused, first.exit_code) == (5, 0, 0)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.plan.json")}

    again = run_batch(profiles, out, jobs=1)
    assert (again.planned_now, again.reused) == (0, 5)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.plan.json")} == stamps
    assert all(row["reused"] for row in summary(out).values())

    text = (profiles / "child.yaml").read_text().replace("session_minutes: 30", "session_minutes: 35")
    (profiles / "child.yaml").write_text(text)
    (out / "two_days_a_week.plan.json").unlink()  # a missing output is not current either
    third = run_batch(profiles, out, jobs=1)
    assert third.planned_now == 2
    rows = summary(out)
    assert not rows["child.yaml"]["reused"] and not rows["two_days_a_week.yaml"]["reused"]
    assert json.loads((out / "child.plan.json").read_text())["profile"]["session_minutes"] == 35

    markdown = run_batch(profiles, out, jobs=1, markdown=True)  # plans without their Markdown are redone
    assert markdown.planned_now == 3 and len(list(out.glob("*.plan.md"))) == 3
    rules = tmp_path / "extra.yaml"
    rules.write_text("rules: []\n")
    assert run_batch(profiles, out, jobs=1, rule_files=[rules], markdown=True).planned_now == 5
    rules.write_text("rules: []\n# changed\n")
    assert run_batch(profiles, out, jobs=1, rule_files=[rules], markdown=True).planned_now == 5
    assert run_batch(profiles, out, jobs=1, rule_files=[rules], markdown=True, seed=1).planned_now == 5
    assert run_batch(profiles, out, jobs=1, rule_files=[rules], markdown=True, seed=1, redo=True).planned_now == 5


def test_a_users_files_are_never_replaced(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    for name in FAST[:2]:
        shutil.copy(ROOT / "examples" / "profiles" / name, profiles / name)
    out.mkdir()
    mine = out / "child.plan.json"
    mine.write_text("my own file\n")
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep\n")
    (out / "hypertension_home_dumbbells.plan.md").symlink_to(target)
    result = run("batch", str(profiles), "-o", str(out), "-j", "1", "-f", "markdown")
    assert result.exit_code == 2, result.output
    rows = summary(out)
    assert rows["child.yaml"]["status"] == "not_written" and rows["child.yaml"]["exit_code"] == 2
    assert f"{out / 'child.plan.json'}: exists and was not written by backplan batch" in rows["child.yaml"]["reason"]
    assert rows["hypertension_home_dumbbells.yaml"]["status"] == "not_written"
    assert mine.read_text() == "my own file\n" and target.read_text() == "keep\n"
    assert not (out / "child.plan.md").exists()  # all of a profile's outputs or none
    assert not (out / "hypertension_home_dumbbells.plan.json").exists()

    mine.unlink()
    (out / "hypertension_home_dumbbells.plan.md").unlink()
    assert run_batch(profiles, out, jobs=1).exit_code == 0
    edited = out / "child.plan.json"
    edited.write_text(edited.read_text().replace('"seed": 0', '"seed": 0 '))  # a person edits a plan
    result = run_batch(profiles, out, jobs=1, redo=True)
    assert result.exit_code == 2 and summary(out)["child.yaml"]["status"] == "not_written"
    assert '"seed": 0 ' in edited.read_text()


def test_a_summary_or_manifest_of_someone_elses_stops_before_any_work(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    shutil.copy(ROOT / "examples" / "profiles" / FAST[0], profiles / FAST[0])
    out.mkdir()
    (out / "summary.csv").write_text("a,b\n")
    result = run("batch", str(profiles), "-o", str(out))
    assert result.exit_code == 2
    assert f"{out / 'summary.csv'}: exists and was not written by backplan batch" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv"]
    (out / "summary.csv").unlink()
    (out / "batch-manifest.json").write_text('{"something": "else"}')
    result = run("batch", str(profiles), "-o", str(out))
    assert result.exit_code == 2 and "is not a backplan batch manifest" in result.stderr
    for args, message in [((str(tmp_path / "none"), "-o", str(out)), "profiles folder not found"),
                          ((str(out), "-o", str(profiles)), "no profile files"),
                          ((str(profiles), "-o", str(profiles)), "must not be the profiles folder"),
                          ((str(profiles), "-o", str(out), "-f", "table"), 'not "table"')]:
        result = run("batch", *args)
        assert result.exit_code == 2 and message in result.stderr, result.output


def test_a_refused_profile_loses_its_own_old_plan(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    shutil.copy(ROOT / "examples" / "profiles" / "child.yaml", profiles / "anna.yaml")
    run_batch(profiles, out, jobs=1, markdown=True)
    assert (out / "anna.plan.json").exists() and (out / "anna.plan.md").exists()
    (profiles / "anna.yaml").write_text(RED_FLAG)
    result = run_batch(profiles, out, jobs=1)
    assert result.rows[0]["status"] == "red_flag"
    assert not (out / "anna.plan.json").exists() and not (out / "anna.plan.md").exists()


def test_bad_files_and_name_clashes_are_rows_not_stops(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    (profiles / "anna.yaml").write_text(RED_FLAG)
    (profiles / "anna.yml").write_text("{}")
    (profiles / "other.json").write_text("{}")  # not a profile file: only *.yaml and *.yml
    (profiles / "folder.yaml").mkdir()
    (profiles / "empty.yml").write_text("")
    (profiles / "=cmd.yaml").write_text(RED_FLAG.replace("hurting", "=HYPERLINK(1)"))
    result = run_batch(profiles, out, jobs=1)
    rows = {row["profile"]: row for row in result.rows}
    assert "would write the same plan file" in rows["anna.yaml"]["reason"]
    assert "would write the same plan file" in rows["anna.yml"]["reason"]
    assert "other.json" not in rows
    assert rows["folder.yaml"]["reason"] == f"{profiles / 'folder.yaml'}: is a folder, not a YAML file"
    assert rows["empty.yml"]["status"] == "bad_input" and str(profiles / "empty.yml") in rows["empty.yml"]["reason"]
    assert rows["=cmd.yaml"]["status"] == "red_flag"
    with (out / "summary.csv").open(newline="") as handle:
        cells = {row["profile"]: row for row in csv.DictReader(handle)}
    assert cells["'=cmd.yaml"]["name"] == "'=HYPERLINK(1)"  # never a spreadsheet formula


def test_an_interrupted_batch_keeps_what_finished_and_resumes(tmp_path: Path, monkeypatch):
    profiles, out = clinic(tmp_path / "clients", bad=False), tmp_path / "plans"
    real = batch_engine._results

    def two_then_ctrl_c(*args):
        for count, result in enumerate(real(*args)):
            if count == 2:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(batch_engine, "_results", two_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        run_batch(profiles, out, jobs=1)
    assert not (out / "summary.json").exists()
    monkeypatch.setattr(batch_engine, "_results", real)
    result = run_batch(profiles, out, jobs=1)
    assert (result.planned_now, result.reused) == (3, 2)


def test_a_worker_loads_the_inputs_once_and_refuses_other_ones(tmp_path: Path, monkeypatch):
    from planner.cli import common

    loads = []
    real = common.load_inputs
    monkeypatch.setattr(common, "load_inputs", lambda *a: loads.append(a) or real(*a))
    monkeypatch.setattr(worker, "_LOADED", {})
    key = worker.inputs_key(None, (), 0)
    spec = worker.Spec(None, (), 0, False, key)
    data = (ROOT / "examples" / "profiles" / "two_days_a_week.yaml").read_bytes()
    rows = [worker.plan_one(spec, worker.Task(f"p{i}.yaml", f"p{i}.yaml", data)) for i in range(3)]
    assert [row["status"] for row in rows] == ["planned"] * 3 and len(loads) == 1
    with pytest.raises(worker.InputsDiffer):
        worker.plan_one(worker.Spec(None, (), 0, False, "0" * 64), worker.Task("p.yaml", "p.yaml", data))


def test_progress_only_on_a_terminal(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    (profiles / "hurting.yaml").write_text(RED_FLAG)
    result = run("batch", str(profiles), "-o", str(out))  # stderr is not a terminal here
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        (f"backplan: 1 profiles (1 done now, 0 current from before): 0 planned, 1 see a doctor first; "
         f"see {out / 'summary.csv'}")]
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "planner", "batch", str(profiles), "-o", str(out), "--redo"],
                          check=False, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, timeout=120,
                          env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    seen = read_terminal(leader)
    assert proc.returncode == 0
    assert b"planning" in seen and b"1/1" in seen


def test_dask_local_cluster_gives_the_same_plans(tmp_path: Path):
    distributed = pytest.importorskip("dask.distributed", reason="Dask is not installed (pip install 'backplan[dask]')")
    profiles = tmp_path / "clients"
    profiles.mkdir()
    for name in FAST[1:]:
        shutil.copy(ROOT / "examples" / "profiles" / name, profiles / name)
    (profiles / "hurting.yaml").write_text(RED_FLAG)
    (profiles / "typo.yaml").write_text(BAD)
    local = run_batch(profiles, tmp_path / "local", jobs=1)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        result = run("batch", str(profiles), "-o", str(tmp_path / "dask"), "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    dask_rows = summary(tmp_path / "dask")
    assert {r["profile"]: r["status"] for r in local.rows} == {k: r["status"] for k, r in dask_rows.items()}
    for name in FAST[1:]:
        plan = name.replace(".yaml", ".plan.json")
        assert (tmp_path / "dask" / plan).read_bytes() == (tmp_path / "local" / plan).read_bytes()


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch):
    pytest.importorskip("dask.distributed", reason="Dask is not installed (pip install 'backplan[dask]')")
    monkeypatch.setattr(batch_engine, "CONNECT_TIMEOUT", "1s")
    profiles = tmp_path / "clients"
    profiles.mkdir()
    (profiles / "hurting.yaml").write_text(RED_FLAG)
    result = run("batch", str(profiles), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("backplan: error: cannot reach the Dask scheduler tcp://127.0.0.1:9")


def test_generated_profiles_load_and_plans_pass_the_checker(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_profiles import make_profiles
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    paths = make_profiles(12, tmp_path / "clients", seed=3)
    again = make_profiles(12, tmp_path / "again", seed=3)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    result = run_batch(tmp_path / "clients", tmp_path / "plans", jobs=2)
    assert result.exit_code == 0
    statuses = {row["status"] for row in result.rows}
    assert statuses <= {"planned", "red_flag", "conflict"} and "planned" in statuses
    for row in result.rows:
        if row["status"] == "planned":
            assert not [v for v in check_week(tmp_path / "plans" / row["plan"]) if v.hard]


def test_two_batches_never_write_into_one_folder_at_once(tmp_path: Path):
    fcntl = pytest.importorskip("fcntl")
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    out.mkdir()
    (profiles / "hurting.yaml").write_text(RED_FLAG)
    fd = os.open(out, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a running batch holds it
        result = run("batch", str(profiles), "-o", str(out))
    finally:
        os.close(fd)
    assert result.exit_code == 2
    assert result.stderr == f"backplan: error: {out}: another backplan batch is writing into this folder; " \
                            "wait until it ends\n"
    assert list(out.iterdir()) == []
    assert run("batch", str(profiles), "-o", str(out)).exit_code == 0


def test_sigterm_saves_what_finished_and_ends_the_workers(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    for i in range(4):  # a few seconds each
        shutil.copy(ROOT / "benchmarks" / "slow_profile.yaml", profiles / f"slow{i}.yaml")
    proc = subprocess.Popen([sys.executable, "-m", "planner", "batch", str(profiles), "-o", str(out), "-j", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: list[str] = []
    for _ in range(300):  # until the worker processes exist
        workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True,
                                 check=False).stdout.split()
        if len(workers) >= 2 or proc.poll() is not None:
            break
        time.sleep(0.1)
    time.sleep(1)
    proc.send_signal(signal.SIGTERM)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM, err
    assert err == f"backplan: stopped by a signal; the plans finished so far are in {out}: run the same command " \
                  "again to resume\n"
    assert (out / "batch-manifest.json").exists() and not (out / "summary.json").exists()
    for _ in range(100):  # the workers are ended, not left to finish their profiles
        if not [pid for pid in workers if Path(f"/proc/{pid}").exists()]:
            break
        time.sleep(0.1)
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


def test_a_refusal_says_what_would_help_only_with_suggest(monkeypatch):
    monkeypatch.setattr(worker, "_LOADED", {})
    key = worker.inputs_key(None, (), 0)
    task = worker.Task("short.yaml", "short.yaml", CONFLICT.encode())
    plain = worker.plan_one(worker.Spec(None, (), 0, False, key), task)
    helped = worker.plan_one(worker.Spec(None, (), 0, False, key, suggest=True), task)
    assert plain["status"] == helped["status"] == "conflict"
    assert plain["reason"].startswith("these hard rules cannot all hold for this profile: ")
    assert helped["reason"].startswith("no safe week fits this profile as it is.\n"
                                       "What would help (each change was tried and gives a safe week):\n"
                                       '  - stop excluding "Gentle walking warm-up"\n')


def test_search_is_part_of_what_makes_a_plan_current(tmp_path: Path):
    profiles, out = tmp_path / "clients", tmp_path / "plans"
    profiles.mkdir()
    shutil.copy(ROOT / "examples" / "profiles" / "two_days_a_week.yaml", profiles)
    assert run_batch(profiles, out, jobs=1, search="fast").planned_now == 1
    assert run_batch(profiles, out, jobs=1, search="fast").planned_now == 0
    result = run("batch", str(profiles), "-o", str(out), "-j", "1")  # the default, auto: planned again
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "summary.json").read_text())
    assert (meta["search"], meta["planned_now"]) == ("auto", 1)
    wrong = run("batch", str(profiles), "-o", str(out), "--search", "slow")
    assert wrong.exit_code == 2
    assert wrong.stderr == 'backplan: error: unknown search "slow"; choose one of auto, fast, thorough\n'
