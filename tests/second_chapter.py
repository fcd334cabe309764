"""Lay the fictional HOUSING test chapter (tests/fixtures/second-chapter) over a project."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import ROOT

SECOND = ROOT / "tests" / "fixtures" / "second-chapter" / "source"


def add_second_chapter(root: Path) -> Path:
    """Copy the chapter's files into root/source; append each *.append.* file to its twin."""
    for path in sorted(SECOND.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(SECOND)
        if ".append." in path.name:
            target = root / "source" / rel.parent / path.name.replace(".append", "")
            target.write_text(target.read_text(encoding="utf-8") + path.read_text(encoding="utf-8"),
                              encoding="utf-8")
        else:
            target = root / "source" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return root
