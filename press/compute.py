"""Stage 2, compute: every number shown is made here, from source/data or a cited literal.

Percentages are computed from counts (642 of 920 -> 70%), never retyped.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import cite, numbers
from .data import Table
from .load import Project
from .problems import Problem, one_of
from .schema import LiteralStat, Reference, ShareStat


@dataclass(frozen=True)
class StatValue:
    """A statistic ready to print: the figure, what it means, its base and its source."""

    id: str
    display: str
    value: float
    meaning: str
    base: str
    jurisdiction: str
    period: str
    reference: str
    part: int | None = None
    total: int | None = None
    dataset: str | None = None  # the dataset a share is computed from

    @property
    def context(self) -> str:
        """'Massachusetts, 2013; of 920 prostitution-related arrests'."""
        return f"{self.jurisdiction}, {self.period}; {self.base}"


@dataclass(frozen=True)
class Share:
    """One group's share of a jurisdiction-year."""

    jurisdiction: str
    year: int
    group: str
    part: int
    total: int
    reference: str

    @property
    def value(self) -> float:
        return numbers.share(self.part, self.total)


def share_of(table: Table, jurisdiction: str, year: int, group: str) -> Share | str:
    """The share, or a sentence saying what data is missing."""
    rows = table.select(jurisdiction, year)
    if not rows:
        places = table.jurisdictions()
        if jurisdiction not in places:
            return (f'the dataset "{table.name}" has no rows for "{jurisdiction}"; it has '
                    f"{one_of(places)}")
        years = table.years(jurisdiction)
        span = f"only {years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        return f'the dataset "{table.name}" has no {jurisdiction} rows for {year}; it has {span}'
    part = sum(r.count for r in rows if r.group == group)
    if not any(r.group == group for r in rows):
        return f'the {jurisdiction} {year} rows have no group "{group}"'
    total = sum(r.count for r in rows)
    if total == 0:
        return f"the {jurisdiction} {year} rows add up to zero, so no share can be computed"
    sources = sorted({r.source for r in rows})
    if len(sources) > 1:
        return (f"the {jurisdiction} {year} rows come from more than one source "
                f"({one_of(sources)}); a share must come from one")
    return Share(jurisdiction, year, group, part, total, sources[0])


def compute_stat(stat: ShareStat | LiteralStat, tables: dict[str, Table],
                 references: dict[str, Reference]) -> StatValue | str:
    if isinstance(stat, LiteralStat):
        display = (numbers.percent(stat.value, 0 if stat.value == int(stat.value) else 1)
                   if stat.unit == "percent" else numbers.count(stat.value))
        return StatValue(stat.id, display, stat.value, stat.meaning.replace("{value}", display),
                         stat.base, stat.jurisdiction, stat.period, stat.reference)
    table = tables.get(stat.dataset)
    if table is None:
        return f'there is no dataset "{stat.dataset}" in source/data; it has {one_of(tables)}'
    found = share_of(table, stat.jurisdiction, stat.year, stat.group)
    if isinstance(found, str):
        return found
    display = numbers.percent(found.value, stat.decimals)
    reference = references.get(found.reference)
    fields = {"{value}": display, "{total}": numbers.count(found.total),
              "{jurisdiction}": numbers.place(stat.jurisdiction), "{year}": str(stat.year),
              "{measure}": table.descriptor.measure,
              "{source}": cite.source_name(reference) if reference else found.reference}
    return StatValue(
        stat.id, display, found.value, _fill(stat.meaning, fields), _fill(stat.base, fields),
        stat.jurisdiction, str(stat.year), found.reference, found.part, found.total,
        stat.dataset)


SHARE_PLACEHOLDERS = ("{value}", "{total}", "{jurisdiction}", "{year}", "{measure}", "{source}")


def _fill(text: str, fields: dict[str, str]) -> str:
    for name, value in fields.items():
        text = text.replace(name, value)
    return text


def compute_stats(project: Project) -> tuple[dict[str, StatValue], list[Problem]]:
    values: dict[str, StatValue] = {}
    problems: list[Problem] = []
    doc = project.doc("stats")
    for number, stat in enumerate(project.stats.values()):
        result = compute_stat(stat, project.tables, project.references)
        if isinstance(result, str):
            problems.append(doc.problem((number,), f'statistic "{stat.id}": {result}',
                                        "correct the jurisdiction, year or group, or add the "
                                        "data to the CSV"))
        else:
            values[stat.id] = result
    return values, problems
