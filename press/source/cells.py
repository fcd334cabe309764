"""The cells of a CSV file: counts, years and dates read strictly, each bad one said in words
a reader knows from the file, and the records with the line each starts on."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from array import array
from dataclasses import dataclass

from press.core import limits
from press.core.problems import Problem, shown

COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")  # 642, 6425 or 6,425; nothing else
YEAR = re.compile(r"[0-9]{4}")
# A year column's name: 2021, 2021*, 2021¹, CY2021, FY 2021, "2021 arrests"
EXCEL_EPOCH = dt.date(1899, 12, 30)


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


def count_problem(text: str) -> tuple[str, str]:
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


def offsets(line: str, delimiter: str) -> list[int]:
    """Where each value of a CSV line starts (0-based), quoted values included."""
    starts, quoted = [0], False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(index + 1)
    return starts


EVERY_RUN = 10  # runs of lines named one by one where every line is to be named


def span(lines: list[int], every: bool = False) -> str:
    """[3, 4, 5, 9] -> 'lines 3-5, 9': the first four runs and "..." for the rest, or, where
    `every` line is to be named, every run (or, for more than EVERY_RUN, the count and the
    range: '40 lines, 2-300')."""
    runs: list[tuple[int, int]] = []
    for line in sorted(set(lines)):
        if runs and line == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], line)
        else:
            runs.append((line, line))
    word = "line" if len(runs) == 1 and runs[0][0] == runs[0][1] else "lines"
    if every and len(runs) > EVERY_RUN:
        return f"{len(set(lines)):,} lines, {runs[0][0]}-{runs[-1][1]}"
    shown = runs if every else runs[:4]
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in shown]
    more = "" if len(shown) == len(runs) else ", ..."
    return f"{word} {', '.join(parts)}{more}"


class Lines:
    """A text's lines by number (1-based), found when first asked for: a table's problems
    quote the line a cell is on, and most tables have none."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: array[int] | None = None

    def __getitem__(self, number: int) -> str:
        if self.starts is None:
            self.starts = array("q", [0, *(m.end() for m in LINE_END.finditer(self.text))])
        if number > len(self.starts):
            return ""
        start = self.starts[number - 1]
        end = self.starts[number] if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


LINE_END = re.compile(r"\r\n|\r|\n")  # as csv counts lines


@dataclass(frozen=True, slots=True)
class Record:
    """One CSV record: its cells and the line it starts on."""

    line: int
    cells: list[str]

    def filled(self) -> list[str]:
        return [c for c in self.cells if c.strip()]


def records_of(rel: str, text: str, delimiter: str) -> tuple[list[Record], list[Problem]]:
    """The file's records, each with the line it starts on; a value longer than
    limits.CELL_CHARS, or a record past limits.TABLE_ROWS, stops the reading there, as a
    located problem."""
    csv.field_size_limit(limits.CELL_CHARS)  # csv's own default, stated where it is read
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[Record] = []
    previous_end = 0
    try:
        for cells in reader:
            if len(records) == limits.TABLE_ROWS:
                return records, [Problem(
                    rel, previous_end + 1, 1, f"the table has more than {limits.TABLE_ROWS:,} "
                    "rows (as many as a spreadsheet holds), the most the press reads",
                    "export only the rows the documents use (their places, years and "
                    "offenses), or export the counts (a row per place, year and group, "
                    "layout: long) instead of a row per arrest")]
            records.append(Record(previous_end + 1, cells))
            previous_end = reader.line_num
    except csv.Error as error:  # once the text is checked, only a value too long is left
        line = previous_end + 1
        if "field limit" not in str(error):
            return records, [Problem(rel, line, 1, f"the table cannot be read here ({error})",
                                     "check the quotes and commas of this line")]
        return records, [Problem(
            rel, line, _long_value(text, line, delimiter), "a value that starts here is "
            f"longer than {limits.CELL_CHARS:,} characters, the most the press reads in one "
            "value of a table", 'if a double quote opens the value and never closes, close '
            "it or remove it (the rest of the file is read as one value until a quote "
            "closes it); a value this long does not belong in a table of counts")]
    return records, []


def _long_value(text: str, line: int, delimiter: str) -> int:
    """The column of the value too long that starts on `line`: one longer than the limit on
    the line, or one a double quote leaves open at its end; else 1."""
    written = Lines(text)[line]
    quoted, start = False, 0
    for index, char in enumerate(written):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            if index - start > limits.CELL_CHARS:
                return start + 1
            start = index + 1
    return start + 1 if quoted or len(written) - start > limits.CELL_CHARS else 1
