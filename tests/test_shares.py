"""Property tests over generated tables: every printed share is its group's count over the
sum of the declared groups (rounded half away from zero), and no share is printed for a
year with a group missing."""

from __future__ import annotations

import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import charts
from charts.common import ChartRequest, NoData
from press.content.compute import share_of
from press.content.describe import group_colors
from press.core import numbers
from press.source.data import read_table
from press.source.descriptor import Dataset
from press.source.schema import ShareOverTimeChart, SlopeChart, SplitChart
from press.source.tables import Table

PLACES = ["Millbrook, Ohio", "Saint-Été", "Łódź County", "Nguyễn Township", "Ohio"]
PALETTE = {"ink": "#1F1B24", "accent": "#7A1F3D", "accent_light": "#F3E7EC", "muted": "#5A5560",
           "rule": "#C9C2CC", "paper": "#FFFFFF", "women": "#7A1F3D", "men": "#8C8A93",
           "other": "#BDB8C2"}


@st.composite
def tables(draw: Any) -> tuple[dict[tuple[str, int, str], int], list[str], bool | None]:
    """Rows (place, year, group) -> count, some rows left out; the groups; and whether a
    not-recorded group is in the base (None: there is no such group)."""
    places = draw(st.lists(st.sampled_from(PLACES), min_size=1, max_size=2, unique=True))
    first = draw(st.integers(1990, 2020))
    years = list(range(first, first + draw(st.integers(2, 5))))
    unknown = draw(st.sampled_from([None, True, False]))
    groups = ["female", "male"] + (["unknown"] if unknown is not None else [])
    rows: dict[tuple[str, int, str], int] = {}
    for place in places:
        for year in years:
            for group in groups:
                if draw(st.integers(0, 9)) == 0:
                    continue  # a row left out
                rows[(place, year, group)] = draw(st.one_of(
                    st.integers(0, 3), st.integers(0, 2000), st.integers(0, 10**6)))
    if not rows:
        rows[(places[0], years[0], "female")] = 1
    return rows, groups, unknown


def read(rows: dict[tuple[str, int, str], int], unknown: bool | None) -> Table:
    lines = ["place,year,sex,count"] + [f'"{p}",{y},{g},"{c:,}"' for (p, y, g), c in rows.items()]
    groups: dict[str, Any] = {"female": {"label": "Women"}, "male": {"label": "Men"}}
    if unknown is not None:
        groups["unknown"] = {"label": "Sex not recorded", "not_recorded": True, "in_base": unknown}
    descriptor = Dataset.model_validate({
        "title": "Generated", "path": "t.csv", "description": "Generated.", "measure": "arrests",
        "columns": {"jurisdiction": "place", "year": "year", "group": "sex", "count": "count"},
        "constants": {"source": "s"}, "groups": groups})
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "t.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        table, problems = read_table("t", descriptor, root, root, None, None)
    assert table is not None, [p.format() for p in problems]
    return table


def expected(rows: dict[tuple[str, int, str], int], place: str, year: int, group: str,
             unknown: bool | None) -> str | None:
    """The printed share, computed by hand with exact fractions; None where no share may be
    printed (a recorded group missing, or nothing to divide by)."""
    counted = ["female", "male"] + (["unknown"] if unknown else [])
    if any((place, year, g) not in rows for g in ("female", "male")):
        return None
    base = sum(rows.get((place, year, g), 0) for g in counted)
    if rows[(place, year, "female")] + rows[(place, year, "male")] == 0:
        return None  # nothing recorded: no group's share is known, whatever the unknowns
    value = Fraction(100 * rows.get((place, year, group), 0), base)
    return f"{int(value + Fraction(1, 2))}%"  # half away from zero (shares are not negative)


def chart_request(table: Table, spec: Any) -> ChartRequest:
    places = list(getattr(spec, "jurisdictions", [getattr(spec, "jurisdiction", "")]))
    bases = tuple(table.base(p, y) for p in places for y in table.years(p))
    unrecorded = tuple(g for g, label in table.descriptor.groups.items() if label.not_recorded)
    return ChartRequest(spec=spec, bases=bases, fmt=numbers.ENGLISH, labels=table.labels(),
                        measure="arrests", source_line="Source: test.", palette=PALETTE,
                        font_family="Source Sans 3", width_in=7.3, height_in=2.3,
                        source_name="the test", places=tuple(places),
                        colors=group_colors(table.descriptor, PALETTE), unrecorded=unrecorded)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_every_share_is_its_count_over_the_whole_base(data: Any) -> None:
    rows, _, unknown = data
    table = read(rows, unknown)
    for place in table.jurisdictions():
        for year in table.years(place):
            for group in ("female", "male"):
                want = expected(rows, place, year, group, unknown)
                found = share_of(table, place, year, group)
                if want is None:
                    assert isinstance(found, str)  # a sentence saying why, never a figure
                    continue
                assert not isinstance(found, str), found
                assert numbers.percent(found.value) == want
            spec = SplitChart(id="s", kind="split", dataset="t", jurisdiction=place, year=year,
                              title="{highlight_share}", subtitle="{jurisdiction}")
            try:
                described = charts.KINDS["split"].describe(chart_request(table, spec))
            except NoData:
                assert expected(rows, place, year, "female", unknown) is None
            else:
                for group in ("female", "male"):
                    assert described.numbers[f"{group}_share"] == expected(
                        rows, place, year, group, unknown)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_trend_or_slope_prints_no_share_of_an_incomplete_year(data: Any) -> None:
    rows, _, unknown = data
    table = read(rows, unknown)
    place = table.jurisdictions()[0]
    years = table.years(place)
    if len(years) < 2:
        return
    spec = ShareOverTimeChart(id="t", kind="share-over-time", dataset="t", jurisdictions=[place],
                              years=(years[0], years[-1]), group="female", title="{min_share}",
                              subtitle="{jurisdiction}")
    whole = [y for y in years if expected(rows, place, y, "female", unknown) is not None]
    try:
        described = charts.KINDS["share-over-time"].describe(chart_request(table, spec))
    except NoData:
        assert len(whole) < 2
        return
    assert len(whole) >= 2
    shares = {expected(rows, place, y, "female", unknown) for y in whole}
    assert described.numbers["min_share"] in shares and described.numbers["max_share"] in shares
    assert described.numbers["first_year"] == str(whole[0])
    assert described.numbers["last_year"] == str(whole[-1])
    gaps = [y for y in years if y not in whole and whole[0] < y < whole[-1]]
    for year in gaps:
        assert f"in {year}:" in described.notes  # said, never drawn as a share
    slope = SlopeChart(id="l", kind="slope", dataset="t", jurisdiction=place,
                       years=(years[0], years[-1]), measure="share", title="{first_year}",
                       subtitle="{jurisdiction}")
    ends_whole = years[0] in whole and years[-1] in whole
    try:
        said = charts.KINDS["slope"].describe(chart_request(table, slope))
    except NoData:
        assert not ends_whole
        return
    assert ends_whole
    assert said.numbers["female_first"] == expected(rows, place, years[0], "female", unknown)
    assert said.numbers["female_last"] == expected(rows, place, years[-1], "female", unknown)
