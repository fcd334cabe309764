"""Compose: the view of each document, typed, ready for its template.

Citations are numbered in order of first use; quotes are checked against their consent
for the profile's use; every figure is already formatted; charts are planned (their SVG is
drawn later). Templates only place things: every field a template may use is declared here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from markupsafe import Markup

from press.content import attach, cite, markup
from press.content.compute import StatValue
from press.content.consent import consent_problem
from press.content.describe import ChartFile, plan_chart
from press.core.names import brief_file, handout_file
from press.core.numbers import audience as in_sentence
from press.core.problems import PressError
from press.core.target import PROFILES
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
    # where her words are printed in another language than the document's (her own words in
    # an edition): that language, and its quotation marks, not the document's
    lang: str = ""
    marks: tuple[str, str] = ("\u201c", "\u201d")
    role_lang: str = ""  # the role's language, where it is not the document's (untranslated)


@dataclass(frozen=True)
class StatView:
    id: str
    figure: str
    meaning: str
    context: str
    ref: int
    lang: str = ""  # the meaning's language, where it is not the document's (untranslated)
    context_lang: str = ""  # the base line's, likewise


@dataclass(frozen=True)
class ChartView:
    id: str
    src: str
    alt: str
    title: str
    ref: int


@dataclass(frozen=True)
class EntryView:
    """A step toward change (title, text) or a role of the roster (name); `lang` and
    `text_lang`: the language of its title (or name) and text, where it is not the
    document's (an edition's field not yet translated)."""

    id: str
    title: str = ""
    name: str = ""
    text: str = ""
    lang: str = ""
    text_lang: str = ""


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
    # the language of its text, heading and intro, where it is not the document's
    lang: str = ""
    heading_lang: str = ""
    intro_lang: str = ""


@dataclass(frozen=True)
class ActionView:
    step: str
    text: str
    lang: str = ""  # the text's language, where it is not the document's (untranslated)
    step_lang: str = ""  # the step's title's, likewise


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
    datasets: list[str] = field(default_factory=list)  # whose data it prints
    cells: list[attach.Cell] = field(default_factory=list)  # the place-years it prints of each
    attached: tuple[attach.Attached, ...] = ()  # what a grant PDF of it carries: their counts
    ref_order: list[str] = field(default_factory=list, repr=False)
    learn_more: LinkView | None = None  # "Learn more at:", when the brand sets an address
    # the language of each of its own fields (audience, headline, why, chapter, lede,
    # about) printed in another language than the document's: an edition's untranslated
    langs: dict[str, str] = field(default_factory=dict)

    def lang(self, name: str) -> str:
        """The language the field `name` is printed in, where it is not the document's."""
        return self.langs.get(name, "")


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


T = TypeVar("T")


class ConsentError(PressError):
    """A quote that may not be used where the content puts it; the message says why."""


def _remember(used: list[T], item_id: T) -> None:
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
        reason = consent_problem(quote, PROFILES[self.profile].consent_use, self.today)
        if reason:
            profile = "print-run" if self.profile == "sheets" else self.profile
            raise ConsentError(f'the quote "{quote_id}" ({quote.speaker}) cannot be used in '
                               f"the {profile} {document.kind} \"{document.slug}\": {reason}")
        anonymous = quote.consent is not None and quote.consent.attribute_as == "survivor"
        _remember(document.quotes, quote_id)
        note = ("" if not self.project.edition else "translated" if quote_id in
                self.project.quotes_translated else "original")
        original = self.project.original
        return QuoteView(quote_id, quote.text, "" if anonymous else quote.speaker,
                         "Survivor" if anonymous else quote.role, note,
                         lang=original("quotes", f"{quote_id}.text"),
                         role_lang="" if anonymous else original("quotes", f"{quote_id}.role"))

    @staticmethod
    def _numberer(document: DocumentView) -> Callable[[str], int]:
        def number(ref_id: str) -> int:
            _remember(document.ref_order, ref_id)
            return document.ref_order.index(ref_id) + 1

        return number

    def _stat(self, stat_id: str, document: DocumentView, number: Callable[[str], int]) -> StatView:
        value = self.stats[stat_id]
        self._uses(document, stat_id)
        original = self.project.original
        return StatView(stat_id, value.display, markup.typeset(value.meaning), value.context,
                        number(value.reference), original("stats", f"{stat_id}.meaning"),
                        original("stats", f"{stat_id}.base"))

    def _uses(self, document: DocumentView, stat_id: str) -> None:
        """Record that the document prints a statistic, and the data it is computed from."""
        _remember(document.stats, stat_id)
        dataset = self.stats[stat_id].dataset
        if dataset:
            _remember(document.datasets, dataset)
        for cell in attach.stat_cells(self.project, stat_id):
            _remember(document.cells, cell)

    def _chart(self, chart_id: str, size: str, document: DocumentView,
               number: Callable[[str], int]) -> ChartView:
        spec = self.project.charts[chart_id]
        planned = plan_chart(self.project, spec, size, self.stats)
        document.charts.append(planned)
        _remember(document.datasets, spec.dataset)
        for cell in attach.chart_cells(self.project, spec):
            _remember(document.cells, cell)
        ref = number(planned.reference)
        # a link from layouts/ (the pages' base): the same wherever the project is
        src = "../" + planned.path.relative_to(self.project.root).as_posix()
        return ChartView(chart_id, src, planned.description.alt,
                         planned.description.title, ref)

    def _text(self, text: str, document: DocumentView, number: Callable[[str], int]) -> Markup:
        def stat(stat_id: str) -> tuple[str, str]:
            self._uses(document, stat_id)
            value = self.stats[stat_id]
            return value.display, value.reference

        return markup.to_html(text, number, stat)

    def _learn_more(self) -> LinkView | None:
        brand = self.project.brand
        return link_view(brand.learn_more_url, brand.palette.ink)

    def _finish(self, document: DocumentView) -> DocumentView:
        language = self.project.settings.language
        document.references = cite.bibliography(
            document.ref_order, self.project.references, self.project.edition or language,
            language, cite.type_terms(catalogue.Words(self.project.root, self.project.edition)))
        document.langs |= {name: self.project.original("brand", name)
                           for name in ("tagline", "series_subtitle")
                           if self.project.original("brand", name)}
        if PROFILES[self.profile].attaches_data:  # the grant profile
            document.attached = attach.attachments(self.project, document.file, document.cells)
        return document

    def brief(self, slug: str, brief: Brief) -> DocumentView:
        document = DocumentView("brief", slug, brief.title, brief.description, brief.chapter,
                                brief_file(slug), f"brief/{slug}")
        number = self._numberer(document)
        cover = brief.cover
        document.cover_quote = self._quote(cover.quote, document) if cover.quote else None
        document.lede = markup.typeset(cover.lede)

        def original(path: str) -> str:
            return self.project.original(f"brief/{slug}", path)

        document.langs = {name: original(path) for name, path in (
            ("chapter", "chapter"), ("lede", "cover.lede"), ("about", "about"))
            if original(path)}
        for index, block in enumerate(brief.blocks, 1):
            at = f"blocks.{index}"
            if isinstance(block, HeadingBlock | ParagraphBlock):
                view = BlockView(block.type, html=self._text(block.text, document, number),
                                 text_stats=markup.stats_in(block.text),
                                 lang=original(f"{at}.text"))
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
                                     EntryView(i.id, title=i.title, text=markup.typeset(i.text),
                                               lang=original(f"{at}.items.{m}.title"),
                                               text_lang=original(f"{at}.items.{m}.text"))
                                     for m, i in enumerate(block.items, 1)),
                                 heading_lang=original(f"{at}.heading"),
                                 intro_lang=original(f"{at}.intro"))
            else:
                assert isinstance(block, RolesBlock)
                view = BlockView(block.type, id=block.id, heading=block.heading,
                                 intro=markup.typeset(block.intro),
                                 entries=tuple(EntryView(i.id, name=i.name,
                                                         lang=original(f"{at}.items.{m}.name"))
                                               for m, i in enumerate(block.items, 1)),
                                 heading_lang=original(f"{at}.heading"),
                                 intro_lang=original(f"{at}.intro"))
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
        steps = {item.id: (item, f"blocks.{n}.items.{m}.title")
                 for n, block in enumerate(brief.blocks, 1) if isinstance(block, StepsBlock)
                 for m, item in enumerate(block.items, 1)}
        audience, audience_lang = audience_name(self.project, key)
        words = catalogue.Words(self.project.root, "" if audience_lang else
                                self.project.edition)
        chapter_name = original_chapter(self.project, chapter) if audience_lang else \
            brief.chapter
        title = words.say("{chapter}: for {audience}",
                          chapter=titled(chapter_name, "" if audience_lang else
                                         self.project.edition),
                          audience=in_sentence(audience))
        if self.jurisdiction:
            title += f", {words(self.jurisdiction)}"
        document = DocumentView(
            "handout", key, title,
            handout.headline, brief.chapter, handout_file(key), f"handout/{key}")
        number = self._numberer(document)
        document.audience = audience
        original = self.project.original
        document.langs = {name: original(f"handout/{key}", path) for name, path in (
            ("headline", "headline"), ("why", "why")) if original(f"handout/{key}", path)}
        if audience_lang:
            document.langs["audience"] = audience_lang
        document.place = words(self.jurisdiction) if self.jurisdiction else None
        document.headline = markup.typeset(handout.headline)
        document.why = self._text(handout.why, document, number)
        document.why_stats = markup.stats_in(handout.why)
        document.stat_views = [self._stat(s, document, number)
                               for i, s in enumerate(handout.stats, 1)
                               if f"stat-{i}" not in leave_out]
        document.actions = [ActionView(steps[a.step][0].title, markup.typeset(a.text),
                                       original(f"handout/{key}", f"actions.{i}.text"),
                                       original(f"brief/{chapter}", steps[a.step][1]))
                            for i, a in enumerate(handout.actions, 1)
                            if f"action-{i}" not in leave_out]
        document.quote = (self._quote(handout.quote, document) if "quote" not in leave_out
                          else None)
        document.chart = (self._chart(handout.chart, "handout", document, number)
                          if handout.chart and "chart" not in leave_out else None)
        document.about = markup.typeset(brief.about)
        document.learn_more = self._learn_more()
        return self._finish(document)


def audience_name(project: Project, key: str) -> tuple[str, str]:
    """A handout's audience as the edition names it: its translation, else the name the
    chapter's roster translates for it ("blocks.15.items.4.name", the same people); and, where
    neither is translated, its name in the sources' words with their language (the page then
    names it, and its title, wholly in that language: no line mixes two)."""
    handout = project.handouts[key]
    if not project.original(f"handout/{key}", "audience"):
        return handout.audience, ""
    chapter, slug = key.split("/", 1)
    for n, block in enumerate(project.briefs[chapter].blocks, 1):
        if not isinstance(block, RolesBlock):
            continue
        for m, item in enumerate(block.items, 1):
            if item.id == slug and not project.original(f"brief/{chapter}",
                                                         f"blocks.{n}.items.{m}.name"):
                return item.name, ""
    return handout.audience, project.settings.language


def original_chapter(project: Project, chapter: str) -> str:
    """The chapter's name in the sources' own words (its brief's `chapter`, untranslated)."""
    data = project.doc("brief", chapter).data
    name = data.get("chapter") if isinstance(data, dict) else None
    return name if isinstance(name, str) else project.briefs[chapter].chapter


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
    lang: str = ""  # the audience's name's language, where it is not the page's (untranslated)


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
