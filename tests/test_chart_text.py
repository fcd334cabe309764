"""Chart words are text: a dollar sign, a caret or a backslash in a title, a note, a label or
a place's name is drawn as typed, never read as mathematics (matplotlib's mathtext would
print "Bail in $ and fines in $" as "Bail in *andfinesin*", set "$x^y$" as a superscript,
and stop at "$\\foo{$" with an internal error)."""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from press.content.check import run_check
from press.content.compute import compute_stats
from press.content.describe import plan_chart
from press.layout.draw import draw
from press.source.load import load_project

from . import projects
from .projects import CSV, write_project

NOTE = "Bail in $ and fines in $ are not counted."
CASH = "Cash $x^y$ Town"
BRACE = "Town $\\foo{$ County"


def svg_text(path: Path) -> str:
    """Every word an SVG draws, in order, its lines joined by spaces."""
    root = ET.parse(path).getroot()
    words = [" ".join("".join(e.itertext()).split()) for e in root.iter()
             if e.tag.rsplit("}", 1)[-1] == "text"]
    return unicodedata.normalize("NFC", " ".join(w for w in words if w))


def rows(place: str) -> str:
    return "".join(f"{place},{year},{sex},{count},county-records\n" for year in (2021, 2023)
                   for sex, count in (("female", 30), ("male", 20)))


CHARTS = [
    {"id": "cash-split", "kind": "split", "dataset": "arrests", "jurisdiction": CASH,
     "year": 2023, "highlight": "female", "title": "Women in $ and ^ {jurisdiction}",
     "subtitle": "{jurisdiction}, {year}", "notes": NOTE},
    {"id": "brace-trend", "kind": "share-over-time", "dataset": "arrests",
     "jurisdictions": [BRACE, CASH], "years": [2021, 2023], "group": "female",
     "title": "Women's share, $ by $", "subtitle": "{group} in {jurisdiction}", "notes": NOTE,
     "annotate": ["first", {"year": 2023, "text": "$\\alpha_{b}$ {share}"}]},
    {"id": "cash-slope", "kind": "slope", "dataset": "arrests", "jurisdiction": CASH,
     "years": [2021, 2023], "title": "Arrests in {jurisdiction}, $_x$", "notes": NOTE},
    {"id": "cash-number", "kind": "big-number", "dataset": "arrests", "stat": "cash-share",
     "title": "In {jurisdiction}: $^$", "notes": NOTE},
]
STATS = [{"id": "cash-share", "kind": "share", "dataset": "arrests", "jurisdiction": CASH,
          "year": 2023, "group": "female", "meaning": "Women were {value} of arrests, $ and $.",
          "base": "of {total} arrests"}]


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = write_project(tmp_path_factory.mktemp("dollars"), {
        "source/data/arrests.csv": CSV + rows(CASH) + rows(BRACE),
        "source/charts.yaml": projects.CHARTS + yaml.safe_dump(CHARTS, allow_unicode=True),
        "source/stats.yaml": projects.STATS + yaml.safe_dump(STATS, allow_unicode=True)})
    checked = run_check(root)  # the words pass every check of the sources
    stats, _ = compute_stats(checked.project)
    return {spec["id"]: svg_text(draw(plan_chart(checked.project, checked.project.charts[
        spec["id"]], "brief", stats)).path) for spec in CHARTS}


@pytest.mark.parametrize("chart_id", ["cash-split", "brace-trend", "cash-slope", "cash-number"])
def test_every_chart_kind_draws_dollar_signs_as_typed(drawn: dict[str, str], chart_id: str) -> None:
    assert NOTE in drawn[chart_id]
    assert CASH in drawn[chart_id]


def test_titles_labels_and_places_keep_their_marks(drawn: dict[str, str]) -> None:
    assert f"Women in $ and ^ {CASH}" in drawn["cash-split"]
    assert "Women's share, $ by $" in drawn["brace-trend"]
    assert BRACE in drawn["brace-trend"]
    assert "$\\alpha_{b}$ 60%" in drawn["brace-trend"]
    assert f"Arrests in {CASH}, $_x$" in drawn["cash-slope"]
    assert f"In {CASH}: $^$" in drawn["cash-number"]
    assert "Women were 60% of arrests, $ and $." in drawn["cash-number"]


def test_a_place_named_like_a_placeholder_is_printed_as_its_name(tmp_path: Path) -> None:
    """A statistic's words are filled in one pass: the place "{year} {value}" is not filled
    again with the year and the figure."""
    place = "{year} {value} $x$"
    root = write_project(tmp_path, {"source/data/arrests.csv": CSV + rows(place),
                                    "source/stats.yaml": yaml.safe_dump([{
                                        **STATS[0], "jurisdiction": place,
                                        "meaning": "Women were {value} in {jurisdiction}."}])})
    values, _ = compute_stats(load_project(root)[0])
    assert values["cash-share"].meaning == "Women were 60% in {year} {value} $x$."
