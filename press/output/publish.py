"""The last stage, publish: a folder in out/ always holds one whole build.

Every build target (out/ for the screen profile, out/print/, out/grant/, out/<place>/) is
written complete into a staging folder first, then swapped into place by one atomic call
(Linux's renameat2 with RENAME_EXCHANGE), so Ctrl-C or a kill at any moment leaves either
the whole previous build or the whole new one, never half of each. Targets that live
inside a target (out/print/ inside out/) are carried into the new folder as hard links.
A lock on the project makes a second build wait until the first has published.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from press.core.files import umask, write_file
from press.core.manifest import MANIFEST, PREVIEW, Manifest, Output, read_manifest, write_manifest
from press.output.preview import write_index

LOCK = ".press-cache/build.lock"
STAGING = ".press-cache/staging"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class Interrupted(KeyboardInterrupt):
    """The build was stopped (Ctrl-C); `published` says whether the new build is in place."""

    def __init__(self, target: Path, published: bool) -> None:
        super().__init__("interrupted")
        self.target = target
        self.published = published


@contextmanager
def locked(root: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's build lock; `waiting(message)` is called once if another build has it."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            waiting(f"Another build is running in this folder ({holder}); waiting for it to "
                    "finish...")
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        try:  # unbuffered: a disk full is met here, not again when the file is closed
            os.write(handle.fileno(), f"process {os.getpid()}".encode())
        except OSError as error:
            raise OSError(error.errno, error.strerror, str(path)) from None
        shutil.rmtree(root / STAGING, ignore_errors=True)  # left by a build that was killed
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def staging(root: Path) -> Path:
    """A new, empty folder to build a target into (on the same disk as out/)."""
    (root / STAGING).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="build-", dir=root / STAGING))
    folder.chmod(0o777 & ~umask())  # as an ordinary new folder would be
    return folder


def _link(source: str | Path, target: str | Path) -> None:
    """`target` as a hard link to `source` (no bytes copied); a plain copy where links fail."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _link_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, copy_function=_link, symlinks=True)


def _holds_builds(folder: Path) -> bool:
    """Whether `folder` is a build target, or holds one (out/print/ holding out/print/<place>/)."""
    return (folder / MANIFEST).exists() or any(
        _holds_builds(child) for child in folder.iterdir() if child.is_dir() and not child.is_symlink())


def carry_nested(old: Path, new: Path) -> None:
    """Bring the targets that live inside `old` (out/print/ inside out/) into `new`, unless
    the new build made a folder of that name itself."""
    if not old.is_dir():
        return
    for child in sorted(old.iterdir()):
        if child.is_dir() and not child.is_symlink() and not (new / child.name).exists() \
                and _holds_builds(child):
            _link_tree(child, new / child.name)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(staged: Path, target: Path) -> None:
    """Put the finished build in `staged` at `target` in one step, then remove the old one.

    Ctrl-C is held back for that one step, so the caller knows whether it happened. (A kill
    cannot be held back, and need not be: the step is one call to the system.)
    """
    carry_nested(target, staged)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _held_back() as caught:
        if not target.exists():
            os.rename(staged, target)
        elif not _exchange(staged, target):
            aside = staged.with_name(staged.name + "-old")
            os.rename(target, aside)  # no atomic swap here: two renames, a moment apart
            os.rename(staged, target)
            os.rename(aside, staged)
    if caught:
        raise Interrupted(target, True)
    try:
        shutil.rmtree(staged, ignore_errors=True)  # the previous build, now swapped out
    except KeyboardInterrupt:
        raise Interrupted(target, True) from None


@contextmanager
def _held_back() -> Iterator[list[int]]:
    """Hold Ctrl-C back while the block runs; the list says whether it was pressed."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield caught  # only the main thread may set handlers; Ctrl-C lands there anyway
        return
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield caught
    finally:
        signal.signal(signal.SIGINT, previous)


def targets(out: Path) -> list[Path]:
    """Every build folder under out/ (each has a manifest), the deepest first."""
    if not out.is_dir():
        return []
    found = [path.parent for path in out.rglob(MANIFEST)]
    return sorted(found, key=lambda folder: (-len(folder.parts), str(folder)))


def remove_target(root: Path, folder: Path) -> None:
    """Take a build folder out of out/ in one step (moved aside, then deleted)."""
    aside = staging(root)
    os.rename(folder, aside / "removed")
    shutil.rmtree(aside, ignore_errors=True)


def withdraw(root: Path, refuses: Callable[[str, str], str | None]) -> list[tuple[str, str]]:
    """Take out of out/ every published document that carries a quote its consent no longer
    covers, with everything derived from it (its thumbnail, its gray proofs);
    `refuses(quote_id, profile)` says why, or None. Each build folder that loses a document
    is republished whole, its manifest and preview page rewritten without it, and without
    the fingerprint of its inputs: the next build makes the folder whole again.
    Returns (file under the project, reason) for each document removed."""
    removed: list[tuple[str, str]] = []
    for target in targets(root / "out"):
        manifest = read_manifest(target)
        if manifest is None:
            continue
        reasons = _withdrawals(manifest, refuses)
        if not reasons:
            continue
        staged = staging(root)
        for child in target.iterdir():
            if child.name in (MANIFEST, PREVIEW) or (child.is_dir() and _holds_builds(child)):
                continue
            if child.is_dir():
                _link_tree(child, staged / child.name)
            else:
                _link(child, staged / child.name)
        for rel in reasons:
            for path in (rel, *manifest.derived(rel)):
                (staged / path).unlink(missing_ok=True)
        manifest = manifest.without(reasons)
        write_manifest(staged, manifest)
        write_index(staged, root, manifest, target)
        publish(staged, target)
        removed += [((target / rel).relative_to(root).as_posix(), reason)
                    for rel, reason in reasons.items()]
    return removed


def _withdrawals(manifest: Manifest, refuses: Callable[[str, str], str | None]
                 ) -> dict[str, str]:
    """file -> why it must go, for the documents of one build."""
    reasons: dict[str, str] = {}
    for record in manifest.outputs:
        quotes = list(record.facts.quotes)
        for part in record.facts.contains:  # a packet carries what its parts carry
            found = manifest.record(part)
            quotes += found.facts.quotes if found else []
        for quote in dict.fromkeys(quotes):
            reason = refuses(quote, manifest.profile)
            if reason:
                reasons[record.file] = f'it carries the quote "{quote}": {reason}'
                break
    if reasons and manifest.training:  # a print run is printed whole: its order is void too
        first = next(iter(reasons.values()))
        reasons = {r.file: reasons.get(r.file, f"its print run is withdrawn ({first})")
                   for r in manifest.outputs}
    return reasons


def write_outputs(out: Path, outputs: Sequence[Output]) -> None:
    for output in outputs:
        write_file(out / output.rel, output.data)
