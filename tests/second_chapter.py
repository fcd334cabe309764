"""Lay a fictional test chapter over a project: HOUSING (tests/fixtures/second-chapter), or
the layout corpus's HEALTH CARE stress chapter (tests/fixtures/stress-chapter)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT

SECOND = ROOT / "tests" / "fixtures" / "second-chapter" / "source"
STRESS = ROOT / "tests" / "fixtures" / "stress-chapter" / "source"


def add_second_chapter(root: Path) -> Path:
    return add_chapter(root, SECOND)


def add_stress_chapter(root: Path) -> Path:
    return add_chapter(root, STRESS)


def add_chapter(root: Path, chapter: Path) -> Path:
    """Copy the chapter's files into root/source; append each *.append.* file to its twin."""
    for path in sorted(chapter.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(chapter)
        if ".append." in path.name:
            target = root / "source" / rel.parent / path.name.replace(".append", "")
            target.write_text(target.read_text(encoding="utf-8") + path.read_text(encoding="utf-8"),
                              encoding="utf-8")
        else:
            target = root / "source" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return root
