"""A withdrawn document takes everything derived from it out of every folder, and comes back
with the next build once its quote may be used again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from press.core.inputs import unchanged
from press.core.problems import BuildError
from press.make.build import build

from .conftest import at, edit
from .test_consent import CARRY_QUINTECIA, QUINTECIA
from .test_publish import consistent

BEFORE = dt.date(2026, 11, 28)
AFTER = dt.date(2027, 1, 5)
EXPIRING = "    given: 2026-11-01\n    expires: 2026-12-31\n    attribute_as: name"


def test_withdrawn_documents_come_back_when_the_quote_is_restored(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, today=BEFORE)
    build(project, today=BEFORE, jurisdiction="United States")
    quotes = (project / "source/quotes.yaml").read_text()
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())  # the consent has ended
    with pytest.raises(BuildError):
        build(project, today=AFTER)
    assert not (project / "out/law-enforcement-brief.pdf").exists()
    assert not (project / "out/united-states/handouts/law-enforcement-judges.pdf").exists()
    (project / "source/quotes.yaml").write_text(quotes)  # the quote restored (renewed)
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


def test_a_withdrawn_document_takes_its_gray_proofs_with_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, today=BEFORE, grayscale=True)
    proofs = sorted(p.name for p in (project / "out/proof").iterdir())
    assert "law-enforcement-judges-page-1.png" in proofs
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())
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


def test_a_build_for_an_earlier_day_never_brings_an_ended_consent_back(project: Path,
                                                                     monkeypatch: pytest.MonkeyPatch
                                                                     ) -> None:
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", "2027-01-05")  # today, the consent has ended
    with pytest.raises(BuildError):
        build(project, today=dt.date(2026, 12, 1))  # --date 2026-12-01, before it ended
    assert not (project / "out/law-enforcement-brief.pdf").exists()


def test_a_what_if_date_reports_and_withdraws_nothing(project: Path) -> None:
    build(project, today=BEFORE)
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    with pytest.raises(BuildError) as caught:
        build(project, today=AFTER)  # --date 2027-01-05: would the documents still hold?
    assert caught.value.withdrawn == []
    assert (project / "out/law-enforcement-brief.pdf").exists()  # valid today: kept


def test_a_file_deleted_by_hand_is_made_again(project: Path) -> None:
    build(project, today=BEFORE, jurisdiction="Massachusetts")
    (project / "out/massachusetts/handouts/law-enforcement-judges.pdf").unlink()
    (project / "out/massachusetts/preview/law-enforcement-police-officers.png").unlink()
    assert unchanged(project, "screen", "Massachusetts", BEFORE, False) is None
    result = build(project, today=BEFORE, jurisdiction="Massachusetts")
    assert not result.unchanged
    consistent(project / "out/massachusetts")


def test_a_print_run_is_withdrawn_whole_with_its_order(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from press.make.printrun import print_training

    print_training(project, "ma-police-in-service", BEFORE)
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())
    with pytest.raises(BuildError):
        build(project, today=AFTER)
    folder = project / "out/print/ma-police-in-service"
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["index.html",
                                                                         "manifest.json"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["outputs"] == [] and len(manifest["withdrawn"]) == 3


def test_a_print_run_needs_consent_on_the_day_of_the_training(project: Path) -> None:
    from press.make.printrun import print_training

    text = (project / "source/quotes.yaml").read_text()
    text = text.replace("    given: 2026-11-01\n", "    given: 2026-11-01\n    expires: 2027-02-15\n")
    (project / "source/quotes.yaml").write_text(text)
    with pytest.raises(BuildError) as caught:
        print_training(project, "ma-police-in-service", BEFORE)  # the training: 2027-03-04
    errors = [p.format() for p in caught.value.problems if p.severity == "error"]
    where = at(project, "source/trainings/ma-police-in-service.yaml", "date:", "2027")
    assert errors and all(e.startswith(f"{where}: error: the quote") for e in errors)
    assert "may not be handed out on the day of the training (2027-03-04): its consent expired " \
           "on 2027-02-15" in errors[0]
    assert not (project / "out/print/ma-police-in-service").exists()


def test_out_of_date_folders_are_said_afresh_and_never_kept(project: Path) -> None:
    build(project, today=BEFORE)
    build(project, today=BEFORE, jurisdiction="Massachusetts")
    edit(project, "source/handouts/law-enforcement/judges.yaml", "path to services.",
         "path to real services.")
    said = [p.format() for p in build(project, today=BEFORE).problems.warnings
            if p.file.startswith("out/")]
    assert said == [
        "out/massachusetts/: warning: this folder was made from older sources, so its figures "
        "and words may differ from the documents now Fix: make it again: make_report.py build "
        '--jurisdiction "Massachusetts" (or delete the folder)']
    manifest = json.loads((project / "out/manifest.json").read_text())
    assert not [w for w in manifest["warnings"] if w["file"].startswith("out/")]
    build(project, today=BEFORE, jurisdiction="Massachusetts")
    again = build(project, today=BEFORE)
    assert again.unchanged and not [p for p in again.problems.warnings if p.file.startswith("out/")]
    (project / "source/trainings/another.yaml").write_text(
        (project / "source/trainings/ma-police-in-service.yaml").read_text())
    assert not [p for p in build(project, today=BEFORE).problems.warnings
                if p.file.startswith("out/")]  # a new training leaves place folders current


def test_an_ended_consent_withdraws_her_words_from_every_edition(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, today=BEFORE, edition="es-US")
    spanish = project / "out" / "es-US"
    for rel in CARRY_QUINTECIA:
        assert (spanish / rel).is_file(), rel
    edit(project, "source/quotes.yaml", QUINTECIA, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())  # the consent has ended
    with pytest.raises(BuildError) as stopped:
        build(project, today=AFTER, edition="es-US")
    assert any("quintecia-danger" in p.message for p in stopped.value.problems)
    for rel in CARRY_QUINTECIA:
        assert not (spanish / rel).exists(), rel  # her words, in either language, are gone
    withdrawn = json.loads((spanish / "manifest.json").read_text())["withdrawn"]
    assert {item["file"] for item in withdrawn} >= set(CARRY_QUINTECIA)
