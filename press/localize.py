"""Jurisdiction handouts: the same handouts with one place's own figures and charts.

Every share statistic and every chart is pointed at the chosen jurisdiction, in the same
year where the data has it, else the latest year it has. A chart the place's data cannot
support (a trend needs two or more years) is left out with a warning; a place the data
does not have at all stops the build with the list of places it does have.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .load import Project
from .problems import Problem, one_of
from .schema import BigNumberChart, ShareOverTimeChart, ShareStat, SlopeChart, SplitChart


def _year(years: list[int], wanted: int) -> int:
    return wanted if wanted in years else years[-1]


def localize(project: Project, place: str) -> tuple[Project, dict[str, str | None], list[Problem]]:
    """The project re-pointed at `place`; charts it cannot draw, each with a stand-in."""
    problems: list[Problem] = []
    everywhere = sorted({j for t in project.tables.values() for j in t.jurisdictions()})
    if place not in everywhere:
        rels = ", ".join(t.rel for t in project.tables.values())
        problems.append(Problem(
            rels, 0, 0, f'the data has no rows for "{place}"; it has {one_of(everywhere)}',
            f"choose one of those, or add {place}'s rows (see \"Bringing in a new table\" in "
            "the README)"))
        return project, {}, problems
    stats: dict[str, Any] = {}
    doc = project.doc("stats")
    for number, stat in enumerate(project.stats.values()):
        if isinstance(stat, ShareStat):
            years = project.tables[stat.dataset].years(place)
            if not years:
                problems.append(doc.problem((number,), f'statistic "{stat.id}": the dataset '
                                            f'"{stat.dataset}" has no rows for "{place}"',
                                            "add the rows, or build without --jurisdiction"))
                continue
            stat = stat.model_copy(update={"jurisdiction": place,
                                           "year": _year(years, stat.year)})
        stats[stat.id] = stat
    charts: dict[str, Any] = {}
    missing: dict[str, str | None] = {}
    for chart_id, spec in project.charts.items():
        years = project.tables[spec.dataset].years(place)
        if isinstance(spec, SplitChart) and years:
            spec = spec.model_copy(update={"jurisdiction": place, "year": _year(years, spec.year)})
        elif isinstance(spec, ShareOverTimeChart | SlopeChart) and len(years) >= 2:
            first, last = spec.years
            span = (first if first in years else years[0], last if last in years else years[-1])
            field = {"jurisdictions": [place]} if isinstance(spec, ShareOverTimeChart) else {
                "jurisdiction": place}
            spec = spec.model_copy(update={**field, "years": span})
        elif not isinstance(spec, BigNumberChart):
            missing[chart_id] = None
            continue
        charts[chart_id] = spec
    for chart_id in missing:  # stand in with a split of the same data, where there is one
        dataset = project.charts[chart_id].dataset
        missing[chart_id] = next((c for c, spec in charts.items() if isinstance(spec, SplitChart)
                                  and spec.dataset == dataset), None)
    return dataclasses.replace(project, stats=stats, charts=charts), missing, problems
