"""Datasets: CSV files plus a descriptor, read into tidy observations and checked cell by cell.

A descriptor (data/<name>.yaml) maps the files' own columns onto the press's roles
(jurisdiction, year or date, group, count, source), so a table is brought in as it comes:

- `long`: one row per place, year and group, with a count;
- `wide`: one column per group (or several added together: adult_female + juvenile_female);
- `year-columns`: one row per group and one column per year, as a published table lays it
  out (title lines above the header and note lines below the data are skipped and said);
- `records`: one row per arrest or arrestee, as incident-level (NIBRS) exports come; each
  row counts one, and the year can come from a date.

Totals (a "Total" row or column) are read apart from the groups, checked against their sum
and never enter a share. A share is computed only from a place-year that has a row for every
recorded group (`Base`); a group marked `not_recorded` is counted in the base or not, as the
descriptor says. Every bad cell is a located problem; a column that fails on many rows is one
message with the count of rows; what was counted, filtered out and skipped is reported.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from press.core import controls, files, limits
from press.core.problems import Problem, one_of, shown
from press.source.cells import (
    TWO_DIGIT_YEAR,
    YEAR,
    Lines,
    Record,
    count_problem,
    offsets,
    parse_count,
    records_of,
    span,
    year_of_date,
)
from press.source.descriptor import TOTAL_WORDS, Dataset
from press.source.shape import (
    filters_said,
    header_position,
    left_out_by,
    note_lines,
    quoted_row,
    unused_counts,
    year_columns,
)
from press.source.tables import Observation, Table, TotalRow, completed
from press.source.totals import (
    Counted,
    Unsure,
    check_totals,
    counts_by_column,
    declared,
    declaring,
    double_counted,
    partial,
    scope_of,
    total_label,
)

Where = Callable[[str | None], int]  # a column's name -> its character column on the current line
FIRST_YEAR = 1800
SUMMARY_AFTER = 3  # a column failing on more rows than this is said once, with the count
TABLE_LIMIT = files.Limit(limits.TABLE_FILE_BYTES, "a table", "export only the rows and "
                          "columns the documents use (their offenses, places and years)")
UNRECORDED_WORDS = ("u", "unknown", "not recorded", "not reported", "unk", "x", "na", "n/a",
                    "missing", "not stated", "unspecified", "other/unknown")


@dataclass(frozen=True)
class Tally:
    """What one file's rows came to: read, counted, left out (by why) and read as totals."""

    read: int
    counted: int
    left_out: dict[str, int]
    totals: int


@dataclass
class _Pending:
    """Problems of one kind in one column, held until the file is read: a few are listed one
    by one, many are said once with the count of rows."""

    held: list[Problem] = field(default_factory=list)


def _skipped(above: list[Record], notes: list[Record]) -> list[str]:
    """What is said of the lines read past: title lines above the header, notes below."""
    said: list[str] = []
    if above:
        said.append(f"{len(above)} title line{'s' if len(above) > 1 else ''} above the header "
                    f"skipped ({span([r.line for r in above])}: {shown(above[0].filled()[0], 50)})")
    if notes:
        said.append(f"{len(notes)} note line{'s' if len(notes) > 1 else ''} below the data "
                    f"skipped ({span([r.line for r in notes])}: {shown(notes[0].filled()[0], 50)}); "
                    "to print a note under the charts, write it under `notes:` in the "
                    "descriptor")
    return said


@dataclass
class _Reader:
    """Reads the files of one dataset into observations, collecting located problems."""

    name: str
    descriptor: Dataset
    reference_ids: set[str] | None
    edition: dt.date | None
    problems: list[Problem] = field(default_factory=list)
    rows: list[Observation] = field(default_factory=list)
    totals: dict[tuple[str, int | None, str | None, str], TotalRow] = field(default_factory=dict)
    # (place, year, group) -> index in rows, and where it came from (file, line, columns)
    seen: dict[tuple[str, int, str], tuple[int, str, int, str]] = field(default_factory=dict)
    names_used: set[str] = field(default_factory=set)
    pending: dict[tuple[str, str, str], _Pending] = field(default_factory=dict)
    left_out: Counter[str] = field(default_factory=Counter)  # why rows were left out -> rows
    counted: Counted = field(default_factory=Counted)  # what the rows counted, and where
    total_lines: set[tuple[str, int]] = field(default_factory=set)  # rows read as totals
    unsure: list[Unsure] = field(default_factory=list)  # a total, or a group not declared
    values: dict[str, str] = field(default_factory=dict)  # each value read, kept once
    tallies: dict[str, Tally] = field(default_factory=dict)  # each file's rows, as read

    def one(self, value: str) -> str:
        """The one copy kept of `value` (a place or source on a million rows is one string)."""
        return self.values.setdefault(value, value)

    def bad(self, rel: str, line: int, column: int, message: str, hint: str) -> None:
        self.problems.append(Problem(rel, line, column, message, hint))

    def bad_cell(self, rel: str, line: int, column: int, kind: str, message: str, hint: str) -> None:
        """A bad cell, held so that the same fault on many rows is said once."""
        self.pending.setdefault((rel, kind, hint), _Pending()).held.append(
            Problem(rel, line, column, message, hint))

    def flush(self, rel: str, rows: int) -> None:
        """Say the held problems of `rel`: one by one, or once for a fault on many rows."""
        for key, pending in list(self.pending.items()):
            if key[0] != rel:
                continue
            del self.pending[key]
            held = pending.held
            lines = sorted({p.line for p in held})
            if len(held) <= SUMMARY_AFTER or len(lines) == 1:
                self.problems.extend(held)
                continue
            first = held[0]
            filtered = " kept by the filters" if self.left_out else ""
            every = f"every row{filtered}" if len(lines) >= rows else span(lines)
            self.problems.append(Problem(
                rel, first.line, first.column, f"{first.message}; the same on "
                f"{len(lines) - 1:,} more rows ({len(lines):,} in all: {every})", first.hint))

    # --- reading a file ------------------------------------------------------------------

    def read(self, rel: str, text: str) -> list[Problem]:
        """Read one file; returns what to report of it (rows counted, left out, skipped)."""
        d = self.descriptor
        records, unreadable = records_of(rel, text, d.delimiter)
        if unreadable:
            self.problems.extend(unreadable)
            return []
        if not any(r.filled() for r in records):
            self.bad(rel, 1, 1, "the file is empty", "add a header row and data rows")
            return []
        start = header_position(d, rel, records, self.problems)
        if start is None:
            return []
        header_record = records[start]
        header = [h.strip() for h in header_record.cells]
        body, notes = note_lines(d, records[start + 1:], header)
        rows = [r for r in notes if quoted_row(r, len(header), d.delimiter)]  # warned apart
        said = _skipped([r for r in records[:start] if r.filled()],
                        [r for r in notes if r not in rows])
        quoted = [_quoted_row(rel, r, len(header), d.delimiter) for r in rows]
        index = {c: header.index(c) for c in header}
        years = self._years(rel, header_record.line, header)
        data_rows, kept = self._rows(rel, body, Lines(text), index, years, len(header))
        self._resolve(rel)
        self.flush(rel, data_rows - sum(self.left_out.values()))
        if data_rows and not kept and not any(p.file == rel for p in self.problems):
            self.bad(rel, body[0].line if body else 2, 1, "no row is left after the filters "
                     f"({filters_said(d)})", "check the filter values against the file")
        elif not data_rows:
            self.bad(rel, header_record.line + 1, 1, "the file has a header but no data rows",
                     "add one row per jurisdiction, year and group")
        self.problems.extend(unused_counts(d, rel, header, index, kept))
        if d.layout == "wide":
            self.problems.extend(double_counted(d, rel, counts_by_column(header, index, kept)))
        if (d.layout == "records" or self.left_out) and not any(
                p.file == rel and p.severity == "error" for p in self.problems):
            parts = [f"{data_rows:,} rows read", f"{len(kept):,} counted"]
            parts += [f"{n:,} left out ({why})" for why, n in sorted(self.left_out.items())]
            totals = sum(1 for file, _ in self.total_lines if file == rel)
            parts += [f"{totals:,} {'a total' if totals == 1 else 'totals'} (not counted)"
                      ] if totals else []
            said.insert(0, ", ".join(parts))
        self.tallies[rel] = Tally(data_rows, len(kept), dict(self.left_out), sum(
            1 for file, _ in self.total_lines if file == rel))
        self.left_out.clear()
        return [*quoted, *(Problem(rel, 0, 0, line, severity="note") for line in said)]

    def _years(self, rel: str, line: int, header: list[str]) -> dict[str, int]:
        """The year columns of a wide table; one that cannot be a year of data is an error."""
        years = year_columns(self.descriptor, header)
        for column, year in list(years.items()):
            if year < FIRST_YEAR or (self.edition and year > self.edition.year):
                del years[column]
                self.bad(rel, line, 1, f'the year column "{column}" is not a year '
                         f"of data (before {FIRST_YEAR}, or after the edition date in "
                         "settings.yaml)", "correct the column's name, or change edition_date in "
                         "source/settings.yaml")
        return years

    def _rows(self, rel: str, body: list[Record], lines: Lines, index: dict[str, int],
              years: dict[str, int], width: int) -> tuple[int, list[list[str]]]:
        """The data rows read: how many there were, and the cells of those counted."""
        kept: list[list[str]] = []
        data_rows = 0
        for record in body:
            if not record.filled():
                continue
            data_rows += 1
            if len(record.cells) != width:
                self.bad(rel, record.line, 1, f"expected {width} values, found "
                         f"{len(record.cells)}", "check for a missing or extra comma on this "
                         "line, or put a value that contains a comma in double quotes")
                continue
            def at(column: str | None, line: int = record.line) -> int:
                starts = offsets(lines[line], self.descriptor.delimiter)  # only for a problem
                position = index.get(column or "", len(starts))
                return starts[position] + 1 if position < len(starts) else 1

            if self._row(rel, record.line, record.cells, index, at, years):
                kept.append(record.cells)
        return data_rows, kept

    def _row(self, rel: str, line: int, record: list[str], index: dict[str, int],
             where: Where, years: dict[str, int]) -> bool:
        """Read one row; False when the filters leave it out or it has a bad cell."""
        d, cols = self.descriptor, self.descriptor.columns

        def cell(column: str | None) -> str:  # one copy of each value however many rows
            return self.one(record[index[column]].strip()) if column else ""

        why = left_out_by(d, cell)
        label = total_label(d, [cell(c) for c in (cols.group, cols.jurisdiction, cols.year,
                                                  cols.date) if c] + record[:1])
        if label is not None and (not why or not any(cell(c) for c in [*d.filters, *d.exclude])):
            # a total (of rows the filters may leave out, where its own filter cells are empty)
            self._total_row(rel, line, record, index, where, years, label,
                            f"the filters leave out ({filters_said(d)})" if why else "")
            return False
        if why:
            self.left_out[why] += 1
            return False
        if self._unlabelled(rel, line, record, index, cell):
            return False
        raw_place = cell(cols.jurisdiction) or d.constants.get("jurisdiction", "")
        if raw_place in d.place_names:
            self.names_used.add(raw_place)
        jurisdiction = d.place_names.get(raw_place, raw_place)
        source = cell(cols.source) or d.constants.get("source", "")
        ok = True
        year: int | None = None
        if d.layout != "year-columns":
            year = self._year(rel, line, cell, where)
            ok = year is not None
        if not jurisdiction:
            self.bad_cell(rel, line, where(cols.jurisdiction), "place", "the jurisdiction is "
                          "empty", "write the place, e.g. Massachusetts")
            ok = False
        if self.reference_ids is not None and source not in self.reference_ids:
            self.bad_cell(rel, line, where(cols.source), "source", f"the source {shown(source)} "
                          "is not a reference id in references.yaml",
                          f"use one of {one_of(sorted(self.reference_ids))}, or add the reference")
            ok = False
        counts = self._counts(rel, line, record, index, where, years, year, jurisdiction)
        if not ok or counts is None:
            return False
        for (group, when), (count, columns) in counts.items():
            if group is None:  # a total
                self._total(TotalRow(jurisdiction, when, count, rel, line))
                continue
            self._add(rel, line, Observation(jurisdiction, when, group, count, source, line, rel),
                      columns)
        return True

    def _year(self, rel: str, line: int, cell: Callable[[str | None], str], where: Where
              ) -> int | None:
        d, cols = self.descriptor, self.descriptor.columns
        if cols.date:
            text = cell(cols.date)
            year = year_of_date(text)
            if year is None and TWO_DIGIT_YEAR.fullmatch(text):
                self.bad_cell(rel, line, where(cols.date), "date2", f'column "{cols.date}": the '
                              f"date {shown(text)} has a two-digit year, which could be of "
                              "either century", "export the dates with four-digit years (in a "
                              "spreadsheet: format the column as a date like 2022-03-04, then "
                              "save as CSV again)")
                return None
            if year is None:
                self.bad_cell(rel, line, where(cols.date), "date", f'column "{cols.date}": '
                              f"expected a date like 2022-03-04, 03/04/2022 or an Excel "
                              f"date-time, found {shown(text)}", "correct the date in the "
                              "export, or leave the row out with `exclude:` in the descriptor")
                return None
        elif cols.year:
            text = cell(cols.year)
            year = int(text) if YEAR.fullmatch(text) else None
            if year is None and not text.isdigit() and year_of_date(text) is not None:
                self.bad_cell(rel, line, where(cols.year), "year", f'column "{cols.year}": '
                              f"expected a four-digit year like 2013, found the date {shown(text)}",
                              f"the column holds dates: write `date: {cols.year}` under `columns:` "
                              "in the descriptor, in place of `year:`, and the year is read from "
                              "each date")
                return None
        else:
            text = d.constants.get("year", "")
            year = int(text)
        column = cols.date or cols.year
        if year is None or year < FIRST_YEAR:
            self.bad_cell(rel, line, where(column), "year", f'column "{column}": expected a '
                          f"four-digit year like 2013, found {shown(text)}",
                          "write the four-digit year")
            return None
        if self.edition and year > self.edition.year:
            self.bad_cell(rel, line, where(column), "future", f'column "{column}": the year '
                          f"{year} is after the edition date ({self.edition.isoformat()} in "
                          "settings.yaml), so it cannot be data yet", "correct the year; if this "
                          "edition is later, change edition_date in source/settings.yaml")
            return None
        return year

    def _group(self, raw: str) -> str | None:
        """A group as the file writes it ("F", "Female", "Women") -> its id; None for a total."""
        d = self.descriptor
        if raw in d.value_map:
            return d.value_map[raw]
        folded = raw.strip().casefold()
        if folded in {t.casefold() for t in d.totals}:
            return None
        for group, label in d.groups.items():
            if folded in (group.casefold(), label.label.casefold()):
                return group
        return raw

    def _counts(self, rel: str, line: int, record: list[str], index: dict[str, int],
                at: Where, years: dict[str, int], year: int | None, place: str
                ) -> dict[tuple[str | None, int], tuple[int, str]] | None:
        """Each (group, year)'s count in this row and the column it came from (group None: a
        total); None on a bad cell."""
        d = self.descriptor
        group_column = d.columns.group or ""
        if d.layout == "wide":
            pairs = [(g, c, year) for g, columns in d.group_columns().items() for c in columns]
            pairs += [(t, t, year) for t in d.totals]
        elif d.layout == "year-columns":
            raw = record[index[group_column]].strip()
            pairs = [(raw, column, when) for column, when in years.items()]
        else:
            raw = record[index[group_column]].strip()
            pairs = [(raw, d.columns.count or "", year)]
        counts: dict[tuple[str | None, int], tuple[int, str]] = {}
        keys: dict[tuple[str | None, int], str] = {}  # the wide_columns key that named it
        ok = True
        if d.layout in ("long", "year-columns") and place and pairs[0][2] is not None and \
                (first := self._group(pairs[0][0])) is not None and first not in d.groups:
            read = [(when, parse_count(record[index[column]])) for _, column, when in pairs]
            sure = [(when, count) for when, count in read if count is not None]
            if len(sure) == len(read):  # their total, if each count is the others' sum
                self.unsure.append(Unsure(rel, line, at(group_column), pairs[0][0], place,
                                          tuple(sure)))
                return None
        for raw_group, column, when in pairs:
            group = None if d.layout == "wide" and raw_group in d.totals else \
                self._group(raw_group)
            if group is not None and group not in d.groups:
                if ok or d.layout == "wide":  # a row's group is said once, not once a year
                    self._unknown_group(rel, line, at(group_column), raw_group)
                ok = False
                continue
            if when is None:
                continue
            count = 1  # a record counts one
            if d.layout != "records":
                text = record[index[column]]
                parsed = parse_count(text)
                if parsed is None:
                    found, hint = count_problem(text)
                    self.bad_cell(rel, line, at(column), f"count {column}", f'column "{column}": '
                                  f"expected a count of {d.measure} (a whole number of 0 or more), "
                                  f"{found}", hint)
                    ok = False
                    continue
                count = parsed
            key = (group, when)
            if key in counts:  # a list of columns is added up; two keys for one group are not
                before, first_column = counts[key]
                if keys[key] != raw_group and d.combine != "sum":
                    self.bad(rel, line, at(column), f'the columns "{first_column}" and "{column}" '
                             f'of this row both count the group "{group}"',
                             f"to add them together, write `{group}: [{first_column}, {column}]` "
                             "under wide_columns, in place of the two entries")
                    ok = False
                    continue
                count += before
                column = first_column
            keys.setdefault(key, raw_group)
            counts[key] = (count, column)
        return counts if ok else None

    def _unknown_group(self, rel: str, line: int, column: int, raw: str) -> None:
        d = self.descriptor
        folded = raw.strip().casefold()
        column_name = d.columns.group or "the group column"
        expected = (f'the group cell is empty; expected one of {one_of(d.groups)}' if not folded
                    else f'unknown group "{raw}"; expected one of {one_of(d.groups)}')
        written = f'"{raw}"' if not raw or not re.fullmatch(r"[A-Za-z0-9 _-]+", raw) else raw
        if folded in TOTAL_WORDS:
            hint = (f'"{raw}" looks like a total of the other rows: write `total: {raw}` in the '
                    "descriptor, so it is checked against their sum and never counted as a group")
        elif folded in UNRECORDED_WORDS or not folded:
            what = "an empty cell means" if not folded else f'"{raw}" means'
            hint = (f"if {what} the sex was not recorded, declare it: under groups, write "
                    "`unknown: { label: Sex not recorded, not_recorded: true, in_base: true }` "
                    f"and map it under value_map: `{written}: unknown` (in_base: false leaves it "
                    "out of the base of shares)")
        else:
            hint = (f"correct the value, map it to a group under `value_map:` in the descriptor, "
                    f"or leave such rows out with `exclude: {{ {column_name}: [{written}] }}`")
        self.bad_cell(rel, line, column, f"group {raw}", expected, hint)

    def _total(self, row: TotalRow) -> None:
        key = (row.jurisdiction, row.year, row.group, row.file if partial(row) else "")
        before = self.totals.get(key)
        if before and self.descriptor.combine == "sum" and not partial(row):
            row = replace(row, count=before.count + row.count, file=before.file,
                          line=before.line)
        elif before:
            self.bad(row.file, row.line, 1, f"duplicate total row: {scope_of(row, self.descriptor)}"
                     f" is already on line {before.line}", "delete one of the two rows")
            return
        self.totals[key] = row
        self.total_lines.add((row.file, row.line))

    def _total_row(self, rel: str, line: int, record: list[str], index: dict[str, int],
                   where: Where, years: dict[str, int], label: str, unchecked: str) -> None:
        """A row its label marks as a total: read apart, never counted. Its place and year
        are those it names (none: every place or year of its file); a group named on it
        makes it that group's total."""
        d, cols = self.descriptor, self.descriptor.columns

        def cell(column: str | None) -> str:
            return record[index[column]].strip() if column else ""

        def named(text: str) -> bool:  # a label cell that names something, not the total
            return bool(text) and total_label(d, [text]) is None

        raw_place = cell(cols.jurisdiction) if cols.jurisdiction else \
            d.constants.get("jurisdiction", "")
        if raw_place in d.place_names:
            self.names_used.add(raw_place)
        place = d.place_names.get(raw_place, raw_place) if named(raw_place) else ""
        year: int | None = None
        written = cell(cols.date or cols.year) if cols.date or cols.year else \
            d.constants.get("year", "")
        if d.layout != "year-columns" and named(written):
            year = self._year(rel, line, cell, where)
            if year is None:
                return  # a bad year, said as any row's
        group = self._group(cell(cols.group)) if named(cell(cols.group)) else None
        group = group if group in d.groups else None
        how: Literal["declared", "label"] = "declared" if declared(d, label) else "label"
        if d.layout == "records":
            self.total_lines.add((rel, line))
            self.problems.append(Problem(
                rel, line, 1, f'this row is a total ("{label}"): it is not counted as an arrest, '
                "as every other row is", "" if how == "declared" else f"write "
                f"{declaring(d, label)} in the descriptor, so it is read as a total",
                "note" if how == "declared" else "warning"))
            return
        pairs = ([(group, year, [cols.count or ""])] if d.layout == "long" else
                 [(group, when, [column]) for column, when in years.items()]
                 if d.layout == "year-columns" else
                 [*((g, year, columns) for g, columns in d.group_columns().items()),
                  *((None, year, [t]) for t in d.totals if t in index)])
        for owner, when, columns in pairs:
            counts = [parse_count(record[index[column]]) for column in columns]
            if any(count is None for count in counts):
                self.problems.append(Problem(
                    rel, line, where(columns[0]), f'this row is a total ("{label}") whose count '
                    f"in {one_of(columns)} is not a whole number: it is not counted, nor "
                    "checked", "correct the count, or delete the row", "warning"))
                continue
            self._total(TotalRow(place, when, sum(c for c in counts if c is not None), rel, line,
                                 owner, label, how, unchecked))

    def _unlabelled(self, rel: str, line: int, record: list[str], index: dict[str, int],
                    cell: Callable[[str | None], str]) -> bool:
        """A row of a long file with a count but no place, year or group (a total with no
        label, at the foot of an export): held until the file is read, True."""
        d, cols = self.descriptor, self.descriptor.columns
        if d.layout != "long" or any(cell(c) for c in (cols.jurisdiction, cols.year, cols.date,
                                                      cols.group)):
            return False
        if d.constants.get("jurisdiction") or d.constants.get("year"):
            return False
        count = parse_count(record[index[cols.count or ""]])
        if count is None:
            return False
        self.unsure.append(Unsure(rel, line, 1, "", None, ((None, count),)))
        return True

    def _resolve(self, rel: str) -> None:
        """The rows of `rel` held as unsure: each a total where its counts are the sums of
        the other rows of its place and year (a warning asks to declare it), else said as a
        group the descriptor does not have, or a row with nothing to count it under."""
        for unsure in [u for u in self.unsure if u.file == rel]:
            self.unsure.remove(unsure)
            totals = unsure.total_of(self.counted)
            for row in totals:
                self._total(row)
            if totals:
                continue
            if unsure.place is None:
                self.bad(rel, unsure.line, 1, f"this row has a count ({unsure.counts[0][1]:,}) "
                         "but no place, year or group", "fill them in, or delete the row (a "
                         "total of the rows above is taken for one when it equals their sum)")
            else:
                self._unknown_group(rel, unsure.line, unsure.column, unsure.raw)

    def _add(self, rel: str, line: int, row: Observation, column: str) -> None:
        key = (row.jurisdiction, row.year, row.group)
        if key not in self.seen:
            self.seen[key] = (len(self.rows), rel, line, column)
            self.rows.append(row)
            self.counted.add(rel, line, *key, row.count)
            return
        position, first_rel, first_line, _ = self.seen[key]
        first = self.rows[position]
        there = f"line {first_line}" if first_rel == rel else f"{first_rel} line {first_line}"
        if self.descriptor.combine == "sum" or self.descriptor.layout == "records":
            if first.source != row.source:
                self.bad(rel, line, 1, f'this row\'s source "{row.source}" differs from '
                         f'{there}\'s "{first.source}"; rows added together need one source',
                         "split the table by source")
                return
            self.rows[position] = Observation(first.jurisdiction, first.year, first.group,
                                              first.count + row.count, first.source, first.line,
                                              first.file)
            self.counted.add(rel, line, *key, row.count)
            return
        self.bad_cell(rel, line, 1, "duplicate", f"duplicate row: {row.jurisdiction}, "
                      f"{row.year}, {row.group} is already on {there}", "if the rows differ in "
                      "another column (an offense, an age group), keep the ones you want with "
                      "`filters:`, or add them together with `combine: sum`; if one is a "
                      "mistake, delete it")



def _quoted_row(rel: str, record: Record, width: int, delimiter: str) -> Problem:
    """A row of data written as one value in double quotes, read as a note and skipped."""
    comma = "a tab" if delimiter == "\t" else f'"{delimiter}"'
    return Problem(rel, record.line, 1, f"this line is one value in double quotes that holds "
                   f"{width} values separated by {comma}, as many as the header has: it looks "
                   "like a row of data, but it was read as a note below the data and skipped",
                   "if it is a row, remove the double quotes around the line; if it is a "
                   "note, write it under `notes:` in the descriptor instead", "warning")


def _utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8 text with letters beyond ASCII (which Windows-1252 would read
    as two letters each)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(byte > 127 for byte in data)


def decoded(rel: str, data: bytes, descriptor: Dataset) -> tuple[str | None, list[Problem]]:
    """A table file's bytes as text, as the descriptor's encoding says (a BOM skipped, "é"
    one way however it was saved), or None with the problems that keep it from being read."""
    encoding = "utf-8-sig" if descriptor.encoding == "utf-8" else "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return None, [Problem(
            rel, line, 1, f"the file is not {descriptor.encoding.upper()} text (byte "
            f"{error.object[error.start]:#04x} on this line)",
            "export it from your spreadsheet as CSV UTF-8; if it comes from an older Windows "
            "program, write `encoding: windows-1252` in the descriptor")]
    if encoding == "cp1252" and _utf8(data):
        return None, [Problem(
            rel, 1, 1, "the descriptor says `encoding: windows-1252`, but the file is "
            "UTF-8 text (its accented letters would print garbled, like \"Ã±\")",
            "remove `encoding: windows-1252` from the descriptor")]
    text = unicodedata.normalize("NFC", text)
    not_text = controls.problems_in(rel, text)
    return (None, not_text) if not_text else (text, [])


def _texts(root: Path, folder: Path, descriptor: Dataset, problems: list[Problem]
           ) -> Iterator[tuple[str, str]]:
    """(rel, text) of each of the dataset's files that can be read."""
    for name in descriptor.paths:
        path = folder / name
        rel = files.rel(root, path)
        try:
            data = files.read_bytes(root, path, TABLE_LIMIT)
        except files.Refused as refused:
            problems.append(refused.problem)
            continue
        text, found = decoded(rel, data, descriptor)
        problems.extend(found)
        if text is not None:
            yield rel, text


def read_table(name: str, descriptor: Dataset, root: Path, folder: Path,
               reference_ids: set[str] | None, edition: dt.date | None
               ) -> tuple[Table | None, list[Problem]]:
    """Read the dataset's files as the descriptor says; every bad cell is a located problem.

    `reference_ids` is None when references.yaml itself failed; sources then go unchecked.
    `edition` (settings.yaml) is the latest year data may have; None skips that check.
    What the intake counted, left out and skipped comes back as notes among the problems.
    """
    table, problems, _ = read_texts(name, descriptor, lambda problems: _texts(
        root, folder, descriptor, problems), reference_ids, edition)
    return table, problems


def read_texts(name: str, descriptor: Dataset,
               texts: Callable[[list[Problem]], Iterable[tuple[str, str]]],
               reference_ids: set[str] | None, edition: dt.date | None
               ) -> tuple[Table | None, list[Problem], dict[str, Tally]]:
    """Read the files' texts as read_table does (the studio's preview of an upload reads it
    here, as the build will): `texts` gives (rel, text) of each file, saying into the list
    it is given what keeps one from being read. The table, the problems, and what each
    file's rows came to."""
    reader = _Reader(name, descriptor, reference_ids, edition)
    read: list[str] = []
    report: list[Problem] = []
    for rel, text in texts(reader.problems):
        report += reader.read(rel, text)
        read.append(rel)
    for raw in descriptor.place_names:
        if raw not in reader.names_used and read and not reader.problems:
            reader.problems.append(Problem(
                read[0], 1, 1, f'the place name {shown(raw)} under place_names in the descriptor '
                "is not in the file", "correct it to the name exactly as the file writes it, "
                "or remove it", "warning"))
    errors = [p for p in reader.problems if p.severity == "error"]
    if not errors:
        rows, found = completed(descriptor, reader.rows)
        reader.rows = rows
        reader.problems += found + check_totals(descriptor, list(reader.totals.values()),
                                                reader.counted)
    table = None if errors else Table(name, descriptor, tuple(read), tuple(reader.rows),
                                      tuple(reader.totals.values()))
    return table, reader.problems + report, reader.tallies
