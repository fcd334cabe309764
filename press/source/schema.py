"""The declared shape of every file in source/: frozen pydantic models.

Field descriptions become the JSON Schema that editors use to validate and complete
content files as staff type (`make schema` publishes them into schemas/).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from press.core import limits
from press.core.names import SLUG_PATTERN

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000)]
Short = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Use = Literal["print", "web", "grant", "translate"]  # translate: into another edition
Year = Annotated[int, Field(ge=1800, le=2100)]

LONGEST_WORD = 40
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")
_URL = re.compile(r"https?://[^\s)]+")
MARKUP = re.compile(r"</?[a-zA-Z!]")  # a tag starts right after "<"; "a < b" is text
MARKUP_FOUND = "the text contains HTML markup"  # how the message starts (the studio's fix)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    # Fields that are never printed (file and column names): no word-length rule for them.
    unprinted: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _readable_text(cls, value: Any, info: ValidationInfo) -> Any:
        """No unbreakable words (they overflow a column); no HTML (content is data)."""
        if info.field_name not in cls.unprinted:
            return printable(value)
        return value


def printable(value: Any) -> Any:
    """`value`, if it is text that can be printed: no overlong word, no HTML."""
    if isinstance(value, str):
        if match := _LONG_WORD.search(_URL.sub("", value)):
            raise ValueError(
                f"a word of {len(match.group())} characters cannot be printed "
                f"(longest allowed {LONGEST_WORD}): \"{match.group()[:30]}\u2026\"; fix: "
                "break it with spaces or hyphens")
        if MARKUP.search(value):
            raise ValueError(
                f"{MARKUP_FOUND} (\"<...>\"), which the press would print as "
                "written, never as formatting; fix: remove the tags (where a text may have "
                "emphasis or a link: *emphasis*, **strong**, [words](https://address))")
    return value


# --- brand.yaml ----------------------------------------------------------------------

class Palette(Model):
    ink: Color = Field(description="Body text color")
    accent: Color = Field(description="Series color: headings, statistic numbers, rules")
    accent_light: Color = Field(description="Tint behind quotes and statistics")
    muted: Color = Field(description="Secondary text: captions, running heads")
    rule: Color = Field(description="Hairlines")
    paper: Color = Field(description="Page color")
    women: Color = Field(description="Chart color for women")
    men: Color = Field(description="Chart color for men")
    other: Color = Field("#BDB8C2", description="Chart color for a third group, such as "
                         "arrests whose sex was not recorded (drawn hatched, so it reads in gray)")


class FontFace(Model):
    family: Short = Field(description="The family's name, as body and display name it")
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._-]+\.(ttf|otf|woff2?)$")] = Field(
        description="A font file in layouts/fonts/")
    weight: Literal[300, 400, 500, 600, 700, 800, 900] = 400
    style: Literal["normal", "italic"] = "normal"


class Fonts(Model):
    body: Short = Field(description="Family for running text and charts")
    display: Short = Field(description="Family for titles, quotes and large numbers")
    faces: list[FontFace] = Field(min_length=1)


class Brand(Model):
    series_title: Short = Field(description="The series' name, printed on every document")
    series_subtitle: Short = Field(description="Printed beneath the series' name")
    tagline: Text = Field(description="One or two sentences on what the series is for")
    organization: Short = Field(description="Printed as the PDF author")
    learn_more_url: Annotated[str, StringConstraints(pattern=r"^(|https?://[^\s<>\"]+)$")] = Field(
        "", description="Full address for 'Learn more at:'; empty leaves the line out")
    contact: str = Field("", description="How to reach the organization (optional)")
    palette: Palette = Field(description="The brand's colors, each #RRGGBB")
    fonts: Fonts = Field(description="The fonts the documents and charts are set in")


# --- settings.yaml -------------------------------------------------------------------

LanguageTag = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")]


class Settings(Model):
    language: LanguageTag = Field("en-US", description="The language the sources are written in")
    editions: list[LanguageTag] = Field(
        default_factory=list, description="The languages the documents are printed in, the "
        "sources' own first (en-US, es-US); each other one is built with --edition")
    paper: Literal["letter", "a4"] = Field("letter", description="The page size: US Letter or A4")
    edition_date: dt.date = Field(description="Creation date printed in the PDFs")
    reference_max_age_years: int = Field(
        10, ge=1, le=100, description="A reference older than this many years is warned of")
    reading_grade_target: float = Field(
        12, ge=1, le=20, description="A handout should read at this school grade or below")
    reading_ease_target_es: float = Field(
        60, ge=0, le=100, description="A Spanish edition's handouts should score at least this "
        "on the Fernández Huerta reading ease (0-100, higher is easier; 60-70 is standard "
        "for adults, 70-80 fairly easy)")
    consent_warning_days: int = Field(
        60, ge=0, le=3650, description="Warn this many days before a quote's consent expires")


# --- references.yaml (CSL-YAML) ------------------------------------------------------

class Name(Model):
    family: Short | None = Field(None, description="A person's family name")
    given: Short | None = Field(None, description="A person's given names or initials")
    literal: Short | None = Field(None, description="An organization's name, instead of a person's")

    @model_validator(mode="after")
    def _has_a_name(self) -> Name:
        if not (self.family or self.literal):
            raise ValueError("a name needs a family name or an organization's name; fix: "
                             "write { family: Smith, given: J. } or { literal: Agency name }")
        return self


class DateParts(Model):
    date_parts: list[list[int]] = Field(alias="date-parts", min_length=1)

    @field_validator("date_parts")
    @classmethod
    def _valid_date(cls, value: list[list[int]]) -> list[list[int]]:
        first = value[0]
        if not 1 <= len(first) <= 3 or not 1000 <= first[0] <= 2999:
            raise ValueError("expected a date written [[year]], [[year, month]] or "
                             "[[year, month, day]]; fix: e.g. date-parts: [[2014, 10, 5]]")
        return value

    @property
    def year(self) -> int:
        return self.date_parts[0][0]


# The variables of CSL 1.0.2 (and CSL-JSON's own) that a reference manager such as Zotero
# exports and the press does not print: set aside with a warning, where any other key the
# model does not know is an error (a misspelt `titel:` would leave the reference untitled).
CSL_UNPRINTED = frozenset({
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place",
    "authority", "available-date", "call-number", "chair", "chapter-number", "citation-key",
    "citation-label", "citation-number", "collection-editor", "collection-number",
    "collection-title", "compiler", "composer", "container", "container-author",
    "container-title-short", "contributor", "curator", "custom", "dimensions", "director",
    "division", "edition", "editorial-director", "event", "event-date", "event-place",
    "event-title", "executive-producer", "first-reference-note-number", "genre", "guest",
    "host", "illustrator", "interviewer", "ISBN", "ISSN", "journalAbbreviation", "jurisdiction",
    "keyword", "language", "license", "locator", "medium", "narrator", "number",
    "number-of-pages", "number-of-volumes", "organizer", "original-author", "original-date",
    "original-publisher", "original-publisher-place", "original-title", "page-first",
    "part-number", "part-title", "performer", "PMCID", "PMID", "printing-number", "producer",
    "recipient", "references", "reviewed-author", "reviewed-genre", "reviewed-title", "scale",
    "script-writer", "section", "series-creator", "shortTitle", "source", "status",
    "submitted", "supplement-number", "title-short", "translator", "version",
    "volume-title", "year-suffix"})


class Reference(Model):
    id: Slug = Field(description="A short name for the work, cited as [@id]")
    type: Literal["article-journal", "article-newspaper", "article-magazine", "book", "chapter",
                  "report", "dataset", "webpage", "legislation", "legal_case", "thesis",
                  "paper-conference", "interview"]
    title: Text = Field(description="The work's title, as published")
    author: list[Name] = Field(default_factory=list, description="Its authors, in order")
    editor: list[Name] = Field(default_factory=list, description="Its editors, if any")
    issued: DateParts | None = Field(
        None, description="When it was published: a year, or a year, month and day")
    accessed: DateParts | None = Field(None, description="When a web page was read")
    container_title: Short | None = Field(None, alias="container-title")
    publisher: Short | None = None
    publisher_place: Short | None = Field(None, alias="publisher-place")
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    URL: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    DOI: str | None = None
    note: Text | None = None
    language: LanguageTag | None = Field(
        None, description="The work's language (CSL's language, e.g. en-US): an edition in "
        "another language tags its entry with it. By default the sources' language")


# --- quotes.yaml ---------------------------------------------------------------------

class Consent(Model):
    uses: list[Use] = Field(min_length=1, description="Where the quote may appear")
    basis: Short = Field(description="How consent was given, e.g. signed release")
    given: dt.date = Field(description="The day consent was given")
    expires: dt.date | None = Field(None, description="The day it ends, if it does; the press "
                                    "warns before it and stops printing the quote after it")
    attribute_as: Literal["name", "survivor"] = Field(
        "name", description="'survivor' prints SURVIVOR without the person's name")
    confirmed: bool = Field(
        True, description="Left unticked (false) until someone has checked this record "
        "against the signed release; every build warns until then")


class Quote(Model):
    id: Slug = Field(description="A short name for the quote, used to choose it in documents")
    speaker: Short = Field(description="The speaker's name as printed (a first name, or none)")
    role: Short = Field(description="Who they are, printed under the quote: Survivor, Judge...")
    survivor: bool = Field(description="A survivor's words need a consent record")
    text: Text = Field(description="The words, exactly as said: printed as written here")
    consent: Consent | None = Field(None, description="Where and until when the quote may "
                                    "be used; a survivor's words need it")

    @model_validator(mode="after")
    def _survivor_consent(self) -> Quote:
        if self.survivor and self.consent is None:
            raise ValueError(
                f'the survivor quote "{self.id}" has no consent record; fix: add `consent:` '
                "with uses, basis and given (see the top of this file), or remove the quote")
        if self.consent and self.consent.expires and self.consent.expires < self.consent.given:
            raise ValueError("the consent expires before the date it was given; fix: correct "
                             "`given` or `expires`")
        return self


# --- stats.yaml ----------------------------------------------------------------------

class ShareStat(Model):
    id: Slug = Field(description="A short name, written [stat:id] in text")
    kind: Literal["share"]
    dataset: Slug = Field(description="The table in source/data/ the share is computed from")
    jurisdiction: Short = Field(description="The place, as the data names it")
    year: Year = Field(description="The year of the figures")
    group: Slug = Field(description="The group whose share is computed, e.g. female")
    decimals: int = Field(0, ge=0, le=2, description="Decimals printed (0, 1 or 2)")
    meaning: Text = Field(description="One line; {value} is replaced by the computed share")
    base: Short = Field(description="What the share is of; {total} is replaced by the count")


class LiteralStat(Model):
    id: Slug = Field(description="A short name, written [stat:id] in text")
    kind: Literal["literal"]
    value: float = Field(ge=0, description="The figure, as the study gives it")
    unit: Literal["percent", "count"] = Field(description="A percent or a count")
    meaning: Text = Field(description="One line; {value} is replaced by the figure")
    base: Short = Field(description="What the figure is of (women surveyed, arrests)")
    jurisdiction: Short = Field(description="The place the study covers")
    period: Short = Field(description="When: a year, or years (2012-2014)")
    reference: Slug = Field(description="The study, from references.yaml")

    @model_validator(mode="after")
    def _a_count_is_whole(self) -> LiteralStat:
        if self.unit == "count" and self.value != int(self.value):
            raise ValueError(f"a count is a whole number, not {self.value} (it would be printed "
                             f"rounded, as {round(self.value):,}); fix: write the count the "
                             "source gives, or use unit: percent for a share")
        return self


Stat = Annotated[ShareStat | LiteralStat, Field(discriminator="kind")]


# --- charts.yaml ---------------------------------------------------------------------

def _in_order(years: tuple[int, int]) -> tuple[int, int]:
    if years[0] >= years[1]:
        raise ValueError(f"the first year ({years[0]}) must come before the last ({years[1]}); "
                         "fix: write the earlier year first, e.g. years: [1994, 2016]")
    return years


class ChartBase(Model):
    id: Slug = Field(description="A short name, used to choose the chart in documents")
    dataset: Slug = Field(description="The table in source/data/ the chart is drawn from")
    title: Short = Field(description="States the main point; {placeholders} come from the data")
    subtitle: Short = Field("", description="Qualifiers: what is counted, where, when")
    notes: str = Field("", description="Printed under the chart")


class SplitChart(ChartBase):
    kind: Literal["split"]
    jurisdiction: Short = Field(description="The place, as the data names it")
    year: Year = Field(description="The year drawn")
    highlight: Slug | None = Field(None, description="The group drawn in the series color")


class YearNote(Model):
    year: Year
    text: Short = Field(description="A short label at that year; {share} is its value")


class ShareOverTimeChart(ChartBase):
    kind: Literal["share-over-time"]
    jurisdictions: list[Short] = Field(min_length=1, max_length=3,
                                       description="One to three places, one line each")
    years: tuple[Year, Year] = Field(description="The first and last year drawn")
    group: Slug = Field(description="The group whose share is drawn, e.g. female")

    _years = field_validator("years")(_in_order)
    annotate: list[Literal["first", "max", "min", "last"] | YearNote] = Field(
        default_factory=list, description="Label the first, max, min or last point, or a year "
        "with your own words: {year: 2009, text: Peak}")


class SlopeChart(ChartBase):
    kind: Literal["slope"]
    jurisdiction: Short = Field(description="The place, as the data names it")
    years: tuple[Year, Year] = Field(description="The two years compared")

    _years = field_validator("years")(_in_order)
    measure: Literal["count", "share"] = Field("count", description="Draw counts or shares")


class BigNumberChart(ChartBase):
    kind: Literal["big-number"]
    stat: Slug = Field(description="The statistic printed large")


ChartSpec = SplitChart | ShareOverTimeChart | SlopeChart | BigNumberChart
Chart = Annotated[ChartSpec, Field(discriminator="kind")]


# --- briefs/<chapter>.yaml -----------------------------------------------------------

class Cover(Model):
    quote: Slug | None = Field(None, description="The quote on the cover (optional)")
    lede: Text = Field(description="One or two sentences under the chapter's name")


class HeadingBlock(Model):
    type: Literal["heading"]
    text: Text = Field(description="A claim, said as a sentence")


class ParagraphBlock(Model):
    type: Literal["paragraph"]
    text: Text = Field(description="Running text: *emphasis*, [@reference] and [stat:id] work here")


class QuoteBlock(Model):
    type: Literal["quote"]
    quote: Slug = Field(description="The quote printed here")


class StatBlock(Model):
    type: Literal["stat"]
    stat: Slug = Field(description="The statistic printed here, large")


class ChartBlock(Model):
    type: Literal["chart"]
    chart: Slug = Field(description="The chart drawn here")


class Step(Model):
    id: Slug = Field(description="A short name, which handouts' actions name")
    title: Short = Field(description="The step, in a few words")
    text: Text = Field(description="What the step means, in a few sentences")


class StepsBlock(Model):
    type: Literal["steps"]
    id: Slug = Field(description="A short name for the list of steps")
    heading: Short = Field(description="The section's heading")
    intro: Text = Field(description="A few sentences before the steps")
    items: list[Step] = Field(min_length=1, description="The steps, in order")


class Role(Model):
    id: Slug = Field(description="The audience's handout file name (judges)")
    name: Short = Field(description="The audience, as the roster prints it")


class RolesBlock(Model):
    type: Literal["roles"]
    id: Slug = Field(description="A short name for the roster")
    heading: Short = Field(description="The roster's heading")
    intro: Text = Field(description="A few sentences before the roster")
    items: list[Role] = Field(min_length=1, description="Who can shift the system, in order")


Block = Annotated[
    HeadingBlock | ParagraphBlock | QuoteBlock | StatBlock | ChartBlock | StepsBlock | RolesBlock,
    Field(discriminator="type")]


class Brief(Model):
    slug: Slug = Field(description="The chapter's short name: its file and folder name")
    chapter: Short = Field(description="Chapter name, printed in capitals")
    title: Short = Field(description="The PDF title")
    description: Text = Field(description="What the chapter is about (the PDF's description)")
    cover: Cover = Field(description="The cover page")
    blocks: list[Block] = Field(min_length=1, description="The brief's parts, in order")
    about: Text = Field(description="About the project, on the last page")
    other_audiences: list[Slug] = Field(
        default_factory=list, description="Audiences with a handout in handouts/<chapter>/ that "
        "the roster does not name (police officers, say); not printed in the roster, their "
        "handouts follow the roster's in the packet")

    def audiences(self) -> list[str]:
        """The chapter's audiences: its roster ("who can shift the system"), then the others."""
        named = [item.id for block in self.blocks if isinstance(block, RolesBlock)
                 for item in block.items]
        return named + [a for a in self.other_audiences if a not in named]


# --- handouts/<audience>.yaml --------------------------------------------------------

class Action(Model):
    step: Slug = Field(description="The step of the chapter's steps it belongs to")
    text: Text = Field(description="What this audience can do, in one sentence")


class Handout(Model):
    audience: Short = Field(description="Who the handout is for, as its header prints it")
    chapter: Slug | None = Field(
        None, description="Optional: the folder handouts/<chapter>/ already says the chapter")
    headline: Short = Field(description="One sentence, printed large at the top")
    why: Text = Field(description="Why this matters to them: a short paragraph")
    actions: list[Action] = Field(min_length=1, max_length=5,
                                  description="What they can do: one to five actions")
    quote: Slug = Field(description="The quote printed on the handout")
    stats: list[Slug] = Field(default_factory=list, max_length=2, description=(
        "Up to two statistics, printed large, by id; none for a handout of words and a quote "
        "alone (it takes the one-column layout made for little content)"))
    chart: Slug | None = Field(None, description="A chart (optional)")
    optional: list[Annotated[str, StringConstraints(pattern=r"^(chart|quote|stat-2|action-[2-5])$")]] = Field(
        default_factory=list, description="Blocks the press may leave out, in this order, when the "
        "handout does not fit its page even in 9.5 pt type: chart, quote, stat-2, action-5 ...")


# --- language.yaml -------------------------------------------------------------------

class Term(Model):
    term: Short
    use: Short
    why: Short
    allow_in: list[str] = Field(
        default_factory=list, description="Files where the term is allowed everywhere (e.g. "
        "references.yaml, for the titles of cited works)")
    allow: list[Short] = Field(
        default_factory=list, description="Phrases in which the term is allowed, e.g. "
        "[Johns Hopkins] (a name, not the term)")


class Language(Model):
    terms: list[Term] = Field(default_factory=list)


# --- trainings/<name>.yaml -----------------------------------------------------------

class Training(Model):
    title: Short = Field(description="The training's name, printed on the order and slip sheets")
    date: dt.date = Field(description="The day of the training (YYYY-MM-DD)")
    chapter: Slug = Field(description="The chapter whose handouts and brief are printed")
    jurisdiction: Short | None = Field(
        None, description="Optional: print the handouts made for this place (a place the "
        "data has), as `build --jurisdiction` makes them")
    attendees: dict[Slug, Annotated[int, Field(ge=0, le=limits.COPIES)]] = Field(
        description="How many people of each audience attend, by the handout's file name in "
        f"source/handouts/<chapter>/ (judges: 12); at most {limits.COPIES:,} each")
    briefs: int = Field(0, ge=0, le=limits.COPIES, description="Copies of the brief, as a "
                        f"booklet; at most {limits.COPIES:,}")
    overage_percent: int = Field(
        10, ge=0, le=100, description="Extra copies of each, in percent, rounded up")
    imposition: Literal["2-up", "2-up-13x19", "2-up-11x17", "1-up"] = Field(
        "2-up", description="2-up: two Letter pages on a 12x18 in sheet with bleed and crop "
        "marks (the marks beside the pages short); 2-up-13x19: the same on 13x19 in, room for "
        "full marks; 2-up-11x17: two on 11x17 in, no bleed; 1-up: one per Letter sheet")
    fill_last_sheet: bool = Field(
        False, description="Round each audience's copies up to fill its last sheet (2-up: an "
        "odd count gets one more copy, so no sheet is printed half empty); 1-up sheets are "
        "always full")
    color: Literal["color", "grayscale"] = "color"
    notes: str = Field("", max_length=500, description="Anything else for the shop")


# --- funders/<name>.yaml -------------------------------------------------------------

FileKind = Literal["brief", "handouts", "packet"]


FILE_NAME_CHARACTERS = r"^[A-Za-z0-9 _.()\-]+$"
RANGES = ("A-Z", "a-z", "0-9")  # the ranges file_name_characters may write


class FunderRules(Model):
    page_limit: int | None = Field(None, ge=1, le=1000, description="The most pages a "
                                   "document may have")
    smallest_text_pt: float | None = Field(
        None, ge=1, le=72, description="The smallest type the guide allows, in points (NIH: "
        "11); the press sets every word of the layout at least this large")
    figures_exempt: bool = Field(
        True, description="Text inside charts may be smaller (most guides allow it)")
    margins_in: float | None = Field(
        None, ge=0, le=3, description="The least white space from each edge of the page to "
        "anything printed, in inches, on every side (NIH: 0.5)")
    max_file_mb: float | None = Field(None, gt=0, le=10000, description="The largest file "
                                      "the funder takes, in MB (NIH: 100)")
    file_name_max_length: int | None = Field(
        None, ge=5, le=255, description="The longest file name the funder takes, in "
        "characters, .pdf included (NIH: 50)")
    file_name_characters: Annotated[str, StringConstraints(
        pattern=FILE_NAME_CHARACTERS)] | None = Field(
        None, description="The characters a file name may use, one after another; A-Z, a-z "
        "and 0-9 stand for every capital, small letter and digit (NIH: A-Za-z0-9 _.()-)")
    pdf_a: bool | None = Field(None, description="Whether the funder asks for archival PDF "
                               "(PDF/A), refuses it, or says nothing of it")
    attachments_allowed: bool | None = Field(
        None, description="Whether the PDFs may carry files attached (the grant PDFs carry "
        "the data of their figures)")
    page_size_in: tuple[float, float] | None = Field(
        None, description="The largest page the funder takes, width and height in inches "
        "(Letter: 8.5 by 11)")

    @field_validator("file_name_characters")
    @classmethod
    def _ranges(cls, value: str | None) -> str | None:
        """A range other than A-Z, a-z and 0-9 ("a-f") would be read as three characters."""
        rest = value or ""
        for known in RANGES:
            rest = rest.replace(known, "")
        odd = next((rest[i - 1:i + 2] for i in range(1, len(rest) - 1) if rest[i] == "-"), "")
        if odd:
            raise ValueError(f'"{odd}" is not a range the press reads (only A-Z, a-z and 0-9 '
                             "are); fix: write A-Z, a-z or 0-9, or each character one by one, "
                             "with the hyphen last")
        return value

    @field_validator("page_size_in")
    @classmethod
    def _positive(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and min(value) <= 0:
            raise ValueError("a page's width and height are more than 0 inches; fix: write "
                             "the width and height the guide gives, e.g. 8.5 and 11")
        return value


class Funder(Model):
    unprinted: ClassVar[frozenset[str]] = frozenset({"guide_url"})
    name: Short = Field(description="The funder, as the build reports it")
    guide: Short = Field(description="The public guide the rules come from")
    guide_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    chapter: Slug | None = Field(
        None, description="The chapter whose PDFs the rules apply to (a grant for one "
        "program); every chapter's when left out")
    documents: list[FileKind | Slug] = Field(
        default_factory=lambda: list[FileKind | str](["brief", "handouts", "packet"]),
        min_length=1, description="Which PDFs the rules apply to: brief, handouts (every "
        "handout), packet, or one audience's handout by its file name (judges)")
    rules: FunderRules


# --- an edition's translation: <file>.<edition>.yaml (press/source/editions.py) ---------

class TranslationEntry(Model):
    """One field's translation: its words, and the English it translates (`make_report.py
    translate <edition>` writes it; an older file's is a fingerprint of the English)."""

    text: str = Field(min_length=1, description="The field's words in the edition's language")
    of: str | None = Field(None, description="The English it translates, as it read when it "
                           "was translated (make_report.py translate writes it)")
