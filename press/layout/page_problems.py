"""What the judge saw, said as staff read it: each finding at the line of the block it
names, in the file the block came from (press/pdf/pages.py does the measuring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from press.content.compose import BlockView, DocumentView
from press.content.compute import StatValue
from press.content.describe import ChartFile
from press.content.fits import block_loc, words
from press.core import sizes
from press.core.manifest import BlockBox
from press.core.problems import Problem
from press.core.target import PROFILES
from press.pdf.pages import Box, Finding, Judgement, Region, judge, unprinted
from press.source.load import Project

if TYPE_CHECKING:
    from weasyprint import Document

BLOCK_WORDS = {"heading": "the heading", "paragraph": "the paragraph", "quote": "the quote",
               "stat": "the statistic", "chart": "the chart", "steps": "the steps",
               "roles": "the roster"}


def text_areas(kind: str, paper: str, rules: sizes.Rules = sizes.OWN) -> list[Box]:
    """Each page's text area, in points from the trim's corner: the first page's, then the
    one every later page has (a funder's `rules` may make the margins wider)."""
    width, height = sizes.PAPER[paper]
    names = ["brief-cover", "brief"] if kind == "brief" else [kind]
    inch = sizes.INCH
    return [Box(m.left * inch, m.top * inch, (width - m.right) * inch, (height - m.bottom) * inch)
            for m in (sizes.margins(name, rules) for name in names)]


def last_page_fill(rendered: Document, kind: str, paper: str,
                   rules: sizes.Rules = sizes.OWN) -> float:
    """How far down its text area the layout filled the last page (a share)."""
    from press.layout.render import regions

    last = len(rendered.pages) - 1
    area = text_areas(kind, paper, rules)[min(last, 1 if kind == "brief" else 0)]
    bottoms = [r.box.bottom for r in regions(rendered) if r.page == last]
    return (max(bottoms) - area.top) / (area.bottom - area.top) if bottoms else 0.0


def judged(project: Project, view: DocumentView, rendered: Document, pdf: bytes,
           profile: str, stats: Mapping[str, StatValue], rules: sizes.Rules = sizes.OWN
           ) -> tuple[Judgement, list[Problem]]:
    """Judge a rendered document's pages; the findings as located problems, and what the
    document says twice (a figure on one page or spread, a quote anywhere in it)."""
    from press.layout.render import regions

    bleed = sizes.BLEED_IN * sizes.INCH if PROFILES[profile].bleed else 0.0
    laid = regions(rendered, bleed)
    result = judge(pdf, laid, text_areas(view.kind, project.settings.paper, rules),
                   one_page=view.kind == "handout")
    problems = [*_cover(project, view, laid)] or [
        _problem(project, view, finding, laid, len(result.pages))
        for finding in _once(result.findings)]
    return result, [*(replace(p, topic="layout") for p in problems),
                    *(replace(p, topic="style") for p in repeats(project, view, laid, stats)),
                    *(replace(p, topic="layout")
                      for p in notes_unprinted(project, view, laid, result.texts))]


def _charts(view: DocumentView) -> list[tuple[str, ChartFile]]:
    """Each chart a document prints, with the block it is laid out in."""
    if view.kind == "handout":
        return [("chart", chart) for chart in view.charts]
    found = []
    for index, block in enumerate(view.blocks, 1):
        if block.chart is not None:
            chart = next(c for c in view.charts if block.chart and c.id == block.chart.id)
            found.append((f"block-{index}", chart))
    return found


def notes_unprinted(project: Project, view: DocumentView, laid: Sequence[Region],
                    texts: Sequence[str]) -> list[Problem]:
    """Each chart's source line and notes (every disclosure its data asks for: rows not
    recorded, a gap, few rows, a share of 0% or 100%, the total) that its page does not
    print whole: an error, since a note cut short or left off hides what the figures need
    said beside them."""
    doc = project.docs[view.source]
    found = []
    for block, chart in _charts(view):
        pages = sorted({r.page for r in laid if r.name == block}) or list(range(len(texts)))
        text = "".join(texts[page] for page in pages if page < len(texts))
        for note in unprinted(text, chart.notes()):
            found.append(doc.problem(
                loc(view, block), f'{named(view, block)} (chart "{chart.id}") does not print '
                f'its note "{_short(note, 60)}" whole on its page', "report it: the press "
                "draws a chart as tall as its notes need; until it is mended, leave the chart "
                "out of this document"))
    return found


def _cover(project: Project, view: DocumentView, laid: Sequence[Region]) -> list[Problem]:
    """A brief's cover is one page: a quote or lede too long for it is an error (what would
    follow it, page after page, is not worth measuring)."""
    if view.kind != "brief":
        return []
    over = sorted({r.name for r in laid if r.page > 0 and r.name in ("cover-quote", "lede",
                                                                       "chapter", "cover")})
    if not over:
        return []
    block = "cover-quote" if view.cover_quote else "lede"
    doc = project.docs[view.source]
    return [doc.problem(loc(view, block), "the cover does not hold its words on one page: "
                        f"{named(view, block)} and the lede run onto the next page",
                        "use a shorter cover quote (a sentence or two) or lede")]


# --- what a document says twice ---------------------------------------------------------

def _spread(page: int) -> int:
    """The spread a page (0-based) is read in: the cover alone, then pages 2-3, 4-5..."""
    return 0 if page == 0 else (page + 1) // 2


def _said(view: DocumentView) -> list[tuple[str, str, str]]:
    """What each block states: (block, "callout" | "text", statistic id), and (block,
    "chart", chart id)."""
    said: list[tuple[str, str, str]] = []
    if view.kind == "handout":
        said += [("why", "text", s) for s in view.why_stats]
        said += [(f"stat-{i}", "callout", s.id) for i, s in enumerate(view.stat_views, 1)]
        said += [("chart", "chart", view.chart.id)] if view.chart else []
        return said
    for i, block in enumerate(view.blocks, 1):
        name = f"block-{i}"
        said += [(name, "text", s) for s in block.text_stats]
        said += [(name, "callout", block.stat.id)] if block.stat else []
        said += [(name, "chart", block.chart.id)] if block.chart else []
    return said


def _same_fact(stat: StatValue, what: str, ident: str, view: DocumentView) -> bool:
    """Whether a block states the statistic again: the same statistic in text or callout,
    or a chart whose words state its figure for its place and period."""
    if what != "chart":
        return ident == stat.id
    chart = view.chart if view.kind == "handout" else next(
        b.chart for b in view.blocks if b.chart and b.chart.id == ident)
    assert chart is not None
    return all(part in chart.alt for part in (stat.display, stat.jurisdiction, stat.period))


def repeats(project: Project, view: DocumentView, laid: Sequence[Region],
            stats: Mapping[str, StatValue]) -> list[Problem]:
    """A statistic's callout whose figure is printed again on its page or spread (in text,
    another callout or a chart), and a quote used twice in the document: warnings."""
    spread = {r.name: _spread(r.page) for r in sorted(laid, key=lambda r: -r.page)}
    said = _said(view)
    doc = project.docs[view.source]
    found: list[Problem] = []
    for block, what, ident in said:
        if what != "callout":
            continue
        stat = stats[ident]
        for other, kind, other_id in said:
            if other == block or spread.get(other) != spread.get(block) or \
                    not _same_fact(stat, kind, other_id, view):
                continue
            where = "page" if view.kind == "handout" else "spread"
            found.append(doc.problem(loc(view, block), f'the figure {stat.display} ({ident}) is '
                                     f"printed twice on one {where}: in {named(view, block)} and "
                                     f"in {named(view, other)}",
                                     "say it once: let the other block show what the figure "
                                     "does not (another year, place or measure), or leave one "
                                     "out", severity="warning"))
            break
    return found + _quoted_twice(project, view)


def _quoted_twice(project: Project, view: DocumentView) -> list[Problem]:
    if view.kind != "brief":
        return []
    doc = project.docs[view.source]
    used = [("cover-quote", view.cover_quote.id)] if view.cover_quote else []
    used += [(f"block-{i}", b.quote.id) for i, b in enumerate(view.blocks, 1) if b.quote]
    found = []
    for index, (block, quote) in enumerate(used):
        first = next(b for b, q in used[:index + 1] if q == quote)
        if first != block:
            found.append(doc.problem(loc(view, block), f'the quote "{quote}" is used twice in '
                                     f"the brief: in {named(view, first)} and in "
                                     f"{named(view, block)}", "use another quote in one of "
                                     "them (a voice heard once is heard)", severity="warning"))
    return found


def _once(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per kind, page and pair of blocks (a figure over a line is one)."""
    seen: dict[tuple[str, int, tuple[str, ...]], Finding] = {}
    for finding in findings:
        key = (finding.kind, finding.page, finding.blocks)
        old = seen.get(key)
        if old is None or (finding.kind == "near") != (finding.measure > old.measure):
            seen[key] = finding
    return list(seen.values())


def block_boxes(view: DocumentView, laid: Sequence[Region]) -> list[BlockBox]:
    """Each marked block's box on its page and the field it comes from (headings of the
    layout's own, with no field, left out)."""
    merged: dict[tuple[int, str], Box] = {}
    for r in laid:  # a block's own heading is in its box: one box per block and page
        old = merged.get((r.page, r.name))
        merged[(r.page, r.name)] = r.box if old is None else Box(
            min(old.left, r.box.left), min(old.top, r.box.top), max(old.right, r.box.right),
            max(old.bottom, r.box.bottom))
    found = [BlockBox(page, round(box.left, 1), round(box.top, 1), round(box.right, 1),
                      round(box.bottom, 1), name, ".".join(map(str, loc(view, name))))
             for (page, name), box in merged.items()]
    return [b for b in found if b.field]  # a heading of the layout's own names no field


def loc(view: DocumentView, block: str) -> tuple[int | str, ...]:
    """Where a marked block comes from in the document's YAML."""
    if view.kind == "handout":
        return block_loc(block)
    parts = block.split("-")
    if parts[0] == "block" and parts[1:] and parts[1].isdigit():
        where: tuple[int | str, ...] = ("blocks", int(parts[1]) - 1)
        return (*where, "items", int(parts[2]) - 1) if len(parts) > 2 else where
    return {"cover-quote": ("cover", "quote"), "lede": ("cover", "lede"),
            "about": ("about",), "chapter": ("chapter",), "cover": ("cover",)}.get(block, ())


def named(view: DocumentView, block: str) -> str:
    """How a message names a block: "the statistic stat-2", "the chart (block 5)"."""
    if not block:
        return "text outside any marked block"
    if view.kind == "handout":
        return words([block])
    parts = block.split("-")
    if parts[0] == "block" and parts[1:] and parts[1].isdigit():
        index = int(parts[1]) - 1
        found: BlockView = view.blocks[index]
        what = BLOCK_WORDS.get(found.type, found.type)
        item = f", item {parts[2]}" if len(parts) > 2 else ""
        ident = (found.stat.id if found.stat else found.chart.id if found.chart else
                 found.quote.id if found.quote else found.id)
        return f"{what}{f' {ident}' if ident else ''} (block {index + 1}{item})"
    return {"cover-quote": "the cover's quote", "lede": "the cover's lede",
            "references": "the references", "about": "the about text",
            "chapter": "the chapter's name", "cover": "the cover",
            "h1": "a heading", "h2": "a heading", "h3": "a heading"}.get(block, block)


def _problem(project: Project, view: DocumentView, finding: Finding, laid: Sequence[Region],
             pages: int) -> Problem:
    block = next((b for b in finding.blocks if b), "")
    if finding.kind == "underfilled":  # the block that would not fit is the one to name
        block = _first_on(laid, finding.page) or ""
    message, fix = _words(view, finding, pages, block)
    doc = project.docs[view.source]
    return doc.problem(loc(view, block), message, fix, severity=finding.severity)


def _first_on(laid: Sequence[Region], page: int) -> str | None:
    """The first marked block the layout put on `page` (1-based: the page after)."""
    later = [r for r in laid if r.page == page and not r.heading]
    return min(later, key=lambda r: r.box.top).name if later else None


def _words(view: DocumentView, finding: Finding, pages: int, block: str) -> tuple[str, str]:
    page = f"page {finding.page} of {pages}" if pages > 1 else "the page"
    what = f"the {view.kind}"
    if finding.kind in ("overprint", "near"):
        first, second = (named(view, b) for b in finding.blocks)
        said = (f'"{_short(finding.words[0])}" and "{_short(finding.words[1])}" (both '
                f"{first})" if first == second else f'"{_short(finding.words[0])}" ({first}) '
                f'and "{_short(finding.words[1])}" ({second})')
        if finding.kind == "overprint":
            return (f"on {page} of {what}, {said} print over each other "
                    f"({finding.measure:g} pt)",
                    "shorten the longer of the two (a figure, a long word or name); if "
                    "neither can change, report it: the layout should make room")
        return (f"on {page} of {what}, {said} nearly touch ({finding.measure:g} pt apart)",
                "shorten one of them, or report it: the layout should keep them apart")
    if finding.kind == "outside":
        return (f'on {page} of {what}, "{_short(finding.words[0])}" ({named(view, block)}) runs '
                f"{finding.measure:g} pt past the text area",
                "shorten the word or name, or break it with a hyphen where it may break")
    if finding.kind == "underfilled":
        return (f"{page} of {what} is only {finding.measure:.0%} full: "
                f"{named(view, block)} did not fit below and starts the next page",
                "shorten the text before it, or let this block be smaller (a shorter quote "
                "or list), so the page fills")
    if finding.kind == "band":
        return (f"{what} leaves {finding.measure:.0%} of its page white in one band",
                "add a chart or a second statistic, or a longer why text")
    return (f"on {page} of {what}, the heading of {named(view, block)} ends the page and its "
            "text starts the next", "shorten the text before it by a few lines")


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "\u2026"
