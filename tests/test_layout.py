"""The layout corpus: the seed (judged in test_build's end-to-end test), the HOUSING test
chapter, the HEALTH CARE stress chapter (long figures, long words and accented names, very
short and very long sections, a handout without a chart, a third group) and generated
handouts, every page measured by the press's own judge (press/pdf/pages.py), not compared with pictures.

What a page must be: no glyphs printed over others, nothing outside the text area, every
page of a brief but the last at least half full, a one-page handout without a white band
over a fifth of its text area."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from press.core.sizes import FIGURE_PT
from press.core.target import Target
from press.layout.page_problems import text_areas
from press.layout.typeset import Typeset
from press.make.build import build
from press.pdf.pages import UNDERFILLED, WHITE_BAND, Box, judge

from .conftest import at, errors_from
from .projects import JUDGES, QUOTES, write_project
from .second_chapter import add_second_chapter, add_stress_chapter
from .test_fuzz import SCALE

pytestmark = pytest.mark.slow
TODAY = dt.date(2026, 11, 28)


def _kind(rel: str) -> str:
    return "handout" if rel.startswith("handouts/") else "brief"


def measured_pages(out: Path) -> dict[str, list[dict[str, float]]]:
    """Each document's pages as the build's judge measured them (manifest.json)."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {o["file"]: o["layout"] for o in manifest["outputs"]
            if o["kind"] in ("brief", "handout")}


def assert_pages_sound(out: Path, warnings: list[str] | None = None) -> None:
    """Judge every PDF in `out` again from its bytes, and hold the build's measurements to
    the corpus's rules. A handout whose words are too few to fill its page (after it was
    given more room) may leave a white band only where the build said so (`warnings`)."""
    pages = measured_pages(out)
    assert pages, "the build judged no document"
    for rel, layout in pages.items():
        assert layout, f"{rel}: no measurement"
        for page in layout[:-1]:
            assert page["fill"] >= UNDERFILLED, f"{rel}: page {page['page']} is {page['fill']:.0%} full"
        if _kind(rel) == "handout":
            said = [w for w in warnings or [] if "of its page white" in w
                    and f"/{rel.split('/')[-1].removesuffix('.pdf').split('-', 1)[1]}.yaml" in w]
            assert len(layout) == 1 and (layout[0]["band"] <= WHITE_BAND or said), (rel, layout)
        seen = judge((out / rel).read_bytes(), [], text_areas(_kind(rel), "letter"))
        bad = [f for f in seen.findings if f.kind in ("overprint", "outside")]
        assert not bad, (rel, bad)
    for packet in out.glob("*-packet.pdf"):  # the packet's pages, judged as they are
        seen = judge(packet.read_bytes(), [], [Box(0, 0, 612, 792)])
        assert not [f for f in seen.findings if f.kind == "overprint"], packet


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The small sample project (tests/projects.py) a test lays a chapter over."""
    return write_project(tmp_path / "project")


@pytest.fixture(scope="module")
def stressed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The sample project with the HEALTH CARE stress chapter laid over it, built once:
    its root and the build's messages."""
    root = add_stress_chapter(write_project(tmp_path_factory.mktemp("stress")))
    result = build(root, Target(date=TODAY))
    return root, [p.format() for p in result.problems.items]


def test_the_second_chapter_pages_are_sound(project: Path) -> None:
    add_second_chapter(project)
    result = build(project, Target(date=TODAY))
    assert_pages_sound(project / "out", [p.format() for p in result.problems.items])


def test_the_stress_chapter_pages_are_sound(stressed: tuple[Path, list[str]]) -> None:
    project, said = stressed
    out = project / "out"
    assert_pages_sound(out, said)
    from .test_build import text_of

    text = text_of(out / "health-care-brief.pdf")
    assert "87.8%" in text and "1,234,567" in text and "100%" in text
    assert "§ 2-201" in text  # the no-break space reads as a space
    # a handout without a chart gives its room to its words: a bigger headline
    clinicians = out / "handouts" / "health-care-clinicians.pdf"
    sizes = _sizes(clinicians, "One question")
    assert sizes and max(sizes) > 25.5, sizes


def _sizes(pdf: Path, words: str) -> list[float]:
    """The type sizes of the runs that start with `words`."""
    from press.pdf.pages import read_pages

    return [run.size for page in read_pages(pdf.read_bytes()) for run in page.runs
            if run.text.startswith(words)]


def test_a_figure_too_wide_for_its_column_is_set_smaller(stressed: tuple[Path, list[str]]
                                                         ) -> None:
    project, _ = stressed
    handout = project / "out" / "handouts" / "health-care-clinicians.pdf"
    own = FIGURE_PT["single"]  # a sparse handout: its one column's figure beside its words
    assert max(_sizes(handout, "87.8%")) == pytest.approx(own, abs=0.5)  # fits at its size
    assert max(_sizes(handout, "1,234,567")) < own  # made to fit its column


LONG_QUOTE = ("When I was ready, I knew who to call because someone had been patient with me. "
              "She kept showing up, week after week, and never once made me feel like I owed "
              "her anything for it. That is what made the difference, for me and my kids.")
# the sample's handout for judges with one action and no chart
ONE_ACTION = JUDGES.replace("chart: alder-split\n", "").replace(
    "  - step: connect\n    text: Favor connection to services over incarceration.\n", "")


def _long_quote() -> str:
    quotes = QUOTES.replace('"When I was ready, I knew who to call because someone had been '
                            'patient with me."', f'"{LONG_QUOTE}"')
    assert LONG_QUOTE in quotes
    return quotes


def test_a_sparse_handout_takes_the_one_column_made_for_it(tmp_path: Path) -> None:
    """One action and no chart (and a long quote): in two columns the page's lower third and half its left
    column were white, and the quote ran to 8 lines in the narrow column. In its own
    column: no white band over 15% of the text area, the quote in 5 lines or fewer, its
    statistic and headline larger."""
    assert "chart:" not in ONE_ACTION and ONE_ACTION.count("- step:") == 1
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": ONE_ACTION,
                                    "source/quotes.yaml": _long_quote()})
    result = build(root, Target(date=TODAY))
    out = root / "out"
    assert_pages_sound(out, [p.format() for p in result.problems.items])
    sparse = measured_pages(out)["handouts/sample-judges.pdf"][0]
    assert sparse["band"] <= 0.15 and 0 < sparse["quote_lines"] <= 5, sparse
    assert not [p for p in result.problems.items if "of its page white" in p.message]
    judges = out / "handouts" / "sample-judges.pdf"
    assert max(_sizes(judges, "40%")) > 60 and max(_sizes(judges, "From the bench")) > 28
    # a handout with a chart fills its two columns: laid out as before
    advocates = out / "handouts" / "sample-victim-advocates.pdf"
    assert max(_sizes(advocates, "50%")) == pytest.approx(54, abs=0.5)


def test_a_handout_of_words_and_a_quote_alone_is_laid_out(tmp_path: Path) -> None:
    """No statistics (`stats:` left out) and no chart: the one-column layout made for little
    content takes it, on one page the judge finds sound (issue 23, point 5)."""
    words_alone = JUDGES.replace("stats: [providers-trained]\n", "").replace(
        "chart: alder-split\n", "")
    assert "stats:" not in words_alone and "chart:" not in words_alone
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": words_alone})
    result = build(root, Target(date=TODAY))
    out = root / "out"
    assert_pages_sound(out, [p.format() for p in result.problems.items])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    judges = next(o for o in manifest["outputs"] if o["file"] == "handouts/sample-judges.pdf")
    assert judges["pages"] == 1 and judges["statistics"] == [] and judges["quotes"], judges


def test_fit_names_the_block_of_the_taller_column(tmp_path: Path) -> None:
    """Seen: "the why text is where to cut" for a handout whose why is 6 lines and whose side
    column (two statistics and a long quote) ran past the foot, pushing the chart down."""
    why = ("A criminal record blocks housing, work and custody of her kids. Judges can shape "
           "whether court is the end of the road or the start of a way out. ") * 3
    judges = (JUDGES.split("why:")[0] + f"why: {why.strip()}\nactions:"
              + JUDGES.split("actions:")[1]).replace(
        "stats: [providers-trained]", "stats: [providers-trained, brook-women-share]")
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": judges,
                                    "source/quotes.yaml": _long_quote()})
    errors = errors_from(lambda: build(root, Target(date=TODAY)))
    assert len(errors) == 1 and errors[0].startswith(
        f"{at(root, 'source/handouts/sample/judges.yaml', 'quote: rosa-ready', 'rosa')}: error: "
        "the handout for judges does not fit on one page even with tighter spacing and 9.5 pt "
        "type: it is "), errors
    assert "the quote is where to cut Fix: use a shorter quote, or one statistic" in errors[0]


WORDS = st.sampled_from(["clinic", "Zoë", "Nguyễn-Bérubé", "internationalization",
                         "trauma-informed", "§ 2-201", "her.", "87.8%", "counter-trafficking",
                         "multidisciplinary", "a", "of", "coordination", "d'Arcy's"])


def generated_handout(project: Path, headline: list[str], why: list[str], quote: list[str],
                      chart: bool) -> Typeset | None:
    """The judges' handout with these words (and with or without its chart), typeset as a
    build would; None where the sources refuse the words (checked elsewhere)."""
    import yaml

    from press.content.compose import Composer
    from press.content.compute import compute_stats
    from press.layout.typeset import Job
    from press.source.load import load_project

    key, rel = "sample/judges", "source/handouts/sample/judges.yaml"
    handout = yaml.safe_load((project / rel).read_text(encoding="utf-8"))
    handout["headline"] = " ".join(headline).capitalize() + "."
    handout["why"] = " ".join(why).capitalize() + "."
    if not chart:
        handout.pop("chart", None)
    (project / rel).write_text(yaml.safe_dump(handout, allow_unicode=True, sort_keys=False),
                               encoding="utf-8")
    quotes = yaml.safe_load((project / "source/quotes.yaml").read_text(encoding="utf-8"))
    next(q for q in quotes if q["id"] == handout["quote"])["text"] = " ".join(quote)
    (project / "source/quotes.yaml").write_text(
        yaml.safe_dump(quotes, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded, problems = load_project(project)
    if problems.errors:
        return None
    stats, _ = compute_stats(loaded)
    view = Composer(loaded, stats, "screen", TODAY).handout(key, loaded.handouts[key])
    return Job(loaded, stats, "screen", TODAY, None, "2026-01-01").run(view)


def assert_handout_sound(result: Typeset) -> None:
    """Laid out with no glyph over another and nothing outside its text area, or refused
    with the block that does not fit."""
    if result.output is None:
        assert result.failures and all("does not fit" in p.message for p in result.failures), \
            [p.format() for p in result.failures]
        return
    assert len(result.output.facts.layout) == 1
    seen = judge(result.output.data, [], text_areas("handout", "letter"), one_page=True)
    assert not [f for f in seen.findings if f.kind in ("overprint", "outside")]


def test_a_handout_of_other_words_is_typeset(project: Path) -> None:
    result = generated_handout(project, ["Zoë's", "clinic", "is", "a", "door"],
                               ["Nguyễn-Bérubé", "asked", "her", "under", "§ 2-201"] * 4,
                               ["I", "didn't", "know", "I", "could", "say", "it"], chart=False)
    assert result is not None and result.output is not None, result
    assert_handout_sound(result)


@settings(max_examples=max(3, int(12 * SCALE)), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(headline=st.lists(WORDS, min_size=1, max_size=14),
       why=st.lists(WORDS, min_size=3, max_size=60),
       quote=st.lists(WORDS, min_size=1, max_size=30), chart=st.booleans())
def test_a_generated_handout_never_overprints(project: Path, headline: list[str],
                                              why: list[str], quote: list[str],
                                              chart: bool) -> None:
    """Any words: no glyph over another, nothing outside the text area, or a refusal that
    names the block that does not fit."""
    result = generated_handout(project, headline, why, quote, chart)
    if result is not None:
        assert_handout_sound(result)


def _lines(html: str) -> list[str]:
    """The lines WeasyPrint sets `html` in, as text."""
    import weasyprint

    found: list[str] = []

    def text(box: object) -> str:
        return str(getattr(box, "text", "")) + "".join(
            text(child) for child in getattr(box, "children", []))

    def walk(box: object) -> None:
        if type(box).__name__ == "LineBox":
            found.append(text(box))
        for child in getattr(box, "children", []):
            walk(child)

    walk(weasyprint.HTML(string=html).render().pages[0]._page_box)
    return found


def test_a_citation_number_never_starts_a_line_alone() -> None:
    """Where the words fill the line, WeasyPrint broke before the citation's superscript
    and set its number alone on the next line (a Spanish statistic's meaning did); the
    press joins the number to its words."""
    from press.content.markup import citation

    words = "Las mujeres representaron el 70% de los arrestos por prostitución en Massachusetts."
    for width in range(200, 320, 3):
        lines = _lines(f'<p style="width: {width}px; font: 14px sans-serif; margin: 0">'
                       f"{words}{citation(1)}</p>")
        assert all(line.replace("\u2060", "").strip() != "1" for line in lines), (width, lines)
    macros = Path(__file__).parents[1] / "layouts" / "macros.html"
    assert "{{ s.ref | citation }}" in macros.read_text(encoding="utf-8")  # a statistic's
