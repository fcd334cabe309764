"""Charts: words written from the data, SVG text kept as text, brand fonts, same bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charts.colors import contrast
from charts.common import Description
from press.content import palette
from press.content.compute import StatValue, compute_stats
from press.content.describe import describe, plan_chart, request_for
from press.core.problems import BuildError
from press.layout.draw import draw
from press.make.check import run_check
from press.source.load import Project, load_project

from .conftest import ROOT
from .projects import BRAND, CHARTS, replaced, write_project

Loaded = tuple[Project, dict[str, StatValue]]


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    project, _ = load_project(ROOT)
    stats, _ = compute_stats(project)
    return project, stats


def words(loaded: Loaded, chart_id: str) -> Description:
    project, stats = loaded
    return describe(request_for(project, project.charts[chart_id], "brief", stats)[0])


def test_split_words_match_642_of_920(loaded: Loaded) -> None:
    description = words(loaded, "ma-arrests-by-sex-2013")
    assert description.title == "Women were 70% of prostitution-related arrests"
    assert description.alt == (
        "Bar chart. Of the 920 prostitution-related arrests in Massachusetts in 2013, women "
        "were 70% (642) and men 30% (278).")


def test_trend_words_match_the_fbi_series(loaded: Loaded) -> None:
    description = words(loaded, "us-women-share-1994-2016")
    # 53320/86833 = 61.4% (1994); 39564/56869 = 69.6% (2009); 19048/30944 = 61.6% (2016)
    assert description.alt.endswith(
        "United States: 61% in 1994 and 62% in 2016; the high was 70% in 2009 and the low "
        "59% in 1998.")


def test_slope_words_state_the_change(loaded: Loaded) -> None:
    description = words(loaded, "us-arrests-1994-2016")
    # (19048 - 53320) / 53320 = -64.3%
    assert description.title.startswith(
        "Reported prostitution arrests of women fell by 64% from 1994 to 2016")
    assert "Women: fell 64%, from 53,320 in 1994 to 19,048 in 2016." in description.alt


def test_alt_text_with_a_number_not_in_the_data_is_refused() -> None:
    from charts.common import unsupported_numbers

    assert unsupported_numbers("women were 71% of 920 arrests", {"70%", "920"}) == ["71%"]


def test_svg_keeps_text_as_text_in_the_brand_font(loaded: Loaded,
                                                  tmp_path: Path) -> None:
    project, stats = loaded
    drawn = draw(plan_chart(project, project.charts["ma-arrests-by-sex-2013"], "brief", stats))
    svg = drawn.path.read_text()
    assert "<text" in svg and "Women were 70% of prostitution-related arrests" in svg
    assert "Source Sans 3" in svg
    assert "<path d=\"M" not in svg.split("Women were 70%")[0][-300:]  # not outlined glyphs
    assert not re.search(r"\d{4}-\d\d-\d\dT", svg)  # no timestamp


def test_svg_bytes_are_the_same_every_time(loaded: Loaded) -> None:
    from press.layout.draw import _render_svg

    project, stats = loaded
    request = request_for(project, project.charts["us-women-share-1994-2016"], "handout", stats)[0]
    description = describe(request)
    fonts = [ROOT / "layouts" / "fonts" / "SourceSans3-Regular.ttf"]
    assert _render_svg(request, description, fonts) == _render_svg(request, description, fonts)


def test_a_chart_keeps_its_font_after_another_projects_fonts_are_deleted(
        loaded: Loaded, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """One process drawing for two projects (the tests, a studio whose fonts changed): the
    first project's font files deleted, the second's chart is still set in the brand font
    (matplotlib, finding a deleted file, would forget every added font)."""
    import shutil

    from press.layout.draw import _render_svg

    project, stats = loaded
    request = request_for(project, project.charts["us-women-share-1994-2016"], "handout", stats)[0]
    description = describe(request)
    svgs = []
    for name in ("first", "second"):
        shutil.copytree(ROOT / "layouts" / "fonts", tmp_path / name)
        fonts = sorted((tmp_path / name).glob("*.ttf"))
        svgs.append(_render_svg(request, description, fonts))
        shutil.rmtree(tmp_path / name)
    assert b"Source Sans 3" in svgs[1] and b"DejaVu" not in svgs[1]
    assert svgs[0] == svgs[1]
    assert "findfont" not in caplog.text


def test_palette_passes_contrast_grayscale_and_colour_vision_checks() -> None:
    assert contrast("#1F1B24", "#FFFFFF") > 15
    assert contrast("#7A1F3D", "#FFFFFF") >= 4.5
    assert palette.gray_difference("#7A1F3D", "#8C8A93") >= palette.MIN_GRAY_DIFFERENCE
    for deficiency in palette.DEFICIENCIES:
        assert palette.cvd_difference("#7A1F3D", "#8C8A93", deficiency) >= palette.MIN_CVD_DIFFERENCE


def brand(*changes: tuple[str, str]) -> dict[str, str]:
    """The sample's brand.yaml with each (old, new) of `changes` made, each old found once."""
    text = BRAND
    for old, new in changes:
        text = replaced(text, old, new)
    return {"source/brand.yaml": text}


# The sample's trend of Alder County, with labels: 120 of 200 arrests in 2021 were of women
# (60%), 110 of 200 in 2022 (55%), 90 of 200 in 2023 (45%).
TREND_END = '  subtitle: "{group}\'s share of {measure} in {jurisdiction}, {first_year}-{last_year}"\n'


def labelled(annotate: str) -> dict[str, str]:
    assert CHARTS.endswith(TREND_END)
    return {"source/charts.yaml": CHARTS + f"  annotate: {annotate}\n"}


def test_a_palette_that_fails_in_grayscale_is_refused(tmp_path: Path) -> None:
    # a red and a green of the same lightness: distinct in colour, one gray on paper
    project = write_project(tmp_path, brand(('women: "#7A1F3D"', 'women: "#B03030"'),
                                            ('men: "#8C8A93"', 'men: "#2E7D32"')))
    with pytest.raises(BuildError) as caught:
        run_check(project)
    messages = [p.format() for p in caught.value.problems if p.severity == "error"]
    assert any("printed in black and white, the women and men colors differ by" in m
               for m in messages), messages
    assert any("for readers with deuteranomaly" in m for m in messages), messages


def test_low_contrast_text_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path, brand(('muted: "#5A5560"', 'muted: "#B0B0B0"')))
    with pytest.raises(BuildError) as caught:
        run_check(project)
    assert any(p.format().startswith("source/brand.yaml:") and "muted text #B0B0B0 on #FFFFFF "
               "has a contrast of 2.2:1, below 4.5:1" in p.message
               for p in caught.value.problems)


def test_a_label_of_your_own_words_at_a_year(tmp_path: Path) -> None:
    project = write_project(tmp_path, labelled(
        '[first, last, {year: 2022, text: "The year between, {share}"}]'))
    loaded, _ = load_project(project)
    stats, _ = compute_stats(loaded)
    request = request_for(loaded, loaded.charts["alder-trend"], "brief", stats)[0]
    assert describe(request).alt.endswith("Marked at 2022: The year between, 55%.")
    drawn = draw(plan_chart(loaded, loaded.charts["alder-trend"], "brief", stats))
    assert "The year between, 55%" in drawn.path.read_text()


def test_a_number_typed_into_a_label_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path, labelled('[{year: 2022, text: "Down to 55%"}]'))
    with pytest.raises(BuildError) as caught:
        run_check(project)
    assert any('the number "55%" is typed into the chart\'s label' in p.message
               for p in caught.value.problems)


def test_the_gray_check_matches_a_grayscale_rendering(loaded: Loaded) -> None:
    from press.content.describe import MIN_GRAY_LEVELS, body_fonts, luma
    from press.layout.draw import gray_levels

    project, stats = loaded
    request = request_for(project, project.charts["ma-arrests-by-sex-2013"], "brief", stats)[0]
    colors = {"women": project.brand.palette.women, "men": project.brand.palette.men}
    levels = gray_levels(request, describe(request), colors, body_fonts(project))
    assert abs(levels["women"] - levels["men"]) >= MIN_GRAY_LEVELS
    for name, color in colors.items():  # a mark prints as its colour's gray
        assert levels[name] == pytest.approx(luma(color), abs=1.0)


def test_a_chart_whose_series_merge_in_grayscale_is_refused(tmp_path: Path) -> None:
    # colours far apart in hue, close in luma: a grayscale printer makes them one gray
    project = write_project(tmp_path, brand(('women: "#7A1F3D"', 'women: "#C0392B"'),
                                            ('men: "#8C8A93"', 'men: "#3D7A4F"')))
    with pytest.raises(BuildError) as caught:
        run_check(project)
    assert any(p.message.startswith('chart "alder-split": printed in black and '
                                    "white, its women and men marks come out")
               for p in caught.value.problems), [p.message for p in caught.value.problems]


@pytest.mark.slow
def test_a_chart_two_audiences_show_is_drawn_once_for_each_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A many-places build draws each place's chart once, however many of the place's
    handouts show it (both audiences here show alder-split), in whichever worker makes it."""
    from charts.common import ChartRequest
    from press.core.target import Target
    from press.layout import draw as drawing
    from press.make.build import build_places

    from .projects import ADVOCATES, write_project

    root = write_project(tmp_path / "project", {
        "source/handouts/sample/victim-advocates.yaml":
            ADVOCATES.replace("chart: alder-trend", "chart: alder-split")})
    log = tmp_path / "drawn.txt"
    render = drawing._render_svg

    def counted(request: ChartRequest, description: Description, fonts: list[Path]) -> bytes:
        with log.open("a", encoding="utf-8") as drawn:  # each worker adds its own line
            drawn.write(f"{request.spec.id}: {', '.join(request.places)}\n")
        return render(request, description, fonts)

    monkeypatch.setattr(drawing, "_render_svg", counted)
    reports = build_places(root, Target(places=("all",)), workers=2)
    assert sorted((r.place, r.handouts) for r in reports) == [("Alder County", 2),
                                                               ("Brook County", 2)]
    assert sorted(log.read_text(encoding="utf-8").splitlines()) == [
        "alder-split: Alder County", "alder-split: Brook County"]
