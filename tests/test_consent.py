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

from .conftest import at
from .projects import ROSA_CARRIED, SETTINGS, TWO_QUOTES, change, rosa_consent, write_project
from .test_publish import consistent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project with Rosa's quote and Maya's (tests/projects.py)."""
    return write_project(tmp_path / "project", TWO_QUOTES)


def test_a_consent_ending_soon_warns_even_while_unconfirmed(project: Path) -> None:
    ending = rosa_consent("expires: 2026-12-19")
    ending["source/quotes.yaml"] = ending["source/quotes.yaml"].replace(
        "confirmed: true", "confirmed: false", 1)  # Rosa's record, not yet checked
    change(project, ending)
    warnings = [p.format() for p in run_check(project, Target(date=dt.date(2026, 11, 28))).problems.warnings
                if "rosa" in p.message]
    assert warnings == [
        f'{at(project, "source/quotes.yaml", "    confirmed: false", "false")}'
        ': warning: the consent record for "rosa-ready" (Rosa) '
        "has not been checked against the signed release Fix: check the release on file, correct "
        "`basis` and `given`, then set confirmed: true",
        f'{at(project, "source/quotes.yaml", "expires: 2026-12-19", "2026")}'
        ': warning: the consent for "rosa-ready" (Rosa) expires '
        "on 2026-12-19, in 21 days; it is used in briefs/sample.yaml, handouts/sample/judges.yaml "
        "Fix: ask to renew it before then; after "
        "that date the build stops and removes the documents that carry it"]


def test_the_warning_window_is_a_setting(project: Path) -> None:
    change(project, rosa_consent("expires: 2027-03-01"))
    today = dt.date(2026, 11, 28)
    assert not [p for p in run_check(project, Target(date=today)).problems.warnings if "expires" in p.message]
    change(project, {"source/settings.yaml": SETTINGS + "consent_warning_days: 120\n"})
    assert [p for p in run_check(project, Target(date=today)).problems.warnings if "expires" in p.message]


@pytest.mark.slow
def test_an_expired_consent_takes_its_documents_out_of_out(project: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    build(project, Target(date=dt.date(2026, 11, 28)))
    build(project, Target(profile="print", date=dt.date(2026, 11, 28)))
    change(project, rosa_consent("expires: 2026-12-31"))
    monkeypatch.setenv("PRESS_TODAY", "2027-01-05")  # the day has come
    with pytest.raises(BuildError) as caught:
        build(project, Target(date=dt.date(2027, 1, 5)))
    removed = sorted(caught.value.withdrawn)
    assert removed == sorted([f"out/{f}" for f in ROSA_CARRIED] +
                             [f"out/print/{f}" for f in ROSA_CARRIED])
    for folder in (project / "out", project / "out" / "print"):
        consistent(folder)
        manifest = json.loads((folder / "manifest.json").read_text())
        assert sorted(r["file"] for r in manifest["withdrawn"]) == ROSA_CARRIED
        assert all("its consent expired on 2026-12-31" in r["reason"] for r in manifest["withdrawn"])
        for rel in ROSA_CARRIED:
            assert not (folder / rel).exists()
            assert rel not in (folder / "index.html").read_text().split("Withdrawn")[0]
        assert (folder / "handouts" / "sample-victim-advocates.pdf").exists()
    messages = [p.format() for p in caught.value.problems]
    assert any(m.startswith("out/handouts/sample-judges.pdf: warning: removed this "
                            "document from out/: it carries the quote \"rosa-ready\": its "
                            "consent expired on 2026-12-31") for m in messages), messages


@pytest.mark.slow
def test_a_consent_that_no_longer_covers_a_use_takes_only_those_documents(project: Path) -> None:
    build(project, Target(date=dt.date(2026, 11, 28)))
    build(project, Target(profile="print", date=dt.date(2026, 11, 28)))
    quotes = TWO_QUOTES["source/quotes.yaml"].replace("uses: [print, web, grant]",
                                                      "uses: [print]", 1)  # Rosa's
    change(project, {"source/quotes.yaml": quotes})
    with pytest.raises(BuildError) as caught:
        build(project, Target(date=dt.date(2026, 11, 28)))
    assert sorted(caught.value.withdrawn) == sorted(f"out/{f}" for f in ROSA_CARRIED)
    assert (project / "out/print/handouts/sample-judges.pdf").exists()
    consistent(project / "out")
    consistent(project / "out" / "print")
