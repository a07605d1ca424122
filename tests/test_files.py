"""Nothing lost: atomic writes, no silent overwrite, no half-written file on interruption."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner import files
from planner.errors import InputError
from planner.files import write_atomic


def test_writes_a_new_file(tmp_path: Path):
    target = tmp_path / "a.txt"
    write_atomic(target, "hello")
    assert target.read_text() == "hello"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_refuses_to_overwrite_without_force(tmp_path: Path):
    target = tmp_path / "a.txt"
    target.write_text("mine")
    with pytest.raises(InputError) as info:
        write_atomic(target, "new")
    assert str(info.value) == f"{target}: file exists; use --force to replace it"
    assert target.read_text() == "mine"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"


def test_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path):
    old_mask = os.umask(0o022)
    try:
        target = tmp_path / "week.txt"
        write_atomic(target, "one")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
        write_atomic(target, "two", force=True)
        assert target.stat().st_mode & 0o777 == 0o600
        assert target.read_text() == "two"
    finally:
        os.umask(old_mask)


def test_a_link_is_followed_and_kept(tmp_path: Path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(InputError, match="file exists; use --force to replace it"):
        write_atomic(link, "new")
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_device_is_written_through_not_replaced():
    """`-o /dev/stdout` or `-o /dev/null`: no rename over a device, no --force needed."""
    before = os.stat("/dev/null")
    write_atomic("/dev/null", "anything")
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_missing_folder_and_folder_target(tmp_path: Path):
    with pytest.raises(InputError, match="the folder does not exist"):
        write_atomic(tmp_path / "nope" / "a.txt", "x")
    with pytest.raises(InputError, match="is a folder; give a file name"):
        write_atomic(tmp_path, "x")


def test_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(InputError) as info:
        write_atomic(target, "new", force=True)
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_keyboard_interrupt_mid_write_leaves_nothing(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.txt"

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_on_a_real_process_leaves_no_partial_file(tmp_path: Path):
    """SIGINT while `backplan plan --out` runs: either no file or a complete one, never half.

    The profile is the slow one from benchmarks/ (several seconds here), so the signal lands
    while the solver works even on a much faster machine.
    """
    target = tmp_path / "week.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", "plan", "-f", "json", "-o", str(target), "-p",
         str(Path(__file__).resolve().parent.parent / "benchmarks" / "slow_profile.yaml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(0.8)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "week.json"]
    assert leftovers == []
    if proc.returncode == 130:
        assert "interrupted" in err
        assert not target.exists()
    else:
        assert proc.returncode == 0
        assert target.read_text().rstrip().endswith("}")


def test_ctrl_c_after_the_command_finished_cannot_turn_success_into_a_kill(monkeypatch):
    """Python restores the default SIGINT action while shutting down; a late Ctrl-C would then
    kill a finished run (exit -2). The entry point ignores SIGINT once the command is done."""
    import planner.__main__ as entry
    import planner.cli

    monkeypatch.setattr(planner.cli, "app", lambda: sys.exit(0))
    before = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as info:
            entry.main()
        assert info.value.code == 0
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)
