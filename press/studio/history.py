"""Each save a commit of the saved file alone, and a file's history, through git.

Where the project is a git repository, the studio commits each saved file by itself (`git
commit --only -- FILE`: whatever else is staged stays staged and uncommitted), with the
person's own git name, or a fallback author where none is set. Restoring an older version
writes its text as a new commit, so nothing is ever lost. Without git, saves are not
recorded and the history panel says so.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from press.core import files

FALLBACK_NAME = "The Life Story studio"
FALLBACK_EMAIL = "studio@localhost"
SEPARATOR = "\x1f"


class HistoryError(Exception):
    """A version that cannot be restored (not a commit of this file), in plain words."""


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=check, env=_environment())


def _environment() -> dict[str, str]:
    import os

    keep = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**keep, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}


def is_repository(root: Path) -> bool:
    try:
        found = _git(root, "rev-parse", "--show-toplevel", check=False)
    except OSError:  # no git on this machine
        return False
    return found.returncode == 0 and root.resolve().is_relative_to(
        Path(found.stdout.strip()).resolve())


def _author(root: Path) -> list[str]:
    name = _git(root, "config", "user.name", check=False).stdout.strip()
    email = _git(root, "config", "user.email", check=False).stdout.strip()
    return [] if name and email else ["-c", f"user.name={name or FALLBACK_NAME}",
                                      "-c", f"user.email={email or FALLBACK_EMAIL}"]


def commit(root: Path, source: str, message: str, also: tuple[str, ...] = ()) -> str:
    """Commit `source` (a path from the project's folder) alone, or with the files `also`
    that one save changed with it; its commit's id, or "" where the project is not a
    repository or nothing changed."""
    if not is_repository(root):
        return ""
    _git(root, "add", "--", source, *also)
    if not _git(root, "diff", "--cached", "--quiet", "--", source, *also,
                check=False).returncode:
        return ""
    _git(root, *_author(root), "commit", "--quiet", "--no-verify", "--only", "-m", message,
         "--", source, *also)
    return _git(root, "rev-parse", "HEAD").stdout.strip()


@dataclass(frozen=True)
class Save:
    commit: str
    author: str
    when: str  # ISO date and time
    message: str

    @property
    def short(self) -> str:
        return self.commit[:10]

    @property
    def day(self) -> str:
        return self.when.replace("T", " ")[:16]

    @property
    def moment(self) -> str:
        """Its day and time to the second: "2026-12-07 19:20:31"."""
        return self.when.replace("T", " ")[:19]


def log(root: Path, source: str, most: int = 50) -> list[Save]:
    """The file's commits, newest first."""
    if not is_repository(root):
        return []
    found = _git(root, "log", f"-n{most}", f"--format=%H{SEPARATOR}%an{SEPARATOR}%aI"
                 f"{SEPARATOR}%s", "--", source, check=False)
    saves = []
    for line in found.stdout.splitlines():
        parts = line.split(SEPARATOR)
        if len(parts) == 4:
            saves.append(Save(*parts))
    return saves


def restore(root: Path, source: str, commit_id: str) -> str:
    """Write `source` as it was at `commit_id`, committed as a new save; the new commit."""
    if not commit_id or not all(c in "0123456789abcdef" for c in commit_id):
        raise HistoryError("That is not a saved version of this file.")
    known = {s.commit for s in log(root, source, 1000)}
    if commit_id not in known:
        raise HistoryError("That is not a saved version of this file.")
    old = _git(root, "show", f"{commit_id}:./{source}", check=False)
    if old.returncode != 0:
        raise HistoryError("That version of the file cannot be read (the file was not in it).")
    files.write_file(root.resolve() / source, old.stdout.encode("utf-8"))
    when = next(s.moment for s in log(root, source, 1000) if s.commit == commit_id)
    return commit(root, source, f"Studio: {source} restored as it was on {when}")
