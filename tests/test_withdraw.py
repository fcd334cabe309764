"""A withdrawn document takes everything derived from it out of every folder, and comes back
with the next build once its quote may be used again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from press.build import build
from press.inputs import unchanged
from press.problems import BuildError

from .conftest import edit
from .test_consent import CARRY_QUINTECIA, QUINTECIA
from .test_publish import consistent

BEFORE = dt.date(2026, 11, 28)
AFTER = dt.date(2027, 1, 5)
EXPIRING = "    given: 2026-11-01\n    expires: 2026-12-31\n    attribute_as: name"


def test_withdrawn_documents_come_back_when_the_quote_is_restored(project: Path) -> None:
    build(project, today=BEFORE)
    build(project, today=BEFORE, jurisdiction="United States")
    quotes = (project / "source/quotes.yaml").read_text()
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    with pytest.raises(BuildError):
        build(project, today=AFTER)  # a what-if build: --date 2027-01-05
    assert not (project / "out/law-enforcement-brief.pdf").exists()
    assert not (project / "out/united-states/handouts/law-enforcement-judges.pdf").exists()
    (project / "source/quotes.yaml").write_text(quotes)  # the quote restored
    for place in (None, "United States"):
        assert unchanged(project, "screen", place, BEFORE, False) is None  # never "nothing changed"
    result = build(project, today=BEFORE)
    assert not result.unchanged
    for rel in CARRY_QUINTECIA:
        assert (project / "out" / rel).is_file(), rel
    consistent(project / "out")
    again = build(project, today=BEFORE, jurisdiction="United States")
    assert not again.unchanged
    assert (project / "out/united-states/handouts/law-enforcement-judges.pdf").is_file()
    consistent(project / "out/united-states")
    assert build(project, today=BEFORE).unchanged  # whole again: now nothing changed


def test_a_withdrawn_document_takes_its_gray_proofs_with_it(project: Path) -> None:
    build(project, today=BEFORE, grayscale=True)
    proofs = sorted(p.name for p in (project / "out/proof").iterdir())
    assert "law-enforcement-judges-page-1.png" in proofs
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    with pytest.raises(BuildError):
        build(project, today=AFTER)
    left = sorted(p.name for p in (project / "out/proof").iterdir())
    assert left == ["law-enforcement-multi-disciplinary-teams-page-1.png",
                    "law-enforcement-police-officers-page-1.png",
                    "law-enforcement-task-force-members-page-1.png"]
    manifest = json.loads((project / "out/manifest.json").read_text())
    assert sorted(manifest["proofs"]) == sorted(
        f"handouts/law-enforcement-{a}.pdf"
        for a in ("multi-disciplinary-teams", "police-officers", "task-force-members"))
    assert manifest["fingerprint"] == ""
    consistent(project / "out")
