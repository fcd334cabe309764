"""Compose: the view of each document, typed, ready for its template.

Citations are numbered in order of first use; quotes are checked against their consent
for the profile's use; every figure is already formatted; charts are planned (their SVG is
drawn later). Templates only place things: every field a template may use is declared here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from press.content import cite, markup
from press.content.compute import StatValue
from press.content.consent import PROFILE_USE, consent_problem
from press.content.describe import ChartFile, plan_chart
from press.core.names import brief_file, handout_file
from press.core.problems import PressError
from press.source import catalogue
from press.source.load import Project
from press.source.schema import (
    Brief,
    ChartBlock,
    Handout,
    HeadingBlock,
    ParagraphBlock,
    QuoteBlock,
    RolesBlock,
    StatBlock,
    StepsBlock,
)


@dataclass(frozen=True)
class QuoteView:
    id: str
    text: str
    speaker: str
    role: str  # "Survivor" where she is not named (the layout prints its label)
    note: str = ""  # in another edition: "translated", or "original" (printed as she said it)


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


@dataclass(frozen=True)
class EntryView:
    """A step toward change (title, text) or a role of the roster (name)."""

    id: str
    title: str = ""
    name: str = ""
    text: str = ""


@dataclass(frozen=True)
class BlockView:
    """One block of a brief's body; `type` says which of the fields it fills."""

    type: str  # heading, paragraph, quote, stat, chart, steps, roles
    html: Markup = field(default_factory=Markup)
    quote: QuoteView | None = None
    stat: StatView | None = None
    chart: ChartView | None = None
    id: str = ""
    heading: str = ""
    intro: str = ""
    entries: tuple[EntryView, ...] = ()
    text_stats: tuple[str, ...] = ()  # the statistics its running text prints ([stat:id])


@dataclass(frozen=True)
class ActionView:
    step: str
    text: str


@dataclass
class DocumentView:
    """One PDF's content: what its template places, and what the manifest records of it.

    A brief fills cover_quote, lede and blocks; a handout fills audience to chart."""

    kind: str  # brief or handout
    slug: str
    title: str
    description: str
    chapter: str
    file: str = ""  # where it is written, under out/
    source: str = ""  # the docs key of the YAML it came from, e.g. handout/law-enforcement/judges
    about: str = ""
    references: list[cite.Entry] = field(default_factory=list)
    # a brief
    cover_quote: QuoteView | None = None
    lede: str = ""
    blocks: list[BlockView] = field(default_factory=list)
    # a handout
    audience: str = ""
    place: str | None = None
    headline: str = ""
    why: Markup = field(default_factory=Markup)
    why_stats: tuple[str, ...] = ()  # the statistics the why text prints ([stat:id])
    actions: list[ActionView] = field(default_factory=list)
    stat_views: list[StatView] = field(default_factory=list)
    quote: QuoteView | None = None
    chart: ChartView | None = None
    # what went into it, for the manifest and the build's inputs
    quotes: list[str] = field(default_factory=list)
    stats: list[str] = field(default_factory=list)
    charts: list[ChartFile] = field(default_factory=list)
    datasets: list[str] = field(default_factory=list)  # whose data it prints (grant attaches them)
    ref_order: list[str] = field(default_factory=list, repr=False)
    learn_more: LinkView | None = None  # "Learn more at:", when the brand sets an address


@dataclass(frozen=True)
class LinkView:
    """An address printed in full, with a QR code of it (vector SVG) for phones."""

    url: str
    label: str  # the address as printed (without https://)
    qr: Markup


def link_view(url: str, color: str) -> LinkView | None:
    """The "Learn more at:" link, or None when no address is set. The code is drawn as
    vector paths by segno (sharp at any print size), with the four-module quiet zone a
    reader needs; its title is the figure's alternative text."""
    if not url:
        return None
    import segno

    label = url.removeprefix("https://")
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, dark=color, omitsize=True, svgclass="qr",
                          title=f"QR code for {label}")
    return LinkView(url, label, Markup(svg))


class ConsentError(PressError):
    """A quote that may not be used where the content puts it; the message says why."""


def _remember(used: list[str], item_id: str) -> None:
    """Record that a document uses `item_id`, once, in order of first use (for the manifest)."""
    if item_id not in used:
        used.append(item_id)


@dataclass
class Composer:
    """Builds document views for one profile, build date and (optionally) place."""

    project: Project
    stats: dict[str, StatValue]
    profile: str
    today: dt.date
    jurisdiction: str | None = None

    def _quote(self, quote_id: str, document: DocumentView) -> QuoteView:
        quote = self.project.quotes[quote_id]
        reason = consent_problem(quote, PROFILE_USE[self.profile], self.today)
        if reason:
            profile = "print-run" if self.profile == "sheets" else self.profile
            raise ConsentError(f'the quote "{quote_id}" ({quote.speaker}) cannot be used in '
                               f"the {profile} {document.kind} \"{document.slug}\": {reason}")
        anonymous = quote.consent is not None and quote.consent.attribute_as == "survivor"
        _remember(document.quotes, quote_id)
        note = ("" if not self.project.edition else "translated" if quote_id in
                self.project.quotes_translated else "original")
        return QuoteView(quote_id, quote.text, "" if anonymous else quote.speaker,
                         "Survivor" if anonymous else quote.role, note)

    @staticmethod
    def _numberer(document: DocumentView) -> Callable[[str], int]:
        def number(ref_id: str) -> int:
            _remember(document.ref_order, ref_id)
            return document.ref_order.index(ref_id) + 1

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
        planned = plan_chart(self.project, self.project.charts[chart_id], size, self.stats)
        document.charts.append(planned)
        _remember(document.datasets, self.project.charts[chart_id].dataset)
        ref = number(planned.reference)
        # a link from layouts/ (the pages' base): the same wherever the project is
        src = "../" + planned.path.relative_to(self.project.root).as_posix()
        return ChartView(chart_id, src, planned.description.alt,
                         planned.description.title, ref)

    def _text(self, text: str, document: DocumentView, number: Callable[[str], int]) -> Markup:
        def stat(stat_id: str) -> tuple[str, str]:
            _remember(document.stats, stat_id)
            value = self.stats[stat_id]
            if value.dataset:
                _remember(document.datasets, value.dataset)
            return value.display, value.reference

        return markup.to_html(text, number, stat)

    def _learn_more(self) -> LinkView | None:
        brand = self.project.brand
        return link_view(brand.learn_more_url, brand.palette.ink)

    def _finish(self, document: DocumentView) -> DocumentView:
        document.references = cite.bibliography(
            document.ref_order, self.project.references,
            self.project.edition or self.project.settings.language)
        return document

    def brief(self, slug: str, brief: Brief) -> DocumentView:
        document = DocumentView("brief", slug, brief.title, brief.description, brief.chapter,
                                brief_file(slug), f"brief/{slug}")
        number = self._numberer(document)
        cover = brief.cover
        document.cover_quote = self._quote(cover.quote, document) if cover.quote else None
        document.lede = markup.typeset(cover.lede)
        for block in brief.blocks:
            if isinstance(block, HeadingBlock | ParagraphBlock):
                view = BlockView(block.type, html=self._text(block.text, document, number),
                                 text_stats=markup.stats_in(block.text))
            elif isinstance(block, QuoteBlock):
                view = BlockView(block.type, quote=self._quote(block.quote, document))
            elif isinstance(block, StatBlock):
                view = BlockView(block.type, stat=self._stat(block.stat, document, number))
            elif isinstance(block, ChartBlock):
                view = BlockView(block.type, chart=self._chart(block.chart, "brief", document,
                                                               number))
            elif isinstance(block, StepsBlock):
                view = BlockView(block.type, id=block.id, heading=block.heading,
                                 intro=markup.typeset(block.intro), entries=tuple(
                                     EntryView(i.id, title=i.title, text=markup.typeset(i.text))
                                     for i in block.items))
            else:
                assert isinstance(block, RolesBlock)
                view = BlockView(block.type, id=block.id, heading=block.heading,
                                 intro=markup.typeset(block.intro),
                                 entries=tuple(EntryView(i.id, name=i.name) for i in block.items))
            document.blocks.append(view)
        document.about = markup.typeset(brief.about)
        document.learn_more = self._learn_more()
        return self._finish(document)

    def handout(self, key: str, handout: Handout, leave_out: set[str] | None = None
                ) -> DocumentView:
        """The handout's view; `leave_out` names optional blocks to leave out to fit."""
        leave_out = leave_out or set()
        chapter = handout.chapter or key.split("/", 1)[0]
        brief = self.project.briefs[chapter]
        steps = {item.id: item for block in brief.blocks if isinstance(block, StepsBlock)
                 for item in block.items}
        words = catalogue.Words(self.project.root, self.project.edition)
        title = words.say("{chapter}: for {audience}",
                          chapter=titled(brief.chapter, self.project.edition),
                          audience=handout.audience.lower())
        if self.jurisdiction:
            title += f", {words(self.jurisdiction)}"
        document = DocumentView(
            "handout", key, title,
            handout.headline, brief.chapter, handout_file(key), f"handout/{key}")
        number = self._numberer(document)
        document.audience = handout.audience
        document.place = words(self.jurisdiction) if self.jurisdiction else None
        document.headline = markup.typeset(handout.headline)
        document.why = self._text(handout.why, document, number)
        document.why_stats = markup.stats_in(handout.why)
        document.stat_views = [self._stat(s, document, number)
                               for i, s in enumerate(handout.stats, 1)
                               if f"stat-{i}" not in leave_out]
        document.actions = [ActionView(steps[a.step].title, markup.typeset(a.text))
                            for i, a in enumerate(handout.actions, 1)
                            if f"action-{i}" not in leave_out]
        document.quote = (self._quote(handout.quote, document) if "quote" not in leave_out
                          else None)
        document.chart = (self._chart(handout.chart, "handout", document, number)
                          if handout.chart and "chart" not in leave_out else None)
        document.about = markup.typeset(brief.about)
        document.learn_more = self._learn_more()
        return self._finish(document)


# --- a training's print run: the pages the press adds to what it prints -----------------

@dataclass(frozen=True)
class PrintLine:
    """One document of a print order: who it is for, how many, on how many sheets."""

    document: str  # "Handout for judges"
    people: int
    copies: int
    pages: int  # pages in one copy
    sheets: int


@dataclass(frozen=True)
class PrintFile:
    """One imposed PDF of a print order and what the shop does with it."""

    file: str
    what: str
    paper: str
    sides: str
    finishing: str
    lines: tuple[PrintLine, ...]
    slip_sheets: int
    sheets: int  # every sheet the file prints, slip sheets and all copies included
    both_sides: bool = False  # each sheet printed on both sides: two of the file's pages


@dataclass(frozen=True)
class SlipView:
    audience: str
    copies: int
    people: int


@dataclass(frozen=True)
class PrintView:
    """The pages a print run adds: slip sheets (kind "slips"), pages blank on purpose
    ("blank") or the order summary ("order"). Same head fields as a DocumentView."""

    kind: str
    title: str
    description: str
    chapter: str
    training: str
    date: str
    place: str | None = None
    color: str = "color"
    overage_percent: int = 0
    notes: str = ""
    slips: tuple[SlipView, ...] = ()
    blanks: int = 0
    files: tuple[PrintFile, ...] = ()
    datasets: tuple[str, ...] = ()


# Short words an English title leaves in lower case (after its first word).
SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or",
                        "the", "to"})


def titled(text: str, language: str = "") -> str:
    """'LAW ENFORCEMENT' -> 'Law Enforcement' (English title case, short words lower); in
    Spanish, sentence case: 'FUERZAS DEL ORDEN' -> 'Fuerzas del orden'."""
    if language.startswith("es"):
        return text[:1].upper() + text[1:].lower()
    words = text.split(" ")
    return " ".join(w.lower() if i and w.lower() in SMALL_WORDS else w.title()
                    for i, w in enumerate(words))
