"""The shape of a table file: where its header is, its year columns, the note lines below
its data, which rows the filters keep, and count columns it leaves unused; each read from
the descriptor alone."""

from __future__ import annotations

import re
from collections.abc import Callable

from press.core.problems import Problem, did_you_mean, one_of
from press.source.cells import Record, parse_count
from press.source.descriptor import Dataset
from press.source.totals import counts_by_column, unused_total

YEAR_HEADER = re.compile(r"(?:[A-Za-z]{1,3}\s?)?((?:18|19|20)[0-9]{2})\s*[*\u00b9\u00b2\u00b3\u2020\u2021]*"
                         r"(?:\s+[A-Za-z]+)?")  # a year column's name: 2021, 2021*, CY2021, FY 2021
NOTE_START = re.compile(r"^\s*(notes?\b|sources?\b|footnotes?\b|\*|[\u00b9\u00b2\u00b3\u2020\u2021]|"
                        r"\([0-9a-z]\)|[0-9a-z]\s*[/.)]\s)", re.IGNORECASE)


def tokens_of(name: str) -> set[str]:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return {t for t in re.split(r"[^0-9a-z]+", spaced.casefold()) if t}


def values_of(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def header_position(d: Dataset, rel: str, records: list[Record],
                    problems: list[Problem]) -> int | None:
    """The index of the header record: the declared line, or the first that has the
    columns the descriptor names (title lines above it are skipped); None, with the
    problem said, when there is none."""
    wanted = wanted_columns(d)
    if d.header_row is not None:
        found = next((i for i, r in enumerate(records) if r.line == d.header_row), None)
        if found is None:
            problems.append(Problem(rel, 1, 1, f"header_row is {d.header_row}, but the file has "
                     f"{records[-1].line} lines", "correct `header_row:` in the descriptor"))
            return None
        candidates = [found]
    else:
        candidates = [i for i, r in enumerate(records[:30]) if r.filled()]
    for position in candidates:
        header = [h.strip() for h in records[position].cells]
        missing = [c for c in wanted if c not in header]
        years = d.layout != "year-columns" or year_columns(d, header)
        if not missing and years:
            return position
    first = best_header(d, records, candidates)
    header = [h.strip() for h in first.cells]
    missing = [c for c in wanted if c not in header]
    if missing:
        near = "".join(did_you_mean(c, header) for c in missing[:1])
        problems.append(Problem(rel, first.line, 1, f"the header row has no column {one_of(missing)};"
                 f"{near} found {one_of(h for h in header if h)}",
                 header_hint(d, header, missing)))
    else:
        problems.append(Problem(rel, first.line, 1, "the header row has no year columns (a column named "
                 f"by a four-digit year, like 2019); found {one_of(h for h in header if h)}",
                 "list the year columns under `year_columns:` in the descriptor, e.g. "
                 "year_columns: [Calendar 2019, Calendar 2020]"))
    return None


def note_lines(d: Dataset, body: list[Record], header: list[str]) -> tuple[list[Record], list[Record]]:
    """The data records, and the note lines below them (declared by `footer_rows`, or
    recognised: one filled cell, or a cell that starts like a note: "Note:", "*", "¹")."""
    filled = [r for r in body if r.filled()]
    notes: list[Record] = filled[len(filled) - d.footer_rows:] if d.footer_rows else []
    rest = filled[:len(filled) - len(notes)]
    while rest:
        last = rest[-1]
        cells = last.filled()
        lone = len(cells) == 1 and (len(last.cells) < len(header) or last.cells[0].strip())
        if not (lone and not is_group_value(d, cells[0])) and not NOTE_START.match(
                last.cells[0] if last.cells else ""):
            break
        notes.insert(0, rest.pop())
    lines = {r.line for r in notes}
    return [r for r in body if r.line not in lines], notes


def quoted_row(record: Record, width: int, delimiter: str) -> bool:
    """Whether a line read as a note is a whole row in one pair of double quotes: a single
    value holding as many values as the header, not starting like a note does."""
    cells = record.filled()
    return (len(cells) == 1 and width > 1 and not NOTE_START.match(cells[0])
            and len(cells[0].split(delimiter)) == width)


def is_group_value(d: Dataset, text: str) -> bool:
    folded = text.strip().casefold()
    return (text.strip() in d.value_map or folded in {t.casefold() for t in d.totals}
            or folded in {g.casefold() for g in d.groups}
            or folded in {g.label.casefold() for g in d.groups.values()})


def year_columns(d: Dataset, header: list[str]) -> dict[str, int]:
    """year-columns layout: each year column's name -> its year."""
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


def best_header(d: Dataset, records: list[Record], candidates: list[int]) -> Record:
    """The candidate that looks most like the header: the most of the named columns."""
    wanted = set(wanted_columns(d))
    return max((records[i] for i in candidates),
               key=lambda r: (len(wanted & {c.strip() for c in r.cells}), -r.line))


def wanted_columns(d: Dataset) -> list[str]:
    roles = [getattr(d.columns, r) for r in ("jurisdiction", "year", "date", "group", "count",
                                              "source")]
    wanted = [c for c in roles if c]
    if d.layout == "wide":
        wanted += [c for columns in d.group_columns().values() for c in columns]
        wanted += d.totals
    wanted += d.year_columns
    wanted += [*d.filters, *d.exclude]
    return list(dict.fromkeys(wanted))


def header_hint(d: Dataset, header: list[str], missing: list[str]) -> str:
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


def filters_said(d: Dataset) -> str:
    keep = [f"{k}: {', '.join(values_of(v))}" for k, v in d.filters.items()]
    drop = [f"not {k}: {', '.join(values_of(v))}" for k, v in d.exclude.items()]
    return "; ".join(keep + drop)


def left_out_by(d: Dataset, cell: Callable[[str | None], str]) -> str | None:
    """Why the filters leave this row out, or None when they keep it."""
    for column, value in d.filters.items():
        allowed = values_of(value)
        if cell(column) not in allowed:
            return f"{column} not {' or '.join(allowed)}"
    for column, value in d.exclude.items():
        if cell(column) in values_of(value):
            return f"{column} is {' or '.join(values_of(value))}"
    return None


def unused_counts(d: Dataset, rel: str, header: list[str], index: dict[str, int],
                  kept: list[list[str]]) -> list[Problem]:
    """Warn about a column that holds counts and looks like the measure, yet is unused."""
    if d.layout in ("records", "year-columns"):
        return []  # no count columns to miss: every row counts one, or every year column is read
    found: list[Problem] = []
    used = set(wanted_columns(d)) | set(d.ignore_columns)
    groups: dict[str, str] = {}
    for group, label in d.groups.items():
        for token in tokens_of(group) | tokens_of(label.label):
            groups[token] = group
    for raw, group in d.value_map.items():
        groups.setdefault(raw.casefold(), group)
    counted = ({c for cs in d.group_columns().values() for c in cs} if d.layout == "wide"
               else {d.columns.count or ""})
    generic = set().union(*(tokens_of(c) for c in counted)) - set(groups)
    rows = counts_by_column(header, index, kept) if d.layout == "wide" else []
    for column in header:
        if column in used or not column or not kept:
            continue
        values = [r[index[column]].strip() for r in kept]
        if not any(values) or any(v and parse_count(v) is None for v in values):
            continue
        total = unused_total(d, column, rows) if d.layout == "wide" else None
        if total:  # said as a total, never offered to be counted
            found.append(Problem(rel, 1, 1, *total, "warning"))
            continue
        tokens = tokens_of(column)
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
        found.append(Problem(
            rel, 1, 1, f'the column "{column}" holds counts that look like {what}, but the '
            "descriptor does not use them", hint, "warning"))
    return found
