"""A dataset as read: its observations, the totals its files state, and the base every
share of a place-year is taken of (press/source/data.py reads the files into these)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from press.core.problems import Problem, one_of
from press.source.descriptor import Dataset

SMALL_BASE = 20  # a share of fewer rows than this moves by 5 points or more with one row


@dataclass(frozen=True)  # not slotted: a slotted dataclass pickles (to the workers) 3x slower
class Observation:
    jurisdiction: str
    year: int
    group: str
    count: int
    source: str
    line: int
    file: str = ""


@dataclass(frozen=True)
class TotalRow:
    """A total the file states (checked, never used in a share): of a place-year, or of
    more (a place's every year, a year's every place, the whole file: "" and None), of every
    group or of one (press/source/totals.py)."""

    jurisdiction: str  # "": every place of its file
    year: int | None  # None: every year of its file
    count: int
    file: str
    line: int
    group: str | None = None  # one group's total (None: of every group)
    label: str = ""  # how the file marks it ("Total"); "" where nothing does
    how: Literal["declared", "label", "sum"] = "declared"  # known by `total:`, its words, its sum
    unchecked: str = ""  # why it cannot be checked ("the filters leave out (Offense: 40A)")


@dataclass(frozen=True)
class Base:
    """One place-year's counts, and the base every share of it is taken of.

    `counts` holds each declared group that has a row, in the descriptor's order; `missing`
    the recorded groups that have none. `total` is the base: the counts of the groups that
    count in it (every recorded group, and a not-recorded one whose descriptor says
    `in_base: true`)."""

    jurisdiction: str
    year: int
    counts: tuple[tuple[str, int], ...]
    missing: tuple[str, ...]
    total: int
    unrecorded: int  # rows whose group was not recorded
    unrecorded_in_base: bool
    sources: tuple[str, ...]
    file: str
    line: int  # the first row of this place-year

    def count(self, group: str) -> int:
        return dict(self.counts).get(group, 0)

    @property
    def recorded(self) -> int:
        """The rows whose group was recorded."""
        return self.total - (self.unrecorded if self.unrecorded_in_base else 0)

    @property
    def complete(self) -> bool:
        """Whether a share can be taken of this base: every recorded group has its row, some
        rows have their group recorded (a year of nothing but unknowns says nothing of
        women's share), and they come from one source."""
        return not self.missing and self.recorded > 0 and len(self.sources) == 1

    def share(self, group: str) -> float:
        """The group's share of the base (0-100); only for a complete base."""
        if not self.complete:
            raise ValueError(f"no share of {self.jurisdiction} {self.year}: {self.why_not()}")
        return 100.0 * self.count(group) / self.total

    def why_not(self, labels: dict[str, str] | None = None) -> str:
        """Why no share can be computed from this base ('' when one can)."""
        if self.missing:
            named = [f"{(labels or {}).get(g, g)} ({g})" if labels else g for g in self.missing]
            return (f"{self.jurisdiction}, {self.year} has no row for {' or '.join(named)} "
                    f"({self.file} line {self.line}), so the base is not whole")
        if self.recorded <= 0 and self.unrecorded:
            rows = ("the one row of" if self.unrecorded == 1 else
                    f"none of the {self.unrecorded:,} rows of")
            has = "does not have" if self.unrecorded == 1 else "has"
            return (f"{rows} {self.jurisdiction}, {self.year} {has} its group recorded, so no "
                    "group's share is known")
        if self.total <= 0:
            return f"the {self.jurisdiction} {self.year} rows add up to zero"
        if len(self.sources) > 1:
            return (f"the {self.jurisdiction} {self.year} rows come from more than one source "
                    f"({one_of(self.sources)}); a share must come from one")
        return ""

    @property
    def small(self) -> bool:
        """Whether the base is so small that one row more or fewer moves a share by 5
        points or more."""
        return self.complete and self.total < SMALL_BASE

    def extreme(self) -> str | None:
        """A group with none of the base (0%) or all of it (100%), or None."""
        if not self.complete:
            return None
        for group, count in self.counts:
            if count == 0 or count == self.total:
                return group
        return None


@dataclass(frozen=True)
class Table:
    """A dataset, read and checked: its descriptor, its files and observations."""

    name: str
    descriptor: Dataset
    files: tuple[str, ...]  # the CSV files, relative to the project
    rows: tuple[Observation, ...]
    totals: tuple[TotalRow, ...] = ()

    @cached_property
    def _by_place(self) -> dict[str, dict[int, tuple[Observation, ...]]]:
        """The rows by place and year, in the files' order: found once, since every
        statistic and chart asks (a table may hold a million rows)."""
        grouped: dict[str, dict[int, list[Observation]]] = {}
        for row in self.rows:
            grouped.setdefault(row.jurisdiction, {}).setdefault(row.year, []).append(row)
        return {place: {year: tuple(rows) for year, rows in years.items()}
                for place, years in grouped.items()}

    def __getstate__(self) -> dict[str, object]:
        """Pickled (to the workers) without the index: it is found again where it is asked."""
        return {k: v for k, v in self.__dict__.items() if k != "_by_place"}

    def select(self, jurisdiction: str, year: int) -> tuple[Observation, ...]:
        return self._by_place.get(jurisdiction, {}).get(year, ())

    def jurisdictions(self) -> list[str]:
        return sorted(self._by_place)

    def years(self, jurisdiction: str) -> list[int]:
        return sorted(self._by_place.get(jurisdiction, {}))

    def complete_years(self, jurisdiction: str) -> list[int]:
        """The years of `jurisdiction` a share can be computed for (every recorded group has
        its row, the base is above zero and comes from one source)."""
        return [y for y in self.years(jurisdiction) if self.base(jurisdiction, y).complete]

    def base(self, jurisdiction: str, year: int) -> Base:
        return base_of(self.descriptor, self.select(jurisdiction, year), jurisdiction, year)

    def counts_like(self, other: Table) -> bool:
        """Whether two datasets count the same thing: one measure, the same recorded groups
        (a place build may take one for the other)."""
        a, b = self.descriptor, other.descriptor
        return a.measure.strip().casefold() == b.measure.strip().casefold() and \
            set(a.recorded) == set(b.recorded)

    def label(self, group: str) -> str:
        found = self.descriptor.groups.get(group)
        return found.label if found else group

    def labels(self) -> dict[str, str]:
        return {group: label.label for group, label in self.descriptor.groups.items()}


def base_of(descriptor: Dataset, rows: tuple[Observation, ...], jurisdiction: str, year: int
            ) -> Base:
    """The base of one place-year's rows, as the descriptor declares its groups."""
    have = {r.group: 0 for r in rows}
    for row in rows:
        have[row.group] += row.count
    counts = tuple((g, have[g]) for g in descriptor.groups if g in have)
    missing = tuple(g for g in descriptor.recorded if g not in have)
    unrecorded = sum(have.get(g, 0) for g, label in descriptor.groups.items() if label.not_recorded)
    in_base = any(label.not_recorded and label.in_base for label in descriptor.groups.values())
    total = sum(have.get(g, 0) for g, label in descriptor.groups.items() if label.counted)
    first = min(rows, key=lambda r: (r.file, r.line)) if rows else None
    return Base(jurisdiction, year, counts, missing, total, unrecorded, in_base,
                tuple(sorted({r.source for r in rows})), first.file if first else "",
                first.line if first else 0)


def completed(d: Dataset, rows: list[Observation]) -> tuple[list[Observation], list[Problem]]:
    """A dataset's rows once every file is read, and what they say: a group with no record
    in a year has none (records layout); a year missing a recorded group cannot give a
    share."""
    rows = list(rows)
    problems: list[Problem] = []
    places_years = sorted({(r.jurisdiction, r.year) for r in rows})
    by_key: dict[tuple[str, int], list[Observation]] = {}
    for row in rows:
        by_key.setdefault((row.jurisdiction, row.year), []).append(row)
    if d.layout == "records":  # no record of a group in a year: none of that group
        for key in places_years:
            present = {r.group for r in by_key[key]}
            first = min(by_key[key], key=lambda r: (r.file, r.line))
            for group in d.recorded:
                if group not in present:
                    zero = Observation(key[0], key[1], group, 0, first.source, first.line,
                                       first.file)
                    rows.append(zero)
                    by_key[key].append(zero)
    for key in places_years:
        base = base_of(d, tuple(by_key[key]), *key)
        if base.missing:
            names = " or ".join(f"{d.groups[g].label} ({g})" for g in base.missing)
            problems.append(Problem(
                base.file, base.line, 1, f"{key[0]}, {key[1]} has no row for {names}: no "
                "share, split, slope or trend point of that year can be computed",
                "add the row as the source gives it (write 0 only where the source says there "
                "were none)", "warning"))
    return rows, problems
