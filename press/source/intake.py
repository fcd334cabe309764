"""An uploaded export read before it is saved: the same reading the build makes
(press/source/data.py), from the upload's bytes and a descriptor, and what it comes to:
rows read, counted and left out (and why), the problems, and the share of each group each
place would print (press/source/tables.py's Base, as the statistics take it).

    seen = preview("export.csv", data, descriptor_mapping, edition)
    seen.read, seen.counted, seen.left_out, seen.places, seen.problems

Also the CSV as saved: without the columns staff chose to drop (`without_columns`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from press.core.numbers import percent
from press.core.problems import Problem
from press.source.cells import records_of
from press.source.data import decoded, read_texts
from press.source.descriptor import Dataset
from press.source.tables import Table

FOLDER = "source/data"
TALLY = re.compile(r"^[0-9,]+ rows read, ")  # the note that says what Preview's figures say


@dataclass(frozen=True)
class Share:
    """One group's count and share of a place's latest whole year."""

    label: str
    count: int
    share: str  # "63%", rounded as the documents print it


@dataclass(frozen=True)
class Place:
    """What a place's figures come to: its years, and the shares of its latest whole one."""

    name: str
    years: tuple[int, ...]
    year: int | None  # the latest year a share can be taken of (None: none can)
    base: int
    shares: tuple[Share, ...]
    why_not: str = ""  # why no share can be taken ("" when one can)
    unrecorded: int = 0


@dataclass
class Preview:
    """What the upload comes to, read with the descriptor."""

    read: int = 0
    counted: int = 0
    left_out: Counter[str] = field(default_factory=Counter)  # why -> rows
    totals: int = 0
    places: list[Place] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # what is wrong with the descriptor
    table: Table | None = None  # the table as read (None: it does not read)

    @property
    def said(self) -> list[Problem]:
        """The problems and notes to show beside the tally (not the tally itself again)."""
        return [p for p in self.problems if not TALLY.match(p.message)]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def dataset_of(mapping: dict[str, Any]) -> tuple[Dataset | None, list[str]]:
    """The descriptor as the press reads it, or what is wrong with it, in words."""
    try:
        return Dataset.model_validate(mapping), []
    except ValidationError as error:
        return None, [_said(e) for e in error.errors()]


def _said(error: Any) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()))
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def preview(name: str, data: bytes, mapping: dict[str, Any], edition: dt.date | None
            ) -> Preview:
    """Read the upload `name` with the descriptor `mapping`, as the build will read it."""
    seen = Preview()
    descriptor, seen.invalid = dataset_of(mapping)
    if descriptor is None:
        return seen
    rel = f"{FOLDER}/{name}"

    def texts(problems: list[Problem]) -> list[tuple[str, str]]:
        text, found = decoded(rel, data, descriptor)
        problems.extend(found)
        return [] if text is None else [(rel, text)]

    table, seen.problems, tallies = read_texts(name.removesuffix(".csv"), descriptor, texts,
                                               None, edition)
    for tally in tallies.values():
        seen.read += tally.read
        seen.counted += tally.counted
        seen.left_out.update(tally.left_out)
        seen.totals += tally.totals
    seen.table = table
    if table is None:
        return seen
    labels = table.labels()
    for place in table.jurisdictions():
        years = table.years(place)
        whole = table.complete_years(place)
        if not whole:
            base = table.base(place, years[-1])
            seen.places.append(Place(place, tuple(years), None, base.total, (),
                                     base.why_not(labels)))
            continue
        base = table.base(place, whole[-1])
        shares = tuple(Share(labels.get(group, group), count, percent(base.share(group)))
                       for group, count in base.counts if descriptor.groups[group].counted)
        seen.places.append(Place(place, tuple(years), whole[-1], base.total, shares,
                                 unrecorded=base.unrecorded))
    return seen


def without_columns(data: bytes, dropped: list[str], encoding: str, delimiter: str,
                    header_row: int) -> bytes:
    """The file's bytes with the columns `dropped` taken out of its header row and every
    row after it of the header's width (the bytes as they came when none is dropped)."""
    if not dropped:
        return data
    codec = "utf-8-sig" if encoding == "utf-8" else "cp1252"
    text = data.decode(codec)
    records, _ = records_of("upload", text, delimiter)
    header = next((r for r in records if r.line == header_row), None)
    if header is None:
        return data
    names = [h.strip() for h in header.cells]
    gone = {i for i, n in enumerate(names) if n in dropped}
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    for record in records:
        cells = record.cells
        if record.line >= header_row and len(cells) == len(names):
            cells = [c for i, c in enumerate(cells) if i not in gone]
        writer.writerow(cells)
    return out.getvalue().encode("utf-8" if encoding == "utf-8" else "cp1252")
