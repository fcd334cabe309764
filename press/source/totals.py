"""Totals, wherever an export puts them: a row or a column that holds the sum of others,
first or last, for a place and year, for a whole place or file ("Total,,,,,389"), or for
one group.

A total is recognised by its label (the descriptor's `total:`, or words such as "Total",
"Grand total", "Both sexes"), or by equalling the sum of the other rows of its place and
year; one the descriptor does not declare is a warning that says how to declare it. A total
is never counted as arrests: it is read apart, checked against the rows it totals, and said
when it cannot be checked (the filters leave out rows it may count).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from press.core.problems import Problem, one_of
from press.source.cells import parse_count, span
from press.source.descriptor import TOTAL_WORDS, Dataset
from press.source.tables import TotalRow

_WORD = re.compile(r"\b(?:sub|grand )?totals?\b")

How = Literal["declared", "label", "sum"]


def worded_as_total(text: str) -> bool:
    """Whether a cell or a column's name reads as a total: "Total", "Grand total", "Total
    arrests", "Female total", "All", "Both sexes"."""
    folded = " ".join(text.casefold().split())
    return folded in TOTAL_WORDS or bool(_WORD.search(folded))


def declared(d: Dataset, text: str) -> bool:
    return text.strip().casefold() in {t.strip().casefold() for t in d.totals}


def total_label(d: Dataset, cells: Iterable[str]) -> str | None:
    """The first of a row's label cells (its group, place, year, first cell) that marks it as
    a total: declared under `total:`, or worded as one and not mapped to a group."""
    for text in cells:
        if text.strip() and (declared(d, text) or (
                worded_as_total(text) and text not in d.value_map)):
            return text.strip()
    return None


def yaml_value(text: str) -> str:
    """`text` as it can be written in a descriptor."""
    return text if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _.-]*", text) else json.dumps(text)


def declaring(d: Dataset, label: str) -> str:
    """The line that declares `label` as a total, kept with the descriptor's others."""
    values = [*d.totals, label]
    if len(values) == 1:
        return f"`total: {yaml_value(label)}`"
    return f"`total: [{', '.join(yaml_value(v) for v in values)}]`"


@dataclass
class Counted:
    """What a dataset's files counted, by file, place, year and group: the sum and the lines
    (the rows a total is checked against)."""

    cells: dict[tuple[str, str, int, str], tuple[int, list[int]]] = field(default_factory=dict)

    def add(self, file: str, line: int, place: str, year: int, group: str, count: int) -> None:
        before, lines = self.cells.get((file, place, year, group), (0, []))
        lines.append(line)
        self.cells[(file, place, year, group)] = (before + count, lines)

    def within(self, file: str | None, place: str | None, year: int | None,
               group: str | None = None) -> tuple[int, dict[str, list[int]]]:
        """The sum of what was counted in a scope (None: any), and its lines by file."""
        total, lines = 0, dict[str, list[int]]()
        for (f, p, y, g), (count, where) in self.cells.items():
            if (file in (None, f) and place in (None, p) and year in (None, y)
                    and group in (None, g)):
                total += count
                lines.setdefault(f, []).extend(where)
        return total, lines


def lines_of(lines: dict[str, list[int]], file: str) -> str:
    """Every line, by file: "lines 2-3 and 5", "lines 2-3; b.csv lines 4-5"."""
    said = [span(where, every=True) if name == file else f"{name} {span(where, every=True)}"
            for name, where in sorted(lines.items(), key=lambda item: item[0] != file)]
    return "; ".join(said)


def scope_of(row: TotalRow, d: Dataset) -> str:
    """What a total is of, in words: "Millbrook, Ohio, 2022", "Women in Millbrook, Ohio,
    every year of this file", "every row of this file"."""
    if row.jurisdiction and row.year is not None:
        where = f"{row.jurisdiction}, {row.year}"
    elif row.jurisdiction:
        where = f"{row.jurisdiction}, every year of this file"
    elif row.year is not None:
        where = f"{row.year}, every place of this file"
    else:
        where = "every row of this file"
    group = d.groups.get(row.group or "")
    return f"{group.label} in {where}" if group else where


def partial(row: TotalRow) -> bool:
    """A total of more than one place-year: checked against the rows of its own file."""
    return not row.jurisdiction or row.year is None


def check_totals(d: Dataset, totals: Sequence[TotalRow], counted: Counted) -> list[Problem]:
    """Each total checked against the rows it totals; one the descriptor does not declare
    is a warning saying how to declare it; one the filters keep from being checked is said."""
    found: list[Problem] = []
    right: dict[tuple[str, str], list[TotalRow]] = {}  # undeclared, and checked: by label
    for row in totals:
        summed, lines = counted.within(row.file if partial(row) else None,
                                       row.jurisdiction or None, row.year, row.group)
        if row.how == "label" and lines and summed == row.count and not row.unchecked:
            right.setdefault((row.file, row.label), []).append(row)
        found.append(_said(d, row, summed, lines_of(lines, row.file) if lines else ""))
    for (file, label), rows in right.items():
        if len(rows) > 1:  # one warning for the rows of one label, not one a row or year
            said = {(r.file, r.line) for r in rows}
            found = [p for p in found if (p.file, p.line) not in said]
            at = sorted({r.line for r in rows})
            what = "this row is a total" if len(at) == 1 else f"{len(at)} rows are totals"
            found.append(Problem(
                file, at[0], 1, f'{what} ("{label}", {span(at, every=True)}): never '
                "counted as arrests, and each count equals the sum of the rows it totals",
                f"write {declaring(d, label)} in the descriptor to say so (then "
                f"{'it is' if len(at) == 1 else 'they are'} checked without a warning)",
                "warning"))
    return [p for p in found if p.message]


def _said(d: Dataset, row: TotalRow, summed: int, lines: str) -> Problem:
    scope = scope_of(row, d)
    if row.how == "declared":
        return _declared(row, scope, summed, lines)
    said = (f'"{row.label}" is not a group' if row.label else "this row's group cell is empty"
            if row.jurisdiction else "this row has no place, year or group")
    what = (f'this row is a total ("{row.label}": {row.count:,}, {scope})' if row.how == "label"
            else f"{said}, and its {row.count:,} is the sum of the other rows of "
            f"{'this file' if not row.jurisdiction else scope} ({lines}), so it is taken for "
            "their total")
    if row.how == "sum":
        check = ""
    elif row.unchecked:
        check = f", and it is not checked: it may count rows {row.unchecked}"
    elif not lines:
        check = ", and there are no rows for it to total"
    elif summed == row.count:
        check = f", and it equals the sum of the rows it totals ({lines})"
    else:
        check = f", but the rows it would total add up to {summed:,} ({lines})"
    if row.how == "sum" and not row.label and not row.jurisdiction:
        fix = ("delete the line, or write `footer_rows: 1` in the descriptor if it is the "
               "last (it is then read as a note)")
    else:
        fix = (f"write {declaring(d, row.label)} in the descriptor to say so" + (
            " (it is then checked without a warning)" if not row.unchecked else ""))
        if row.how == "sum":
            fix = f"if it is their total, {fix}; if it is a group, declare it under `groups`"
        elif lines and summed != row.count and not row.unchecked:
            fix += "; then correct the counts"
    return Problem(row.file, row.line, 1, f"{what}: it is never counted as arrests{check}",
                   fix, "warning")


def _declared(row: TotalRow, scope: str, summed: int, lines: str) -> Problem:
    if row.unchecked and summed != row.count:
        return Problem(row.file, row.line, 1, f"the total for {scope} ({row.count:,}) is not "
                       f"checked: it may count rows {row.unchecked}; it is never counted as "
                       "arrests", severity="note")
    if not lines:
        return Problem(row.file, row.line, 1, f"the total for {scope} has no group rows "
                       "beside it", "add the groups' rows, or remove the total", "warning")
    if summed != row.count:
        return Problem(row.file, row.line, 1, f"the total for {scope} is {row.count:,}, but its "
                       f"groups add up to {summed:,} ({lines}); shares are computed from the "
                       "groups, never from the total", "correct the counts; if a group is "
                       "missing from the descriptor (sex not recorded, say), declare it under "
                       "groups", "warning")
    return Problem(row.file, row.line, 1, "")  # checked, and right: nothing to say


@dataclass(frozen=True)
class Unsure:
    """A row whose group is not one of the descriptor's (or that has no place, year and
    group at all): a total if its counts are the sums of the other rows of its place and
    year (checked once its file is read, a total may come first), else an error."""

    file: str
    line: int
    column: int
    raw: str  # the group cell as written ("" for none)
    place: str | None  # None: a row with no place, year or group
    counts: tuple[tuple[int | None, int], ...]  # (year, count)

    def total_of(self, counted: Counted) -> list[TotalRow]:
        """The totals this row is, if each of its counts is the sum of at least two other
        rows of its place and year (of its file), else []."""
        rows = []
        for year, count in self.counts:
            summed, lines = counted.within(self.file, self.place, year)
            if count != summed or summed <= 0 or sum(map(len, lines.values())) < 2:
                return []
            rows.append(TotalRow(self.place or "", year, count, self.file, self.line,
                                 label=self.raw, how="sum"))
        return rows


# --- the columns of a wide file ---------------------------------------------------------

Rows = list[dict[str, int]]  # each kept row's counts, by column (a row that does not parse: left out)


def counts_by_column(header: Sequence[str], index: dict[str, int], kept: Sequence[list[str]]
                     ) -> Rows:
    """Each kept row's cells that are counts, by column."""
    rows = []
    for cells in kept:
        parsed = {column: parse_count(cells[index[column]]) for column in header if column}
        rows.append({column: count for column, count in parsed.items() if count is not None})
    return rows


def _sums_to(rows: Rows, column: str, parts: Sequence[str]) -> bool:
    """Whether `column` is the sum of `parts` on every row (and is something somewhere)."""
    usable = [r for r in rows if column in r and all(p in r for p in parts)]
    return bool(usable) and len(usable) == len(rows) and any(r[column] for r in usable) and all(
        r[column] == sum(r[p] for p in parts) for r in usable)


def double_counted(d: Dataset, rel: str, rows: Rows) -> list[Problem]:
    """A wide file's group read from a total: one of a group's columns that is the total of
    its others ("Total Female" beside "Adult Female" and "Juvenile Female"), or a group whose
    column is the sum of every other group's. Either counts each arrest twice: an error."""
    found: list[Problem] = []
    columns = d.group_columns()
    for group, own in columns.items():
        for column in own:
            others = [c for c in own if c != column]
            if len(own) > 1 and (worded_as_total(column) or _sums_to(rows, column, others)):
                found.append(Problem(
                    rel, 1, 1, f'the column "{column}" is the total of the group "{group}"\'s '
                    f"other columns ({one_of(others)}): listed with them, each of its arrests "
                    "would be counted twice", f"under wide_columns, write `{group}: "
                    f"{yaml_value(column)}` or list its parts alone, never both"))
        rest = [c for g, cs in columns.items() if g != group for c in cs]
        if len(columns) > 2 and len(own) == 1 and _sums_to(rows, own[0], rest):
            found.append(Problem(
                rel, 1, 1, f'the group "{group}" is read from the column "{own[0]}", which on '
                "every row is the sum of the other groups' columns: counted as a group, every "
                "arrest would be counted twice", f"remove it from wide_columns and groups, and "
                f"write {declaring(d, own[0])}, so it is checked against them"))
    return found


def unused_total(d: Dataset, column: str, rows: Rows) -> tuple[str, str] | None:
    """What a count column a wide file does not use totals, if it is a total, as (what is
    said, the fix): the total of every group, or of one group's columns. Never a hint to
    count it."""
    columns = d.group_columns()
    every = [c for cs in columns.values() for c in cs]
    if _sums_to(rows, column, every) or (worded_as_total(column) and not _one_group(d, column)):
        equal = ", on every row their sum," if _sums_to(rows, column, every) else ""
        return (f'the column "{column}" holds the total of the groups{equal} and is never '
                "counted as arrests", f"write {declaring(d, column)} in the descriptor to say "
                "so (it is then checked on every row without a warning)")
    for group, own in columns.items():
        if len(own) > 1 and (_sums_to(rows, column, own) or _one_group(d, column) == group):
            return (f'the column "{column}" holds the total of the group "{group}"\'s columns '
                    f"({one_of(own)}) and is never counted as arrests",
                    "count either it or its parts, never both (the press counts the parts); "
                    "list it under `ignore_columns:` to say so")
    return None


def _one_group(d: Dataset, column: str) -> str | None:
    """The group a total column's name names ("Female total" -> female), if it is worded as
    a total and names one."""
    if not worded_as_total(column):
        return None
    words = set(re.split(r"[^0-9a-z]+", column.casefold()))
    named = [g for g, label in d.groups.items() if g in words or label.label.casefold() in words]
    return named[0] if len(named) == 1 else None
