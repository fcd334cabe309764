"""The border: every file the press reads or writes comes through here.

A file is read only if it is a regular file whose real location (after following every
link) is inside the project folder. A link that points out of the project, a device, a
pipe or a missing file is refused before a byte of it is read, so no message, PDF or
attachment can ever carry the contents of a file that does not belong to the project.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from functools import cache
from pathlib import Path
from typing import NamedTuple

from press.core import limits
from press.core.problems import PressError, Problem, SetupError


class Refused(PressError):
    """The press will not read this file; `problem` says why, without quoting it."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


def rel(root: Path, path: Path) -> str:
    """`path` as the user knows it: relative to the project folder when it is inside."""
    absolute = path if path.is_absolute() else root / path
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(path)


def checked(root: Path, path: Path) -> Path:
    """The real path of `path`, a regular file inside `root` (already resolved); else Refused."""
    name = rel(root, path)
    try:
        real = path.resolve(strict=True)
        mode = real.stat().st_mode
    except FileNotFoundError:
        raise Refused(Problem(name, 0, 0, "this file does not exist" + (
            " (it is a link to a file that is not there)" if path.is_symlink() else ""),
            "restore the file, or correct the name that points to it")) from None
    except (OSError, RuntimeError) as error:  # a loop of links, no permission
        reason = getattr(error, "strerror", None) or "a loop of links"
        raise Refused(Problem(name, 0, 0, f"cannot read this file ({reason})",
                              "check that it exists and is readable")) from None
    if not real.is_relative_to(root):
        raise Refused(Problem(name, 0, 0, "this is a link to a file outside the project folder; "
                              "the press reads only files inside it",
                              "copy the file into the project instead of linking to it")) from None
    if not stat.S_ISREG(mode):
        raise Refused(Problem(name, 0, 0, "this is not an ordinary file (a folder, a device or "
                              "a pipe)", "replace it with an ordinary file")) from None
    return real


class Limit(NamedTuple):
    """The most a kind of file may hold (press/core/limits.py), and what to do past it."""

    bytes: int
    what: str  # "a YAML file"
    hint: str


def read_bytes(root: Path, path: Path, limit: Limit | None = None) -> bytes:
    """The file's bytes; with `limit`, Refused when it holds more (not a byte past it read)."""
    real = checked(root, path)
    if limit is None:
        return real.read_bytes()
    data = b""
    if real.stat().st_size <= limit.bytes:
        with real.open("rb") as stream:
            data = stream.read(limit.bytes + 1)  # not a byte more, should it grow meanwhile
    if len(data) > limit.bytes or real.stat().st_size > limit.bytes:
        raise too_large(rel(root, path), max(len(data), real.stat().st_size), limit)
    return data


def too_large(name: str, size: int, limit: Limit) -> Refused:
    """The refusal of a file (or a draft of it) of `size` bytes, past its `limit`."""
    return Refused(Problem(name, 0, 0, f"this file is {limits.size(size)}; the press reads "
                           f"{limit.what} of at most {limits.size(limit.bytes)} (its limit, so "
                           "that no file can exhaust the machine)", limit.hint))


def read_text(root: Path, path: Path, encoding: str = "utf-8", limit: Limit | None = None
              ) -> str:
    """The file's text; UnicodeDecodeError is left to the caller, which knows the fix."""
    return read_bytes(root, path, limit).decode(encoding)


def readable(root: Path, path: Path) -> bool:
    """Whether the border lets `path` be read (the reason is reported where it is declared)."""
    try:
        checked(root, path)
    except Refused:
        return False
    return True


def umask() -> int:
    """The process's file-creation mask (read without changing it for long)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_file(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write `path` whole: into a file of its own, unique name beside it, then renamed into
    place, so a reader (or a second build) never sees half of it. `mode`: the permissions
    to keep (a file the press edits); by default, those of an ordinary new file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:  # named for the folder the file goes in, not the hidden one
        raise OSError(error.errno, error.strerror, str(path.parent)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~umask())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (remembered while its size and time stay the same)."""
    info = path.stat()
    return _digest(path, info.st_size, info.st_mtime_ns)


@cache
def _digest(path: Path, size: int, mtime: int) -> str:
    with path.open("rb") as stream:  # a piece at a time: a file of any size fits
        return hashlib.file_digest(stream, "sha256").hexdigest()


# What the machine, not the press or the sources, refuses: the disk full, a file too big
# for the limit set on this machine, a read-only disk, a folder the press may not write.
MACHINE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS,
                            errno.EACCES, errno.EPERM})


def machine_refused(root: Path, error: OSError) -> SetupError | None:
    """What to tell staff when the machine refused to read or write a file (`error` from
    any stage, or a worker), or None when `error` is not that (a defect of the press)."""
    if error.errno not in MACHINE_ERRNOS:
        return None
    where, folder = _where(root, error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SetupError("the disk is full (or your share of it is used up): "
                          f"{where} could not be written", "free some space on that disk (`make "
                          "clean` removes out/ and .press-cache/, which the next build makes "
                          "again), then run the command again")
    if error.errno == errno.EFBIG:
        return SetupError(f"{where} is larger than this machine lets a program write (its "
                          "limit on file size)", "raise the limit (`ulimit -f "
                          "unlimited` in this terminal), then run the command again")
    if error.errno == errno.EROFS:
        return SetupError(f"{where} is on a disk that is read-only", "copy the "
                          "project to a disk you can write to and run the command there, or "
                          "make this disk writable")
    made = folder.split("/", 1)[0] in ("out", ".press-cache")  # a build makes it again
    return SetupError(f"the press may not change {where} (permission denied)",
                      f"make it writable (`chmod -R u+w {folder}`)"
                      + (" or delete it (the next build makes it again)" if made else "")
                      + ", then run the command again")


def _where(root: Path, error: OSError) -> tuple[str, str]:
    """The file or folder `error` names as staff know it, and the folder to name in a fix."""
    named = error.filename or error.filename2
    if named is None:
        return "a file the press was writing", "out"
    path = Path(os.fsdecode(named))
    if path.is_relative_to(root / ".press-cache"):
        return ".press-cache/ (the build's working folder)", ".press-cache"
    shown = rel(root, path)
    return (shown + "/" if path.is_dir() else shown), shown
