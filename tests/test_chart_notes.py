"""A chart's notes never vanish: its source line, the staff's notes and every disclosure the
press adds (rows not recorded, a gap, few rows, 0% or 100%) print whole under it in the
brief and in a handout, the chart growing to hold them; the manifest lists them and the
judge finds each on the page (a note missing is an error); a handout where the grown chart
cannot fit gives way as a fit does, to a located error naming the chart.

Each test writes the sample project (tests/projects.py) with the trend seen in the issue: two
counties, a group whose sex was not recorded, long notes.
"""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import patch

import pytest

from press.api import build
from press.content.describe import ChartFile
from press.core.problems import BuildError

from .projects import CHARTS, DATASET, write_project

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes

CSV = """\
place,year,sex,arrests,source
Alder County,2021,female,82,county-records
Alder County,2021,male,18,county-records
Alder County,2022,female,70,county-records
Alder County,2022,male,30,county-records
Alder County,2023,female,64,county-records
Alder County,2023,male,36,county-records
Alder County,2023,unknown,3,county-records
Brook County,2021,female,84,county-records
Brook County,2021,male,16,county-records
Brook County,2022,female,86,county-records
Brook County,2022,male,14,county-records
Brook County,2023,female,88,county-records
Brook County,2023,male,12,county-records
"""
NOT_RECORDED = DATASET.replace(
    "  male: { label: Men }\n",
    "  male: { label: Men }\n  unknown: { label: Sex not recorded, not_recorded: true, "
    "in_base: true }\n")
LONG = ("Counts are arrests, not people; one person arrested twice is counted twice. Each "
        "arrest is counted once, under the most serious offense charged, as the county's "
        "records keep it; an arrest later dropped is still counted.")
TWO_COUNTIES = CHARTS.replace(
    "  jurisdictions: [Alder County]\n",
    f"  jurisdictions: [Alder County, Brook County]\n  annotate: [first, last]\n  notes: {LONG}\n"
).replace("  highlight: female\n", f"  highlight: female\n  notes: {LONG}\n")
assert TWO_COUNTIES.count(LONG) == 2
FILES = {"source/data/arrests.csv": CSV, "source/data/arrests.yaml": NOT_RECORDED,
         "source/charts.yaml": TWO_COUNTIES}


def page_text(pdf: Path) -> str:
    """Every page's text, as PDFium reads it, white space aside."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        return "".join("".join(page.get_textpage().get_text_range().split())
                       for page in document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(tmp_path_factory.mktemp("notes"), FILES)
    build(root)
    return root


def test_every_note_the_manifest_lists_is_printed_whole(built: Path) -> None:
    manifest = json.loads((built / "out" / "manifest.json").read_text(encoding="utf-8"))
    notes = {chart["id"]: chart["notes"] for chart in manifest["charts"]}
    assert LONG in notes["alder-trend"] and LONG in notes["alder-split"]
    assert ("Of 103 arrests in Alder County in 2023, 3 with sex not recorded, counted in the "
            "base.") in notes["alder-trend"]  # a trend of two counties names the one it means
    for record in manifest["outputs"]:
        if record["file"].endswith("-packet.pdf"):
            continue
        text = page_text(built / "out" / record["file"])
        for chart in record["charts"]:
            assert all("".join(note.split()) in text for note in notes[chart]), \
                (record["file"], chart)
        assert "…" not in text  # nothing is cut short


def test_the_two_county_trend_prints_each_end_value_beside_its_county(built: Path) -> None:
    text = page_text(built / "out" / "handouts" / "sample-victim-advocates.pdf")
    assert "62%AlderCounty" in text or "62%in2023" in text
    assert "88%BrookCounty" in text or "88%in2023" in text


def test_a_note_the_page_does_not_print_is_an_error(tmp_path: Path) -> None:
    root = write_project(tmp_path, FILES)
    printed = ChartFile.notes

    def more(chart: ChartFile) -> list[str]:
        return [*printed(chart), "A note no chart draws."]

    with patch.object(ChartFile, "notes", more), pytest.raises(BuildError) as caught:
        build(root)
    said = [p.format() for p in caught.value.problems if p.severity == "error"]
    assert any(line.startswith("source/handouts/sample/victim-advocates.yaml:") and
               'the chart (chart "alder-trend") does not print its note "A note no chart '
               'draws." whole on its page' in line for line in said), said
    assert not (root / "out").exists()


def test_a_chart_too_tall_for_its_handout_gives_way_as_a_fit_does(tmp_path: Path) -> None:
    """Notes too long for the page are never cut: the handout fails to fit, at its line,
    offering to leave the chart out; marked optional, the chart is left out (and said)."""
    notes = " ".join([LONG] * 16)
    longer = TWO_COUNTIES.replace(f"  annotate: [first, last]\n  notes: {LONG}\n",
                                  f"  annotate: [first, last]\n  notes: {notes}\n")
    assert longer != TWO_COUNTIES
    handout = "source/handouts/sample/victim-advocates.yaml"
    root = write_project(tmp_path / "plain", {**FILES, "source/charts.yaml": longer})
    with pytest.raises(BuildError) as caught:
        build(root)
    said = [p.format() for p in caught.value.problems if p.severity == "error"]
    assert any(line.startswith(f"{handout}:") and "does not fit on one page" in line and
               "the chart is where to cut" in line and "optional: [chart]" in line
               for line in said), said
    advocates = (root / handout).read_text(encoding="utf-8") + "optional: [chart]\n"
    root = write_project(tmp_path / "optional", {**FILES, "source/charts.yaml": longer,
                                                 handout: advocates})
    result = build(root)
    warned = [p.format() for p in result.problems if p.severity == "warning"]
    assert any(line.startswith(f"{handout}:") and "the chart left out (marked optional)" in line
               for line in warned), warned
    manifest = json.loads((root / "out" / "manifest.json").read_text(encoding="utf-8"))
    record = next(r for r in manifest["outputs"] if r["file"].endswith("victim-advocates.pdf"))
    assert record["charts"] == []


FEW = """\
place,year,sex,arrests,source
Alder County,2021,female,12,county-records
Alder County,2021,male,6,county-records
Alder County,2022,female,9,county-records
Alder County,2022,male,7,county-records
Alder County,2022,unknown,1,county-records
Alder County,2023,female,2,county-records
Alder County,2023,male,1,county-records
Brook County,2021,female,7,county-records
Brook County,2021,male,3,county-records
Brook County,2022,female,0,county-records
Brook County,2022,male,3,county-records
Brook County,2023,female,1,county-records
Brook County,2023,male,0,county-records
"""


def test_a_briefs_split_and_trend_print_every_note_whole(tmp_path: Path) -> None:
    """Issue 23 again, in the brief: a split and a two-county trend of a hyphenated measure
    ("juvenile prostitution-related arrests") with few rows, 0% and 100% years and rows not
    recorded, each with a long note of the staff's: the brief builds, and every note the
    manifest lists is on its page whole, each of the trend's naming its county."""
    from .projects import BRIEF

    brief = BRIEF.replace("  - type: chart\n    chart: alder-trend\n",
                          "  - type: chart\n    chart: alder-trend\n"
                          "  - type: chart\n    chart: alder-split\n")
    assert brief != BRIEF
    measure = NOT_RECORDED.replace("measure: arrests", "measure: juvenile prostitution-related "
                                   "arrests")
    root = write_project(tmp_path, {**FILES, "source/data/arrests.csv": FEW,
                                    "source/data/arrests.yaml": measure,
                                    "source/briefs/sample.yaml": brief})
    build(root)
    manifest = json.loads((root / "out" / "manifest.json").read_text(encoding="utf-8"))
    notes = {chart["id"]: chart["notes"] for chart in manifest["charts"]}
    assert len(notes["alder-trend"]) >= 6, notes["alder-trend"]
    for note in notes["alder-trend"][2:]:  # the source line and the staff's note, then the data's
        assert ("Alder County" in note) != ("Brook County" in note), note
    text = page_text(root / "out" / "sample-brief.pdf").replace("-", "")
    for chart in ("alder-trend", "alder-split"):
        for note in notes[chart]:
            assert "".join(note.split()).replace("-", "") in text, (chart, note)
