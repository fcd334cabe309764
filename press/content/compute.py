"""Compute: every number shown is made here, from source/data or a cited literal.

Percentages are computed from counts (642 of 920 -> 70%), never retyped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from charts.grammar import singular
from press.content import cite
from press.content.texts import item_loc
from press.core import numbers
from press.core.problems import Problem, one_of
from press.source import catalogue
from press.source.load import Project
from press.source.schema import LiteralStat, Reference, ShareStat
from press.source.tables import Base, Table


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
    place: str = ""  # the jurisdiction as the edition names it ("Estados Unidos")

    @property
    def context(self) -> str:
        """'Massachusetts, 2013; of 920 prostitution-related arrests'."""
        return f"{self.place or self.jurisdiction}, {self.period}; {self.base}"


@dataclass(frozen=True)
class Share:
    """One group's share of a jurisdiction-year, from its whole base."""

    jurisdiction: str
    year: int
    group: str
    base: Base

    @property
    def part(self) -> int:
        return self.base.count(self.group)

    @property
    def total(self) -> int:
        return self.base.total

    @property
    def reference(self) -> str:
        return self.base.sources[0]

    @property
    def value(self) -> float:
        return self.base.share(self.group)


def share_of(table: Table, jurisdiction: str, year: int, group: str) -> Share | str:
    """The share, or a sentence saying what data is missing. A share is computed only from a
    place-year with a row for every recorded group (its whole base)."""
    rows = table.select(jurisdiction, year)
    if not rows:
        places = table.jurisdictions()
        if jurisdiction not in places:
            return (f'the dataset "{table.name}" has no rows for "{jurisdiction}"; it has '
                    f"{one_of(places)}")
        years = table.years(jurisdiction)
        span = f"only {years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
        return f'the dataset "{table.name}" has no {jurisdiction} rows for {year}; it has {span}'
    if group not in table.descriptor.groups:
        return (f'the dataset "{table.name}" has no group "{group}"; it has '
                f"{one_of(table.descriptor.groups)}")
    base = table.base(jurisdiction, year)
    why = base.why_not(table.labels())
    if why:
        whole = table.complete_years(jurisdiction)
        if base.missing and whole:
            why += f" (its latest year with every group is {whole[-1]})"
        return why
    return Share(jurisdiction, year, group, base)


def base_words(table: Table, base: Base, words: catalogue.Words | None = None,
               fmt: numbers.Formats = numbers.ENGLISH) -> str:
    """What a base line adds when some rows' group was not recorded: ", 2 with sex not
    recorded" (counted in the base) or ", not counting 2 with sex not recorded", in the
    edition's words (", 2 con sexo no registrado")."""
    if not base.unrecorded:
        return ""
    words = words or catalogue.Words(Path(), "")
    labels = [label.label for label in table.descriptor.groups.values() if label.not_recorded]
    what = labels[0][:1].lower() + labels[0][1:]
    said = {"count": fmt.count(base.unrecorded), "what": what}
    if base.unrecorded_in_base:
        return words.say(", {count} with {what}", **said)
    return words.say(", not counting {count} with {what}", **said)


def measure_for(table: Table, count: int, language: str = "") -> str:
    """What the dataset counts, for `count` of them: its `measure`, or for one its
    `measure_one` (by default the measure made singular in its language: "1 arrest")."""
    descriptor = table.descriptor
    if count != 1:
        return descriptor.measure
    return descriptor.measure_one or singular(descriptor.measure, language or "en-US")


def formats_of(project: Project) -> numbers.Formats:
    """How the project's edition writes numbers and names places: English, or the
    edition's locale with the place names its catalogue gives (layouts/locale/)."""
    if not project.edition:
        return numbers.ENGLISH
    words = catalogue.translations(project.root, project.edition)
    places = {p for table in project.tables.values() for p in table.jurisdictions()}
    return numbers.Formats(project.edition, tuple(sorted((p, words[p]) for p in places
                                                         if p in words)))


def words_of(project: Project) -> catalogue.Words:
    """The edition's words for the sentences the press writes (English in the sources')."""
    return catalogue.Words(project.root, project.edition)


def compute_stat(stat: ShareStat | LiteralStat, tables: dict[str, Table],
                 references: dict[str, Reference], fmt: numbers.Formats = numbers.ENGLISH,
                 words: catalogue.Words | None = None) -> StatValue | str:
    if isinstance(stat, LiteralStat):
        display = (fmt.percent(stat.value, 0 if stat.value == int(stat.value) else 1)
                   if stat.unit == "percent" else fmt.count(stat.value))
        return StatValue(stat.id, display, stat.value, stat.meaning.replace("{value}", display),
                         stat.base, stat.jurisdiction, stat.period, stat.reference,
                         place=fmt.name(stat.jurisdiction))
    table = tables.get(stat.dataset)
    if table is None:
        return f'there is no dataset "{stat.dataset}" in source/data; it has {one_of(tables)}'
    found = share_of(table, stat.jurisdiction, stat.year, stat.group)
    if isinstance(found, str):
        return found
    display = fmt.percent(found.value, stat.decimals)
    reference = references.get(found.reference)
    language = words.edition if words else ""
    fields = {"{total} {measure}": f"{fmt.count(found.total)} "  # "1 arrest", "2 arrests"
              f"{measure_for(table, found.total, language)}",
              "{value}": display, "{total}": fmt.count(found.total),
              "{jurisdiction}": fmt.place(stat.jurisdiction), "{year}": str(stat.year),
              "{measure}": table.descriptor.measure,
              "{source}": cite.source_name(reference) if reference else found.reference}
    return StatValue(
        stat.id, display, found.value, _fill(stat.meaning, fields),
        _fill(stat.base, fields) + base_words(table, found.base, words, fmt),
        stat.jurisdiction,
        str(stat.year), found.reference, found.part, found.total, stat.dataset,
        fmt.name(stat.jurisdiction))


def extreme_words(project: Project, stat: ShareStat | LiteralStat) -> str:
    """For a share of 0% or 100%, or of very few rows, a sentence saying so (such a figure is
    worth a second look), in the sources' words (the build's messages are English)."""
    tables = project.tables_in_original or project.tables
    if not isinstance(stat, ShareStat) or stat.dataset not in tables:
        return ""
    table = tables[stat.dataset]
    base = table.base(stat.jurisdiction, stat.year)
    group = base.extreme()
    if group is not None:
        return zero_words(table, base, group)
    if base.small:
        return (f"the share is of only {numbers.count(base.total)} "
                f"{measure_for(table, base.total)}: one more or fewer moves it by "
                f"{100 / base.total:.0f} points or more")
    return ""


def zero_words(table: Table, base: Base, group: str) -> str:
    """'all 35 arrests of Millbrook, Ohio in 2022 were of women, none of men (women 100%)';
    of one arrest, 'the one arrest of ... was of women'."""
    label = table.label(group).lower()
    where = f"of {numbers.place(base.jurisdiction)} in {base.year}"
    total = numbers.count(base.total)
    one = base.total == 1
    measure = measure_for(table, base.total)
    if base.count(group) == 0:
        if one:
            return f"the one {measure} {where} was not of {label} ({label} 0%)"
        return f"none of the {total} {measure} {where} were of {label} ({label} 0%)"
    others = " or ".join(table.label(g).lower() for g, _ in base.counts if g != group)
    if one:
        return f"the one {measure} {where} was of {label}, none of {others} ({label} 100%)"
    return f"all {total} {measure} {where} were of {label}, none of {others} ({label} 100%)"


SHARE_PLACEHOLDERS = ("{value}", "{total}", "{jurisdiction}", "{year}", "{measure}", "{source}")


def _fill(text: str, fields: dict[str, str]) -> str:
    """Each {placeholder} of `text` filled in one pass: what fills one (a place named
    "{year}") is printed as it is, never filled again."""
    return re.sub(r"\{total\} \{measure\}|\{[a-z_]+\}",  # "{total} {measure}": "1 arrest"
                  lambda found: fields.get(found.group(), found.group()), text)


def compute_stats(project: Project) -> tuple[dict[str, StatValue], list[Problem]]:
    values: dict[str, StatValue] = {}
    problems: list[Problem] = []
    doc = project.doc("stats")
    fmt = formats_of(project)
    words = words_of(project)
    for stat in project.stats.values():
        number = item_loc(doc, stat.id)
        result = compute_stat(stat, project.tables, project.references, fmt, words)
        if isinstance(result, str):
            hint = ("add the missing row to the data (write 0 if there were none), or choose a "
                    "year whose rows are whole" if "has no row for" in result else
                    "correct the jurisdiction, year or group, or add the data to the CSV")
            problems.append(doc.problem(number, f'statistic "{stat.id}": {result}', hint))
            continue
        values[stat.id] = result
        extreme = extreme_words(project, stat)
        if extreme:
            problems.append(doc.problem(number, f'statistic "{stat.id}": {extreme}',
                                        "check the rows against the source before printing "
                                        "it", severity="warning"))
    return values, problems
