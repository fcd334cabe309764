"""The whole pipeline: load -> check -> compute -> chart -> render -> finish.

Every document is rendered and checked in memory first; files are written only when
all of them pass, so a failed build leaves out/ as it was.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import language
from .check import preflight, roster
from .compose import Composer, ConsentError, DocumentView
from .compute import StatValue, compute_stats
from .consent import PROFILE_USE, consent_problem
from .describe import plan_chart
from .draw import draw, gray_problems
from .files import write_file
from .finish import (
    Output,
    funder_safe,
    record_of,
    write_manifest,
    write_outputs,
)
from .load import Project, load_project, slug_of
from .localize import canonical, localize
from .packet import join
from .preview import write_index, write_thumbnails
from .problems import BuildError, Problem, Problems
from .publish import Interrupted, locked, publish, staging, withdraw
from .render import (
    FITS,
    PDF_VARIANT,
    Fit,
    Renderer,
    RenderError,
    attachments,
    font_files,
    measure,
)
from .schema import Handout


@dataclass
class Result:
    project: Project
    problems: Problems
    outputs: list[Output] = field(default_factory=list)
    seconds: float = 0.0
    grades: dict[str, float] = field(default_factory=dict)
    out: Path | None = None


def created_date(project: Project) -> str:
    """The documents' creation date: SOURCE_DATE_EPOCH if set, else the edition date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return project.settings.edition_date.isoformat()


RESERVED = {"handouts", "charts", "preview", "print", "grant"}  # folders of out/ itself


def out_dir(root: Path, profile: str, jurisdiction: str | None = None) -> Path:
    """out/ for the screen profile, out/<profile>/ for others, out/<place>/ for a place."""
    folder = root / "out" if profile == "screen" else root / "out" / profile
    if not jurisdiction:
        return folder
    slug = slug_of(jurisdiction)
    return folder / (f"place-{slug}" if slug in RESERVED else slug)


def build(root: Path, profile: str = "screen", today: dt.date | None = None,
          strict: bool = False, jurisdiction: str | None = None,
          waiting: Callable[[str], None] | None = None) -> Result:
    """Check, compute, draw, render, then publish every document; raises BuildError.

    One build at a time per project: `waiting(message)` hears when this one waits for
    another. Ctrl-C raises publish.Interrupted, which says whether out/ changed.
    """
    root = root.resolve()
    with locked(root, waiting or (lambda message: None)):
        try:
            return _build(root, profile, today or dt.date.today(), strict, jurisdiction)
        except Interrupted:
            raise
        except KeyboardInterrupt:
            raise Interrupted(out_dir(root, profile, jurisdiction), False) from None


def _build(root: Path, profile: str, today: dt.date, strict: bool,
           jurisdiction: str | None) -> Result:
    started = time.perf_counter()
    project, problems = load_project(root)
    problems, stats = preflight(project, profile, today, strict=strict, initial=problems)
    withdrawn = _withdraw(project, today, problems)
    if problems.errors:
        raise BuildError("check", problems.items, withdrawn)
    if jurisdiction:
        jurisdiction = canonical(project, jurisdiction)
        project, stats = _localized(project, jurisdiction, problems)
    composer = Composer(project, stats, profile, today, jurisdiction)
    renderer = Renderer(project, profile, created_date(project))
    failures: list[Problem] = []
    outputs: list[Output] = []
    chapters: dict[str, list[DocumentView]] = {}
    for chapter in project.briefs:
        try:
            chapters[chapter] = _views(project, composer, chapter)
        except ConsentError as error:
            failures.append(Problem("source/quotes.yaml", 0, 0, str(error),
                                    "renew the consent, or choose another quote"))
    planned = [chart for views in chapters.values() for view in views for chart in view.charts]
    for chart in planned:
        draw(chart)
    problems.extend(gray_problems(project, planned))
    if problems.errors:
        raise BuildError("draw", problems.items, withdrawn)
    for chapter, views in chapters.items():
        parts = _render_all(project, composer, renderer, views, problems, failures)
        if len(parts) == len(views):
            outputs += [part for part, _ in parts]
            if not jurisdiction:
                outputs.append(_packet(project, chapter, [part for part, _ in parts], renderer))
    if profile == "grant":
        failures += [Problem(o.rel, 0, 0, f'the file name "{Path(o.rel).name}" is not '
                             "funder-safe (at most 50 letters, digits, hyphens, underscores, "
                             "periods)", "shorten the chapter or audience file name")
                     for o in outputs if not funder_safe(Path(o.rel).name)]
    if failures:
        raise BuildError("render", problems.items + failures, withdrawn)
    out = out_dir(root, profile, jurisdiction)
    grades = language.reading_grades(project)
    staged = staging(root)
    _stage(staged, project, outputs, stats, problems, {
        "title": f"{project.brand.series_title}: {project.brand.series_subtitle}",
        "language": project.settings.language, "profile": profile, "created": renderer.created,
        "pdf_variant": PDF_VARIANT[profile], "jurisdiction": jurisdiction,
        "reading_grades": grades})
    publish(staged, out)
    return Result(project, problems, outputs, time.perf_counter() - started, grades, out)


def _withdraw(project: Project, today: dt.date, problems: Problems) -> list[str]:
    """Take out of out/ every document whose quote's consent no longer covers it (expired,
    withdrawn, or the quote deleted); each removal is a warning. Returns the files removed."""
    def refuses(quote_id: str, profile: str) -> str | None:
        quote = project.quotes.get(quote_id)
        if quote is None:
            return "the quote is no longer in source/quotes.yaml"
        return consent_problem(quote, PROFILE_USE.get(profile, "web"), today)

    removed = withdraw(project.root, refuses)
    for rel, reason in removed:
        problems.add(Problem(rel, 0, 0, f"removed this document from out/: {reason}",
                             "rebuild once the consent is renewed, or choose another quote",
                             "warning"))
    return [rel for rel, _ in removed]


def _localized(project: Project, place: str, problems: Problems
               ) -> tuple[Project, dict[str, StatValue]]:
    """The project and its statistics for one place (what cannot be said there, left out)."""
    project, _, found = localize(project, place)
    problems.extend(found)
    problems.raise_if_errors("jurisdiction")
    stats, found = compute_stats(project)
    problems.extend(found)
    problems.raise_if_errors("jurisdiction")
    return project, stats


def _views(project: Project, composer: Composer, chapter: str) -> list[DocumentView]:
    """The chapter's brief (not for a place) and its handouts, composed."""
    views = [] if composer.jurisdiction else [composer.brief(chapter, project.briefs[chapter])]
    views += [composer.handout(key, handout) for key, handout in _in_roster_order(project, chapter)]
    return views


def _in_roster_order(project: Project, chapter: str) -> list[tuple[str, Handout]]:
    """The chapter's handouts in the order its roster names them, then its other audiences,
    then any others by file name."""
    audiences = roster(project.briefs[chapter])
    handouts = [(k, h) for k, h in project.handouts.items() if h.chapter == chapter]

    def order(pair: tuple[str, Handout]) -> tuple[int, str]:
        audience = pair[0].split("/", 1)[1]
        return (audiences.index(audience) if audience in audiences else len(audiences), audience)

    return sorted(handouts, key=order)


def _render_all(project: Project, composer: Composer, renderer: Renderer,
                views: list[DocumentView], problems: Problems,
                failures: list[Problem]) -> list[tuple[Output, Any]]:
    """Render each view; a handout is fitted to its one page or its failure is located."""
    parts: list[tuple[Output, Any]] = []
    for view in views:
        try:
            if view.kind == "handout":
                view, rendered = _fitted(project, composer, renderer, view, problems, failures)
            else:
                rendered, _ = renderer.render(view)
            part = _output(renderer, view, rendered)
        except RenderError as error:
            failures.append(Problem(f"layouts/{view.kind}.html", 0, 0, str(error),
                                    "fix the template or the file it names"))
            continue
        parts.append((part, rendered))
    return parts


BLOCKS = {"headline": ("headline",), "why": ("why",), "quote": ("quote",), "chart": ("chart",)}


def _block_loc(block: str) -> tuple[int | str, ...]:
    """Where in a handout's YAML a marked block comes from ("action-2" -> actions[1])."""
    kind, _, number = block.partition("-")
    if number.isdigit():
        return ("actions" if kind == "action" else "stats", int(number) - 1)
    return BLOCKS.get(block, ())


def _fitted(project: Project, composer: Composer, renderer: Renderer, view: DocumentView,
            problems: Problems, failures: list[Problem]) -> tuple[DocumentView, Any]:
    """Render a handout at its own size; if it does not fit, try the bounded fits in order
    (spacing, then type down to the 9.5 pt floor, then leaving out what the handout marks
    optional) and say what was done, or name the block that crosses the foot, by how much."""
    handout = project.handouts[view.slug]
    doc = project.doc("handout", view.slug)
    audience = handout.audience.lower()
    rendered, fit = _laid_out(renderer, view, 0)
    level, dropped = 0, []
    while not fit.fits and level + 1 < len(FITS):
        level += 1
        rendered, fit = _laid_out(renderer, view, level)
    for block in handout.optional:
        if fit.fits:
            break
        dropped.append(block)
        view = composer.handout(view.slug, handout, leave_out=set(dropped))
        rendered, fit = _laid_out(renderer, view, level)
    if fit.fits:
        if level or dropped:
            left = (f" and {_words(dropped)} left out (marked optional)" if dropped else "")
            problems.add(doc.problem((), f"the handout for {audience} fits its page only with "
                                     f"{FITS[level]}{left}", "shorten its words to print it at "
                                     "its own size", severity="warning"))
        return view, rendered
    lines = max(1, math.ceil(fit.over_pt / LINE_PT))
    tried = f" even with {FITS[level]}" + (f" and {_words(dropped)} left out" if dropped else "")
    what = _words([fit.block]) if fit.block else "the content"
    failures.append(doc.problem(
        _block_loc(fit.block), f"the handout for {audience} does not fit on one page{tried}: "
        f"{what} crosses the foot of the page by {fit.over_pt:.0f} pt (about {lines} "
        f"line{'s' if lines != 1 else ''})", f"cut about {lines} line{'s' if lines != 1 else ''} "
        "from the why text or the actions, use one statistic, or mark a block optional "
        "(optional: [chart])"))
    return view, rendered


LINE_PT = 10.5 * 1.4  # one line of a handout's body text


def _words(blocks: list[str]) -> str:
    """["chart", "action-5"] -> "the chart and action 5"."""
    named = [(_BLOCK_WORDS.get(b.partition("-")[0], b) + " " + b.partition("-")[2]).strip()
             for b in blocks]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
_BLOCK_WORDS = {"headline": "the headline", "why": "the why text", "action": "action",
                "stat": "statistic", "quote": "the quote", "chart": "the chart"}


def _stage(staged: Path, project: Project, outputs: list[Output], stats: dict[str, StatValue],
           problems: Problems, manifest: dict[str, Any]) -> None:
    """Charts, PDFs, previews and the manifest of one build, into the staging folder."""
    charts = {c.id: c for o in outputs for c in o.charts if c.size == "brief"}
    for chart_id in project.charts:  # every chart, used or not, for slides and the web
        if chart_id not in charts:
            charts[chart_id] = draw(plan_chart(project, project.charts[chart_id], "brief", stats))
    manifest["charts"] = [{"id": c.id, "file": f"charts/{c.id}.svg",
                           "title": c.description.title, "alt": c.description.alt,
                           "source": c.source_line} for c in charts.values()]
    manifest["warnings"] = [p.format() for p in problems.warnings]
    manifest["outputs"] = [record_of(output) for output in outputs]
    for chart in charts.values():
        write_file(staged / "charts" / f"{chart.id}.svg", chart.path.read_bytes())
    write_outputs(staged, outputs)
    write_thumbnails(staged, outputs)
    write_index(staged, project.root, manifest)
    write_manifest(staged, manifest)


def _laid_out(renderer: Renderer, view: DocumentView, fit: int) -> tuple[Any, Fit]:
    document, _html = renderer.render(view, fit)
    return document, measure(document)


def _output(renderer: Renderer, view: DocumentView, document: Any) -> Output:
    data = renderer.write(document, view)
    record: dict[str, Any] = {
        "kind": view.kind, "quotes": view.quotes, "statistics": view.stats,
        "references": [e.id for e in view.references], "charts": [c.id for c in view.charts],
        **_data_record(renderer, view.datasets)}
    return Output(view.file, data, view.title, len(document.pages), record, tuple(view.charts))


def _data_record(renderer: Renderer, datasets: list[str]) -> dict[str, Any]:
    """The datasets a PDF prints and, for the grant profile, the files attached to it."""
    attached = attachments(renderer.project, datasets) if renderer.profile == "grant" else []
    return {"datasets": datasets, "attachments": attached}


def _packet(project: Project, chapter: str, parts: list[Output], renderer: Renderer) -> Output:
    """The chapter's documents joined from their finished PDFs (nothing laid out again)."""
    title = f"{project.briefs[chapter].title}: brief and handouts"
    datasets = list(dict.fromkeys(d for part in parts for d in part.record["datasets"]))
    quotes = list(dict.fromkeys(q for part in parts for q in part.record["quotes"]))
    data = join([(part.title, part.data) for part in parts], title, font_files(project))
    record: dict[str, Any] = {"kind": "packet", "contains": [p.rel for p in parts],
                              "quotes": quotes, **_data_record(renderer, datasets)}
    return Output(f"{chapter}-packet.pdf", data, title, sum(p.pages for p in parts), record)
