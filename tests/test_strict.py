"""Every record in source/ is exact: an unknown key is an error at its line with the key it
most likely means, and a date that is not on the calendar says so (issue 23)."""

from __future__ import annotations

from pathlib import Path

import pytest

from press.core.problems import BuildError
from press.source.load import load_edition, load_project

from .conftest import errors_from
from .projects import CHARTS, QUOTES, REFERENCES, SAMPLE, SETTINGS, write_project

CONSENT = "    confirmed: true\n"


def errors(root: Path) -> list[str]:
    return errors_from(lambda: load_project(root))


@pytest.mark.parametrize(("key", "meant"), [("withdrawn", "expires"), ("expire", "expires"),
                                             ("revoked", "expires"), ("Expires", "expires")])
def test_a_misspelt_key_in_a_consent_record_stops_the_build(tmp_path: Path, key: str,
                                                            meant: str) -> None:
    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        CONSENT, f"{CONSENT}    {key}: 2026-12-01\n")})
    found = errors(root)
    assert len(found) == 1
    assert found[0].startswith(f'source/quotes.yaml:12:5: error: unknown key "{key}" under '
                               f'"consent": nothing it says would be applied. Did you mean '
                               f'"{meant}"? Fix: rename it to "{meant}"')


def test_a_withdrawn_consent_is_told_how_it_is_written(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        CONSENT, f"{CONSENT}    withdrawn: 2026-12-01\n")})
    assert errors(root)[0].endswith(
        'rename it to "expires"; a consent that was withdrawn or ends is written as the day it '
        "ends, `expires: YYYY-MM-DD`: from that day the quote is not printed, and the "
        "documents that carry it are taken out of out/")


# (file, the text replaced, what replaces it, the one error it must give)
CASES = [
    ("source/settings.yaml", "reading_grade_target: 12", "reading_grade_targt: 12",
     'source/settings.yaml:5:1: error: unknown key "reading_grade_targt": nothing it says would '
     'be applied. Did you mean "reading_grade_target"? Fix: rename it to "reading_grade_target"'),
    ("source/data/arrests.yaml", "layout: long", "layout: long\nfilter: { sex: female }",
     'source/data/arrests.yaml:5:1: error: unknown key "filter": nothing it says would be '
     'applied. Did you mean "filters"? Fix: rename it to "filters"'),
    ("source/data/arrests.yaml", "female: { label: Women }",
     "female: { label: Women, not_recordd: true }",
     'source/data/arrests.yaml:13:27: error: unknown key "not_recordd" under "female": nothing '
     'it says would be applied. Did you mean "not_recorded"? Fix: rename it to "not_recorded"'),
    ("source/handouts/sample/judges.yaml", "chart: alder-split", "chart: alder-split\ncharts: []",
     'source/handouts/sample/judges.yaml:14:1: error: unknown key "charts": nothing it says '
     'would be applied. Did you mean "chart"? Fix: rename it to "chart"'),
    ("source/briefs/sample.yaml", "  - type: stat\n    stat: brook-women-share",
     "  - type: stat\n    stat: brook-women-share\n    note: said twice",
     'source/briefs/sample.yaml:15:5: error: unknown key "note" in item 2 of "blocks": nothing '
     'it says would be applied Fix: rename it to the key it means, or delete it (the keys here '
     'are "stat", "type")'),
]


@pytest.mark.parametrize(("rel", "old", "new", "expected"), CASES,
                         ids=[f"{c[0]}:{c[2].split(':')[0]}" for c in CASES])
def test_an_unknown_key_in_any_file_is_an_error_at_its_line(tmp_path: Path, rel: str, old: str,
                                                          new: str, expected: str) -> None:
    text = SAMPLE[rel]
    assert old in text
    root = write_project(tmp_path, {rel: text.replace(old, new, 1)})
    assert errors(root) == [expected]


def test_a_key_of_another_kind_of_chart_says_which_kind_takes_it(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/charts.yaml": CHARTS.replace(
        "  year: 2023\n", "  year: 2023\n  annotate: [last]\n", 1)})
    assert errors(root) == [
        'source/charts.yaml:6:3: error: the key "annotate" is not one a "split" item takes (another '
        'kind does), so '
        "nothing it says would be applied Fix: delete it, or write the `kind:` that takes it"]


def test_a_field_of_the_reference_standard_is_a_warning_and_any_other_key_an_error(
        tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/references.yaml": REFERENCES.replace(
        "  publisher: Alder County Coalition\n",
        "  publisher: Alder County Coalition\n  abstract: What providers said.\n")})
    _, problems = load_project(root)
    assert [p.format() for p in problems.warnings if p.file == "source/references.yaml"] == [
        'source/references.yaml:8:3: warning: the key "abstract" in "county-survey-2020" is a '
        "field the press does not print (ignored) Fix: delete it if it should print; otherwise nothing to do"]
    write_project(root, {"source/references.yaml": REFERENCES.replace("title:", "titel:", 1)})
    assert errors(root) == [
        'source/references.yaml:6:3: error: missing the key "title"; found "titel" instead '
        'Fix: rename "titel" to "title"']


@pytest.mark.parametrize(("written", "why"), [
    ("2026-02-30", "February 2026 has 28 days"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("2026-13-05", "there is no month 13 (the date is written year-month-day: 2026-05-13 is "
                   "May 13)"),
])
def test_a_date_that_does_not_exist_says_so(tmp_path: Path, written: str, why: str) -> None:
    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        "given: 2026-10-01", f"given: {written}")})
    assert errors(root) == [
        f'source/quotes.yaml:9:12: error: the date "{written}" does not exist: {why} Fix: '
        "correct the day or the month to the date on the record (YYYY-MM-DD)"]


def test_a_misspelt_key_in_a_translation_entry_is_an_error(tmp_path: Path) -> None:
    root = write_project(tmp_path, {
        "source/settings.yaml": SETTINGS + "editions: [en-US, es-US]\n",
        "source/handouts/sample/judges.es-US.yaml": (
            "headline:\n  txt: Desde el estrado, una sentencia puede abrir un camino.\n")})
    with pytest.raises(BuildError) as caught:
        load_edition(root, "es-US")
    assert [p.format() for p in caught.value.problems if p.severity == "error"] == [
        'source/handouts/sample/judges.es-US.yaml:2:3: error: unknown key "txt" under '
        '"headline": nothing it says would be applied. Did you mean "text"? Fix: an entry has '
        "`text:` (the words) and `of:` (written by make_report.py translate es-US); rename "
        "the key, or delete it"]


def test_the_sample_itself_is_exact(tmp_path: Path) -> None:
    """No file of the sample holds a key its schema does not know (no warning either)."""
    root = write_project(tmp_path)
    _, problems = load_project(root)
    assert not [p for p in problems.items if "key" in p.message]


def test_a_date_asked_for_that_does_not_exist_says_so(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from press.commands.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["check", "--date", "2026-02-29"], write_project(tmp_path))
    assert stopped.value.code == 2
    assert ('argument --date: the date "2026-02-29" does not exist: February 2026 has 28 days'
            in capsys.readouterr().err)
