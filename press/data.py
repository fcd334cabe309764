"""Datasets: a CSV plus its descriptor, read into tidy observations and checked row by row.

A descriptor (data/<name>.yaml) maps the file's own column names onto the press's five
roles (jurisdiction, year, group, count, source), so a table exported by a police
department or the FBI Crime Data Explorer is brought in without code. `long` files have
one row per group; `wide` files have one column per group (e.g. total_female, total_male).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem, one_of
from .schema import Dataset


@dataclass(frozen=True)
class Observation:
    jurisdiction: str
    year: int
    group: str
    count: int
    source: str
    line: int


@dataclass(frozen=True)
class Table:
    """A dataset, read and checked: its descriptor, file and observations."""

    name: str
    descriptor: Dataset
    rel: str
    rows: tuple[Observation, ...]

    def select(self, jurisdiction: str, year: int) -> tuple[Observation, ...]:
        return tuple(r for r in self.rows if r.jurisdiction == jurisdiction and r.year == year)

    def jurisdictions(self) -> list[str]:
        return sorted({r.jurisdiction for r in self.rows})

    def years(self, jurisdiction: str) -> list[int]:
        return sorted({r.year for r in self.rows if r.jurisdiction == jurisdiction})

    def label(self, group: str) -> str:
        found = self.descriptor.groups.get(group)
        return found.label if found else group


def _group_id(raw: str, descriptor: Dataset) -> str:
    """A group as the file writes it ("F", "Female", "Women") -> its id ("female")."""
    if raw in descriptor.value_map:
        return descriptor.value_map[raw]
    folded = raw.strip().casefold()
    for group, label in descriptor.groups.items():
        if folded in (group.casefold(), label.label.casefold()):
            return group
    return raw


def _count(text: str) -> int | None:
    cleaned = text.strip().replace(",", "")
    if not cleaned.isdigit():
        return None
    return int(cleaned)


def read_table(name: str, descriptor: Dataset, csv_path: Path, rel: str,
               reference_ids: set[str] | None) -> tuple[Table | None, list[Problem]]:
    """Read the CSV as the descriptor says; every bad row is a problem naming its line.

    `reference_ids` is None when references.yaml itself failed; sources then go unchecked.
    """
    problems: list[Problem] = []

    def bad(line: int, message: str, hint: str) -> None:
        problems.append(Problem(rel, line, 1, message, hint))

    try:
        text = csv_path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(rel, 1, 1, "the file is not UTF-8 text",
                              "export it from your spreadsheet as CSV UTF-8")]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=descriptor.delimiter)
    header = next(reader, None)
    if not header:
        return None, [Problem(rel, 1, 1, "the file is empty", "add a header row and data rows")]
    header = [h.strip() for h in header]
    cols = descriptor.columns
    wanted = {role: getattr(cols, role) for role in ("jurisdiction", "year", "group", "count",
                                                      "source") if getattr(cols, role)}
    if descriptor.layout == "wide":
        wanted.update({f"group {g}": c for g, c in descriptor.wide_columns.items()})
    wanted.update({f"filter {c}": c for c in descriptor.filters})
    missing = [c for c in wanted.values() if c not in header]
    if missing:
        other = next((d for d in (";", "\t", ",") if d != descriptor.delimiter
                      and d in "".join(header)), None)
        hint = ("rename the column, or change `columns:` in the descriptor to match the file")
        if other:
            shown_as, written = ("tabs", "\\t") if other == "\t" else (f'"{other}"', other)
            hint = (f"the file seems to use {shown_as} between values: add "
                    f'`delimiter: "{written}"` to the descriptor')
        return None, [Problem(rel, 1, 1, f"the header row has no column {one_of(missing)}; found "
                              f"{one_of(header)}", hint)]
    index = {c: header.index(c) for c in wanted.values()}
    rows: list[Observation] = []
    seen: dict[tuple[str, int, str], int] = {}  # (place, year, group) -> index in rows
    for number, record in enumerate(reader, start=2):
        if not record or all(not cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            bad(number, f"expected {len(header)} values, found {len(record)}",
                "check for a missing or extra comma on this line")
            continue

        def cell(column: str | None, record: list[str] = record) -> str:
            return record[index[column]].strip() if column else ""

        if any(cell(column) != value for column, value in descriptor.filters.items()):
            continue
        jurisdiction = cell(cols.jurisdiction) or descriptor.constants.get("jurisdiction", "")
        source = cell(cols.source) or descriptor.constants.get("source", "")
        year_text = cell(cols.year)
        year = _count(year_text)
        if year is None or not 1800 <= year <= 2100:
            bad(number, f'expected a year like 2013 in column "{cols.year}", found "{year_text}"',
                "write the four-digit year")
            continue
        if not jurisdiction:
            bad(number, "the jurisdiction is empty", "write the place, e.g. Massachusetts")
            continue
        if reference_ids is not None and source not in reference_ids:
            bad(number, f'the source "{source}" is not a reference id in references.yaml',
                f"use one of {one_of(sorted(reference_ids))}, or add the reference")
            continue
        if descriptor.layout == "wide":
            pairs = [(g, cell(c)) for g, c in descriptor.wide_columns.items()]
        else:
            raw_group = cell(cols.group)
            pairs = [(descriptor.value_map.get(raw_group, raw_group), cell(cols.count))]
        for raw, count_text in pairs:
            group = _group_id(raw, descriptor)
            if group not in descriptor.groups:
                bad(number, f'unknown group "{group}"; expected one of '
                    f"{one_of(descriptor.groups)}", "correct the value, or map it under "
                    "`value_map:` in the descriptor")
                continue
            count = _count(count_text)
            if count is None:
                what = "a negative number" if count_text.strip().startswith("-") else f'"{count_text}"'
                bad(number, f"expected a count of {descriptor.measure} (a whole number of 0 or "
                    f"more), found {what}", "write digits only")
                continue
            key = (jurisdiction, year, group)
            if key in seen and descriptor.combine == "sum":
                first = rows[seen[key]]
                if first.source != source:
                    bad(number, f"this row's source \"{source}\" differs from line {first.line}'s "
                        f"\"{first.source}\"; rows summed together need one source",
                        "split the file by source")
                    continue
                rows[seen[key]] = Observation(jurisdiction, year, group, first.count + count,
                                              source, first.line)
                continue
            if key in seen:
                bad(number, f"duplicate row: {jurisdiction}, {year}, {group} is already on line "
                    f"{rows[seen[key]].line}", "delete one of the two rows, or set `combine: sum` "
                    "in the descriptor if such rows should be added together")
                continue
            seen[key] = len(rows)
            rows.append(Observation(jurisdiction, year, group, count, source, number))
    if not rows and not problems:
        problems.append(Problem(rel, 2, 1, "the file has a header but no data rows",
                                "add one row per jurisdiction, year and group"))
    return (None if problems else Table(name, descriptor, rel, tuple(rows))), problems
