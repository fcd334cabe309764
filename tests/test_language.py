"""Language: stigmatizing terms, quotes left alone, spelling, reading grade, consent display."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from press.content import readability, wording
from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check

from .conftest import at
from .projects import (
    JUDGES,
    LANGUAGE,
    QUOTES,
    SAMPLE,
    SETTINGS,
    TWO_QUOTES,
    change,
    replaced,
    write_project,
)
from .test_build import text_of

TODAY = dt.date(2026, 11, 28)


def errors(root: Path) -> list[str]:
    try:
        run_check(root, Target(date=TODAY))
    except BuildError as error:
        return [p.format() for p in error.problems if p.severity == "error"]
    return []


JUDGES_FILE = "source/handouts/sample/judges.yaml"


def test_a_term_is_allowed_where_it_is_intended(tmp_path: Path) -> None:
    project = write_project(tmp_path, {JUDGES_FILE: replaced(
        JUDGES, "over incarceration.", "over calling her a prostitute.")})
    assert any('"prostitute" is on the project\'s list' in e for e in errors(project))
    change(project, {"source/language.yaml": replaced(
        LANGUAGE, "  - term: prostitute\n",
        "  - term: prostitute\n    allow_in: [handouts/sample/judges.yaml]\n")})
    assert errors(project) == []


def test_quotes_are_never_flagged_or_changed(tmp_path: Path) -> None:
    quotes = replaced(QUOTES, "patient with me.", "patient with me when I was a prostitute.")
    project = write_project(tmp_path, {"source/quotes.yaml": quotes})
    assert errors(project) == []
    # the same words in a handout's own text are flagged: the quote is what is let alone
    change(project, {JUDGES_FILE: replaced(JUDGES, "over incarceration.",
                                           "over incarceration for a prostitute.")})
    assert any('"prostitute" is on the project\'s list' in e for e in errors(project))


def test_spelling_is_checked_against_the_project_word_list(tmp_path: Path) -> None:
    project = write_project(tmp_path, {JUDGES_FILE: replaced(
        JUDGES, "Favor connection", "Favor conection")})
    result = run_check(project, Target(date=TODAY))
    spelling = [w.format() for w in result.problems.warnings if "dictionary" in w.message]
    where = at(project, JUDGES_FILE, "Favor conection", "conection")
    assert spelling == [f'{where}: warning: "conection" is not in the '
                        'dictionary Fix: did you mean "connection"? correct it, or add the word '
                        "to source/words.txt"]
    change(project, {"source/words.txt": SAMPLE["source/words.txt"] + "conection\n"})
    result = run_check(project, Target(date=TODAY))
    assert not [w for w in result.problems.warnings if "dictionary" in w.message]


def test_reading_grade_above_target_is_reported(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/settings.yaml": replaced(
        SETTINGS, "reading_grade_target: 12", "reading_grade_target: 5")})
    result = run_check(project, Target(date=TODAY))
    grades = [w.format() for w in result.problems.warnings if "reads at grade" in w.message]
    above = [slug for slug, grade in result.grades.items() if grade > 5]
    assert above and len(grades) == len(above)
    assert all(any(slug in line for line in grades) for slug in above)


@pytest.mark.slow
def test_survivor_attribution_without_a_name(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/quotes.yaml": replaced(
        QUOTES, "    attribute_as: name", "    attribute_as: survivor")})
    build(project)
    text = text_of(project / "out/handouts/sample-judges.pdf")
    assert "SURVIVOR" in text.upper()
    assert "Rosa" not in text and "ROSA" not in text


@pytest.mark.slow
def test_print_profile_needs_print_consent(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/quotes.yaml": replaced(
        QUOTES, "uses: [print, web, grant]", "uses: [web]")})
    build(project)  # screen needs web: fine
    with pytest.raises(BuildError) as caught:
        build(project, Target(profile="print"))
    assert any('the quote "rosa-ready" (Rosa) cannot be used in the print documents'
               in p.message and 'its consent covers web, not "print"' in p.message
               for p in caught.value.problems)


def test_an_unconfirmed_consent_record_is_a_warning_until_confirmed(tmp_path: Path) -> None:
    quotes = TWO_QUOTES["source/quotes.yaml"]
    assert quotes.count("confirmed: true") == 2
    project = write_project(tmp_path, {
        **TWO_QUOTES, "source/quotes.yaml": quotes.replace("confirmed: true", "confirmed: false")})
    result = run_check(project, Target(date=TODAY))
    unconfirmed = [w for w in result.problems.warnings if "has not been checked" in w.message]
    assert len(unconfirmed) == 2
    change(project, {"source/quotes.yaml": quotes})
    result = run_check(project, Target(date=TODAY))
    assert not [w for w in result.problems.warnings if "has not been checked" in w.message]


@pytest.mark.parametrize(("text", "textstat_gave"), [
    ("The cat sat on the mat. It was happy there all day.", -0.4666666666666668),
    ("Survivors DON'T owe anyone their story; the court's job is to listen, carefully and "
     "without judgement.", 9.825),
    ("Prosecutors can decline charges. Then they connect people with services, housing, and "
     "counsel.", 8.729615384615386),
    # words the dictionary lacks are counted by their hyphenation points
    ("Zyxqual flumberwicks. Short one.", 3.6700000000000017),
    ("", 0.0),
])
def test_reading_grade_counts_as_textstat_did(text: str, textstat_gave: float) -> None:
    """The grade is textstat 0.7.13's flesch_kincaid_grade (given the CMU dictionary) exactly:
    the values on the right are what it returned for these texts."""
    assert readability.grade(text, wording._syllables()) == pytest.approx(textstat_gave)
