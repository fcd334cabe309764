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


def places(project: Project) -> list[str]:
    """Every jurisdiction any dataset has rows for."""
    return sorted({j for t in project.tables.values() for j in t.jurisdictions()})


def canonical(project: Project, place: str) -> str:
    """The place as the data spells it ("massachusetts" -> "Massachusetts")."""
    return next((j for j in places(project) if j.casefold() == place.strip().casefold()), place)


def _year(years: list[int], wanted: int) -> int:
    return wanted if wanted in years else years[-1]


def localize(project: Project, place: str) -> tuple[Project, dict[str, str | None], list[Problem]]:
    """The project re-pointed at `place`; charts it cannot draw, each with a stand-in."""
    problems: list[Problem] = []
    everywhere = places(project)
    if place not in everywhere:
        rels = ", ".join(f for t in project.tables.values() for f in t.files)
        problems.append(Problem(
            rels, 0, 0, f'the data has no rows for "{place}"; it has {one_of(everywhere)}',
            f"choose one of those, or add {place}'s rows (see \"Bringing in a new table\" in "
            "the README)"))
        return project, {}, problems
    stats: dict[str, Any] = {}
    doc = project.doc("stats")
    for number, stat in enumerate(project.stats.values()):
        if isinstance(stat, ShareStat):
            dataset = _dataset_for(project, stat.dataset, place, stat.group)
            if dataset is None:
                problems.append(doc.problem((number,), f'statistic "{stat.id}": no dataset has '
                                            f'"{stat.group}" rows for "{place}"',
                                            "add the rows, or build without --jurisdiction"))
                continue
            years = project.tables[dataset].years(place)
            stat = stat.model_copy(update={"dataset": dataset, "jurisdiction": place,
                                           "year": _year(years, stat.year)})
        stats[stat.id] = stat
    charts: dict[str, Any] = {}
    missing: dict[str, str | None] = {}
    for chart_id, spec in project.charts.items():
        group = spec.group if isinstance(spec, ShareOverTimeChart) else None
        dataset = _dataset_for(project, spec.dataset, place, group) or spec.dataset
        years = project.tables[dataset].years(place)
        if isinstance(spec, SplitChart) and years:
            spec = spec.model_copy(update={"dataset": dataset, "jurisdiction": place,
                                           "year": _year(years, spec.year)})
        elif isinstance(spec, ShareOverTimeChart | SlopeChart) and len(years) >= 2:
            first, last = spec.years
            span = (first if first in years else years[0], last if last in years else years[-1])
            field = {"jurisdictions": [place]} if isinstance(spec, ShareOverTimeChart) else {
                "jurisdiction": place}
            spec = spec.model_copy(update={**field, "dataset": dataset, "years": span})
        elif not isinstance(spec, BigNumberChart):
            missing[chart_id] = None
            continue
        charts[chart_id] = spec
    stand_in = next((c for c, spec in charts.items() if isinstance(spec, SplitChart)), None)
    missing = dict.fromkeys(missing, stand_in)  # a split of the place's data, where there is one
    return dataclasses.replace(project, stats=stats, charts=charts), missing, problems


def _dataset_for(project: Project, preferred: str, place: str, group: str | None) -> str | None:
    """`preferred` if it has rows for `place`, else another dataset that has them."""
    for name in [preferred, *sorted(n for n in project.tables if n != preferred)]:
        table = project.tables[name]
        if table.years(place) and (group is None or group in table.descriptor.groups):
            return name
    return None
