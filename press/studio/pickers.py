"""Choices that carry the truth: what each quote's consent allows, each statistic's figure
and source, each chart's picture, so staff choose knowing what will be printed.

A quote whose consent does not allow the document's use (the screen profile's documents
are published on the web: `web`), or has ended, is offered disabled with the reason; a
consent not yet checked against its signed release says so. A statistic shows its figure
for its place and period and its source; a chart, its picture from the last build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from press.core import clock
from press.core.names import chart_path
from press.core.target import PROFILES
from press.studio.store import Opened


@dataclass(frozen=True)
class Option:
    """One choice: its value, its words, and what it is."""

    value: str
    label: str
    detail: str = ""  # a second line: a quote's consent, a statistic's figure and source
    disabled: str = ""  # why it may not be chosen here ("" : it may)
    picture: str = ""  # an image's address (a chart's thumbnail)


PLACEHOLDER = re.compile(r"\{[A-Za-z_]+\}")
CHART_WORDS = {"split": "Split: women and men in one year", "share-over-time":
               "Share over time: one group, year by year", "slope": "Slope: two years compared",
               "big-number": "Big number: one figure, large"}
# Each profile as staff name it, and the use its consent must allow.
PROFILE_WORDS = (("on the web", "web"), ("in print", "print"), ("in a grant", "grant"))


def options(root: Path, opened: Opened, project: Any, profile: str = "screen",
            place: str = "") -> dict[str, list[Option]]:
    """For each kind of id a form may choose (quotes, stats, charts, steps, references,
    datasets, audiences), the options, each with what it is."""
    from press.content.place import data_places

    chapter = _chapter(opened)
    if project is None:
        return written(root, chapter, profile)
    return {"quotes": quotes(project.quotes.values(), profile), "stats": stats(project, place),
            "charts": charts(root, project), "steps": steps(project, chapter),
            "references": references(project), "datasets": datasets(project),
            "audiences": audiences(root, chapter), "chapters": chapters(root),
            "places": [Option(p, p) for p in data_places(project)]}


def _chapter(opened: Opened) -> str:
    if opened.kind == "training":  # the chapter it prints
        named = opened.value.get("chapter") if isinstance(opened.value, dict) else None
        return named if isinstance(named, str) and named.replace("-", "").isalnum() else ""
    parts = opened.source.split("/")
    if opened.kind == "handout":
        return parts[2]
    if opened.kind == "brief":
        return parts[-1].removesuffix(".yaml")
    return ""


def quotes(every: Iterable[Any], profile: str) -> list[Option]:
    """Each quote (the models the press reads) with what its consent allows `profile`."""
    from press.content.consent import consent_problem
    use = PROFILES[profile].consent_use if profile in PROFILES else "web"
    found = []
    for quote in every:
        why = consent_problem(quote, use, clock.today())
        consent = quote.consent
        if consent is None:
            detail = "Not a survivor's words: no consent record needed."
        else:
            allowed = [f"{name} {'yes' if not consent_problem(quote, use, clock.today()) else 'no'}"
                       for name, use in PROFILE_WORDS]
            detail = (f"May be used: {', '.join(allowed)}. Given {consent.given.isoformat()}"
                      + (f", ends {consent.expires.isoformat()}" if consent.expires else
                         ", no end date")
                      + ("." if consent.confirmed else
                         "; not yet checked against the signed release."))
        words = " ".join(quote.text.split())
        label = f"{quote.speaker}, {quote.role}: \u201c{_short(words, 90)}\u201d"
        found.append(Option(quote.id, label, detail,
                            f"Not for this document: {why}." if why else ""))
    return found


def stats(project: Any, place: str = "") -> list[Option]:
    values = _figures(project)
    there, left = _figures_for(project, place) if place else ({}, {})
    found = []
    for stat in project.stats.values():
        value = values.get(stat.id)
        if value is None:
            found.append(Option(stat.id, f"{stat.id}: cannot be computed from the data now",
                                "See the problems list for why."))
            continue
        meaning = " ".join(value.meaning.split())
        detail = _detail(value, project.references)
        if place:
            moved = there.get(stat.id)
            detail += (f" For {place}: {moved.display} ({moved.context})." if moved else
                       f" For {place}: left out ({left.get(stat.id, 'no figure')}).")
        found.append(Option(stat.id, f"{value.display}: {_short(meaning, 100)}", detail))
    return found


def _detail(value: Any, references: Mapping[str, Any]) -> str:
    """A statistic's figure in words: its place and period, and its source as staff know it
    (its authors, title and year; the reference's short name only where none is found)."""
    reference = references.get(value.reference)
    source = _source(reference) if reference is not None else value.reference
    return f"{value.context}. Source: {source}."


def _figures(project: Any) -> dict[str, Any]:
    from press.content.compute import compute_stats

    try:
        values, _ = compute_stats(project)
    except Exception:  # a statistic the data cannot give: offered without its figure
        return {}
    return dict(values)


def _figures_for(project: Any, place: str) -> tuple[dict[str, Any], dict[str, str]]:
    """Each statistic's figure as a build for `place` prints it, and why those it leaves
    out are left out."""
    from press.content.place import for_place

    try:
        localized, left, _ = for_place(project, place)
    except Exception:  # a place the data cannot be re-pointed at: no figures for it
        return {}, {}
    return _figures(localized), {ident: item.why for ident, item in left.items()}


def charts(root: Path, project: Any) -> list[Option]:
    return [_chart(root, chart.id, chart.kind, chart.title) for chart in project.charts.values()]


def _chart(root: Path, ident: str, kind: str, title: str) -> Option:
    """A chart as staff know it: its picture from the last build, its title (a figure the
    data fills in shown as "..."), and what kind of chart it is."""
    picture = f"/out/{chart_path(ident)}"
    drawn = (root / "out" / chart_path(ident)).is_file()
    words = PLACEHOLDER.sub("\u2026", " ".join(title.split())) or ident
    return Option(ident, words, f"{CHART_WORDS.get(kind, 'A chart')}.", "",
                  picture if drawn else "")


def steps(project: Any, chapter: str) -> list[Option]:
    from press.source.schema import StepsBlock
    brief = project.briefs.get(chapter)
    if brief is None:
        return []
    return _titled([(item.id, item.title) for block in brief.blocks
                    if isinstance(block, StepsBlock) for item in block.items])


def _titled(items: list[tuple[str, str]]) -> list[Option]:
    """Steps offered by their titles; a title two steps share (or none) shows the short
    name beside it, to tell them apart."""
    from collections import Counter

    seen = Counter(title for _, title in items)
    return [Option(ident, title if title and seen[title] == 1 else f"{title} ({ident})".strip())
            for ident, title in items]


def references(project: Any) -> list[Option]:
    return [Option(ident, _source(ref)) for ident, ref in project.references.items()]


def datasets(project: Any) -> list[Option]:
    return [Option(name, f"{table.descriptor.title} ({name})") for name, table in
            project.tables.items()]


def audiences(root: Path, chapter: str) -> list[Option]:
    """A chapter's handouts, each by its short name, offered by its audience as it names
    itself ("Multi-disciplinary teams")."""
    from press import api

    return [Option(d.key.split("/", 1)[1], d.name) for d in api.documents(root)
            if d.kind == "handout" and d.chapter == chapter] if chapter else []


def chapters(root: Path) -> list[Option]:
    """Each chapter, by its brief's file name, said as its brief names it ("Law Enforcement")."""
    from press import api

    return [Option(d.chapter, d.chapter_title) for d in api.documents(root) if d.kind == "brief"]


# --- the choices from the sources as written --------------------------------------------

UNCHECKED = "Not checked now: the project has an error to fix first (see Problems)."


def written(root: Path, chapter: str, profile: str = "screen") -> dict[str, list[Option]]:
    """The choices read from the files as they are written, for a project that does not
    load (an error anywhere): every id is still offered, so a save keeps what it chose;
    each quote with its consent where the quotes file reads; each statistic's meaning with
    "..." for the figures only the whole project gives."""
    from press.source.load import read_places, read_references
    from press.studio.catalogue import raw_list

    source = root / "source"
    cited = {ref.id: ref for ref in read_references(root) or []}
    found: dict[str, list[Option]] = {
        "quotes": _written_quotes(root, profile),
        "stats": _written_stats(root, cited) or [Option(str(s["id"]), _meaning(s), UNCHECKED)
                                                 for s in raw_list(root, source / "stats.yaml")],
        "charts": [_chart(root, str(c["id"]), str(c.get("kind", "")), str(c.get("title", "")))
                   for c in raw_list(root, source / "charts.yaml")],
        "references": [Option(ident, _source(ref)) for ident, ref in cited.items()] or [
            Option(str(r["id"]), _short(str(r.get("title") or r["id"]), 80))
            for r in raw_list(root, source / "references.yaml")],
        "steps": _written_steps(root, source / "briefs" / f"{chapter}.yaml") if chapter else [],
        "datasets": [Option(p.stem, p.stem) for p in sorted((source / "data").glob("*.yaml"))
                     if "." not in p.stem],
        "audiences": audiences(root, chapter), "chapters": chapters(root),
        "places": [Option(p, p) for p in read_places(root)]}
    return found


LISTS = {"quotes": "source/quotes.yaml", "stats": "source/stats.yaml",
         "charts": "source/charts.yaml", "references": "source/references.yaml"}


def unread(root: Path) -> dict[str, str]:
    """The kinds of id whose file does not read now (a line indented by hand), each with
    that file: their pickers keep what is chosen and say where to fix it first."""
    from press.source.yamlsource import load_yaml

    found = {}
    for kind, source in LISTS.items():
        doc, problems = load_yaml(root / source, root)
        if doc is None and any(p.severity == "error" for p in problems):
            found[kind] = source
    return found


def _written_quotes(root: Path, profile: str) -> list[Option]:
    """Each quote with its consent judged from its own entry alone, read as the build reads
    it (a quote whose entry has an error says which, in words); each "not checked" only
    where the quotes do not read as a list."""
    from press.core.problems import Problem
    from press.source.load import read_each_quote
    from press.studio.catalogue import raw_list
    from press.studio.words import _label, in_form_words

    raw = {str(q["id"]): q for q in raw_list(root, root / "source" / "quotes.yaml")}
    each = read_each_quote(root)
    if each is None:
        return [Option(ident, _quote_label(q), UNCHECKED) for ident, q in raw.items()]
    found = []
    for ident, read in each:
        if not isinstance(read, Problem):
            found += quotes([read], profile)
            continue
        said = in_form_words(read, {})
        named = next((_label(part) for part in reversed(read.field.split("."))
                      if not part.isdigit()), "")
        found.append(Option(ident, _quote_label(raw.get(ident, {"id": ident})),
                            "Its consent cannot be judged until this quote is mended: "
                            + (f"\u201c{named}\u201d: " if named else "") + f"{said.message}.",
                            "Not for now: mend it in the Quotes first."))
    return found


def _written_stats(root: Path, cited: Mapping[str, Any]) -> list[Option]:
    """Each statistic with its figure and source, where the statistics and the data read
    alone (the sources' own language; [] where the statistics do not read)."""
    from press.content.compute import compute_stat
    from press.source.load import read_stats, read_tables

    read = read_stats(root)
    tables = read_tables(root) if read else {}
    found = []
    for stat in read or []:
        value = compute_stat(stat, tables, {})
        if isinstance(value, str):
            found.append(Option(stat.id, _meaning({"id": stat.id, "meaning": stat.meaning}),
                                UNCHECKED))
            continue
        meaning = _short(" ".join(value.meaning.split()), 100)
        found.append(Option(stat.id, f"{value.display}: {meaning}",
                            f"{_detail(value, cited)} {UNCHECKED}"))
    return found


def _meaning(stat: dict[str, Any]) -> str:
    """A statistic's meaning as written, each {placeholder} shown as "..." (its id where it
    has no meaning)."""
    words = PLACEHOLDER.sub("\u2026", " ".join(str(stat.get("meaning") or "").split()))
    return _short(words, 100) or str(stat["id"])


def _quote_label(quote: dict[str, Any]) -> str:
    words = " ".join(str(quote.get("text", "")).split())
    return f"{quote.get('speaker', '')}, {quote.get('role', '')}: \u201c{_short(words, 90)}\u201d"


def _written_steps(root: Path, brief: Path) -> list[Option]:
    from press.source.yamlsource import read_plain
    from press.studio.catalogue import listed

    data = read_plain(root, brief)
    blocks = listed(data.get("blocks")) if isinstance(data, dict) else []
    return _titled([(str(item["id"]), str(item.get("title") or ""))
                    for block in blocks if isinstance(block, dict) and block.get("type") == "steps"
                    for item in listed(block.get("items")) if isinstance(item, dict) and "id" in item])


def _source(reference: Any) -> str:
    """A reference as staff know it: its authors, its title and its year ("Rivera, Survey
    of service providers in Alder County (2020)")."""
    names = [a.literal or a.family for a in reference.author if a.literal or a.family]
    year = f" ({reference.issued.year})" if reference.issued else ""
    who = names[0] + (" et al." if len(names) > 2 else f" and {names[1]}" if len(names) == 2
                      else "") if names else ""
    title = _short(" ".join(reference.title.split()), 80)
    return f"{who}, {title}{year}" if who else f"{title}{year}"


def _short(text: str, most: int) -> str:
    return text if len(text) <= most else text[:most - 1].rstrip() + "\u2026"


def left_out_for(project: Any, place: str, chosen: list[str]) -> list[tuple[str, str]]:
    """The chosen statistics a build for `place` leaves out, and why: (its meaning as
    written, why)."""
    if project is None or not place:
        return []
    there, left = _figures_for(project, place)
    return [(_meaning({"id": ident, "meaning": project.stats[ident].meaning}),
             left.get(ident, "no figure")) for ident in chosen
            if ident in project.stats and ident not in there]
