"""When the machine, not the sources, stops a build (out/ read-only, the disk full, a limit
on file size), the command says what to do in one line and exits 2, never an internal
error or a traceback, and out/ keeps the previous build byte for byte. Each is run as a
command in a child process, the machine's refusal made there (a capability dropped, a
write that meets a full disk, a limit on file size), never in the test worker."""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from press.make.build import build

from .projects import JUDGES, write_project

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
HANDOUT = "source/handouts/sample/judges.yaml"
# The capabilities that let root write where the permissions say no one may.
DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project, built once into out/."""
    root = write_project(tmp_path_factory.mktemp("machine") / "project")
    build(root)
    return root


@pytest.fixture
def edited(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project with one handout edited, so a build has PDFs to write."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    (root / HANDOUT).write_text(JUDGES.replace("From the bench", "From the bench today"),
                                encoding="utf-8")
    return root


def checksums(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def command(root: Path, before: Callable[[], None] | None = None,
            args: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """`make_report.py build` on `root` (or python with `args`) in a child process; `before`
    runs in the child, before the command starts."""
    args = args or [str(ROOT / "make_report.py"), "build", "--root", str(root)]
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          preexec_fn=before, check=False, timeout=600)


def plain(result: subprocess.CompletedProcess[str], line: str) -> None:
    """The command stopped with exactly `line` on stderr, exit 2."""
    said = result.stdout + result.stderr
    assert result.returncode == 2, said
    assert "Traceback" not in said and "Internal error" not in said, said
    assert result.stderr.strip() == line, said


def without_root_s_overrides() -> None:
    """In the child: as root, give up the capabilities that ignore permissions, so a
    read-only folder is read-only to it too (as it is to staff)."""
    if os.geteuid() != 0:
        return
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in (DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER):
        if prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


def can_drop_capabilities() -> bool:
    if os.geteuid() != 0:
        return True
    probe = subprocess.run([sys.executable, "-c", "pass"], preexec_fn=without_root_s_overrides,
                           check=False, capture_output=True)
    return probe.returncode == 0


def test_a_read_only_out_is_said_with_what_to_do(edited: Path) -> None:
    if not can_drop_capabilities():
        pytest.skip("running as root without CAP_SETPCAP: a read-only folder cannot be made "
                    "read-only to the build here")
    out = edited / "out"
    before = checksums(out)
    for path in [out, *out.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        result = command(edited, without_root_s_overrides)
    finally:
        for path in [out, *out.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    plain(result, "Error: the press may not change out/ (permission denied) Fix: make it "
          "writable (`chmod -R u+w out`) or delete it (the next build makes it again), then "
          "run the command again")
    assert checksums(out) == before


FULL_DISK = """
import errno, sys
import press.core.files as files

written = files.write_file


def full(path, data, mode=None):  # the disk fills up as the build stages its files
    if ".press-cache/staging" in str(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))
    written(path, data, mode)


files.write_file = full
from press.commands.cli import main
sys.exit(main(["build", "--root", sys.argv[1]]))
"""


def test_a_full_disk_is_said_with_what_to_do(edited: Path) -> None:
    before = checksums(edited / "out")
    result = command(edited, args=["-c", FULL_DISK, str(edited)])
    plain(result, "Error: the disk is full (or your share of it is used up): .press-cache/ "
          "(the build's working folder) could not be written Fix: free some space on that "
          "disk (`make clean` removes out/ and .press-cache/, which the next build makes "
          "again), then run the command again")
    assert checksums(edited / "out") == before


def at_most(size: int) -> Callable[[], None]:
    def limit() -> None:  # in the child: a write past `size` bytes fails (EFBIG), not kills
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_limit_on_file_size_met_in_a_typesetting_worker_is_said_too(edited: Path) -> None:
    """The worker writes the brand's fonts for WeasyPrint (each larger than the limit): it
    reports the machine's refusal to the build, which says what to do."""
    before = checksums(edited / "out")
    result = command(edited, at_most(48_000))
    plain(result, "Error: a file the press was writing is larger than this machine lets a "
          "program write (its limit on file size) Fix: raise the limit (`ulimit -f "
          "unlimited` in this terminal), then run the command again")
    assert checksums(edited / "out") == before
