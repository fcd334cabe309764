"""Consent: warned before it ends, and when it ends, out/ no longer carries the quote."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check

from .conftest import at, edit
from .test_publish import consistent

QUINTECIA = "    given: 2026-11-01\n    attribute_as: name"
CARRY_QUINTECIA = sorted([
    "law-enforcement-brief.pdf", "law-enforcement-packet.pdf",
    "handouts/law-enforcement-defense-attorneys.pdf",
    "handouts/law-enforcement-district-attorneys.pdf", "handouts/law-enforcement-judges.pdf",
    "handouts/law-enforcement-survivor-leaders.pdf",
    "handouts/law-enforcement-victim-advocates.pdf"])


def test_a_consent_ending_soon_warns_even_while_unconfirmed(project: Path) -> None:
    edit(project, "source/quotes.yaml", QUINTECIA,
         "    given: 2026-11-01\n    expires: 2026-12-19\n    attribute_as: name")
    warnings = [p.format() for p in run_check(project, Target(date=dt.date(2026, 11, 28))).problems.warnings
                if "quintecia" in p.message]
    assert warnings == [
        f'{at(project, "source/quotes.yaml", "    confirmed: false", "false")}'
        ': warning: the consent record for "quintecia-danger" (Quintecia) '
        "has not been checked against the signed release Fix: check the release on file, correct "
        "`basis` and `given`, then set confirmed: true",
        f'{at(project, "source/quotes.yaml", "expires: 2026-12-19", "2026")}'
        ': warning: the consent for "quintecia-danger" (Quintecia) expires '
        "on 2026-12-19, in 21 days; it is used in briefs/law-enforcement.yaml, handouts/"
        "law-enforcement/defense-attorneys.yaml, handouts/law-enforcement/district-attorneys.yaml, "
        "handouts/law-enforcement/judges.yaml, handouts/law-enforcement/survivor-leaders.yaml, "
        "handouts/law-enforcement/victim-advocates.yaml Fix: ask to renew it before then; after "
        "that date the build stops and removes the documents that carry it"]


def test_the_warning_window_is_a_setting(project: Path) -> None:
    edit(project, "source/quotes.yaml", QUINTECIA,
         "    given: 2026-11-01\n    expires: 2027-03-01\n    attribute_as: name")
    today = dt.date(2026, 11, 28)
    assert not [p for p in run_check(project, Target(date=today)).problems.warnings if "expires" in p.message]
    edit(project, "source/settings.yaml", "reading_grade_target: 12",
         "reading_grade_target: 12\nconsent_warning_days: 120")
    assert [p for p in run_check(project, Target(date=today)).problems.warnings if "expires" in p.message]


def test_an_expired_consent_takes_its_documents_out_of_out(project: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, Target(date=dt.date(2026, 11, 28)))
    build(project, Target(profile="print", date=dt.date(2026, 11, 28)))
    edit(project, "source/quotes.yaml", QUINTECIA,
         "    given: 2026-11-01\n    expires: 2026-12-31\n    attribute_as: name")
    monkeypatch.setenv("PRESS_TODAY", "2027-01-05")  # the day has come
    with pytest.raises(BuildError) as caught:
        build(project, Target(date=dt.date(2027, 1, 5)))
    removed = sorted(caught.value.withdrawn)
    assert removed == sorted([f"out/{f}" for f in CARRY_QUINTECIA] +
                             [f"out/print/{f}" for f in CARRY_QUINTECIA])
    for folder in (project / "out", project / "out" / "print"):
        consistent(folder)
        manifest = json.loads((folder / "manifest.json").read_text())
        assert sorted(r["file"] for r in manifest["withdrawn"]) == CARRY_QUINTECIA
        assert all("its consent expired on 2026-12-31" in r["reason"] for r in manifest["withdrawn"])
        for rel in CARRY_QUINTECIA:
            assert not (folder / rel).exists()
            assert rel not in (folder / "index.html").read_text().split("Withdrawn")[0]
        assert (folder / "handouts" / "law-enforcement-police-officers.pdf").exists()
    messages = [p.format() for p in caught.value.problems]
    assert any(m.startswith("out/handouts/law-enforcement-judges.pdf: warning: removed this "
                            "document from out/: it carries the quote \"quintecia-danger\": its "
                            "consent expired on 2026-12-31") for m in messages), messages


def test_a_consent_that_no_longer_covers_a_use_takes_only_those_documents(project: Path) -> None:
    build(project, Target(date=dt.date(2026, 11, 28)))
    build(project, Target(profile="print", date=dt.date(2026, 11, 28)))
    edit(project, "source/quotes.yaml", "uses: [print, web, grant, translate]\n    basis: Signed",
         "uses: [print]\n    basis: Signed")
    with pytest.raises(BuildError) as caught:
        build(project, Target(date=dt.date(2026, 11, 28)))
    assert sorted(caught.value.withdrawn) == sorted(f"out/{f}" for f in CARRY_QUINTECIA)
    assert (project / "out/print/handouts/law-enforcement-judges.pdf").exists()
    consistent(project / "out")
    consistent(project / "out" / "print")
