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
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

import jinja2

if TYPE_CHECKING:  # WeasyPrint has no type information: these name what is passed around
    from weasyprint import Attachment, Document
    from weasyprint.document import Page
    from weasyprint.formatting_structure.boxes import Box
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

from press.content import markup
from press.content.compose import DocumentView, PrintView
from press.core import files, sizes
from press.core.problems import PressError
from press.layout import typography
from press.layout.figures import figure_font, figure_pt
from press.pdf.judge import Box as Edges
from press.pdf.judge import Region
from press.source import catalogue
from press.source.load import Project

# "sheets": the print pages of a training's print run, before they are imposed (internal)
PDF_VARIANT = {"screen": "pdf/ua-1", "print": "pdf/ua-1", "grant": "pdf/a-3a",
               "sheets": "pdf/ua-1"}
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


def environment(root: Path, edition: str = "") -> jinja2.Environment:
    """The one Jinja2 environment: templates from the project's layouts/, autoescaped; its
    labels (`_("...")`) in the `edition`'s language (press/source/catalogue.py)."""
    env = jinja2.Environment(
        loader=ProjectLoader(root / "layouts", root),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["typo"] = typography.typeset  # press/layout/typography.py
    env.filters["citation"] = markup.citation  # a reference's number, joined to its words
    env.add_extension("jinja2.ext.i18n")
    words = catalogue.translations(root, edition) if edition else {}

    def gettext(message: str) -> str:
        return words.get(message) or message

    def ngettext(singular: str, plural: str, count: int) -> str:
        return gettext(singular if count == 1 else plural)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    return env


def stylesheets(kind: str, profile: str) -> list[str]:
    if kind in ADDED_PAGES:
        return ["css/common.css", "css/print-run.css"]
    sheets = ["css/common.css", f"css/{kind}.css"]
    if profile in ("print", "grant"):
        sheets.append(f"css/{profile}.css")
    if profile == "sheets":
        sheets.append("css/impose.css")
    return sheets


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


def page_view(kind: str, profile: str, paper: str, fit: int = 0, roomy: int = 0,
              bare_page: int = 0) -> PageView:
    layout = "print-run" if kind in ADDED_PAGES else kind
    width, height = sizes.PAPER[paper]
    first = sizes.MARGINS["brief-cover"].css() if kind == "brief" else ""
    bleed = f"{sizes.BLEED_IN}in" if profile in ("print", "sheets") and layout != "print-run" else ""
    block = sizes.block_in(kind, paper) if kind in sizes.SPARE_IN else 0.0
    return PageView(f"{width}in {height}in", sizes.MARGINS[layout].css(), first, bleed, block,
                    sizes.FITS[fit], fit, roomy=roomy, bare_page=bare_page)


def html_for(env: jinja2.Environment, project: Project, document: DocumentView | PrintView,
             profile: str,
             created: str, fit: int = 0, roomy: int = 0, bare_page: int = 0) -> str:
    template = env.get_template(f"{document.kind}.html")
    paper = project.settings.paper
    font = figure_font(project)
    column = sizes.figure_column_in(document.kind, paper)
    own = sizes.FIGURE_PT.get(document.kind, 0.0)

    def figure_size(text: str) -> float:
        return figure_pt(text, font, column, own)

    return template.render(
        doc=document, brand=project.brand, settings=project.settings, profile=profile,
        lang=project.edition or project.settings.language,
        palette=project.brand.palette.model_dump(), created=created,
        page=page_view(document.kind, profile, paper, fit, roomy, bare_page),
        figure_pt=figure_size,
        sizes=sizes, stylesheets=stylesheets(document.kind, profile))





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

    def __post_init__(self) -> None:
        self.env = environment(self.project.root, self.project.edition)
        self.fonts = font_configuration()
        self.cache: dict[str, object] = {}  # WeasyPrint's images, by address
        self.fetcher = make_fetcher(self.project.root)
        variant = PDF_VARIANT[self.profile]
        self.options: dict[str, object] = {"pdf_tags": True}
        if variant:
            self.options["pdf_variant"] = variant

    def _data_attachments(self, datasets: Sequence[str]) -> list[Attachment]:
        """The grant profile carries the data the document prints: each dataset's CSV files
        and descriptor, read through the project's border, nothing else."""
        import datetime as dt
        import io

        from weasyprint import Attachment

        stamp = dt.datetime.fromisoformat(self.created).replace(tzinfo=dt.UTC)
        attached = []
        for rel in attachments(self.project, datasets):
            data = files.read_bytes(self.project.root, self.project.root / rel)
            name = Path(rel).name
            attached.append(Attachment(file_obj=io.BytesIO(data), name=name,
                                       description=f"Source data: {name}", created=stamp,
                                       modified=stamp, relationship="Source"))
        return attached

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

    def render(self, document: DocumentView, fit: int = 0, roomy: int = 0, bare_page: int = 0
               ) -> tuple[Document, str]:
        """The laid-out WeasyPrint Document and the HTML it came from; `fit` is an index in
        FITS, the bounded fit to lay it out with."""
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError

        try:
            html = html_for(self.env, self.project, document, self.profile, self.created, fit,
                            roomy, bare_page)
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

    def pdf_options(self, datasets: Sequence[str]) -> dict[str, object]:
        """Options for write_pdf; attachments are made afresh, as each is read only once."""
        if self.profile == "grant":
            return {**self.options, "attachments": self._data_attachments(datasets)}
        return dict(self.options)

    def write(self, rendered: Document, document: DocumentView) -> bytes:
        """The PDF's bytes; fonts are subset and embedded here."""
        with weasyprint_warnings() as warnings:
            data: bytes = rendered.write_pdf(**self.pdf_options(document.datasets))
        _fail_on(warnings, document)
        return data


def font_files(project: Project) -> list[Path]:
    """The brand's font files (the border has let each through: see check_brand)."""
    fonts = project.root / "layouts" / "fonts"
    return [fonts / face.file for face in project.brand.fonts.faces]


def attachments(project: Project, datasets: Sequence[str]) -> list[str]:
    """The files a grant PDF attaches: for each dataset it prints, the CSV files and the
    descriptor that says what they hold (paths relative to the project), each once."""
    found: list[str] = []
    for name in datasets:
        found += [*project.tables[name].files, project.doc("dataset", name).rel]
    return list(dict.fromkeys(found))


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
    footer_top: float | None = None
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
    later = [b for b in blocks if b[0] > 0]
    lost = [name for name in expected if name not in {b[1] for b in blocks}]
    if lost:
        over = max((b[3] for b in later), default=0.0) - min((b[2] for b in later), default=0.0)
        return Fit(max(2, len(rendered.pages)), over * PX_TO_PT + FOOT_GAP_PT, lost[0])
    if later:
        page_top = min(b[2] for b in later)
        over = sum(max(b[3] for b in later if b[0] == n) - page_top for n in {b[0] for b in later})
        split = [b for b in later if any(a[1] == b[1] and a[0] < b[0] for a in blocks)]
        first = min(split or later, key=lambda b: (b[0], b[2]))  # the block the page breaks
        return Fit(len(rendered.pages), over * PX_TO_PT + FOOT_GAP_PT, _culprit(blocks, first[1]))
    if footer_top is None or not blocks:
        return Fit(len(rendered.pages), 0.0, "")
    limit = footer_top - FOOT_GAP_PT / PX_TO_PT
    lowest = max(blocks, key=lambda b: b[3])
    return Fit(len(rendered.pages), max(0.0, (lowest[3] - limit) * PX_TO_PT),
               _culprit(blocks, lowest[1]) if lowest[3] > limit else "",
               max(0.0, (limit - lowest[3]) * PX_TO_PT))


SIDE, MAIN = ("stat-", "quote"), ("why", "action-")  # a handout's two columns' blocks


def _culprit(blocks: list[tuple[int, str, float, float]], crossing: str) -> str:
    """The block to shorten: the one that crosses the foot if it is in the taller of the two
    columns; else (the chart pushed down by the columns, or the columns moved whole to a
    later page) the tallest block of the taller column."""
    side = [b for b in blocks if b[1].startswith(SIDE)]
    main = [b for b in blocks if b[1].startswith(MAIN)]
    if not side or not main:
        return crossing
    taller = side if sum(b[3] - b[2] for b in side) > sum(b[3] - b[2] for b in main) else main
    if crossing in {b[1] for b in taller}:
        return crossing
    return max(taller, key=lambda b: b[3] - b[2])[1]


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
