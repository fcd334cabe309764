"""Fuzzing the names and words that become paths and printed text, without building a PDF
(test_fuzz_outputs.py builds): any place's name gets one folder of its own, any handout
file names give one file per document, and any chart words and place names are drawn as
typed (compared in NFC with the SVG's text) or refused by the check of glyphs the brand
fonts lack. Derandomized: the same examples on every run; FUZZ_SCALE scales their number as
in test_fuzz.py."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from press.content import claims
from press.content.compute import compute_stats
from press.content.describe import plan_chart
from press.content.outnames import clashes, document_names
from press.core.names import FOLDERS, SLUG, brief_file, handout_file, packet_file, place_folder
from press.core.problems import BuildError
from press.layout.draw import draw
from press.make.check import run_check
from press.source.load import load_project

from . import projects
from .projects import JUDGES, write_project
from .test_chart_text import svg_text

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))  # 10 for a longer hunt; make test-fast: 0.2
FUZZ = {"deadline": None, "derandomize": True, "suppress_health_check": [HealthCheck.too_slow]}

# What staff type, and what breaks paths, markup and mathematics: accents and other scripts
# (東 is one the brand fonts lack), dashes, dollar signs, braces, backslashes, HTML's marks.
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéñüçßŁżΩжЖ東"
MARKS = " -—\u2013.,:;'\"&$^\\_%<>()/#!?+=~·{}"
TRICKY = ["—", "=+-", "~ ~", "$x^y$", "Town $\\foo{$ County", "{year}", "{value}", "<b>",
          "&amp;", "..", "/", "Handouts", "NEW-YORK", "New York", "O'Brien", "東京"]


def text_of(alphabet: str, max_size: int) -> st.SearchStrategy[str]:
    pieces = st.one_of(st.text(alphabet=alphabet, min_size=1, max_size=max_size),
                       st.sampled_from(TRICKY))
    return st.lists(pieces, min_size=1, max_size=3).map(" ".join)


PLACE = text_of(LETTERS + "0123456789" + MARKS, 16)
WORDS = text_of(LETTERS + MARKS, 20).map(
    lambda text: re.sub(r"[{}0-9]", "", text))  # a chart's words take no number, no brace


def shown_as(text: str) -> str:
    """Text as a reader reads it back: NFC, one space wherever the page breaks a line."""
    return " ".join(unicodedata.normalize("NFC", text).split())


@settings(max_examples=int(400 * SCALE), **FUZZ)
@given(place=PLACE)
def test_any_place_name_has_one_safe_folder_of_its_own(place: str) -> None:
    folder = place_folder(place)
    assert SLUG.fullmatch(folder), folder  # never empty, no separator, no "..", plain ASCII
    assert folder not in FOLDERS and len(folder) <= 60
    assert folder == place_folder(unicodedata.normalize("NFD", place))  # however it was saved


def csv_with(*places: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for place in places:
        writer.writerows((place, year, sex, count, "county-records")
                         for year in (2021, 2022, 2023)
                         for sex, count in (("female", 30 + year % 7), ("male", 20)))
    return projects.CSV + buffer.getvalue()


@settings(max_examples=int(40 * SCALE), **FUZZ)
@given(first=PLACE, second=PLACE)
def test_two_places_share_a_folder_only_with_an_error_naming_both(first: str, second: str
                                                                  ) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {"source/data/arrests.csv": csv_with(first, second)})
        try:
            project, _ = load_project(root)
        except BuildError as error:  # the same name twice, or one the CSV reader refuses
            assert all(p.file.startswith("source/") for p in error.problems)
            return
        data = project.tables["arrests"].jurisdictions()
        sharing = {p for p in data if place_folder(p) in {place_folder(q) for q in data if q != p}}
        found = clashes(project, data)
        assert len(found) == len({place_folder(p) for p in sharing})
        for problem in found:
            assert problem.file == "source/data/arrests.csv" and problem.line > 1
            named = {p for p in sharing if f'"{p}"' in problem.message}
            assert len(named) >= 2 and len({place_folder(p) for p in named}) == 1


AUDIENCE = st.from_regex(r"(sample-)?[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)


@settings(max_examples=int(40 * SCALE), **FUZZ)
@given(audiences=st.lists(AUDIENCE, min_size=1, max_size=4, unique=True))
def test_handout_file_names_give_one_file_per_document_or_an_error(audiences: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {f"source/handouts/sample/{a}.yaml": JUDGES
                                            for a in audiences})
        project, _ = load_project(root)
        found = document_names(project)
        files = [brief_file("sample"), packet_file("sample"),
                 *(handout_file(key) for key in project.handouts)]
        stems = [PurePosixPath(f).stem for f in files]
        assert len(found) == len(stems) - len(set(stems))  # an error for each one too many
        for problem in found:
            assert problem.file.startswith("source/handouts/sample/") and problem.line == 1


def chart_project(root: Path, place: str, words: str) -> Path:
    charts = [
        {"id": "fuzz-split", "kind": "split", "dataset": "arrests", "jurisdiction": place,
         "year": 2023, "highlight": "female", "title": f"{words} {{jurisdiction}}",
         "notes": words},
        {"id": "fuzz-trend", "kind": "share-over-time", "dataset": "arrests",
         "jurisdictions": [place], "years": [2021, 2023], "group": "female", "title": words,
         "subtitle": "Arrests in {jurisdiction}", "notes": words},
    ]
    return write_project(root, {
        "source/data/arrests.csv": csv_with(place),
        "source/charts.yaml": projects.CHARTS + yaml.safe_dump(charts, allow_unicode=True)})


GLYPHS = "the brand fonts have no glyph for"
TYPED = "is typed into the"  # a number, place or source typed where the data must say it
HTML = "the text contains HTML markup"  # "<b>": never interpreted, refused at its line


@settings(max_examples=int(25 * SCALE), **FUZZ)
@given(place=PLACE, words=WORDS)
def test_chart_words_and_place_names_are_drawn_as_typed_or_refused(place: str, words: str
                                                                   ) -> None:
    place, words = place.strip(), words.strip()
    assume(place and words and place_folder(place) not in ("alder-county", "brook-county"))
    sample = " ".join([projects.CHARTS, projects.STATS, projects.BRIEF, projects.JUDGES,
                       projects.ADVOCATES])
    assume(not claims.named(sample, claims.Names.of([place, re.split(r"[,(]", place)[0].strip()])))
    with tempfile.TemporaryDirectory() as folder:
        root = chart_project(Path(folder), place, words)
        try:
            checked = run_check(root)
        except BuildError as error:
            refused = [p.format() for p in error.problems if p.severity == "error"]
            assert refused and all(any(why in line for why in (GLYPHS, TYPED, HTML))
                                   for line in refused), refused
            if all(GLYPHS in line for line in refused):
                assert any(ord(c) >= 0x2E80 for c in place + words), refused  # 東 was refused
            event("refused: " + next(w for w in (GLYPHS, TYPED, HTML) if w in refused[0]))
            return
        stats, _ = compute_stats(checked.project)
        for chart_id in ("fuzz-split", "fuzz-trend"):
            spec = checked.project.charts[chart_id]
            drawn = svg_text(draw(plan_chart(checked.project, spec, "brief", stats)).path)
            assert shown_as(words) in drawn and shown_as(place) in drawn, (chart_id, drawn)
        event("drawn and read back")
