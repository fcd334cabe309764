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

import csv
import datetime as dt
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from press.core import files
from press.core.problems import Problem, did_you_mean, one_of, shown
from press.source.schema import TOTAL_WORDS, Dataset

Where = Callable[[str | None], int]  # a column's name -> its character column on the current line
COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")  # 642, 6425 or 6,425; nothing else
YEAR = re.compile(r"[0-9]{4}")
# A year column's name: 2021, 2021*, 2021¹, CY2021, FY 2021, "2021 arrests"
YEAR_HEADER = re.compile(r"(?:[A-Za-z]{1,3}\s?)?((?:18|19|20)[0-9]{2})\s*[*\u00b9\u00b2\u00b3\u2020\u2021]*"
                         r"(?:\s+[A-Za-z]+)?")
FIRST_YEAR = 1800
SUMMARY_AFTER = 3  # a column failing on more rows than this is said once, with the count
NOTE_START = re.compile(r"^\s*(notes?\b|sources?\b|footnotes?\b|\*|[\u00b9\u00b2\u00b3\u2020\u2021]|"
                        r"\([0-9a-z]\)|[0-9a-z]\s*[/.)]\s)", re.IGNORECASE)
UNRECORDED_WORDS = ("u", "unknown", "not recorded", "not reported", "unk", "x", "na", "n/a",
                    "missing", "not stated", "unspecified", "other/unknown")
EXCEL_EPOCH = dt.date(1899, 12, 30)
SMALL_BASE = 20  # a share of fewer rows than this moves by 5 points or more with one row


@dataclass(frozen=True)
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
    """A total the file states for a place-year (checked, never used in a share)."""

    jurisdiction: str
    year: int
    count: int
    file: str
    line: int


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
            return (f"none of the {self.unrecorded:,} rows of {self.jurisdiction}, {self.year} has "
                    "its group recorded, so no group's share is known")
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

    def select(self, jurisdiction: str, year: int) -> tuple[Observation, ...]:
        return tuple(r for r in self.rows if r.jurisdiction == jurisdiction and r.year == year)

    def jurisdictions(self) -> list[str]:
        return sorted({r.jurisdiction for r in self.rows})

    def years(self, jurisdiction: str) -> list[int]:
        return sorted({r.year for r in self.rows if r.jurisdiction == jurisdiction})

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


def parse_count(text: str) -> int | None:
    """Digits, with commas only between groups of three ("6,425"); anything else is None."""
    text = text.strip()
    return int(text.replace(",", "")) if COUNT.fullmatch(text) else None


_TIME = r"(?:[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-][0-9:]+)?)?"
DATE_FORMATS = (
    re.compile(r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})" + _TIME),
    re.compile(r"(?P<m>[0-9]{1,2})[/.-](?P<d>[0-9]{1,2})[/.-](?P<y>[0-9]{4})" + _TIME),
)
TWO_DIGIT_YEAR = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2}" + _TIME)


def year_of_date(text: str) -> int | None:
    """The year of a date as exports write it: 2022-03-04 (with or without a time),
    03/04/2022 or 04/03/2022 (month or day first: the year is the same), or an Excel
    date-time serial (44624.5)."""
    text = text.strip()
    for pattern in DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            year, first, second = int(match["y"]), int(match["m"]), int(match["d"])
            for month, day in ((first, second), (second, first)):
                try:
                    return dt.date(year, month, day).year
                except ValueError:
                    continue
            return None
    if re.fullmatch(r"[0-9]{5}(?:\.[0-9]+)?", text):  # days since 1899-12-30, as Excel counts
        return (EXCEL_EPOCH + dt.timedelta(days=int(float(text)))).year
    return None


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


def _values(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _span(lines: list[int]) -> str:
    """[3, 4, 5, 9] -> 'lines 3-5 and 9'."""
    runs: list[tuple[int, int]] = []
    for line in sorted(lines):
        if runs and line == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], line)
        else:
            runs.append((line, line))
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs[:4]]
    more = "" if len(runs) <= 4 else ", ..."
    word = "line" if len(lines) == 1 else "lines"
    return f"{word} {', '.join(parts)}{more}"


@dataclass(frozen=True)
class Record:
    """One CSV record: its cells and the line it starts on."""

    line: int
    cells: list[str]

    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]


@dataclass
class _Pending:
    """Problems of one kind in one column, held until the file is read: a few are listed one
    by one, many are said once with the count of rows."""

    held: list[Problem] = field(default_factory=list)


@dataclass
class _Reader:
    """Reads the files of one dataset into observations, collecting located problems."""

    name: str
    descriptor: Dataset
    reference_ids: set[str] | None
    edition: dt.date | None
    problems: list[Problem] = field(default_factory=list)
    rows: list[Observation] = field(default_factory=list)
    totals: dict[tuple[str, int], TotalRow] = field(default_factory=dict)
    # (place, year, group) -> index in rows, and where it came from (file, line, columns)
    seen: dict[tuple[str, int, str], tuple[int, str, int, str]] = field(default_factory=dict)
    names_used: set[str] = field(default_factory=set)
    pending: dict[tuple[str, str, str], _Pending] = field(default_factory=dict)
    left_out: Counter[str] = field(default_factory=Counter)  # why rows were left out -> rows

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
            every = f"every row{filtered}" if len(lines) >= rows else _span(lines)
            self.problems.append(Problem(
                rel, first.line, first.column, f"{first.message}; the same on "
                f"{len(lines) - 1:,} more rows ({len(lines):,} in all: {every})", first.hint))

    # --- reading a file ------------------------------------------------------------------

    def read(self, rel: str, text: str) -> list[Problem]:
        """Read one file; returns what to report of it (rows counted, left out, skipped)."""
        d = self.descriptor
        records = _records(text, d.delimiter)
        lines = text.splitlines()
        if not any(r.filled() for r in records):
            self.bad(rel, 1, 1, "the file is empty", "add a header row and data rows")
            return []
        start = self._header(rel, records)
        if start is None:
            return []
        header_record = records[start]
        header = [h.strip() for h in header_record.cells]
        said: list[str] = []
        above = [r for r in records[:start] if r.filled()]
        if above:
            said.append(f"{len(above)} title line{'s' if len(above) > 1 else ''} above the header "
                        f"skipped ({_span([r.line for r in above])}: {shown(above[0].filled()[0], 50)})")
        body = records[start + 1:]
        body, notes = self._notes(body, header)
        if notes:
            said.append(f"{len(notes)} note line{'s' if len(notes) > 1 else ''} below the data "
                        f"skipped ({_span([r.line for r in notes])}: {shown(notes[0].filled()[0], 50)}); "
                        "to print a note under the charts, write it under `notes:` in the "
                        "descriptor")
        index = {c: header.index(c) for c in header}
        years = self._year_columns(header)
        for column, year in list(years.items()):
            if year < FIRST_YEAR or (self.edition and year > self.edition.year):
                del years[column]
                self.bad(rel, header_record.line, 1, f'the year column "{column}" is not a year '
                         f"of data (before {FIRST_YEAR}, or after the edition date in "
                         "settings.yaml)", "correct the column's name, or change edition_date in "
                         "source/settings.yaml")
        kept: list[list[str]] = []
        data_rows = 0
        for record in body:
            if not record.filled():
                continue
            data_rows += 1
            if len(record.cells) != len(header):
                self.bad(rel, record.line, 1, f"expected {len(header)} values, found "
                         f"{len(record.cells)}", "check for a missing or extra comma on this "
                         "line, or put a value that contains a comma in double quotes")
                continue
            starts = (_offsets(lines[record.line - 1], d.delimiter)
                      if record.line <= len(lines) else [])

            def at(column: str | None, starts: list[int] = starts) -> int:
                position = index.get(column or "", len(starts))
                return starts[position] + 1 if position < len(starts) else 1

            if self._row(rel, record.line, record.cells, index, at, years):
                kept.append(record.cells)
        self.flush(rel, data_rows - sum(self.left_out.values()))
        if data_rows and not kept and not any(p.file == rel for p in self.problems):
            self.bad(rel, body[0].line if body else 2, 1, "no row is left after the filters "
                     f"({self._filters_said()})", "check the filter values against the file")
        elif not data_rows:
            self.bad(rel, header_record.line + 1, 1, "the file has a header but no data rows",
                     "add one row per jurisdiction, year and group")
        self._unused_counts(rel, header, index, kept)
        if (d.layout == "records" or self.left_out) and not any(
                p.file == rel and p.severity == "error" for p in self.problems):
            parts = [f"{data_rows:,} rows read", f"{len(kept):,} counted"]
            parts += [f"{n:,} left out ({why})" for why, n in sorted(self.left_out.items())]
            said.insert(0, ", ".join(parts))
        self.left_out.clear()
        return [Problem(rel, 0, 0, line, severity="note") for line in said]

    def _header(self, rel: str, records: list[Record]) -> int | None:
        """The index of the header record: the declared line, or the first that has the
        columns the descriptor names (title lines above it are skipped)."""
        d = self.descriptor
        wanted = self._wanted()
        if d.header_row is not None:
            found = next((i for i, r in enumerate(records) if r.line == d.header_row), None)
            if found is None:
                self.bad(rel, 1, 1, f"header_row is {d.header_row}, but the file has "
                         f"{records[-1].line} lines", "correct `header_row:` in the descriptor")
                return None
            candidates = [found]
        else:
            candidates = [i for i, r in enumerate(records[:30]) if r.filled()]
        for position in candidates:
            header = [h.strip() for h in records[position].cells]
            missing = [c for c in wanted if c not in header]
            years = d.layout != "year-columns" or self._year_columns(header)
            if not missing and years:
                return position
        first = self._best(records, candidates)
        header = [h.strip() for h in first.cells]
        missing = [c for c in wanted if c not in header]
        if missing:
            near = "".join(did_you_mean(c, header) for c in missing[:1])
            self.bad(rel, first.line, 1, f"the header row has no column {one_of(missing)};"
                     f"{near} found {one_of(h for h in header if h)}",
                     self._header_hint(header, missing))
        else:
            self.bad(rel, first.line, 1, "the header row has no year columns (a column named "
                     f"by a four-digit year, like 2019); found {one_of(h for h in header if h)}",
                     "list the year columns under `year_columns:` in the descriptor, e.g. "
                     "year_columns: [Calendar 2019, Calendar 2020]")
        return None

    def _notes(self, body: list[Record], header: list[str]) -> tuple[list[Record], list[Record]]:
        """The data records, and the note lines below them (declared by `footer_rows`, or
        recognised: one filled cell, or a cell that starts like a note: "Note:", "*", "¹")."""
        d = self.descriptor
        filled = [r for r in body if r.filled()]
        notes: list[Record] = filled[len(filled) - d.footer_rows:] if d.footer_rows else []
        rest = filled[:len(filled) - len(notes)]
        while rest:
            last = rest[-1]
            cells = last.filled()
            lone = len(cells) == 1 and (len(last.cells) < len(header) or last.cells[0].strip())
            if not (lone and not self._is_group_value(cells[0])) and not NOTE_START.match(
                    last.cells[0] if last.cells else ""):
                break
            notes.insert(0, rest.pop())
        lines = {r.line for r in notes}
        return [r for r in body if r.line not in lines], notes

    def _is_group_value(self, text: str) -> bool:
        d = self.descriptor
        folded = text.strip().casefold()
        return (text.strip() in d.value_map or folded in {t.casefold() for t in d.totals}
                or folded in {g.casefold() for g in d.groups}
                or folded in {g.label.casefold() for g in d.groups.values()})

    def _year_columns(self, header: list[str]) -> dict[str, int]:
        """year-columns layout: each year column's name -> its year."""
        d = self.descriptor
        if d.layout != "year-columns":
            return {}
        if d.year_columns:
            found: dict[str, int] = {}
            for column in d.year_columns:
                match = YEAR_HEADER.search(column)
                if column in header and match:
                    found[column] = int(match.group(1))
            return found
        return {c: int(m.group(1)) for c in header if (m := YEAR_HEADER.fullmatch(c))}

    def _best(self, records: list[Record], candidates: list[int]) -> Record:
        """The candidate that looks most like the header: the most of the named columns."""
        wanted = set(self._wanted())
        return max((records[i] for i in candidates),
                   key=lambda r: (len(wanted & {c.strip() for c in r.cells}), -r.line))

    def _wanted(self) -> list[str]:
        d = self.descriptor
        roles = [getattr(d.columns, r) for r in ("jurisdiction", "year", "date", "group", "count",
                                                  "source")]
        wanted = [c for c in roles if c]
        if d.layout == "wide":
            wanted += [c for columns in d.group_columns().values() for c in columns]
            wanted += d.totals
        wanted += d.year_columns
        wanted += [*d.filters, *d.exclude]
        return list(dict.fromkeys(wanted))

    def _header_hint(self, header: list[str], missing: list[str]) -> str:
        d = self.descriptor
        other = next((s for s in (";", "\t", ",") if s != d.delimiter and s in "".join(header)),
                     None)
        if other:
            shown_as, written = ("tabs", "\\t") if other == "\t" else (f'"{other}"', other)
            return (f"the file seems to use {shown_as} between values: add "
                    f'`delimiter: "{written}"` to the descriptor')
        if d.columns.count in missing and d.layout == "long":
            return ("rename the column, or change `columns:` in the descriptor to match the file; "
                    "if each row is one arrest (no count column), write `layout: records` and "
                    "remove `columns.count`")
        return ("rename the column, or change `columns:` in the descriptor to match the file; if "
                "title lines come above the header, they are skipped once the header has the "
                "columns named (or set `header_row:`)")

    def _filters_said(self) -> str:
        d = self.descriptor
        keep = [f"{k}: {', '.join(_values(v))}" for k, v in d.filters.items()]
        drop = [f"not {k}: {', '.join(_values(v))}" for k, v in d.exclude.items()]
        return "; ".join(keep + drop)

    def _left_out(self, cell: Callable[[str | None], str]) -> str | None:
        """Why the filters leave this row out, or None when they keep it."""
        d = self.descriptor
        for column, value in d.filters.items():
            allowed = _values(value)
            if cell(column) not in allowed:
                return f"{column} not {' or '.join(allowed)}"
        for column, value in d.exclude.items():
            if cell(column) in _values(value):
                return f"{column} is {' or '.join(_values(value))}"
        return None

    def _row(self, rel: str, line: int, record: list[str], index: dict[str, int],
             where: Where, years: dict[str, int]) -> bool:
        """Read one row; False when the filters leave it out or it has a bad cell."""
        d, cols = self.descriptor, self.descriptor.columns

        def cell(column: str | None) -> str:
            return record[index[column]].strip() if column else ""

        why = self._left_out(cell)
        if why:
            self.left_out[why] += 1
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
                    found, hint = _count_problem(text)
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
        key = (row.jurisdiction, row.year)
        before = self.totals.get(key)
        if before and self.descriptor.combine == "sum":
            row = TotalRow(row.jurisdiction, row.year, before.count + row.count, before.file,
                           before.line)
        elif before:
            self.bad(row.file, row.line, 1, f"duplicate total row: {row.jurisdiction}, {row.year} "
                     f"is already on line {before.line}", "delete one of the two rows")
            return
        self.totals[key] = row

    def _add(self, rel: str, line: int, row: Observation, column: str) -> None:
        key = (row.jurisdiction, row.year, row.group)
        if key not in self.seen:
            self.seen[key] = (len(self.rows), rel, line, column)
            self.rows.append(row)
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
            return
        self.bad(rel, line, 1, f"duplicate row: {row.jurisdiction}, {row.year}, {row.group} is "
                 f"already on {there}", "if the rows differ in another column (an offense, an "
                 "age group), keep the ones you want with `filters:`, or add them together with "
                 "`combine: sum`; if one is a mistake, delete it")

    def _unused_counts(self, rel: str, header: list[str], index: dict[str, int],
                       kept: list[list[str]]) -> None:
        """Warn about a column that holds counts and looks like the measure, yet is unused."""
        d = self.descriptor
        if d.layout in ("records", "year-columns"):
            return  # no count columns to miss: every row counts one, or every year column is read
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

    # --- after every file ------------------------------------------------------------------

    def finish(self) -> None:
        """Zero counts for groups without records; incomplete years; totals checked."""
        d = self.descriptor
        places_years = sorted({(r.jurisdiction, r.year) for r in self.rows})
        by_key: dict[tuple[str, int], list[Observation]] = {}
        for row in self.rows:
            by_key.setdefault((row.jurisdiction, row.year), []).append(row)
        if d.layout == "records":  # no record of a group in a year: none of that group
            for key in places_years:
                present = {r.group for r in by_key[key]}
                first = min(by_key[key], key=lambda r: (r.file, r.line))
                for group in d.recorded:
                    if group not in present:
                        zero = Observation(key[0], key[1], group, 0, first.source, first.line,
                                           first.file)
                        self.rows.append(zero)
                        by_key[key].append(zero)
        for key in places_years:
            base = base_of(d, tuple(by_key[key]), *key)
            if base.missing:
                names = " or ".join(f"{d.groups[g].label} ({g})" for g in base.missing)
                self.problems.append(Problem(
                    base.file, base.line, 1, f"{key[0]}, {key[1]} has no row for {names}: no "
                    "share, split, slope or trend point of that year can be computed",
                    "add the row as the source gives it (write 0 only where the source says there "
                    "were none)", "warning"))
        for key, total in sorted(self.totals.items()):
            rows = by_key.get(key, [])
            summed = sum(r.count for r in rows)
            if not rows:
                self.problems.append(Problem(
                    total.file, total.line, 1, f"the total for {key[0]}, {key[1]} has no group "
                    "rows beside it", "add the groups' rows, or remove the total", "warning"))
            elif summed != total.count:
                lines = _span([r.line for r in rows])
                self.problems.append(Problem(
                    total.file, total.line, 1, f"the total for {key[0]}, {key[1]} is "
                    f"{total.count:,}, but its groups add up to {summed:,} ({lines}); shares are "
                    "computed from the groups, never from the total",
                    "correct the counts; if a group is missing from the descriptor (sex not "
                    "recorded, say), declare it under groups", "warning"))


def _records(text: str, delimiter: str) -> list[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[Record] = []
    previous_end = 0
    for cells in reader:
        records.append(Record(previous_end + 1, cells))
        previous_end = reader.line_num
    return records


def _utf8(data: bytes) -> bool:
    """Whether `data` is UTF-8 text with letters beyond ASCII (which Windows-1252 would read
    as two letters each)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(byte > 127 for byte in data)


def _texts(root: Path, folder: Path, descriptor: Dataset, problems: list[Problem]
           ) -> Iterator[tuple[str, str]]:
    """(rel, text) of each of the dataset's files that can be read."""
    encoding = "utf-8-sig" if descriptor.encoding == "utf-8" else "cp1252"
    for name in descriptor.paths:
        path = folder / name
        rel = files.rel(root, path)
        try:
            text = files.read_text(root, path, encoding=encoding)
            if encoding == "cp1252" and _utf8(files.read_bytes(root, path)):
                problems.append(Problem(
                    rel, 1, 1, "the descriptor says `encoding: windows-1252`, but the file is "
                    "UTF-8 text (its accented letters would print garbled, like \"Ã±\")",
                    "remove `encoding: windows-1252` from the descriptor"))
                continue
            yield rel, unicodedata.normalize("NFC", text)  # "é" one way, however it was saved
        except files.Refused as refused:
            problems.append(refused.problem)
        except UnicodeDecodeError as error:
            line = files.read_bytes(root, path)[:error.start].count(b"\n") + 1
            problems.append(Problem(
                rel, line, 1, f"the file is not {descriptor.encoding.upper()} text (byte "
                f"{error.object[error.start]:#04x} on this line)",
                "export it from your spreadsheet as CSV UTF-8; if it comes from an older Windows "
                "program, write `encoding: windows-1252` in the descriptor"))


def read_table(name: str, descriptor: Dataset, root: Path, folder: Path,
               reference_ids: set[str] | None, edition: dt.date | None
               ) -> tuple[Table | None, list[Problem]]:
    """Read the dataset's files as the descriptor says; every bad cell is a located problem.

    `reference_ids` is None when references.yaml itself failed; sources then go unchecked.
    `edition` (settings.yaml) is the latest year data may have; None skips that check.
    What the intake counted, left out and skipped comes back as notes among the problems.
    """
    reader = _Reader(name, descriptor, reference_ids, edition)
    read: list[str] = []
    report: list[Problem] = []
    for rel, text in _texts(root, folder, descriptor, reader.problems):
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
        reader.finish()
    table = None if errors else Table(name, descriptor, tuple(read), tuple(reader.rows),
                                      tuple(reader.totals.values()))
    return table, reader.problems + report
