"""Datasets: CSV files plus a descriptor, read into tidy observations and checked cell by cell.

A descriptor (data/<name>.yaml) maps the files' own column names onto the press's five
roles (jurisdiction, year, group, count, source), so a table exported by a police
department or the FBI Crime Data Explorer is brought in as it comes. `long` files have one
row per group; `wide` files have one column per group, or several added together
(adult_female + juvenile_female). Place names can be renamed, several files can make one
table, and every bad cell is reported with its line, column and the fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import files
from .problems import Problem, one_of, shown
from .schema import Dataset

Where = Callable[[str | None], int]  # a column's name -> its character column on the current line
COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")  # 642, 6425 or 6,425; nothing else
YEAR = re.compile(r"[0-9]{4}")
FIRST_YEAR = 1800


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
    """A dataset, read and checked: its descriptor, its files and observations."""

    name: str
    descriptor: Dataset
    files: tuple[str, ...]  # the CSV files, relative to the project
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


def parse_count(text: str) -> int | None:
    """Digits, with commas only between groups of three ("6,425"); anything else is None."""
    text = text.strip()
    return int(text.replace(",", "")) if COUNT.fullmatch(text) else None


def _count_problem(text: str) -> tuple[str, str]:
    """What is wrong with a count cell, and how to fix it."""
    text = text.strip()
    if not text:
        return ("found an empty cell", "write 0 if there were none; if the figure is unknown, "
                "remove the row or leave the place and year out of the documents")
    if text.startswith(("-", "\u2212")):
        return f"found a negative number {shown(text)}", "a count cannot be below 0; correct it"
    if re.fullmatch(r"[0-9,]+", text):
        return (f"found {shown(text)}, which is not a whole number: commas may only separate "
                "thousands (6,425)", "write the number as the source gives it, e.g. 642 or 6,425")
    if re.fullmatch(r"[0-9.,]+([eE][+-]?[0-9]+)?", text):
        return (f"found {shown(text)}, which is not written as a whole number",
                "write the count in full, digits only, e.g. 642 or 1,234")
    return f"found {shown(text)}", "write the count in digits, e.g. 642 or 1,234"


def _offsets(line: str, delimiter: str) -> list[int]:
    """Where each value of a CSV line starts (0-based), quoted values included."""
    starts, quoted = [0], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(index + 1)
    return starts


def _tokens(name: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return {t for t in re.split(r"[^0-9a-z]+", spaced.casefold()) if t}


@dataclass
class _Reader:
    """Reads the files of one dataset into observations, collecting located problems."""

    name: str
    descriptor: Dataset
    reference_ids: set[str] | None
    edition: dt.date | None
    problems: list[Problem] = field(default_factory=list)
    rows: list[Observation] = field(default_factory=list)
    # (place, year, group) -> index in rows, and where it came from (file, line, columns)
    seen: dict[tuple[str, int, str], tuple[int, str, int, str]] = field(default_factory=dict)
    names_used: set[str] = field(default_factory=set)

    def bad(self, rel: str, line: int, column: int, message: str, hint: str) -> None:
        self.problems.append(Problem(rel, line, column, message, hint))

    def read(self, rel: str, text: str) -> None:
        descriptor = self.descriptor
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=descriptor.delimiter)
        lines = text.splitlines()
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            self.bad(rel, 1, 1, "the file is empty", "add a header row and data rows")
            return
        header = [h.strip() for h in header]
        wanted = self._wanted()
        missing = [c for c in wanted if c not in header]
        if missing:
            self.bad(rel, 1, 1, f"the header row has no column {one_of(missing)}; found "
                     f"{one_of(header)}", self._header_hint(header))
            return
        index = {c: header.index(c) for c in header}
        kept: list[list[str]] = []
        records = 0
        previous_end = 1
        for record in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not record or all(not cell.strip() for cell in record):
                continue
            records += 1
            if len(record) != len(header):
                self.bad(rel, line, 1, f"expected {len(header)} values, found {len(record)}",
                         "check for a missing or extra comma on this line, or put a value "
                         "that contains a comma in double quotes")
                continue
            starts = _offsets(lines[line - 1], descriptor.delimiter) if line <= len(lines) else []

            def at(column: str | None, starts: list[int] = starts) -> int:
                position = index.get(column or "", len(starts))
                return starts[position] + 1 if position < len(starts) else 1

            if self._row(rel, line, record, index, at):
                kept.append(record)
        if records and not kept and not any(p.file == rel for p in self.problems):
            filters = ", ".join(f"{k}: {v}" for k, v in descriptor.filters.items())
            self.bad(rel, 2, 1, f"no row is left after the filters ({filters})",
                     "check the filter values against the file")
        elif not records:
            self.bad(rel, 2, 1, "the file has a header but no data rows",
                     "add one row per jurisdiction, year and group")
        self._unused_counts(rel, header, index, kept)

    def _wanted(self) -> list[str]:
        d = self.descriptor
        roles = [getattr(d.columns, r) for r in ("jurisdiction", "year", "group", "count", "source")]
        wanted = [c for c in roles if c]
        if d.layout == "wide":
            wanted += [c for columns in d.group_columns().values() for c in columns]
        wanted += list(d.filters)
        return list(dict.fromkeys(wanted))

    def _header_hint(self, header: list[str]) -> str:
        other = next((d for d in (";", "\t", ",") if d != self.descriptor.delimiter
                      and d in "".join(header)), None)
        if other:
            shown_as, written = ("tabs", "\\t") if other == "\t" else (f'"{other}"', other)
            return (f"the file seems to use {shown_as} between values: add "
                    f'`delimiter: "{written}"` to the descriptor')
        return "rename the column, or change `columns:` in the descriptor to match the file"

    def _row(self, rel: str, line: int, record: list[str], index: dict[str, int],
             where: Where) -> bool:
        """Read one row; False when the filters leave it out or it has a bad cell."""
        d, cols = self.descriptor, self.descriptor.columns

        def cell(column: str | None) -> str:
            return record[index[column]].strip() if column else ""

        if any(cell(column) != value for column, value in d.filters.items()):
            return False
        raw_place = cell(cols.jurisdiction) or d.constants.get("jurisdiction", "")
        if raw_place in d.place_names:
            self.names_used.add(raw_place)
        jurisdiction = d.place_names.get(raw_place, raw_place)
        source = cell(cols.source) or d.constants.get("source", "")
        year_text = cell(cols.year)
        ok = True
        year = int(year_text) if YEAR.fullmatch(year_text) else None
        if year is None or year < FIRST_YEAR:
            self.bad(rel, line, where(cols.year), f'column "{cols.year}": expected a four-digit '
                     f"year like 2013, found {shown(year_text)}", "write the four-digit year")
            ok = False
        elif self.edition and year > self.edition.year:
            self.bad(rel, line, where(cols.year), f'column "{cols.year}": the year {year} is '
                     f"after the edition date ({self.edition.isoformat()} in settings.yaml), so "
                     "it cannot be data yet", "correct the year; if this edition is later, "
                     "change edition_date in source/settings.yaml")
            ok = False
        if not jurisdiction:
            self.bad(rel, line, where(cols.jurisdiction), "the jurisdiction is empty",
                     "write the place, e.g. Massachusetts")
            ok = False
        if self.reference_ids is not None and source not in self.reference_ids:
            self.bad(rel, line, where(cols.source),
                     f'the source {shown(source)} is not a reference id in references.yaml',
                     f"use one of {one_of(sorted(self.reference_ids))}, or add the reference")
            ok = False
        counts = self._counts(rel, line, record, index, where)
        if not ok or counts is None:
            return False
        for group, (count, columns) in counts.items():
            self._add(rel, line, Observation(jurisdiction, year or 0, group, count, source, line),
                      columns)
        return True

    def _counts(self, rel: str, line: int, record: list[str], index: dict[str, int],
                at: Where) -> dict[str, tuple[int, str]] | None:
        """Each group's count in this row, and the columns it came from; None on a bad cell."""
        d = self.descriptor
        if d.layout == "wide":
            pairs = [(g, c) for g, columns in d.group_columns().items() for c in columns]
        else:
            raw = record[index[d.columns.group or ""]].strip()
            pairs = [(d.value_map.get(raw, raw), d.columns.count or "")]
        counts: dict[str, tuple[int, str]] = {}
        keys: dict[str, str] = {}  # group -> the wide_columns key (or value) that named it
        ok = True
        for raw_group, column in pairs:
            group = _group_id(raw_group, d)
            if group not in d.groups:
                self.bad(rel, line, at(column if d.layout == "wide" else d.columns.group),
                         f'unknown group "{group}"; expected one of {one_of(d.groups)}',
                         "correct the value, or map it under `value_map:` in the descriptor")
                ok = False
                continue
            text = record[index[column]]
            count = parse_count(text)
            if count is None:
                found, hint = _count_problem(text)
                self.bad(rel, line, at(column), f'column "{column}": expected a count of '
                         f"{d.measure} (a whole number of 0 or more), {found}", hint)
                ok = False
                continue
            if group in counts:  # a list of columns is added up; two keys for one group are not
                before, first_column = counts[group]
                if keys[group] != raw_group and d.combine != "sum":
                    self.bad(rel, line, at(column), f'the columns "{first_column}" and "{column}" '
                             f'of this row both count the group "{group}"',
                             f"to add them together, write `{group}: [{first_column}, {column}]` "
                             "under wide_columns, in place of the two entries")
                    ok = False
                    continue
                count += before
                column = first_column
            keys.setdefault(group, raw_group)
            counts[group] = (count, column)
        return counts if ok else None

    def _add(self, rel: str, line: int, row: Observation, column: str) -> None:
        key = (row.jurisdiction, row.year, row.group)
        if key not in self.seen:
            self.seen[key] = (len(self.rows), rel, line, column)
            self.rows.append(row)
            return
        position, first_rel, first_line, _ = self.seen[key]
        first = self.rows[position]
        there = f"line {first_line}" if first_rel == rel else f"{first_rel} line {first_line}"
        if self.descriptor.combine == "sum":
            if first.source != row.source:
                self.bad(rel, line, 1, f'this row\'s source "{row.source}" differs from '
                         f'{there}\'s "{first.source}"; rows added together need one source',
                         "split the table by source")
                return
            self.rows[position] = Observation(first.jurisdiction, first.year, first.group,
                                              first.count + row.count, first.source, first.line)
            return
        self.bad(rel, line, 1, f"duplicate row: {row.jurisdiction}, {row.year}, {row.group} is "
                 f"already on {there}", "delete one of the two rows; if such rows should be "
                 "added together (adults and juveniles, say), set `combine: sum` in the "
                 "descriptor")

    def _unused_counts(self, rel: str, header: list[str], index: dict[str, int],
                       kept: list[list[str]]) -> None:
        """Warn about a column that holds counts and looks like the measure, yet is unused."""
        d = self.descriptor
        used = set(self._wanted()) | set(d.ignore_columns)
        groups: dict[str, str] = {}
        for group, label in d.groups.items():
            for token in _tokens(group) | _tokens(label.label):
                groups[token] = group
        for raw, group in d.value_map.items():
            groups.setdefault(raw.casefold(), group)
        counted = ({c for cs in d.group_columns().values() for c in cs} if d.layout == "wide"
                   else {d.columns.count or ""})
        generic = set().union(*(_tokens(c) for c in counted)) - set(groups)
        for column in header:
            if column in used or not column or not kept:
                continue
            values = [r[index[column]].strip() for r in kept]
            if not any(values) or any(v and parse_count(v) is None for v in values):
                continue
            tokens = _tokens(column)
            belongs = next((groups[t] for t in sorted(tokens) if t in groups), None)
            if belongs is None and not tokens & generic:
                continue
            if belongs and d.layout == "wide":
                columns = [*d.group_columns().get(belongs, []), column]
                hint = (f"to count it, write `{belongs}: [{', '.join(columns)}]` under "
                        "wide_columns; if it should not be counted, list it under "
                        "`ignore_columns:`")
            else:
                hint = ("map it in the descriptor if it should be counted; if not, list it "
                        "under `ignore_columns:`")
            what = f'the group "{belongs}"' if belongs else f"{d.measure}"
            self.problems.append(Problem(
                rel, 1, 1, f'the column "{column}" holds counts that look like {what}, but the '
                "descriptor does not use them", hint, "warning"))


def _group_id(raw: str, descriptor: Dataset) -> str:
    """A group as the file writes it ("F", "Female", "Women") -> its id ("female")."""
    if raw in descriptor.value_map:
        return descriptor.value_map[raw]
    folded = raw.strip().casefold()
    for group, label in descriptor.groups.items():
        if folded in (group.casefold(), label.label.casefold()):
            return group
    return raw


def _texts(root: Path, folder: Path, descriptor: Dataset, problems: list[Problem]
           ) -> Iterator[tuple[str, str]]:
    """(rel, text) of each of the dataset's files that can be read."""
    for name in descriptor.paths:
        path = folder / name
        rel = files.rel(root, path)
        try:
            yield rel, files.read_text(root, path, encoding="utf-8-sig")
        except files.Refused as refused:
            problems.append(refused.problem)
        except UnicodeDecodeError:
            problems.append(Problem(rel, 1, 1, "the file is not UTF-8 text",
                                    "export it from your spreadsheet as CSV UTF-8"))


def read_table(name: str, descriptor: Dataset, root: Path, folder: Path,
               reference_ids: set[str] | None, edition: dt.date | None
               ) -> tuple[Table | None, list[Problem]]:
    """Read the dataset's files as the descriptor says; every bad cell is a located problem.

    `reference_ids` is None when references.yaml itself failed; sources then go unchecked.
    `edition` (settings.yaml) is the latest year data may have; None skips that check.
    """
    reader = _Reader(name, descriptor, reference_ids, edition)
    read: list[str] = []
    for rel, text in _texts(root, folder, descriptor, reader.problems):
        reader.read(rel, text)
        read.append(rel)
    for raw in descriptor.place_names:
        if raw not in reader.names_used and read and not reader.problems:
            reader.problems.append(Problem(
                read[0], 1, 1, f'the place name {shown(raw)} under place_names in the descriptor '
                "is not in the file", "correct it to the name exactly as the file writes it, "
                "or remove it", "warning"))
    errors = [p for p in reader.problems if p.severity == "error"]
    table = None if errors else Table(name, descriptor, tuple(read), tuple(reader.rows))
    return table, reader.problems
