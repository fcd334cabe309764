"""Handouts built for one jurisdiction carry that place's figures and charts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from press.build import build
from press.problems import BuildError

from .test_build import text_of


def test_united_states_handouts_use_united_states_figures(project: Path) -> None:
    result = build(project, jurisdiction="United States")
    folder = project / "out" / "united-states" / "handouts"
    assert len(list(folder.glob("*.pdf"))) == 8
    text = text_of(folder / "law-enforcement-police-officers.pdf")
    # 28413 / (28413 + 13871) = 67.2%
    # PDFium drops the hyphen where a line breaks after "prostitution-"
    assert "Women made up 67% of prostitution-related arrests in the United States." in (
        text.replace("prostitutionrelated", "prostitution-related"))
    assert "of 42,284 prostitution-related arrests" in text
    assert "Massachusetts" not in text
    assert not [w for w in result.problems.warnings if "too few years" in w.message]


def test_a_place_with_one_year_gets_a_split_chart_instead_of_a_trend(project: Path) -> None:
    result = build(project, jurisdiction="Massachusetts")
    warnings = [w.format() for w in result.problems.warnings]
    assert ('source/handouts/law-enforcement/task-force-members.yaml:17:8: warning: the chart '
            '"us-women-share-1994-2016" cannot be drawn truthfully for Massachusetts (a trend '
            'needs two years, and the prostitution-related arrests of Massachusetts in '
            '"arrests-by-sex" cover only 2013); the chart "ma-arrests-by-sex-2013" stands in '
            "Fix: add more of Massachusetts's data, or choose another chart for this handout"
            ) in warnings
    text = text_of(project / "out" / "massachusetts" / "handouts" /
                   "law-enforcement-task-force-members.pdf")
    assert "Women were 70% of prostitution-related arrests" in text
    assert not re.search(r"\b(19|20)\d\d-(19|20)\d\d\b", text)  # no empty trend


def test_an_unknown_place_is_refused_with_the_known_ones(project: Path) -> None:
    with pytest.raises(BuildError) as caught:
        build(project, jurisdiction="Texas")
    assert [p.format() for p in caught.value.problems if p.severity == "error"] == [
        'source/data/arrests-by-sex.csv: error: the data has no rows for "Texas"; it has '
        '"Massachusetts", "United States" Fix: choose one of those, or add Texas\'s rows (see '
        '"Bringing in a new table" in the README)']
    assert not (project / "out").exists()
