"""Render: one Jinja2 environment makes HTML; WeasyPrint lays it out.

The fetcher is the border: it reads files inside the project and nothing else, and any
failure stops the render. WeasyPrint's warnings are captured and treated as errors.
Pages are counted here, before anything is written.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:  # WeasyPrint has no type information: these name what is passed around
    from weasyprint import Attachment, Document
    from weasyprint.document import Page
    from weasyprint.formatting_structure.boxes import Box
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

from press.content import markup
from press.content.compose import DocumentView, PrintView
from press.core import files, numbers, sizes
from press.core.problems import PressError
from press.core.target import PROFILES
from press.layout import languages, typography
from press.layout.figures import figure_font, figure_pt
from press.layout.floor import floor_css
from press.pdf.pages import Box as Edges
from press.pdf.pages import Region
from press.source import catalogue
from press.source.load import Project

# "sheets": the print pages of a training's print run, before they are imposed (internal)
ADDED_PAGES = ("slips", "blank", "order")  # a print run's own pages (PrintView)


class RenderError(PressError):
    """Rendering failed; the message says which document and why."""


class ProjectLoader(jinja2.FileSystemLoader):
    """Templates from layouts/, each checked at the border first: an include or import of
    a file that links out of the project is refused before it is read."""

    def __init__(self, layouts: Path, root: Path) -> None:
        super().__init__(layouts)
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        path = Path(self.searchpath[0], *jinja2.loaders.split_template_path(template))
        if path.exists() or path.is_symlink():
            files.checked(self.root, path)
        return super().get_source(environment, template)


class _Compiled(jinja2.BytecodeCache):
    """Templates compiled once per process, for every environment made after: Jinja2's
    bytecode cache (its documented extension point), held in memory by the template's name;
    Jinja2 compares the checksum of the source it was compiled from, so an edited layout is
    compiled again. Compiling the preview page took 0.09 s of every rebuild."""

    def __init__(self) -> None:
        self.held: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.held.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.held[bucket.key] = bucket.bytecode_to_string()


COMPILED = _Compiled()


def environment(root: Path, edition: str = "") -> jinja2.Environment:
    """The one Jinja2 environment: templates from the project's layouts/, autoescaped; its
    labels (`_("...")`) in the `edition`'s language (press/source/catalogue.py)."""
    env = jinja2.Environment(
        loader=ProjectLoader(root / "layouts", root),
        bytecode_cache=COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["typo"] = typography.typeset  # press/layout/typography.py
    env.filters["citation"] = markup.citation  # a reference's number, joined to its words
    env.filters["in_sentence"] = numbers.audience  # "For judges", "For Clínica Nuñez nurses"
    env.add_extension("jinja2.ext.i18n")
    words = catalogue.Words(root, edition)

    def gettext(message: str) -> str:
        return words(message)

    def ngettext(singular: str, plural: str, count: int) -> str:
        return words.plural(singular, plural, count)

    def said_in(language: str, message: str, **values: object) -> str:
        """A label in the words of `language`, where what it names is printed in the
        sources' language (an untranslated audience: "For police officers", not "Para
        police officers"), else in the edition's."""
        return (message if language else words(message)) % values  # as _() fills it

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["said_in"] = said_in
    env.filters["language"] = language_attribute
    return env


def language_attribute(code: str) -> Markup:
    """' lang="en-US"' for an element printed in another language than its page's (a quote
    in her own words, an untranslated field, a reference), else nothing: WeasyPrint's tags
    then carry it into the structure tree (press/layout/languages.py)."""
    return Markup(' lang="{}"').format(code) if code else Markup("")


def stylesheets(kind: str, profile: str) -> list[str]:
    if kind in ADDED_PAGES:
        return ["css/common.css", "css/print-run.css"]
    own = PROFILES[profile].stylesheet
    return ["css/common.css", f"css/{kind}.css", *([own] if own else [])]


@dataclass(frozen=True)
class PageView:
    """The page geometry a template writes into its @page rule and CSS variables (from
    press/core/sizes.py: one statement for the CSS and the Python alike)."""

    size: str  # "8.5in 11in"
    margins: str  # "0.95in 1in 0.9in 1in"
    first_margins: str  # the first page's, where it differs ("" where not)
    bleed: str  # "0.125in" for a print shop's pages, else ""
    block_in: float  # the height of a page-filling block: the brief's cover, a handout's sheet
    fit: sizes.Fit  # a handout's bounded fit
    fit_level: int  # its place among sizes.FITS (0: the handout's own layout)
    own_pt: float = sizes.HANDOUT_BODY_PT  # a handout's body type at its own size
    roomy: int = 0  # a handout with room to spare, given more: 2, 1, or 3 (air alone)
    bare_page: int = 0  # a page with no running head or number (a booklet's back)
    single: bool = False  # a sparse handout's one-column layout ...
    air_pt: float = 0.0  # ... with this much more room between its parts


def page_view(kind: str, profile: str, paper: str, fit: int = 0, roomy: int = 0,
              bare_page: int = 0, rules: sizes.Rules = sizes.OWN, air: float | None = None
              ) -> PageView:
    """The page geometry of `kind`, reshaped by a funder's `rules` where there are any; a
    handout's one-column layout where `air` is given (the room between its parts, pt)."""
    layout = "print-run" if kind in ADDED_PAGES else kind
    width, height = sizes.PAPER[paper]
    first = sizes.margins("brief-cover", rules).css() if kind == "brief" else ""
    bleed = f"{sizes.BLEED_IN}in" if PROFILES[profile].bleed and layout != "print-run" else ""
    block = sizes.block_in(kind, paper, rules) if kind in sizes.SPARE_IN else 0.0
    return PageView(f"{width}in {height}in", sizes.margins(layout, rules).css(), first, bleed,
                    block, sizes.fits(rules)[fit], fit,
                    own_pt=max(sizes.HANDOUT_BODY_PT, rules.type_pt), roomy=roomy,
                    bare_page=bare_page, single=air is not None, air_pt=round(air or 0.0, 1))


def html_for(env: jinja2.Environment, project: Project, document: DocumentView | PrintView,
             profile: str, created: str, fit: int = 0, roomy: int = 0, bare_page: int = 0,
             rules: sizes.Rules = sizes.OWN, air: float | None = None) -> str:
    """The document's HTML; under a funder's `rules`, its own page geometry and type floor;
    a handout in its one-column layout where `air` is given."""
    template = env.get_template(f"{document.kind}.html")
    paper = project.settings.paper
    font = figure_font(project)
    layout = "single" if air is not None else document.kind
    column = sizes.figure_column_in(layout, paper, rules)
    own = sizes.FIGURE_PT.get(layout, 0.0)
    sheets = stylesheets(document.kind, profile)

    def figure_size(text: str) -> float:
        return figure_pt(text, font, column, own)

    view = page_view(document.kind, profile, paper, fit, roomy, bare_page, rules, air)
    body = view.fit.body_pt if document.kind == "handout" else sizes.BODY_PT
    floor = floor_css(project.root, sheets, rules.type_pt, body) if rules.type_pt else ""
    return template.render(
        doc=document, brand=project.brand, settings=project.settings, profile=profile,
        lang=project.edition or project.settings.language,
        palette=project.brand.palette.model_dump(), created=created,
        page=view,
        figure_pt=figure_size, floor=Markup(floor),
        sizes=sizes, stylesheets=sheets)


def make_fetcher(root: Path) -> URLFetcher:
    from weasyprint.urls import URLFetcher

    allowed = root.resolve()

    class ProjectFetcher(URLFetcher):  # type: ignore[misc]
        """Reads file: URLs inside the project; refuses everything else."""

        def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> object:
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise RenderError(f"refused to fetch {url}: documents may only use files in the "
                                  "project (no network at build time)")
            path = Path(unquote(parsed.path)).resolve()
            if not path.is_relative_to(allowed):
                raise RenderError(f"refused to read {path}: it is outside the project folder")
            return super().fetch(url, headers)

    return ProjectFetcher(fail_on_errors=True, allowed_protocols=("file",))


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_warnings() -> Iterator[list[str]]:
    """Collect WeasyPrint's warnings (it logs missing images and fonts, it does not raise)."""
    handler = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    previous = logger.propagate
    logger.propagate = False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


def font_configuration() -> FontConfiguration:
    """WeasyPrint's font configuration, one per process: every document of a build (or of
    many places' builds) is set with the same @font-face fonts, loaded once. A forked worker
    makes its own (fontconfig and Pango are not to be shared across a fork)."""
    return _font_configuration(os.getpid())


@cache
def _font_configuration(process: int) -> FontConfiguration:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@dataclass
class Renderer:
    """Reuses one font configuration and image cache across documents (about 19% faster)."""

    project: Project
    profile: str = "screen"
    created: str = "2026-01-01"
    rules: Mapping[str, sizes.Rules] = field(default_factory=dict)  # a funder's, by kind

    def __post_init__(self) -> None:
        languages.install()  # each passage's own language into the structure tree
        self.env = environment(self.project.root, self.project.edition)
        self.fonts = font_configuration()
        self.cache: dict[str, object] = {}  # WeasyPrint's images, by address
        self.fetcher = make_fetcher(self.project.root)
        variant = PROFILES[self.profile].pdf_variant
        self.options: dict[str, object] = {"pdf_tags": True}
        if variant:
            self.options["pdf_variant"] = variant

    def _data_attachments(self, document: DocumentView) -> list[Attachment]:
        """The grant profile carries the counts the document's figures are computed from
        and their descriptors (press/content/attach.py), nothing else."""
        import datetime as dt
        import io

        from weasyprint import Attachment

        stamp = dt.datetime.fromisoformat(self.created).replace(tzinfo=dt.UTC)
        return [Attachment(file_obj=io.BytesIO(a.data), name=a.name, description=a.description,
                           created=stamp, modified=stamp, relationship=a.relationship)
                for a in document.attached]

    def added_pages(self, view: PrintView) -> bytes:
        """A print run's own pages (slip sheets, blank pages, the order), as a PDF."""
        from weasyprint import HTML

        html = html_for(self.env, self.project, view, self.profile, self.created)
        base = (self.project.root / "layouts").as_uri() + "/"
        with weasyprint_warnings() as warnings:
            data: bytes = HTML(string=html, base_url=base, url_fetcher=self.fetcher).write_pdf(
                font_config=self.fonts, cache=self.cache, **self.options)
        if warnings:
            raise RenderError(f"{view.kind}: WeasyPrint warned: "
                              + "; ".join(dict.fromkeys(warnings)))
        return data

    def render(self, document: DocumentView, fit: int = 0, roomy: int = 0, bare_page: int = 0,
               air: float | None = None) -> tuple[Document, str]:
        """The laid-out WeasyPrint Document and the HTML it came from; `fit` is an index in
        FITS, the bounded fit to lay it out with; `air`, a handout's one-column layout with
        that much room between its parts (pt)."""
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError

        try:
            html = html_for(self.env, self.project, document, self.profile, self.created, fit,
                            roomy, bare_page, self.rules.get(document.file, sizes.OWN), air)
        except files.Refused as refused:
            raise RenderError(f"{document.kind} \"{document.slug}\": {refused.problem.file}: "
                              f"{refused.problem.message}") from None
        except jinja2.TemplateSyntaxError as error:
            raise RenderError(f"layouts/{error.name}, line {error.lineno}: {error.message}") from None
        except jinja2.TemplateError as error:
            raise RenderError(f"the {document.kind} template failed: {error}") from None
        base = (self.project.root / "layouts").as_uri() + "/"
        with weasyprint_warnings() as warnings:
            try:
                rendered = HTML(string=html, base_url=base, url_fetcher=self.fetcher).render(
                    font_config=self.fonts, cache=self.cache, **self.options)
            except FatalURLFetchingError as error:
                cause = error.__cause__ or error
                raise RenderError(f"{document.kind} \"{document.slug}\": {cause}") from None
        _fail_on(warnings, document)
        return rendered, html

    def pdf_options(self, document: DocumentView) -> dict[str, object]:
        """Options for write_pdf; attachments are made afresh, as each is read only once."""
        if document.attached:
            return {**self.options, "attachments": self._data_attachments(document)}
        return dict(self.options)

    def write(self, rendered: Document, document: DocumentView) -> bytes:
        """The PDF's bytes; fonts are subset and embedded here."""
        with weasyprint_warnings() as warnings:
            data: bytes = rendered.write_pdf(**self.pdf_options(document))
        _fail_on(warnings, document)
        return data


def font_files(project: Project) -> list[Path]:
    """The brand's font files (the border has let each through: see check_brand)."""
    fonts = project.root / "layouts" / "fonts"
    return [fonts / face.file for face in project.brand.fonts.faces]


def _fail_on(warnings: list[str], document: DocumentView) -> None:
    if warnings:
        raise RenderError(f"{document.kind} \"{document.slug}\": WeasyPrint warned: "
                          + "; ".join(dict.fromkeys(warnings)))


PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels
FOOT_GAP_PT = 12.0  # the room kept between the content and a handout's footer


@dataclass(frozen=True)
class Fit:
    """How a one-page handout fits: `over_pt` is how far its content reaches past the room
    it has (0 when it fits), `block` the marked block (data-block) that crosses."""

    pages: int
    over_pt: float
    block: str
    spare_pt: float = 0.0  # the room left above the footer, when it fits
    fill: float = 1.0  # the share of its room its blocks and columns cover, when it fits

    @property
    def fits(self) -> bool:
        return self.pages == 1 and self.over_pt <= 0


def laid_out(page: Page) -> Box:
    """The root of a laid-out page's boxes. WeasyPrint keeps it private (`Page._page_box`:
    "an implementation detail ... deliberately not documented", Kozea/WeasyPrint#265, and
    #1090 points at it as the way to an element's position); it is the only way to the
    boxes a handout's fit and the judge's regions are measured on. This is its one use:
    pyproject.toml pins weasyprint to one version, and tests/test_private_calls.py fails
    if a WeasyPrint changes it."""
    return page._page_box


def _boxes(box: Box) -> Iterator[Box]:
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def measure(rendered: Document, expected: Sequence[str] = ()) -> Fit:
    """Measure a rendered handout: the bottom of each marked block against the footer's top
    on the first page, and everything that flowed to a later page. A block of `expected`
    the layout could not place at all (a column too tall to break) is the one to cut."""
    blocks: list[tuple[int, str, float, float]] = []  # page, block, top, bottom (px)
    spans: dict[str, tuple[float, float, float, float]] = {}  # the first page's: top, bottom,
    footer_top: float | None = None  # left, right (px)
    for number, page in enumerate(rendered.pages):
        for box in _boxes(laid_out(page)):
            element = getattr(box, "element", None)
            if element is None or not hasattr(box, "border_height"):
                continue
            top = box.border_box_y()
            if footer_top is None and "handout-foot" in (element.get("class") or "").split():
                footer_top = top
            name = element.get("data-block")
            if name:
                blocks.append((number, name, top, top + box.border_height()))
                left = box.border_box_x()
                span = (top, top + box.border_height(), left, left + box.border_width())
                old = spans.get(name, span) if number == 0 else None
                if old is not None:
                    spans[name] = (min(old[0], span[0]), max(old[1], span[1]),
                                   min(old[2], span[2]), max(old[3], span[3]))
    later = [b for b in blocks if b[0] > 0]
    lost = [name for name in expected if name not in {b[1] for b in blocks}]
    page_px = rendered.pages[0].height if rendered.pages else 0.0
    if lost:
        over = max((b[3] for b in later), default=0.0) - min((b[2] for b in later), default=0.0)
        return Fit(max(2, len(rendered.pages)), over * PX_TO_PT + FOOT_GAP_PT, lost[0])
    if later:
        page_top = min(b[2] for b in later)
        over = sum(max(b[3] for b in later if b[0] == n) - page_top for n in {b[0] for b in later})
        split = [b for b in later if any(a[1] == b[1] and a[0] < b[0] for a in blocks)]
        first = min(split or later, key=lambda b: (b[0], b[2]))  # the block the page breaks
        return Fit(len(rendered.pages), over * PX_TO_PT + FOOT_GAP_PT,
                   _culprit(blocks, first[1], over, page_px))
    if footer_top is None or not blocks:
        return Fit(len(rendered.pages), 0.0, "")
    limit = footer_top - FOOT_GAP_PT / PX_TO_PT
    lowest = max(blocks, key=lambda b: b[3])
    over = lowest[3] - limit
    return Fit(len(rendered.pages), max(0.0, over * PX_TO_PT),
               _culprit(blocks, lowest[1], over, page_px) if over > 0 else "",
               max(0.0, -over * PX_TO_PT), _filled(spans, limit) if over <= 0 else 1.0)


SIDE, MAIN = ("stat-", "quote"), ("why", "action-")  # a handout's two columns' blocks


def _filled(spans: Mapping[str, tuple[float, float, float, float]], limit: float) -> float:
    """The share of the room from the first block's top to `limit` (the foot, px) that the
    content covers: each column from its first block's top to its last's bottom, as wide as
    it is, and each block across the page (the headline, the chart) as it is."""
    if not spans:
        return 1.0
    boxes = list(spans.values())
    top, left, right = min(b[0] for b in boxes), min(b[2] for b in boxes), max(b[3] for b in boxes)
    groups = [[b for n, b in spans.items() if n.startswith(column)] for column in (SIDE, MAIN)]
    alone = [b for n, b in spans.items() if not n.startswith((*SIDE, *MAIN))]
    covered = sum((b[1] - b[0]) * (b[3] - b[2]) for b in alone) + sum(
        (max(b[1] for b in g) - min(b[0] for b in g)) * (max(b[3] for b in g) - min(b[2] for b in g))
        for g in groups if g)
    room = (limit - top) * (right - left)
    return covered / room if room > 0 else 1.0
Placed = tuple[int, str, float, float]  # a marked block: page, name, top, bottom (px)


def _culprit(blocks: list[Placed], crossing: str, over: float, page_px: float) -> str:
    """The block that does not fit: the one that crosses the foot if it is in the taller of
    the two columns. A block below the columns (the chart) that they push past the foot is
    the taller column's to make room for only where that column alone reaches down far
    enough below the other to give the room (`over`, px); else it is the block that does
    not fit. Without two columns, the crossing block."""
    side = [b for b in blocks if b[1].startswith(SIDE)]
    main = [b for b in blocks if b[1].startswith(MAIN)]
    if not side or not main:
        return crossing

    def end(column: list[Placed]) -> float:  # where a column's words end, down the flow
        return max(b[0] * page_px + b[3] for b in column)

    taller, shorter = (side, main) if end(side) > end(main) else (main, side)
    if crossing not in {b[1] for b in taller} and end(taller) - end(shorter) >= over:
        return max(taller, key=lambda b: b[3] - b[2])[1]
    return crossing


HEADINGS = {"h1", "h2", "h3"}


def _named_boxes(box: Box, named: str = "") -> Iterator[tuple[Box, str]]:
    """Every box, with the name of the marked block (data-block) it is in."""
    element = getattr(box, "element", None)
    if element is not None and element.get("data-block"):
        named = element.get("data-block")
    yield box, named
    for child in getattr(box, "children", []):
        yield from _named_boxes(child, named)


def regions(rendered: Document, bleed_pt: float = 0.0) -> list[Region]:
    """Where the layout put each marked block (data-block) and each heading, page by page,
    in points from the trim's top-left corner: what the judge names blocks by. A block
    broken across pages has a region on each."""
    found: dict[tuple[int, int], Region] = {}
    for number, page in enumerate(rendered.pages):
        for box, named in _named_boxes(laid_out(page)):
            element = getattr(box, "element", None)
            if element is None or not hasattr(box, "border_height") or box.element_tag is None:
                continue
            heading = element.tag in HEADINGS
            if not (element.get("data-block") or heading) or (not named and not heading):
                continue
            left = box.border_box_x() * PX_TO_PT - bleed_pt
            top = box.border_box_y() * PX_TO_PT - bleed_pt
            edges = Edges(left, top, left + box.border_width() * PX_TO_PT,
                        top + box.border_height() * PX_TO_PT)
            key = (number, id(element))
            if key in found:
                old = found[key].box
                edges = Edges(min(edges.left, old.left), min(edges.top, old.top),
                            max(edges.right, old.right), max(edges.bottom, old.bottom))
            found[key] = Region(number, named or element.tag, edges, heading)
    return list(found.values())
