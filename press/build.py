"""The whole pipeline: load -> check -> compute -> chart -> render -> finish.

Every document is rendered and checked in memory first; files are written only when
all of them pass, so a failed build leaves out/ as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import language
from .chart import draw_chart
from .check import preflight
from .compose import Composer, ConsentError, DocumentView
from .compute import StatValue, compute_stats
from .finish import Output, funder_safe, merge_packet, write_atomic, write_outputs
from .load import Project, load_project, slug_of
from .localize import canonical, localize
from .preview import write_preview
from .problems import BuildError, Problem, Problems
from .render import PDF_VARIANT, Renderer, RenderError
from .schema import Handout, RolesBlock


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


def run_check(root: Path, profile: str = "screen", today: dt.date | None = None,
              strict: bool = False) -> Result:
    """Load and preflight only; raises BuildError on errors."""
    project, problems = load_project(root)
    problems, _ = preflight(project, profile, today or dt.date.today(), strict=strict,
                            initial=problems)
    problems.raise_if_errors("check")
    return Result(project, problems, grades=language.reading_grades(project))


def out_dir(root: Path, profile: str, jurisdiction: str | None = None) -> Path:
    """out/ for the screen profile, out/<profile>/ for others, out/<place>/ for a place."""
    folder = root / "out" if profile == "screen" else root / "out" / profile
    return folder / slug_of(jurisdiction) if jurisdiction else folder


def build(root: Path, profile: str = "screen", today: dt.date | None = None,
          strict: bool = False, jurisdiction: str | None = None) -> Result:
    """Check, compute, draw, render and write every document; raises BuildError."""
    started = time.perf_counter()
    today = today or dt.date.today()
    project, problems = load_project(root)
    problems, stats = preflight(project, profile, today, strict=strict, initial=problems)
    problems.raise_if_errors("check")
    stand_ins: dict[str, str | None] = {}
    if jurisdiction:
        jurisdiction = canonical(project, jurisdiction)
        project, stats, stand_ins = _localized(project, jurisdiction, problems)
    composer = Composer(project, stats, profile, today, jurisdiction)
    renderer = Renderer(project, profile, created_date(project))
    failures: list[Problem] = []
    outputs: list[Output] = []
    for chapter in project.briefs:
        try:
            views = _views(project, composer, chapter, stand_ins, problems)
        except ConsentError as error:
            failures.append(Problem("source/quotes.yaml", 0, 0, str(error),
                                    "renew the consent, or choose another quote"))
            continue
        parts = _render_all(project, renderer, views, failures)
        if len(parts) == len(views):
            outputs += [part for part, _ in parts]
            if not jurisdiction:
                outputs.append(_packet(project, chapter, parts, renderer))
    if profile == "grant":
        failures += [Problem(o.rel, 0, 0, f'the file name "{Path(o.rel).name}" is not '
                             "funder-safe (at most 50 letters, digits, hyphens, underscores, "
                             "periods)", "shorten the chapter or audience file name")
                     for o in outputs if not funder_safe(Path(o.rel).name)]
    if failures:
        raise BuildError("render", problems.items + failures)
    out = out_dir(root, profile, jurisdiction)
    grades = language.reading_grades(project)
    _write(out, project, outputs, stats, problems, {
        "profile": profile, "created": renderer.created, "pdf_variant": PDF_VARIANT[profile],
        "jurisdiction": jurisdiction, "reading_grades": grades})
    return Result(project, problems, outputs, time.perf_counter() - started, grades, out)


def _localized(project: Project, place: str, problems: Problems
               ) -> tuple[Project, dict[str, StatValue], dict[str, str | None]]:
    """The project, its statistics and chart stand-ins for one jurisdiction."""
    project, stand_ins, found = localize(project, place)
    problems.extend(found)
    problems.raise_if_errors("jurisdiction")
    stats, found = compute_stats(project)
    problems.extend(found)
    problems.raise_if_errors("jurisdiction")
    return project, stats, stand_ins


def _views(project: Project, composer: Composer, chapter: str,
           stand_ins: dict[str, str | None], problems: Problems) -> list[DocumentView]:
    """The chapter's brief (not for a jurisdiction) and its handouts, composed."""
    place = composer.jurisdiction
    views = [] if place else [composer.brief(chapter, project.briefs[chapter])]
    for name, handout in _in_roster_order(project, chapter):
        if handout.chart in stand_ins:
            stand_in = stand_ins[handout.chart]
            instead = f'the chart "{stand_in}" is used instead' if stand_in else "it is left out"
            problems.add(project.doc("handout", name).problem(
                ("chart",), f'the data has too few years of {place} for the chart '
                f'"{handout.chart}"; {instead}', f"add more years of data for {place}, or "
                "choose another chart for this handout", severity="warning"))
            handout = handout.model_copy(update={"chart": stand_in})
        views.append(composer.handout(name, handout))
    return views


def _in_roster_order(project: Project, chapter: str) -> list[tuple[str, Handout]]:
    """The chapter's handouts in the order its "who can shift the system" roster names them,
    then any others (police officers, say) by file name."""
    roster = [item.id for block in project.briefs[chapter].blocks
              if isinstance(block, RolesBlock) for item in block.items]
    handouts = [(n, h) for n, h in project.handouts.items() if h.chapter == chapter]
    return sorted(handouts, key=lambda pair: (roster.index(pair[0]) if pair[0] in roster
                                              else len(roster), pair[0]))


def _render_all(project: Project, renderer: Renderer, views: list[DocumentView],
                failures: list[Problem]) -> list[tuple[Output, Any]]:
    """Render each view; a handout that is not exactly one page is a failure naming it."""
    parts: list[tuple[Output, Any]] = []
    for view in views:
        try:
            part, rendered = _render(renderer, view)
        except RenderError as error:
            failures.append(Problem(f"layouts/{view.kind}.html", 0, 0, str(error),
                                    "fix the template or the file it names"))
            continue
        if view.kind == "handout" and part.pages != 1:
            failures.append(project.docs[view.source].problem(
                (), f'the handout for {view.extra["audience"].lower()} runs to {part.pages} '
                "pages; a handout must fit on exactly one page",
                "shorten the why text or the actions, use fewer statistics, or drop the chart"))
        parts.append((part, rendered))
    return parts


def _write(out: Path, project: Project, outputs: list[Output], stats: dict[str, StatValue],
           problems: Problems, manifest: dict[str, Any]) -> None:
    """Charts, preview and PDFs into `out`, the manifest last."""
    charts = {c.id: c for o in outputs for c in o.charts if c.size == "brief"}
    for chart_id in project.charts:  # every chart, used or not, for slides and the web
        if chart_id not in charts:
            charts[chart_id] = draw_chart(project, chart_id, "brief", stats)
    manifest["charts"] = [{"id": c.id, "file": f"charts/{c.id}.svg",
                           "title": c.description.title, "alt": c.description.alt,
                           "source": c.source_line} for c in charts.values()]
    manifest["warnings"] = [p.format() for p in problems.warnings]
    for chart in charts.values():
        write_atomic(out / "charts" / f"{chart.id}.svg", chart.path.read_bytes())
    write_preview(out, project.root / "layouts", outputs, manifest,
                  f"{project.brand.series_title}: {project.brand.series_subtitle}",
                  project.settings.language)
    write_outputs(out, outputs, manifest)


def _render(renderer: Renderer, view: DocumentView) -> tuple[Output, Any]:
    document, _html = renderer.render(view)
    data = renderer.write(document, view)
    record: dict[str, Any] = {
        "kind": view.kind, "quotes": view.quotes, "statistics": view.stats,
        "references": [e.id for e in view.references], "charts": [c.id for c in view.charts]}
    return Output(view.file, data, view.title, len(document.pages), record,
                  tuple(view.charts)), document


def _packet(project: Project, chapter: str, parts: list[tuple[Output, Any]],
            renderer: Renderer) -> Output:
    title = f"{project.briefs[chapter].title}: brief and handouts"
    data = merge_packet([(part.title, rendered) for part, rendered in parts],
                        renderer.pdf_options(), title)
    record: dict[str, Any] = {"kind": "packet", "contains": [p.rel for p, _ in parts]}
    return Output(f"{chapter}-packet.pdf", data, title, sum(p.pages for p, _ in parts), record)
