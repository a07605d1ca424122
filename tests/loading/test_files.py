"""Nothing lost: atomic writes, no silent overwrite, no half-written file on interruption, no device,
link or race that turns `-o FILE` into something destructive.

These run against real files, FIFOs, terminals, devices, mounts and processes; the few mocks
stand in only for what a test machine cannot produce on demand (a file system without hard links).
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from planner.loading import files
from planner.errors import InputError
from planner.loading.files import Terminated, write_atomic, write_generated

ROOT = Path(__file__).resolve().parents[2]
EXISTS = "file exists; use --force to replace it"
LINK = "is a symbolic link; use --force to replace the link itself"
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (chown, mount, losetup)")


# A signal this process already ignores (SIGHUP under nohup) is left ignored by backplan, as it
# should be; the tests that send it then have nothing to test.
ENDING_SIGNALS = [
    pytest.param(signum, marks=pytest.mark.skipif(signal.getsignal(signum) == signal.SIG_IGN,
                                                  reason=f"{signum.name} is ignored here (e.g. under nohup)"))
    for signum in (signal.SIGTERM, signal.SIGHUP)
]


def backplan(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planner", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False, **kwargs)


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


# --- regular files ---------------------------------------------------------------------------


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
    assert str(info.value) == f"{target}: {EXISTS}"
    assert target.read_text() == "mine"
    write_atomic(target, "new", force=True)
    assert target.read_text() == "new"
    assert leftovers(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000, 0o077])
def test_a_new_plan_is_private_and_a_replaced_file_keeps_its_mode(tmp_path: Path, umask: int):
    """A plan holds health data: a new file is 0600 whatever the (usual) umask; a replaced one keeps its mode."""
    old_mask = os.umask(umask)
    try:
        target = tmp_path / "week.txt"
        write_atomic(target, "one")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        target.chmod(0o640)
        write_atomic(target, "two", force=True)
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        assert target.read_text() == "two"
    finally:
        os.umask(old_mask)


def test_generated_docs_get_the_usual_permissions(tmp_path: Path):
    old_mask = os.umask(0o022)
    try:
        [doc] = write_generated(tmp_path / "docs", {"rules.md": "# rules\n"})
        assert stat.S_IMODE(doc.stat().st_mode) == 0o644
    finally:
        os.umask(old_mask)


@needs_root
def test_a_replaced_file_keeps_its_owner(tmp_path: Path):
    target = tmp_path / "week.json"
    target.write_text("old")
    os.chown(target, 65534, 65534)
    target.chmod(0o640)
    write_atomic(target, "new", force=True)
    info = target.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (65534, 65534, 0o640)
    assert target.read_text() == "new"


def test_missing_folder_and_folder_target(tmp_path: Path):
    with pytest.raises(InputError) as info:
        write_atomic(tmp_path / "nope" / "a.txt", "x")
    assert str(info.value) == f"{tmp_path / 'nope' / 'a.txt'}: the folder does not exist"
    with pytest.raises(InputError) as info:
        write_atomic(tmp_path, "x")
    assert str(info.value) == f"{tmp_path}: is a folder; give a file name"
    (tmp_path / "plain").write_text("")
    with pytest.raises(InputError) as info:
        write_atomic(tmp_path / "plain" / "a.txt", "x")
    assert str(info.value) == f"{tmp_path / 'plain' / 'a.txt'}: the folder does not exist"


def test_without_hard_links_the_name_is_still_claimed_exclusively(tmp_path: Path, monkeypatch):
    """FAT and some network file systems have no os.link: an exclusive create claims the name."""

    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    target = tmp_path / "week.json"
    write_atomic(target, "one")
    assert target.read_text() == "one" and stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(InputError) as info:
        write_atomic(target, "two")
    assert str(info.value) == f"{target}: {EXISTS}"
    assert target.read_text() == "one"
    assert leftovers(tmp_path) == ["week.json"]


# --- concurrent runs -------------------------------------------------------------------------


def test_concurrent_runs_to_the_same_new_file_exactly_one_wins(tmp_path: Path):
    """10 processes `backplan plan -o same.json` at once: one writes, nine say the file exists."""
    target = tmp_path / "same.json"
    procs = [subprocess.Popen([sys.executable, "-m", "planner", "plan", "-f", "json", "--seed", str(seed), "-o", "same.json"],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for seed in range(10)]
    results = [(p.wait(timeout=180), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    winners = [err for code, err in results if code == 0]
    losers = [err for code, err in results if code != 0]
    assert winners == ["backplan: wrote same.json\n"]
    assert losers == [f"backplan: error: same.json: {EXISTS}\n"] * 9
    assert json.loads(target.read_text())["days"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == ["same.json"]


def test_concurrent_forced_runs_each_leave_a_whole_file(tmp_path: Path):
    target = tmp_path / "same.json"
    target.write_text("old")
    procs = [subprocess.Popen([sys.executable, "-m", "planner", "plan", "-f", "json", "--seed", str(seed),
                               "-o", "same.json", "--force"],
                              cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for seed in range(10)]
    assert [p.wait(timeout=180) for p in procs] == [0] * 10
    assert json.loads(target.read_text())["days"]
    assert leftovers(tmp_path) == ["same.json"]


# --- symbolic links --------------------------------------------------------------------------


def test_a_link_is_refused_without_force_and_replaced_not_followed_with_force(tmp_path: Path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with pytest.raises(InputError) as info:
        write_atomic(link, "new")
    assert str(info.value) == f"{link}: {LINK}"
    write_atomic(link, "new", force=True)
    assert not link.is_symlink() and link.read_text() == "new"
    assert stat.S_IMODE(link.stat().st_mode) == 0o600
    assert real.read_text() == "old"
    assert leftovers(tmp_path) == ["link.json", "real.json"]


def test_a_dangling_link_creates_nothing_where_it_points(tmp_path: Path):
    """`ln -s elsewhere/new d.json; backplan plan -o d.json` must not create elsewhere/new."""
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "d.json"
    link.symlink_to("elsewhere/new")
    result = backplan("plan", "-o", "d.json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"backplan: error: d.json: {LINK}\n")
    assert link.is_symlink() and list((tmp_path / "elsewhere").iterdir()) == []
    result = backplan("plan", "-o", "d.json", "--force", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "backplan: wrote d.json\n")
    assert not link.is_symlink() and '"schema_version"' in link.read_text()  # .json: the JSON plan
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_link_loop_is_an_existing_name(tmp_path: Path):
    loop = tmp_path / "loop.json"
    loop.symlink_to("loop.json")
    with pytest.raises(InputError) as info:
        write_atomic(loop, "x")
    assert str(info.value) == f"{loop}: {LINK}"
    write_atomic(loop, "x", force=True)
    assert loop.read_text() == "x"


@needs_root
def test_root_never_follows_another_users_link_in_a_sticky_folder(tmp_path: Path):
    """The /tmp attack: nobody plants week.json -> root's file; root runs `plan -o week.json --force`."""
    secret = tmp_path / "root_only.txt"
    secret.write_text("root's data")
    secret.chmod(0o600)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # like /tmp: sticky and world-writable
    planted = shared / "week.json"
    planted.symlink_to(secret)
    os.lchown(planted, 65534, 65534)
    result = backplan("plan", "-f", "json", "-o", str(planted), "--force")
    assert result.returncode == 0, result.stderr
    assert secret.read_text() == "root's data" and stat.S_IMODE(secret.stat().st_mode) == 0o600
    info = planted.lstat()
    assert stat.S_ISREG(info.st_mode) and info.st_uid == 0 and stat.S_IMODE(info.st_mode) == 0o600
    assert json.loads(planted.read_text())["days"]


# --- streams and devices ---------------------------------------------------------------------


def test_dev_null_is_written_through_not_replaced():
    """`-o /dev/null`: no rename over a device, no --force needed."""
    before = os.stat("/dev/null")
    write_atomic("/dev/null", "anything")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_fifo_is_written_through(tmp_path: Path):
    fifo = tmp_path / "plan.pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == ["through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == ["plan.pipe"]


def test_a_terminal_is_written_through():
    master, slave = os.openpty()
    try:
        name = os.ttyname(slave)
        write_atomic(name, "on the terminal")
        time.sleep(0.1)
        assert b"on the terminal" in os.read(master, 1000)
    finally:
        os.close(master)
        os.close(slave)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/full"])
def test_a_character_device_that_is_not_a_terminal_is_refused(device: str):
    assert stat.S_ISCHR(os.stat(device).st_mode)
    with pytest.raises(InputError) as info:
        write_atomic(device, "x")
    assert str(info.value) == f"{device}: is a device, not a terminal; give a file name"
    result = backplan("plan", "-o", device)
    assert (result.returncode, result.stderr) == (2, f"backplan: error: {device}: is a device, not a terminal; give a file name\n")


@pytest.fixture
def loop_device(tmp_path: Path):
    """A real block device: a loop device over a 64 KiB file of known bytes."""
    if os.geteuid() != 0 or shutil.which("losetup") is None:
        pytest.skip("making a loop device needs root and losetup")
    backing = tmp_path / "disk.img"
    content = bytes(range(256)) * 256
    backing.write_bytes(content)
    made = subprocess.run(["losetup", "-f", "--show", str(backing)], capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"this machine cannot make a loop device: {made.stderr.strip()}")
    device = made.stdout.strip()
    try:
        yield device, backing, content
    finally:
        subprocess.run(["losetup", "-d", device], check=False)


def test_a_block_device_is_refused_even_through_a_link(loop_device, tmp_path: Path):
    device, backing, content = loop_device
    assert stat.S_ISBLK(os.stat(device).st_mode)
    with pytest.raises(InputError) as info:
        write_atomic(device, "x" * 4096, force=True)
    assert str(info.value) == f"{device}: is a block device (a disk); give a file name"
    result = backplan("plan", "-o", device, "--force")
    assert (result.returncode, result.stderr) == (2, f"backplan: error: {device}: is a block device (a disk); give a file name\n")
    link = tmp_path / "typo.json"
    link.symlink_to(device)
    result = backplan("plan", "-o", str(link))
    assert (result.returncode, result.stderr) == (2, f"backplan: error: {link}: is a block device (a disk); give a file name\n")
    with open(device, "rb") as disk:
        assert disk.read(len(content)) == content
    assert backing.read_bytes() == content


def test_out_to_dev_stderr_redirected_to_a_file_appends(tmp_path: Path):
    log = tmp_path / "log.txt"
    log.write_text("old line\n")
    with open(log, "a") as handle:
        proc = subprocess.run([sys.executable, "-m", "planner", "plan", "-f", "json", "-o", "/dev/stderr"],
                              stdout=subprocess.PIPE, stderr=handle, text=True, timeout=120, check=False)
    assert proc.returncode == 0
    text = log.read_text()
    assert text.startswith("old line\n{") and text.endswith("}\nbackplan: wrote /dev/stderr\n")
    assert leftovers(tmp_path) == ["log.txt"]


# --- the operating system says no ------------------------------------------------------------


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="needs a mounted /sys")
def test_an_unwritable_folder_is_bad_input_not_an_internal_error():
    result = backplan("plan", "-o", "/sys/plan.json")
    assert (result.returncode, result.stderr) == (2, "backplan: error: /sys/plan.json: cannot write: permission denied\n")


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 64 KiB file system (tmpfs), to fill up and to make read-only."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(mount)],
                          capture_output=True, text=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"this machine cannot mount a tmpfs: {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_or_read_only_file_system_is_a_clear_error(small_disk: Path):
    target = small_disk / "week.json"
    target.write_text("old")
    with pytest.raises(InputError) as info:
        write_atomic(target, "x" * 200_000, force=True)
    assert str(info.value) == f"{target}: cannot write: no space left on device"
    assert target.read_text() == "old" and leftovers(small_disk) == ["week.json"]
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = backplan("plan", "-o", str(small_disk / "new.json"))
    assert (result.returncode, result.stderr) == (2, f"backplan: error: {small_disk / 'new.json'}: cannot write: read-only file system\n")
    result = backplan("plan", "-o", str(target), "--force")
    assert (result.returncode, result.stderr) == (2, f"backplan: error: {target}: cannot write: read-only file system\n")
    assert target.read_text() == "old"


def test_full_disk_at_fsync_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(InputError) as info:
        write_atomic(target, "new", force=True)
    assert str(info.value) == f"{target}: cannot write: no space left on device"
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


# --- interruptions ---------------------------------------------------------------------------


def test_keyboard_interrupt_mid_write_leaves_nothing(tmp_path: Path, monkeypatch):
    target = tmp_path / "a.txt"

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("signum", ENDING_SIGNALS)
def test_a_real_signal_during_the_write_removes_the_temporary_file(tmp_path: Path, monkeypatch, signum: int):
    """The signal is really delivered (os.kill) while the temporary file exists."""
    target = tmp_path / "a.txt"
    real_fsync = os.fsync
    seen = []

    def signalled(fd):
        real_fsync(fd)
        seen.extend(leftovers(tmp_path))
        os.kill(os.getpid(), signum)
        time.sleep(5)  # interrupted by the handler
        raise AssertionError("the signal did not interrupt the write")

    monkeypatch.setattr(files.os, "fsync", signalled)
    before = signal.getsignal(signum)
    with pytest.raises(Terminated) as info:
        write_atomic(target, "new")
    assert info.value.code == 128 + signum
    assert len(seen) == 1 and seen[0].startswith(".a.txt.") and seen[0].endswith(".tmp")
    assert list(tmp_path.iterdir()) == []
    assert signal.getsignal(signum) == before  # the previous handler is back


def test_a_handler_someone_installed_is_left_alone(tmp_path: Path):
    calls = []
    previous = signal.signal(signal.SIGUSR1, lambda signum, frame: calls.append(signum))
    try:
        write_atomic(tmp_path / "a.txt", "x")
        os.kill(os.getpid(), signal.SIGUSR1)
        time.sleep(0.05)
        assert calls == [signal.SIGUSR1]
    finally:
        signal.signal(signal.SIGUSR1, previous)


# A real `backplan plan -o` process, held inside the write (after the temporary file is complete,
# before it is put in place) by a wrapper this test installs in the child: the signal then lands
# during the write every time, with nothing test-specific in the product.
HELD_IN_WRITE = r"""
import os, sys, time
real_fsync = os.fsync
def held(fd):
    real_fsync(fd)
    sys.stdout.write("writing\n")
    sys.stdout.flush()
    time.sleep(60)
os.fsync = held
sys.argv = ["backplan", *sys.argv[1:]]
from planner.__main__ import main
main()
"""


@pytest.mark.parametrize("signum", ENDING_SIGNALS)
def test_sigterm_or_sighup_during_the_write_of_a_real_process_leaves_nothing(tmp_path: Path, signum: int):
    target = tmp_path / "week.json"
    proc = subprocess.Popen([sys.executable, "-c", HELD_IN_WRITE, "plan", "-f", "json", "-o", str(target)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "writing\n"
    [tmp] = leftovers(tmp_path)
    assert tmp.startswith(".week.json.") and tmp.endswith(".tmp")
    assert stat.S_IMODE((tmp_path / tmp).stat().st_mode) == 0o600
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_sigterm_and_sighup_at_random_times_leave_a_whole_plan_or_nothing(tmp_path: Path):
    """Real runs signalled at spread-out moments (start-up, solving, writing, done): never a
    temporary file, never half a plan; the exit is the signal's (killed, or 128 + it) or success."""
    chance = random.Random(7)
    runs = []
    for n in range(8):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        signum = (signal.SIGTERM, signal.SIGHUP)[n % 2]
        proc = subprocess.Popen([sys.executable, "-m", "planner", "plan", "-f", "json", "-o", "week.json"],
                                cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        runs.append((proc, folder, signum, time.monotonic() + chance.uniform(0.2, 2.5)))
    for proc, _, signum, when in sorted(runs, key=lambda run: run[3]):
        time.sleep(max(0.0, when - time.monotonic()))
        if proc.poll() is None:
            proc.send_signal(signum)
    for proc, folder, signum, _ in runs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode in (0, -signum, 128 + signum), err
        assert "Traceback" not in err
        assert leftovers(folder, "week.json") == []
        target = folder / "week.json"
        if target.exists():
            assert json.loads(target.read_text())["days"]


def test_ctrl_c_on_a_real_process_leaves_no_partial_file(tmp_path: Path):
    """SIGINT while `backplan plan --out` runs: either no file or a complete one, never half.

    The profile is the slow one from benchmarks/ (several seconds here), so the signal lands
    while the solver works even on a much faster machine.
    """
    target = tmp_path / "week.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", "plan", "-f", "json", "-o", str(target), "-p",
         str(ROOT / "benchmarks" / "slow_profile.yaml")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    time.sleep(0.8)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    assert leftovers(tmp_path, "week.json") == []
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


def test_out_help_states_the_policy():
    text = " ".join(backplan("plan", "--help").stdout.split())
    for words in ("--force", "0600", "/dev/null"):
        assert words in text
