"""Between compute and render: the view of each document, ready for its template.

Citations are numbered in order of first use; quotes are checked against their consent
for the profile's use; every figure is already formatted. Templates only place things.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from . import cite, markup
from .compute import StatValue
from .consent import PROFILE_USE, consent_problem
from .describe import ChartFile, plan_chart
from .load import Project
from .schema import (
    Brief,
    ChartBlock,
    Handout,
    HeadingBlock,
    ParagraphBlock,
    QuoteBlock,
    StatBlock,
    StepsBlock,
)


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str
    speaker: str
    role: str


@dataclass(frozen=True)
class StatView:
    id: str
    figure: str
    meaning: str
    context: str
    ref: int


@dataclass(frozen=True)
class ChartView:
    id: str
    src: str
    alt: str
    title: str
    ref: int


@dataclass
class DocumentView:
    """One PDF's content: what the template places, and what the manifest records."""

    kind: str
    slug: str
    title: str
    description: str
    chapter: str
    file: str = ""  # where it is written, under out/
    source: str = ""  # the docs key of the YAML it came from, e.g. handout/judges
    blocks: list[dict[str, Any]] = field(default_factory=list)
    references: list[cite.Entry] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    stats: list[str] = field(default_factory=list)
    charts: list[ChartFile] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)  # whose data it prints (grant attaches them)
    extra: dict[str, Any] = field(default_factory=dict)


def handout_file(key: str) -> str:
    """"law-enforcement/judges" -> "handouts/law-enforcement-judges.pdf"; the chapter is
    never repeated, even when the file's own name starts with it."""
    chapter, audience = key.split("/", 1)
    return f"handouts/{chapter}-{audience.removeprefix(chapter + '-')}.pdf"


class ConsentError(ValueError):
    pass


def _remember(used: list[str], item_id: str) -> None:
    """Record that a document uses `item_id`, once, in order of first use (for the manifest)."""
    if item_id not in used:
        used.append(item_id)


@dataclass
class Composer:
    """Builds document views for one profile and build date."""

    project: Project
    stats: dict[str, StatValue]
    profile: str
    today: dt.date
    jurisdiction: str | None = None

    def _quote(self, quote_id: str, document: DocumentView) -> QuoteView:
        quote = self.project.quotes[quote_id]
        reason = consent_problem(quote, PROFILE_USE[self.profile], self.today)
        if reason:
            raise ConsentError(f'the quote "{quote_id}" ({quote.speaker}) cannot be used in '
                               f"the {self.profile} {document.kind} \"{document.slug}\": {reason}")
        anonymous = quote.consent is not None and quote.consent.attribute_as == "survivor"
        _remember(document.quotes, quote_id)
        return QuoteView(quote_id, quote.text, "" if anonymous else quote.speaker,
                         "Survivor" if anonymous else quote.role)

    def _numberer(self, document: DocumentView) -> Callable[[str], int]:
        order: list[str] = []

        def number(ref_id: str) -> int:
            if ref_id not in order:
                order.append(ref_id)
            return order.index(ref_id) + 1

        document.extra["ref_order"] = order
        return number

    def _stat(self, stat_id: str, document: DocumentView, number: Callable[[str], int]) -> StatView:
        value = self.stats[stat_id]
        _remember(document.stats, stat_id)
        if value.dataset:
            _remember(document.datasets, value.dataset)
        return StatView(stat_id, value.display, markup.typeset(value.meaning), value.context,
                        number(value.reference))

    def _chart(self, chart_id: str, size: str, document: DocumentView,
               number: Callable[[str], int]) -> ChartView:
        drawn = plan_chart(self.project, self.project.charts[chart_id], size, self.stats)
        document.charts.append(drawn)
        _remember(document.datasets, self.project.charts[chart_id].dataset)
        ref = number(drawn.reference)
        return ChartView(chart_id, drawn.path.as_uri(), drawn.description.alt,
                         drawn.description.title, ref)

    def _text(self, text: str, document: DocumentView, number: Callable[[str], int]) -> Markup:
        def stat(stat_id: str) -> tuple[str, str]:
            _remember(document.stats, stat_id)
            value = self.stats[stat_id]
            if value.dataset:
                _remember(document.datasets, value.dataset)
            return value.display, value.reference

        return markup.to_html(text, number, stat)

    def _finish(self, document: DocumentView) -> DocumentView:
        order = document.extra.pop("ref_order")
        document.references = cite.bibliography(order, self.project.references)
        return document

    def brief(self, slug: str, brief: Brief) -> DocumentView:
        document = DocumentView("brief", slug, brief.title, brief.description, brief.chapter,
                                f"{slug}-brief.pdf", f"brief/{slug}")
        number = self._numberer(document)
        cover = brief.cover
        document.extra["cover_quote"] = self._quote(cover.quote, document) if cover.quote else None
        document.extra["lede"] = markup.typeset(cover.lede)
        for block in brief.blocks:
            view: dict[str, Any] = {"type": block.type}
            if isinstance(block, HeadingBlock | ParagraphBlock):
                view["html"] = self._text(block.text, document, number)
            elif isinstance(block, QuoteBlock):
                view["quote"] = self._quote(block.quote, document)
            elif isinstance(block, StatBlock):
                view["stat"] = self._stat(block.stat, document, number)
            elif isinstance(block, ChartBlock):
                view["chart"] = self._chart(block.chart, "brief", document, number)
            else:
                view.update(id=block.id, heading=block.heading, intro=markup.typeset(block.intro),
                            entries=[{"id": i.id, "title": getattr(i, "title", ""),
                                      "name": getattr(i, "name", ""),
                                      "text": markup.typeset(getattr(i, "text", ""))}
                                     for i in block.items])
            document.blocks.append(view)
        document.extra["about"] = markup.typeset(brief.about)
        return self._finish(document)

    def handout(self, key: str, handout: Handout, leave_out: set[str] | None = None
                ) -> DocumentView:
        """The handout's view; `leave_out` names optional blocks to leave out to fit."""
        leave_out = leave_out or set()
        chapter = handout.chapter or key.split("/", 1)[0]
        brief = self.project.briefs[chapter]
        steps = {item.id: item for block in brief.blocks if isinstance(block, StepsBlock)
                 for item in block.items}
        place = f", {self.jurisdiction}" if self.jurisdiction else ""
        document = DocumentView(
            "handout", key, f"{brief.chapter.title()}: for {handout.audience.lower()}{place}",
            handout.headline, brief.chapter, handout_file(key), f"handout/{key}")
        number = self._numberer(document)
        extra = document.extra
        extra["audience"] = handout.audience
        extra["place"] = self.jurisdiction
        extra["headline"] = markup.typeset(handout.headline)
        extra["why"] = self._text(handout.why, document, number)
        extra["stats"] = [self._stat(s, document, number) for i, s in enumerate(handout.stats, 1)
                          if f"stat-{i}" not in leave_out]
        extra["actions"] = [{"step": steps[a.step].title, "text": markup.typeset(a.text)}
                            for i, a in enumerate(handout.actions, 1)
                            if f"action-{i}" not in leave_out]
        extra["quote"] = (self._quote(handout.quote, document) if "quote" not in leave_out
                          else None)
        extra["chart"] = (self._chart(handout.chart, "handout", document, number)
                          if handout.chart and "chart" not in leave_out else None)
        extra["about"] = markup.typeset(brief.about)
        return self._finish(document)
