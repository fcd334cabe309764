"""Shared fixtures: a private copy of the real project, and one real build of it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from press.core.problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
# Today, for every test and every process a test starts: consent, the age of references and
# what-if dates are judged against it, so the suite gives the same answers on any day.
os.environ.setdefault("PRESS_TODAY", "2026-11-28")


def copy_project(target: Path) -> Path:
    for name in ("source", "layouts"):
        shutil.copytree(ROOT / name, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of source/ and layouts/ that a test may break."""
    return copy_project(tmp_path / "project")


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace `old` with `new` in root/rel; fails loudly if `old` is not there."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The real sources built once into a private out/."""
    from press.commands.build import build

    root = copy_project(tmp_path_factory.mktemp("built"))
    build(root)
    yield root


def errors_from(action: Callable[[], object]) -> list[str]:
    """The error messages `action` stops with; it must stop with BuildError."""
    with pytest.raises(BuildError) as caught:
        action()
    return [p.format() for p in caught.value.problems if p.severity == "error"]
