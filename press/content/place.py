"""Place builds: the handouts again, with one place's own figures and charts, and nothing
that claims another place.

- A share statistic or a chart is re-pointed at the place: its own dataset if that has the
  place (and the group), else another dataset that counts the same thing (the same
  `measure` and groups); never data of another kind, such as all-ages rows standing in for
  juveniles. The same year where the place has it, else its latest year; trends and slopes
  run over every year the place has.
- What cannot be made truthfully for the place is left out, with a warning naming it: a
  statistic from a study of another place, a share the data cannot compute for it, a trend
  with fewer than two years (a split chart of the place's data stands in where one can),
  and a handout left with no statistic and no chart of the place at all.
- A handout whose own words name another place is an error: its reader would take the
  sentence as this place's.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from press.content import claims, compute, markup
from press.content.describe import CHART_FAILURES, describe, request_for
from press.content.texts import item_loc
from press.core import numbers
from press.core.manifest import LeftOut
from press.core.problems import Problem, one_of
from press.source.load import Project
from press.source.schema import (
    BigNumberChart,
    ChartSpec,
    Handout,
    LiteralStat,
    ShareOverTimeChart,
    ShareStat,
    SlopeChart,
    SplitChart,
)
from press.source.tables import Table


@dataclasses.dataclass(frozen=True)
class Left:
    """A statistic or chart left out of a place build, and why."""

    id: str
    why: str
    stand_in: str | None = None  # a chart drawn in its place


def left_out(whole: Project, localized: Project, left: dict[str, Left]
             ) -> dict[str, list[LeftOut]]:
    """What a place build left out of each handout (by its key, chapter/audience): statistics
    left out, a chart
    left out or swapped for a stand-in, the handout itself when nothing of the place is left."""
    found: dict[str, list[LeftOut]] = {}
    for key, handout in whole.handouts.items():
        items: list[LeftOut] = []
        if key not in localized.handouts:
            items.append(LeftOut("handout", key.split("/", 1)[1], "it has no statistic or "
                                 "chart of the place's data"))
        else:
            items += [LeftOut("statistic", s, left[s].why) for s in handout.stats if s in left]
            if handout.chart in left:
                reason = left[handout.chart]
                items.append(LeftOut("chart", handout.chart, reason.why, reason.stand_in or ""))
        if items:
            found[key] = items
    return found


def data_places(project: Project) -> list[str]:
    """Every jurisdiction any dataset has rows for."""
    return sorted({j for t in _tables(project).values() for j in t.jurisdictions()})


def canonical(project: Project, place: str) -> str:
    """The place as the data prints it: "massachusetts" -> "Massachusetts", and an export's
    own name for it (renamed under place_names) -> the printed name."""
    place = unicodedata.normalize("NFC", place.strip())  # as typed on any keyboard
    wanted = place.casefold()
    renamed = {raw.casefold(): printed for t in _tables(project).values()
               for raw, printed in t.descriptor.place_names.items()}
    return next((j for j in data_places(project) if j.casefold() == wanted), renamed.get(wanted, place))


def _year(table: Table, place: str, wanted: int) -> tuple[int, str]:
    """The year a share or split of `place` is made for: `wanted` if the place's rows of that
    year are whole, else its latest whole year; and, when it is not `wanted`, why."""
    whole = table.complete_years(place)
    if wanted in whole:
        return wanted, ""
    latest = whole[-1]
    later = [y for y in table.years(place) if y > latest]
    if later:
        base = table.base(place, later[-1])
        reason = (f"has no row for {' or '.join(table.label(g) for g in base.missing)}"
                  if base.missing else "has no whole base: " + base.why_not(table.labels()))
        why = f"its latest year with a row for every group ({later[-1]} {reason})"
    else:
        why = f'its latest year in "{table.name}" (the chapter\'s is {wanted})'
    return latest, f"uses {latest} for {numbers.place(place)}, {why}"


def _tables(project: Project) -> dict[str, Table]:
    """The datasets in the sources' own words: which data stands in for which, and what the
    build tells staff, never depend on an edition's translation of a measure or a group."""
    return project.tables_in_original or project.tables


def _same_kind(project: Project, first: str, second: str) -> bool:
    return _tables(project)[first].counts_like(_tables(project)[second])


def _dataset_for(project: Project, preferred: str, place: str, group: str | None,
                 years: int = 1) -> str | None:
    """`preferred` if it has `years` or more years of `place` (and the group), else a
    dataset of the same kind that has them."""
    same = [n for n in sorted(_tables(project)) if n != preferred and _same_kind(project, preferred, n)]
    for name in [preferred, *same]:
        table = _tables(project)[name]
        if len(table.complete_years(place)) >= years and (
                group is None or group in table.descriptor.groups):
            return name
    return None


def _alike(first: str, second: str) -> bool:
    """Whether two measures' words share a word of substance ("prostitution arrests" and
    "prostitution-related arrests" do; "eviction filings" and either do not)."""
    def words(text: str) -> set[str]:
        return {w for w in re.split(r"[^a-z]+", text.casefold()) if len(w) > 3}
    return bool(words(first) & words(second))


NEAR_MISS_FIX = ("if the two datasets count the same kind of thing, write the same `measure:` "
                 "words and group names in both descriptors")


def near_miss(project: Project, dataset: str, place: str) -> str:
    """A dataset that has `place` but does not count the same thing as `dataset` (its measure
    words or groups differ, NEAR_MISS_FIX says what to do); '' when there is none."""
    wanted = _tables(project)[dataset].descriptor
    for name in sorted(_tables(project)):
        other = _tables(project)[name].descriptor
        if name == dataset or place not in _tables(project)[name].jurisdictions():
            continue
        same_groups = set(other.recorded) == set(wanted.recorded)
        same_measure = other.measure.strip().casefold() == wanted.measure.strip().casefold()
        if same_measure and not same_groups:
            return (f' The dataset "{name}" has {numbers.place(place)}, but its groups '
                    f'({one_of(other.recorded)}) differ from those of "{dataset}" '
                    f"({one_of(wanted.recorded)}).")
        if not same_groups or not _alike(other.measure, wanted.measure):
            continue  # another kind of data altogether
        return (f' The dataset "{name}" has {numbers.place(place)}, but it counts '
                f'"{other.measure}", and "{dataset}" counts "{wanted.measure}".')
    return ""


def _missing(project: Project, dataset: str, place: str, group: str | None = None,
             trend: bool = False) -> str:
    """Why `dataset` (or one of its kind) cannot give what is asked for `place`."""
    table = _tables(project)[dataset]
    years = table.years(place)
    measure = table.descriptor.measure
    if not years:
        return (f'its dataset "{dataset}" has no rows for {numbers.place(place)}, and no other '
                f"dataset counts {measure} there.{near_miss(project, dataset, place)}").rstrip(".") + (
                    f" ({NEAR_MISS_FIX})" if near_miss(project, dataset, place) else "")
    if group and group not in table.descriptor.groups:
        return f'its dataset "{dataset}" has no group "{group}"'
    whole = table.complete_years(place)
    span = f"only {years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
    need = "a trend needs two years" if trend else "it needs a year"
    if len(whole) < len(years):
        have = ("no year whole" if not whole else f"only {whole[0]} whole" if len(whole) == 1
                else f"{len(whole)} years whole")
        return (f"{need} with a row for every group, and the {measure} of "
                f'{numbers.place(place)} in "{dataset}" cover {span}, with {have}')
    return f'{need}, and the {measure} of {numbers.place(place)} in "{dataset}" cover {span}'


def for_place(project: Project, place: str) -> tuple[Project, dict[str, Left], list[Problem]]:
    """The project re-pointed at `place`, what was left out (by id), and the problems."""
    problems: list[Problem] = []
    everywhere = data_places(project)
    if place not in everywhere:
        rels = ", ".join(f for t in _tables(project).values() for f in t.files)
        problems.append(Problem(
            rels, 0, 0, f'the data has no rows for "{place}"; it has {one_of(everywhere)}',
            f"choose one of those, or add {place}'s rows (see \"Bringing in a new table\" in "
            "the user guide, docs/tables.md)"))
        return project, {}, problems
    left: dict[str, Left] = {}
    stats = _place_stats(project, place, left, problems)
    values, found = compute.compute_stats(dataclasses.replace(project, stats=stats))
    problems.extend(p for p in found if p.severity == "warning")
    charts = _place_charts(project, place, left, values, problems)
    handouts = _place_handouts(project, place, left, _missed(project, place), problems)
    localized = dataclasses.replace(project, stats=stats, charts=charts, handouts=handouts)
    return localized, left, problems


def _missed(project: Project, place: str) -> str:
    """A near miss of `place` in the data the chapter uses (a spelling the data has), or ''."""
    used = sorted({s.dataset for s in project.stats.values() if isinstance(s, ShareStat)}
                  | {c.dataset for c in project.charts.values()})
    return next((m for d in used if d in _tables(project) and place not in
                 _tables(project)[d].jurisdictions() and (m := near_miss(project, d, place))), "")


def _place_stats(project: Project, place: str, left: dict[str, Left], problems: list[Problem]
                 ) -> dict[str, ShareStat | LiteralStat]:
    """The statistics re-pointed at `place`; those that cannot be go into `left`."""
    stats: dict[str, ShareStat | LiteralStat] = {}
    for stat in project.stats.values():
        moved = _stat(project, stat, place)
        if isinstance(moved, Left):
            left[stat.id] = moved
            continue
        stats[stat.id] = moved
        if isinstance(stat, ShareStat) and isinstance(moved, ShareStat) and moved.year != stat.year:
            why = _year(_tables(project)[moved.dataset], place, stat.year)[1]
            problems.append(project.doc("stats").problem(
                (list(project.stats).index(stat.id),), f'statistic "{stat.id}" {why}',
                severity="note"))
    return stats


def _place_charts(project: Project, place: str, left: dict[str, Left],
                  values: dict[str, compute.StatValue], problems: list[Problem]
                  ) -> dict[str, ChartSpec]:
    """The charts re-pointed at `place`; each left out names a chart that stands in."""
    charts: dict[str, ChartSpec] = {}
    for chart_id, spec in project.charts.items():
        moved_chart = _chart(project, spec, place, left, values, problems)
        if isinstance(moved_chart, Left):
            left[chart_id] = moved_chart
        else:
            charts[chart_id] = moved_chart
    for chart_id, reason in list(left.items()):
        if chart_id in project.charts:
            left[chart_id] = dataclasses.replace(
                reason, stand_in=_stand_in(project, project.charts[chart_id].dataset, charts))
    return charts


def _place_handouts(project: Project, place: str, left: dict[str, Left], missed: str,
                    problems: list[Problem]) -> dict[str, Handout]:
    """The handouts with something of `place` on them; warnings for those without."""
    handouts: dict[str, Handout] = {}
    skipped: dict[str, list[str]] = {}  # chapter -> its handouts with nothing of the place
    for key, handout in project.handouts.items():
        notes: list[Problem] = []
        moved_handout = _handout(project, key, handout, place, left, notes)
        if moved_handout.stats or moved_handout.chart:
            handouts[key] = moved_handout
            problems.extend(notes)
        else:
            problems.extend(n for n in notes if n.severity == "error")
            skipped.setdefault(handout.chapter or "", []).append(key)
    where = numbers.place(place)
    for chapter, keys in skipped.items():
        if len(keys) == sum(1 for h in project.handouts.values() if h.chapter == chapter):
            problems.append(project.doc("brief", chapter).problem(
                (), f"no handout of this chapter has a statistic or chart of {where}'s data, "
                f"so none is built for this place.{missed}".rstrip("."), NEAR_MISS_FIX if missed else
                f"add {where}'s rows to the data the chapter's statistics and charts use",
                severity="warning"))
            continue
        problems.extend(project.doc("handout", key).problem(
            (), f"this handout has no statistic or chart of {where}'s data, so it is not "
            f"built for this place", f"add {where}'s rows to the data its statistics and "
            "chart use", severity="warning") for key in keys)
    if not handouts:
        problems.append(Problem(
            "source/handouts", 0, 0, f"no handout has a statistic or chart of {where}'s data, "
            f"so there is nothing to build for this place.{missed}".rstrip("."),
            NEAR_MISS_FIX if missed else f"add {where}'s rows to the data the "
            "handouts' statistics and charts use"))
    return handouts


def _stat(project: Project, stat: ShareStat | LiteralStat, place: str) -> ShareStat | LiteralStat | Left:
    if isinstance(stat, LiteralStat):
        if stat.jurisdiction.casefold() == place.casefold():
            return stat
        return Left(stat.id, f"it is a figure about {stat.jurisdiction}, not {numbers.place(place)}")
    dataset = _dataset_for(project, stat.dataset, place, stat.group)
    if dataset is None:
        return Left(stat.id, _missing(project, stat.dataset, place, stat.group))
    year, _ = _year(_tables(project)[dataset], place, stat.year)
    moved = stat.model_copy(update={"dataset": dataset, "jurisdiction": place, "year": year})
    computed = compute.compute_stat(moved, project.tables, project.references,
                                    compute.formats_of(project), compute.words_of(project))
    return Left(stat.id, computed) if isinstance(computed, str) else moved


def _chart(project: Project, spec: ChartSpec, place: str, left: dict[str, Left],
           stats: dict[str, compute.StatValue], problems: list[Problem]) -> ChartSpec | Left:
    """The chart re-pointed at `place` and described from its data, or why it cannot be;
    what its data asks it to note (a gap, a zero) is a warning."""
    moved = _moved_chart(project, spec, place, left)
    if isinstance(moved, Left):
        return moved
    try:
        description = describe(request_for(project, moved, "handout", stats)[0])
    except CHART_FAILURES as error:
        return Left(spec.id, f"its data for {numbers.place(place)} cannot be charted ({error})")
    doc = project.doc("charts")
    problems.extend(doc.problem(item_loc(doc, spec.id), f'chart "{spec.id}" for '
                                f"{numbers.place(place)}: {said}", "check the rows against the "
                                "source; the chart says so in a note", severity="warning")
                    for said in description.said)
    if isinstance(spec, SplitChart) and isinstance(moved, SplitChart) and moved.year != spec.year:
        why = _year(_tables(project)[moved.dataset], place, spec.year)[1]
        problems.append(doc.problem(item_loc(doc, spec.id), f'chart "{spec.id}" {why}',
                                    severity="note"))
    return moved


def _moved_chart(project: Project, spec: ChartSpec, place: str, left: dict[str, Left]
                 ) -> ChartSpec | Left:
    if isinstance(spec, BigNumberChart):
        if spec.stat in left:
            return Left(spec.id, f'its statistic "{spec.stat}" is left out: {left[spec.stat].why}')
        return spec
    if isinstance(spec, SplitChart):
        dataset = _dataset_for(project, spec.dataset, place, spec.highlight)
        if dataset is None:
            return Left(spec.id, _missing(project, spec.dataset, place, spec.highlight))
        year, _ = _year(_tables(project)[dataset], place, spec.year)
        return spec.model_copy(update={"dataset": dataset, "jurisdiction": place, "year": year})
    group = spec.group if isinstance(spec, ShareOverTimeChart) else None
    dataset = _dataset_for(project, spec.dataset, place, group, years=2)
    if dataset is None:
        return Left(spec.id, _missing(project, spec.dataset, place, group, trend=True))
    table = _tables(project)[dataset]  # a trend shows its gaps; a slope joins two whole years
    years = table.years(place) if isinstance(spec, ShareOverTimeChart) else \
        table.complete_years(place)
    where: dict[str, object] = {"jurisdiction": place}
    if isinstance(spec, ShareOverTimeChart):  # a label at a year the place lacks is dropped
        where = {"jurisdictions": [place],
                 "annotate": [n for n in spec.annotate if isinstance(n, str) or n.year in years]}
    assert isinstance(spec, ShareOverTimeChart | SlopeChart)
    return spec.model_copy(update={**where, "dataset": dataset, "years": (years[0], years[-1])})


def _stand_in(project: Project, dataset: str, charts: dict[str, ChartSpec]) -> str | None:
    """A split chart of the place's data, of the same kind as `dataset`, or None."""
    return next((chart_id for chart_id, spec in charts.items() if isinstance(spec, SplitChart)
                 and _same_kind(project, dataset, spec.dataset)), None)


def _handout(project: Project, key: str, handout: Handout, place: str, left: dict[str, Left],
             problems: list[Problem]) -> Handout:
    """The handout for `place`: what was left out taken off it, each with a warning; its own
    words naming another place are errors."""
    doc = project.doc("handout", key)
    own = {place.casefold(), re.split(r"[,(]", place)[0].strip().casefold()}
    others = claims.Names.of(p for p in claims.places(project) if p.casefold() not in own)
    words = [(("headline",), handout.headline), (("why",), handout.why),
             *((("actions", i, "text"), a.text) for i, a in enumerate(handout.actions))]
    for loc, text in words:
        for name in claims.named(text, others):
            problems.append(doc.problem(
                loc, f'the handout names "{name}", but this build is for {numbers.place(place)}: a reader '
                "would take the sentence as this place's", "leave the place out of the "
                "handout's own words (statistics and charts name their place), or build "
                "without --jurisdiction", needle=name))
        for token in markup.parse(text):
            if token.kind == "stat" and token.target in left:
                problems.append(doc.problem(
                    loc, f"the text cites [stat:{token.target}], which is left out of a build "
                    f"for {numbers.place(place)}: {left[token.target].why}", "take the figure out of the "
                    "handout's words, or build without --jurisdiction", needle=token.target))
    kept = [s for s in handout.stats if s not in left]
    for number, stat_id in enumerate(handout.stats):
        if stat_id in left:
            problems.append(doc.problem(
                ("stats", number), f'the statistic "{stat_id}" is left out of this handout '
                f"for {numbers.place(place)}: {left[stat_id].why}", "add a statistic of this place's data to "
                "the handout, or add the place's rows", severity="warning"))
    chart = handout.chart
    if chart in left:
        reason = left[chart]
        instead = (f'the chart "{reason.stand_in}" stands in' if reason.stand_in
                   else "no chart stands in")
        problems.append(doc.problem(
            ("chart",), f'the chart "{chart}" cannot be drawn truthfully for {numbers.place(place)} '
            f"({reason.why}); {instead}", f"add more of {numbers.place(place)}'s data, or choose another "
            "chart for this handout", severity="warning"))
        chart = reason.stand_in
    return handout.model_copy(update={"stats": kept, "chart": chart})
