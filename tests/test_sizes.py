"""A funder's rules reshape a layout (press/core/sizes.py, press/layout/floor.py), and a fit
names the block that does not fit (press/layout/render.py): no PDF is rendered here."""

from __future__ import annotations

from pathlib import Path

import pytest
import tinycss2

from press.core import sizes
from press.layout.floor import floor_css
from press.layout.render import Fit, _culprit, _filled
from press.pdf.checklist import layout_rules
from press.source.schema import Funder

from .conftest import ROOT

ONE_INCH = sizes.Rules(1.0, 11.0, "one-inch")


def test_a_funders_margins_widen_the_layout_and_keep_the_running_heads_inside() -> None:
    assert sizes.margins("handout") == sizes.MARGINS["handout"]  # no rules: as designed
    handout = sizes.margins("handout", ONE_INCH)
    assert min(handout.top, handout.right, handout.bottom, handout.left) >= 1.0
    brief = sizes.margins("brief", ONE_INCH)
    assert brief.top >= 1.0 + sizes.RUNNING_IN and brief.bottom >= 1.0 + sizes.RUNNING_IN
    # a funder's narrower margin leaves a wider one as it is
    assert sizes.margins("brief", sizes.Rules(0.25, 0.0, "x")) == sizes.MARGINS["brief"]
    assert sizes.column_in("handout", "letter", ONE_INCH) < sizes.column_in("handout")
    assert sizes.block_in("handout", "letter", ONE_INCH) < sizes.block_in("handout")


def test_the_bounded_fits_keep_to_the_type_floor() -> None:
    assert sizes.fits() == sizes.FITS
    floored = sizes.fits(ONE_INCH)
    assert [f.body_pt for f in floored] == [11.0, 11.0] and [f.tight for f in floored] == [
        False, True]
    assert floored[1].words() == "tighter spacing"
    assert [f.body_pt for f in sizes.fits(sizes.Rules(0, 10.0, "x"))] == [10.5, 10.5, 10.0]
    assert ONE_INCH.words() == ("the rules of funder one-inch (margins of 1 in, type of at "
                                "least 11 pt)")
    assert not sizes.OWN and ONE_INCH


def _sizes(css: str) -> dict[str, str]:
    """selector -> the font-size it sets (margin boxes inside @page as "@page @top-left")."""
    found: dict[str, str] = {}

    def walk(rules: list[tinycss2.ast.Node], outer: str) -> None:
        for rule in rules:
            if rule.type not in ("qualified-rule", "at-rule"):
                continue
            name = tinycss2.serialize(rule.prelude).strip()
            name = f"@{rule.at_keyword} {name}".strip() if rule.type == "at-rule" else name
            contents = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
            for item in contents:
                if item.type == "declaration" and item.lower_name == "font-size":
                    found[f"{outer}{name}"] = tinycss2.serialize(item.value).strip()
            walk([c for c in contents if c.type != "declaration"], f"{outer}{name} ")

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), "")
    return found


@pytest.mark.parametrize("kind", ["brief", "handout"])
def test_the_floor_raises_every_smaller_type_size_of_the_stylesheets(kind: str) -> None:
    sheets = ["css/common.css", f"css/{kind}.css", "css/grant.css"]
    raised = _sizes(floor_css(ROOT, sheets, 11.0, 11.0))
    designed: dict[str, str] = {}
    for sheet in sheets:
        designed.update(_sizes((ROOT / "layouts" / sheet).read_text(encoding="utf-8")))
    small = {s for s, v in designed.items() if v.endswith("pt") and float(v[:-2]) < 11}
    small |= {s for s, v in designed.items() if v.endswith("em") and float(v[:-2]) < 1}
    assert small and set(raised) == small, sorted(set(raised) ^ small)
    assert set(raised.values()) == {"11pt"}
    if kind == "brief":  # the running heads and page numbers too
        assert "@page @top-left" in raised and "@page @bottom-right" in raised


def test_a_low_floor_never_makes_type_smaller(tmp_path: Path) -> None:
    (tmp_path / "layouts" / "css").mkdir(parents=True)
    (tmp_path / "layouts" / "css" / "x.css").write_text(
        "p { font-size: 8pt } sup.cite { font-size: 0.7em } small { font-size: 70% }\n"
        ".big { font-size: 14pt } .px { font-size: 12px } @media print { i { font-size: 6pt } }",
        encoding="utf-8")
    assert _sizes(floor_css(tmp_path, ["css/x.css"], 7.0, 11.0)) == {
        "@media print i": "7pt"}  # 0.7em and 70% of 11 pt are 7.7 pt: only 6pt is raised
    assert set(_sizes(floor_css(tmp_path, ["css/x.css"], 9.5, 11.0))) == {
        "p", "sup.cite", "small", ".px", "@media print i"}
    assert "<" not in floor_css(tmp_path, ["css/x.css"], 9.5, 11.0)


def test_a_funders_rules_shape_the_documents_they_apply_to() -> None:
    def funder(documents: list[str], **rules: float) -> Funder:
        return Funder.model_validate({"name": "F", "guide": "G", "documents": documents,
                                      "rules": rules})

    shaped = layout_rules("f", funder(["brief"], margins_in=1, smallest_text_pt=11))
    assert shaped == {"brief": sizes.Rules(1.0, 11.0, "f")}
    assert set(layout_rules("f", funder(["packet"], margins_in=1))) == {"brief", "handout"}
    assert set(layout_rules("f", funder(["handouts"], smallest_text_pt=12))) == {"handout"}
    assert layout_rules("f", funder(["brief", "handouts"], page_limit=4)) == {}


# --- which block does not fit ---------------------------------------------------------------

PAGE = 1056.0  # a Letter page, px


def test_the_chart_is_named_when_the_taller_column_cannot_make_the_room_alone() -> None:
    """Seen: "178 pt too long, and the why text is where to cut" for a handout whose why
    text is 6 lines and whose side column (a statistic and a long quote) is the taller: the
    chart below the columns crossed the foot, and the columns' difference was not enough."""
    blocks = [(0, "headline", 100, 150), (0, "why", 180, 300), (0, "action-1", 330, 380),
              (0, "action-2", 390, 440), (0, "stat-1", 180, 300), (0, "quote", 310, 480),
              (0, "chart", 500, 900)]
    assert _culprit(blocks, "chart", 237, PAGE) == "chart"  # side ends 40 px lower only
    assert _culprit(blocks, "chart", 30, PAGE) == "quote"  # cutting the side makes the room
    # the taller column's block that crosses the foot is named as it is
    assert _culprit(blocks, "quote", 30, PAGE) == "quote"


def test_the_taller_column_is_the_one_that_ends_lower_not_the_one_with_more_blocks() -> None:
    # the main column has more (and taller, summed) blocks but ends higher than the side
    blocks = [(0, "why", 180, 330), (0, "action-1", 340, 420), (0, "action-2", 430, 500),
              (0, "stat-1", 180, 320), (0, "quote", 330, 560), (0, "chart", 580, 900)]
    assert _culprit(blocks, "chart", 50, PAGE) == "quote"
    assert _culprit(blocks, "chart", 100, PAGE) == "chart"
    # a column that ran on to a later page is the taller
    later = [*blocks[:2], (1, "action-2", 80, 200), *blocks[3:]]
    assert _culprit(later, "action-2", 40, PAGE) == "action-2"


def test_a_fit_says_how_much_of_its_room_the_columns_cover() -> None:
    """One action and no chart: the headline across, the main column a third down, the side
    column (a statistic, a quote) two thirds; the room below the headline is 600 px."""
    spans = {"headline": (0, 100, 0, 1000), "why": (100, 250, 0, 600),
             "action-1": (260, 300, 0, 600), "stat-1": (100, 300, 620, 1000),
             "quote": (310, 500, 620, 1000)}
    covered = 100 * 1000 + 200 * 600 + 400 * 380
    assert _filled(spans, 700) == pytest.approx(covered / (700 * 1000))
    assert _filled({}, 700) == 1.0
    assert Fit(2, 40.0, "why").fill == 1.0
