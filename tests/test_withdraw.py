"""A withdrawn document takes everything derived from it out of every folder, and comes back
with the next build once its quote may be used again."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from press.core.inputs import unchanged
from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build

from .conftest import at
from .projects import (
    EDITIONS,
    JUDGES,
    ROSA_CARRIED,
    TWO_QUOTES,
    change,
    rosa_consent,
    write_project,
)
from .test_publish import consistent

BEFORE = dt.date(2026, 11, 28)
AFTER = dt.date(2027, 1, 5)
EXPIRING = rosa_consent("expires: 2026-12-31")  # Rosa's consent ends between BEFORE and AFTER
TRAINING = """title: In-service training
date: 2027-03-04
chapter: sample
attendees:
  judges: 3
  victim-advocates: 2
briefs: 1
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project with two quotes: Rosa's in the brief and the judges'
    handout, Maya's in the victim advocates' (tests/projects.py)."""
    return write_project(tmp_path / "project", TWO_QUOTES)


def _training(root: Path, name: str = "in-service") -> None:
    change(root, {f"source/trainings/{name}.yaml": TRAINING})


@pytest.mark.slow
def test_withdrawn_documents_come_back_when_the_quote_is_restored(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, Target(date=BEFORE))
    build(project, Target(places=("Brook County",), date=BEFORE))
    change(project, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())  # the consent has ended
    with pytest.raises(BuildError):
        build(project, Target(date=AFTER))
    assert not (project / "out/sample-brief.pdf").exists()
    assert not (project / "out/brook-county/handouts/sample-judges.pdf").exists()
    assert (project / "out/brook-county/handouts/sample-victim-advocates.pdf").exists()
    change(project, TWO_QUOTES)  # the quote restored (renewed)
    for place in (None, "Brook County"):
        target = Target(places=(place,) if place else (), date=BEFORE)
        assert unchanged(target.folder(project), target.key(project)) is None  # never "nothing changed"
    result = build(project, Target(date=BEFORE))
    assert not result.unchanged
    for rel in ROSA_CARRIED:
        assert (project / "out" / rel).is_file(), rel
    consistent(project / "out")
    again = build(project, Target(places=("Brook County",), date=BEFORE))
    assert not again.unchanged
    assert (project / "out/brook-county/handouts/sample-judges.pdf").is_file()
    consistent(project / "out/brook-county")
    assert build(project, Target(date=BEFORE)).unchanged  # whole again: now nothing changed


@pytest.mark.slow
def test_a_withdrawn_document_takes_its_gray_proofs_with_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, Target(date=BEFORE, grayscale=True))
    proofs = sorted(p.name for p in (project / "out/proof").iterdir())
    assert "sample-judges-page-1.png" in proofs
    change(project, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())
    with pytest.raises(BuildError):
        build(project, Target(date=AFTER))
    left = sorted(p.name for p in (project / "out/proof").iterdir())
    assert left == ["sample-victim-advocates-page-1.png"]
    manifest = json.loads((project / "out/manifest.json").read_text())
    assert sorted(manifest["proofs"]) == ["handouts/sample-victim-advocates.pdf"]
    assert manifest["fingerprint"] == ""
    consistent(project / "out")


def test_a_build_for_an_earlier_day_never_brings_an_ended_consent_back(project: Path,
                                                                     monkeypatch: pytest.MonkeyPatch
                                                                     ) -> None:
    change(project, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", "2027-01-05")  # today, the consent has ended
    with pytest.raises(BuildError):
        build(project, Target(date=dt.date(2026, 12, 1)))  # --date 2026-12-01, before it ended
    assert not (project / "out/sample-brief.pdf").exists()


@pytest.mark.slow
def test_a_what_if_date_reports_and_withdraws_nothing(project: Path) -> None:
    build(project, Target(date=BEFORE))
    change(project, EXPIRING)
    with pytest.raises(BuildError) as caught:
        build(project, Target(date=AFTER))  # --date 2027-01-05: would the documents still hold?
    assert caught.value.withdrawn == []
    assert (project / "out/sample-brief.pdf").exists()  # valid today: kept


@pytest.mark.slow
def test_a_file_deleted_by_hand_is_made_again(project: Path) -> None:
    target = Target(places=("Alder County",), date=BEFORE)
    build(project, target)
    (project / "out/alder-county/handouts/sample-judges.pdf").unlink()
    (project / "out/alder-county/preview/sample-victim-advocates.png").unlink()
    assert unchanged(target.folder(project), target.key(project)) is None
    result = build(project, target)
    assert not result.unchanged
    consistent(project / "out/alder-county")


@pytest.mark.slow
def test_a_print_run_is_withdrawn_whole_with_its_order(project: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from press.make.printrun import print_training

    _training(project)
    print_training(project, "in-service", BEFORE)
    change(project, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())
    with pytest.raises(BuildError):
        build(project, Target(date=AFTER))
    folder = project / "out/print/in-service"
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["index.html",
                                                                         "manifest.json"]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["outputs"] == [] and len(manifest["withdrawn"]) == 3


@pytest.mark.slow  # the print run typesets its pages before it weighs the day's consent
def test_a_print_run_needs_consent_on_the_day_of_the_training(project: Path) -> None:
    from press.make.printrun import print_training

    change(project, rosa_consent("expires: 2027-02-15"))
    _training(project)
    with pytest.raises(BuildError) as caught:
        print_training(project, "in-service", BEFORE)  # the training: 2027-03-04
    errors = [p.format() for p in caught.value.problems if p.severity == "error"]
    where = at(project, "source/trainings/in-service.yaml", "date:", "2027")
    assert errors and all(e.startswith(f"{where}: error: the quote") for e in errors)
    assert "may not be handed out on the day of the training (2027-03-04): its consent expired " \
           "on 2027-02-15" in errors[0]
    assert not (project / "out/print/in-service").exists()


@pytest.mark.slow
def test_out_of_date_folders_are_said_afresh_and_never_kept(project: Path) -> None:
    _training(project)
    build(project, Target(date=BEFORE))
    build(project, Target(places=("Alder County",), date=BEFORE))
    change(project, {"source/handouts/sample/judges.yaml": JUDGES.replace(
        "path to services.", "path to real services.")})
    said = [p.format() for p in build(project, Target(date=BEFORE)).problems.warnings
            if p.file.startswith("out/")]
    assert said == [
        "out/alder-county/: warning: this folder was made from older sources, so its figures "
        "and words may differ from the documents now Fix: make it again: make_report.py build "
        '--jurisdiction "Alder County" (or delete the folder)']
    manifest = json.loads((project / "out/manifest.json").read_text())
    assert not [w for w in manifest["warnings"] if w["file"].startswith("out/")]
    build(project, Target(places=("Alder County",), date=BEFORE))
    again = build(project, Target(date=BEFORE))
    assert again.unchanged and not [p for p in again.problems.warnings if p.file.startswith("out/")]
    _training(project, "another")
    assert not [p for p in build(project, Target(date=BEFORE)).problems.warnings
                if p.file.startswith("out/")]  # a new training leaves place folders current


@pytest.mark.slow
def test_an_ended_consent_withdraws_her_words_from_every_edition(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    change(project, {"source/settings.yaml": EDITIONS})
    build(project, Target(date=BEFORE, edition="es-US"))
    spanish = project / "out" / "es-US"
    for rel in ROSA_CARRIED:
        assert (spanish / rel).is_file(), rel
    change(project, EXPIRING)
    monkeypatch.setenv("PRESS_TODAY", AFTER.isoformat())  # the consent has ended
    with pytest.raises(BuildError) as stopped:
        build(project, Target(date=AFTER, edition="es-US"))
    assert any("rosa-ready" in p.message for p in stopped.value.problems)
    for rel in ROSA_CARRIED:
        assert not (spanish / rel).exists(), rel  # her words, in either language, are gone
    assert (spanish / "handouts/sample-victim-advocates.pdf").is_file()
    withdrawn = json.loads((spanish / "manifest.json").read_text())["withdrawn"]
    assert {item["file"] for item in withdrawn} >= set(ROSA_CARRIED)
