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

from .conftest import at, edit
from .test_build import text_of

TODAY = dt.date(2026, 11, 28)


def errors(root: Path) -> list[str]:
    try:
        run_check(root, Target(date=TODAY))
    except BuildError as error:
        return [p.format() for p in error.problems if p.severity == "error"]
    return []


def test_a_term_is_allowed_where_it_is_intended(project: Path) -> None:
    edit(project, "source/handouts/law-enforcement/judges.yaml", "Putting exploited women in jail",
         "Calling her a prostitute or putting exploited women in jail")
    assert any('"prostitute" is on the project\'s list' in e for e in errors(project))
    edit(project, "source/language.yaml", "  - term: prostitute\n",
         "  - term: prostitute\n    allow_in: [handouts/law-enforcement/judges.yaml]\n")
    assert errors(project) == []


def test_quotes_are_never_flagged_or_changed(project: Path) -> None:
    edit(project, "source/quotes.yaml", "the buyers and sellers of women.",
         "the buyers and sellers of women, the johns.")
    assert errors(project) == []


def test_spelling_is_checked_against_the_project_word_list(project: Path) -> None:
    edit(project, "source/handouts/law-enforcement/judges.yaml", "Putting exploited women",
         "Puting exploited women")
    result = run_check(project, Target(date=TODAY))
    spelling = [w.format() for w in result.problems.warnings if "dictionary" in w.message]
    where = at(project, "source/handouts/law-enforcement/judges.yaml", "Puting exploited", "Puting")
    assert spelling == [f'{where}: warning: "Puting" is not in the '
                        'dictionary Fix: did you mean "putting"? correct it, or add the word to '
                        "source/words.txt"]
    (project / "source/words.txt").write_text(
        (project / "source/words.txt").read_text() + "Puting\n")
    result = run_check(project, Target(date=TODAY))
    assert not [w for w in result.problems.warnings if "dictionary" in w.message]


def test_reading_grade_above_target_is_reported(project: Path) -> None:
    edit(project, "source/settings.yaml", "reading_grade_target: 12", "reading_grade_target: 5")
    result = run_check(project, Target(date=TODAY))
    grades = [w.format() for w in result.problems.warnings if "reads at grade" in w.message]
    above = [slug for slug, grade in result.grades.items() if grade > 5]
    assert above and len(grades) == len(above)
    assert all(any(slug in line for line in grades) for slug in above)


def test_survivor_attribution_without_a_name(project: Path) -> None:
    edit(project, "source/quotes.yaml", "    attribute_as: name", "    attribute_as: survivor")
    build(project)
    text = text_of(project / "out/handouts/law-enforcement-judges.pdf")
    assert "SURVIVOR" in text.upper()
    assert "Quintecia" not in text and "QUINTECIA" not in text


def test_print_profile_needs_print_consent(project: Path) -> None:
    edit(project, "source/quotes.yaml", "uses: [print, web, grant]\n    basis: Interview release"
         " for The Life Story series\n    given: 2026-11-01\n    confirmed: false\n\n- id: maheen",
         "uses: [web]\n    basis: Interview release for The Life Story series\n"
         "    given: 2026-11-01\n    confirmed: false\n\n- id: maheen")
    build(project)  # screen needs web: fine
    with pytest.raises(BuildError) as caught:
        build(project, Target(profile="print"))
    assert any('the quote "mike-arrests-shift" (Mike) cannot be used in the print documents'
               in p.message and 'its consent covers web, not "print"' in p.message
               for p in caught.value.problems)


def test_an_unconfirmed_consent_record_is_a_warning_until_confirmed(project: Path) -> None:
    result = run_check(project, Target(date=TODAY))
    unconfirmed = [w for w in result.problems.warnings if "has not been checked" in w.message]
    assert len(unconfirmed) == 3
    text = (project / "source/quotes.yaml").read_text().replace("confirmed: false",
                                                               "confirmed: true")
    (project / "source/quotes.yaml").write_text(text)
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
