"""What a grant PDF attaches: the counts its figures are computed from, never the raw data.

A dataset's file can hold far more than the press prints: columns the descriptor never maps
(an arrestee's name, a birth date), rows its filters leave out ("Sealed juvenile record"),
one row per person in an incident-level export. A grant PDF attaches, for each dataset it
prints figures of, only the counts table those figures are computed from (place, year,
group, count, after the descriptor's filters, exclusions and sums), only for the places and
years the document prints, written out here as CSV, and the descriptor that says what the
counts are. Nothing record-level, no column the descriptor leaves unmapped, no row it
leaves out can reach an attachment: the table is made from the counts the press computed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from press.core import files
from press.source.load import Project
from press.source.schema import (
    BigNumberChart,
    ChartSpec,
    ShareOverTimeChart,
    ShareStat,
    SlopeChart,
    SplitChart,
)
from press.source.tables import Table

Cell = tuple[str, str, int]  # a dataset, a place and a year a document prints figures of
COLUMNS = ("place", "year", "group", "count")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell


@dataclass(frozen=True)
class Attached:
    """One file a PDF carries: its name there, its bytes, and what it holds."""

    name: str
    data: bytes
    description: str
    relationship: str  # PDF/A-3's AFRelationship: Data (the counts), Supplement (descriptor)


def stat_cells(project: Project, stat_id: str) -> list[Cell]:
    """The place-year a statistic is computed from (a share; a cited literal has none)."""
    stat = project.stats.get(stat_id)
    if not isinstance(stat, ShareStat):
        return []
    return [(stat.dataset, stat.jurisdiction, stat.year)]


def chart_cells(project: Project, spec: ChartSpec) -> list[Cell]:
    """The place-years a chart draws: a split's one, a trend's every year of its span, a
    slope's two ends, a big number's statistic."""
    if isinstance(spec, BigNumberChart):
        return stat_cells(project, spec.stat)
    if isinstance(spec, SplitChart):
        return [(spec.dataset, spec.jurisdiction, spec.year)]
    if isinstance(spec, SlopeChart):
        return [(spec.dataset, spec.jurisdiction, year) for year in spec.years]
    assert isinstance(spec, ShareOverTimeChart)
    table = project.tables.get(spec.dataset)
    first, last = spec.years
    return [(spec.dataset, place, year) for place in spec.jurisdictions
            for year in (table.years(place) if table else []) if first <= year <= last]


def _cell(text: str) -> str:
    """A cell as a spreadsheet shows it: text that would start a formula is kept as text."""
    return "'" + text if text.startswith(FORMULA_START) else text


def counts_csv(table: Table, wanted: set[tuple[str, int]]) -> bytes:
    """The counts of `table` for the place-years `wanted`, one row per place, year and group
    (as the descriptor lists its groups), as CSV in UTF-8 (with the mark spreadsheets read
    it by)."""
    order = {group: index for index, group in enumerate(table.descriptor.groups)}
    rows = sorted((r for r in table.rows if (r.jurisdiction, r.year) in wanted),
                  key=lambda r: (r.jurisdiction, r.year, order.get(r.group, len(order)), r.group))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows((_cell(r.jurisdiction), r.year, _cell(r.group), r.count) for r in rows)
    return buffer.getvalue().encode("utf-8-sig")


def attachments(project: Project, file: str, cells: list[Cell]) -> tuple[Attached, ...]:
    """What the document written to `file` attaches in a grant PDF: for each dataset of
    `cells`, the counts of those place-years and its descriptor."""
    stem = PurePosixPath(file).stem
    wanted: dict[str, set[tuple[str, int]]] = {}
    for dataset, place, year in cells:
        wanted.setdefault(dataset, set()).add((place, year))
    found: list[Attached] = []
    for dataset, place_years in wanted.items():
        table = project.tables.get(dataset)
        if table is None:
            continue
        descriptor = project.doc("dataset", dataset).rel
        found.append(Attached(
            f"{stem}-{dataset}-counts.csv", counts_csv(table, place_years),
            f"The counts of {table.descriptor.measure} this document's figures are computed "
            f"from ({', '.join(COLUMNS)}), for its places and years, after the filters, "
            f"exclusions and sums {PurePosixPath(descriptor).name} describes", "Data"))
        found.append(Attached(
            PurePosixPath(descriptor).name, files.read_bytes(project.root, project.root / descriptor),
            f"What the counts of {dataset} are and where they come from (the dataset's "
            "descriptor)", "Supplement"))
    return tuple(found)
