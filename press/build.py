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
from .compute import compute_stats
from .finish import Output, funder_safe, merge_packet, write_atomic, write_outputs
from .load import Project, load_project, slug_of
from .localize import canonical, localize
from .preview import write_preview
from .problems import BuildError, Problem, Problems
from .render import PDF_VARIANT, Renderer, RenderError


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
    started = time.perf_counter()
    today = today or dt.date.today()
    project, problems = load_project(root)
    problems, stats = preflight(project, profile, today, strict=strict, initial=problems)
    problems.raise_if_errors("check")
    missing: dict[str, str | None] = {}
    if jurisdiction:
        jurisdiction = canonical(project, jurisdiction)
        project, missing, found = localize(project, jurisdiction)
        problems.extend(found)
        problems.raise_if_errors("jurisdiction")
        stats, found = compute_stats(project)
        problems.extend(found)
        problems.raise_if_errors("jurisdiction")
    composer = Composer(project, stats, profile, today, jurisdiction)
    created = created_date(project)
    renderer = Renderer(project, profile, created)
    failures: list[Problem] = []
    outputs: list[Output] = []
    for slug, brief in project.briefs.items():
        views: list[DocumentView] = []
        try:
            if not jurisdiction:
                views.append(composer.brief(slug, brief))
            for name, handout in project.handouts.items():
                if handout.chapter != slug:
                    continue
                if handout.chart in missing:
                    stand_in = missing[handout.chart]
                    instead = f'the chart "{stand_in}" is used instead' if stand_in else "it is left out"
                    problems.add(project.doc("handout", name).problem(
                        ("chart",), f'the data has too few years of {jurisdiction} for the chart '
                        f'"{handout.chart}"; {instead}', "add more years of data for "
                        f"{jurisdiction}, or choose another chart for this handout",
                        severity="warning"))
                    handout = handout.model_copy(update={"chart": stand_in})
                views.append(composer.handout(name, handout))
        except ConsentError as error:
            failures.append(Problem("source/quotes.yaml", 0, 0, str(error),
                                    "renew the consent, or choose another quote"))
            continue
        parts: list[tuple[Output, Any]] = []
        for view in views:
            try:
                part, rendered = _render(renderer, view, created)
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
        if len(parts) == len(views):
            outputs += [part for part, _ in parts]
            if not jurisdiction:
                outputs.append(_packet(project, slug, parts, renderer))
    if profile == "grant":
        failures += [Problem(o.rel, 0, 0, f'the file name "{Path(o.rel).name}" is not '
                             "funder-safe (at most 50 letters, digits, hyphens, underscores, "
                             "periods)", "shorten the chapter or audience file name")
                     for o in outputs if not funder_safe(Path(o.rel).name)]
    if failures:
        raise BuildError("render", problems.items + failures)
    out = out_dir(root, profile, jurisdiction)
    chart_files = {c.id: c for p in outputs for c in p.record.pop("_charts", [])
                   if c.path.name.startswith(f"{c.id}-brief-")}
    for chart_id in project.charts:  # every chart, used or not, for slides and the web
        if chart_id not in chart_files:
            chart_files[chart_id] = draw_chart(project, chart_id, "brief", stats)
    manifest: dict[str, Any] = {
        "profile": profile, "created": created, "pdf_variant": PDF_VARIANT[profile],
        "jurisdiction": jurisdiction,
        "reading_grades": language.reading_grades(project),
        "charts": [{"id": c.id, "file": f"charts/{c.id}.svg", "title": c.description.title,
                    "alt": c.description.alt, "source": c.source_line}
                   for c in chart_files.values()],
        "warnings": [p.format() for p in problems.warnings]}
    for chart_file in chart_files.values():
        write_atomic(out / "charts" / f"{chart_file.id}.svg", chart_file.path.read_bytes())
    write_preview(out, root / "layouts", outputs, manifest,
                  f"{project.brand.series_title}: {project.brand.series_subtitle}",
                  project.settings.language)
    write_outputs(out, outputs, manifest)
    return Result(project, problems, outputs, time.perf_counter() - started,
                  language.reading_grades(project), out)


def _render(renderer: Renderer, view: DocumentView, created: str) -> tuple[Output, Any]:
    document, _html = renderer.render(view, created)
    data = renderer.write(document, view)
    record: dict[str, Any] = {
        "kind": view.kind, "quotes": view.quotes, "statistics": view.stats,
        "references": [e.id for e in view.references], "charts": [c.id for c in view.charts],
        "_charts": view.charts}
    return Output(view.file, data, view.title, len(document.pages), record), document


def _packet(project: Project, slug: str, parts: list[tuple[Output, Any]],
            renderer: Renderer) -> Output:
    brief = project.briefs[slug]
    title = f"{brief.title}: brief and handouts"
    data = merge_packet([(part.title, rendered) for part, rendered in parts], renderer.pdf_options(),
                        title)
    record: dict[str, Any] = {"kind": "packet", "contains": [p.rel for p, _ in parts],
                              "_charts": []}
    return Output(f"{slug}-packet.pdf", data, title, sum(p.pages for p, _ in parts), record)
