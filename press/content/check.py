"""The preflight: every check that needs no rendering, with located messages.

`make_report.py check` runs this alone; a build runs it first and stops on errors.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from charts.common import NoData, UnknownPlaceholder
from charts.grammar import unsure
from press.content import (
    claims,
    compute,
    describe,
    markup,
    outnames,
    palette,
    wording,
)
from press.content.compose import link_view
from press.content.consent import consent_problem
from press.content.texts import item_loc, renders_markup, texts
from press.core import files, sizes
from press.core.problems import ChartError, Problem, Problems, Topic, did_you_mean, one_of
from press.core.target import PROFILES
from press.source import catalogue
from press.source.load import Project
from press.source.schema import (
    Brief,
    ChartBlock,
    ChartSpec,
    Handout,
    ParagraphBlock,
    QuoteBlock,
    RolesBlock,
    StatBlock,
    StepsBlock,
)
from press.source.yamlsource import Located

# Where staff read which placeholders there are: a chart's, and a statistic's figures.
CHARTS_GUIDE = ' (see "Charts" in the user guide, docs/charts.md)'
RULES_GUIDE = ' (see "Rules the build enforces" in the user guide, docs/rules.md)'


def _unknown(kind: str, wanted: str, known: Mapping[str, object], file: str) -> tuple[str, str]:
    return (f'unknown {kind} id "{wanted}".{did_you_mean(wanted, known)}',
            f"use an id defined in {file} ({one_of(sorted(known)[:8])}"
            f"{', ...' if len(known) > 8 else ''})")


def _words_before(text: str, target: str, opening: str) -> int:
    """How many times `target` stands as a word in `text` before its `opening`+target
    ("[stat:providers" after "Service providers"), so the message points at the id, not at
    the same word earlier in the sentence."""
    end = text.find(f"{opening}{target}]")
    word = re.compile(rf"(?<![\w-]){re.escape(target)}(?![\w-])", re.IGNORECASE)
    return len(word.findall(text, 0, max(end, 0)))


def check_markup(project: Project, problems: Problems) -> None:
    """Citations and figures in running text point at things that exist; no typed numbers;
    no markup in a field that prints its text as it is (it would be printed raw). An
    edition's figures are looked for in its language too, and said at the translation's line."""
    tongue = (project.edition or project.settings.language)[:2]
    places = wording.Translations(project)
    for doc, loc, text in texts(project):
        if not renders_markup(loc):
            for written in markup.markup_in(text):
                problems.add(doc.problem(
                    loc, f"this field prints its text as it is, so {written} would be printed "
                    "as written", "take the markup out (a figure belongs in the handout's "
                    "`stats:` or a paragraph; emphasis, in a paragraph)", needle=written))
        for token in markup.parse(text):
            if token.kind == "ref" and token.target not in project.references:
                problems.add(doc.problem(loc, *_unknown("reference", token.target,
                                                        project.references, "references.yaml"),
                                         needle=token.target,
                                         nth=_words_before(text, token.target, "[@")))
            if token.kind == "stat" and token.target not in project.stats:
                problems.add(doc.problem(loc, *_unknown("statistic", token.target,
                                                        project.stats, "stats.yaml"),
                                         needle=token.target,
                                         nth=_words_before(text, token.target, "[stat:")))
            if token.kind == "link" and not token.target.startswith(("https://", "http://",
                                                                     "mailto:")):
                problems.add(doc.problem(loc, f'the link "{token.target}" is not a full address',
                                         "write it as https://...", needle=token.text))
            if token.kind in ("text", "em", "strong", "link") and doc.rel != "source/stats.yaml":
                for typed in markup.typed_numbers(token.text, tongue):
                    before = text[:text.find(token.text)] + token.text[:token.text.find(typed)]
                    at, at_loc = places.place(doc, loc, text)
                    problems.add(at.problem(
                        at_loc, f'the figure "{typed}" is typed into the text, so it has no '
                        "source", "define it in stats.yaml and write [stat:its-id] here (a "
                        "year, or the number of a law, may stay)", needle=typed,
                        nth=_occurrences(before, typed)))
    quotes = project.doc("quotes")
    for quote in project.quotes.values():
        for written in markup.markup_in(quote.text):
            problems.add(quotes.problem(
                (*item_loc(quotes, quote.id), "text"), f"the quote \"{quote.id}\" holds markup "
                f"({written}), which would be printed as written: a quote prints the speaker's "
                "words as they are", "take the markup out of the quote", needle=written))


def _occurrences(text: str, needle: str) -> int:
    """How many times `needle` stands as a word in `text` (to find the next one's line)."""
    return len(re.findall(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", text, re.IGNORECASE))


def check_brief(project: Project, slug: str, brief: Brief, problems: Problems) -> None:
    doc = project.doc("brief", slug)
    if slug != brief.slug:
        problems.add(doc.problem(("slug",), f'the slug "{brief.slug}" differs from the file '
                                 f'name "{slug}.yaml"', f'rename the file or set slug: {slug}'))
    if brief.cover.quote and brief.cover.quote not in project.quotes:
        problems.add(doc.problem(("cover", "quote"), *_unknown(
            "quote", brief.cover.quote, project.quotes, "quotes.yaml")))
    for number, block in enumerate(brief.blocks):
        loc = ("blocks", number)
        if isinstance(block, QuoteBlock) and block.quote not in project.quotes:
            problems.add(doc.problem((*loc, "quote"), *_unknown("quote", block.quote,
                                                                 project.quotes, "quotes.yaml")))
        if isinstance(block, StatBlock) and block.stat not in project.stats:
            problems.add(doc.problem((*loc, "stat"), *_unknown("statistic", block.stat,
                                                                project.stats, "stats.yaml")))
        if isinstance(block, ChartBlock) and block.chart not in project.charts:
            problems.add(doc.problem((*loc, "chart"), *_unknown("chart", block.chart,
                                                                 project.charts, "charts.yaml")))
    if not any(isinstance(b, ParagraphBlock) for b in brief.blocks):
        problems.add(doc.problem(("blocks",), "the brief has no paragraph",
                                 "add at least one block with type: paragraph",
                                 severity="warning"))


def check_handout(project: Project, key: str, handout: Handout, problems: Problems) -> None:
    doc = project.doc("handout", key)
    brief = project.briefs.get(handout.chapter or "")
    if brief is not None:
        steps = {i.id for b in brief.blocks if isinstance(b, StepsBlock) for i in b.items}
        for number, action in enumerate(handout.actions):
            if action.step not in steps:
                problems.add(doc.problem(("actions", number, "step"), *_unknown(
                    "step", action.step, dict.fromkeys(steps), f"briefs/{handout.chapter}.yaml")))
    if handout.quote not in project.quotes:
        problems.add(doc.problem(("quote",), *_unknown("quote", handout.quote, project.quotes,
                                                       "quotes.yaml")))
    for number, stat_id in enumerate(handout.stats):
        if stat_id not in project.stats:
            problems.add(doc.problem(("stats", number), *_unknown("statistic", stat_id,
                                                                  project.stats, "stats.yaml")))
    if handout.chart and handout.chart not in project.charts:
        problems.add(doc.problem(("chart",), *_unknown("chart", handout.chart, project.charts,
                                                       "charts.yaml")))


def check_roster(project: Project, chapter: str, brief: Brief, problems: Problems) -> None:
    """Every handout's audience is one the chapter names, and every named audience has one."""
    doc = project.doc("brief", chapter)
    audiences = brief.audiences()
    have = {key.split("/", 1)[1]: key for key, h in project.handouts.items()
            if h.chapter == chapter}
    for audience, key in have.items():
        if audience not in audiences:
            problems.add(project.doc("handout", key).problem(
                ("audience",), f'the audience "{audience}" has a handout but is not in the '
                f"roster of source/briefs/{chapter}.yaml", "add it to the roster (the roles "
                "block), or list it under other_audiences: in the brief", severity="warning"))
    for number, block in enumerate(brief.blocks):
        if isinstance(block, RolesBlock):
            for index, item in enumerate(block.items):
                if item.id not in have:
                    problems.add(doc.problem(
                        ("blocks", number, "items", index, "id"), f'the roster names '
                        f'"{item.id}" but there is no handout source/handouts/{chapter}/'
                        f"{item.id}.yaml", "add the handout (start from another audience's "
                        "file), or ignore this while it is being written", severity="warning"))
    for index, audience in enumerate(brief.other_audiences):
        if audience not in have:
            problems.add(doc.problem(
                ("other_audiences", index), f'other_audiences names "{audience}" but there is no '
                f"handout source/handouts/{chapter}/{audience}.yaml",
                "add the handout, or remove the name", severity="warning"))


def check_consent(project: Project, profile: str, today: dt.date, problems: Problems) -> None:
    """Each quote used anywhere is within its consent for this profile on this date."""
    use = PROFILES[profile].consent_use
    doc = project.doc("quotes")
    used: dict[str, list[str]] = {}
    for slug, brief in project.briefs.items():
        ids = [b.quote for b in brief.blocks if isinstance(b, QuoteBlock)]
        for quote_id in ([brief.cover.quote] if brief.cover.quote else []) + ids:
            used.setdefault(quote_id, []).append(f"briefs/{slug}.yaml")
    for slug, handout in project.handouts.items():
        used.setdefault(handout.quote, []).append(f"handouts/{slug}.yaml")
    for quote_id, places in used.items():
        quote = project.quotes.get(quote_id)
        if quote is None:
            continue
        reason = consent_problem(quote, use, today)
        if reason:
            problems.add(doc.problem(
                (*item_loc(doc, quote_id), "consent"),
                f'the quote "{quote_id}" ({quote.speaker}) cannot be used in the {profile} '
                f"documents ({', '.join(places)}): {reason}",
                "renew the consent record, or choose another quote in those files"))
            continue
        consent = quote.consent
        if consent and not consent.confirmed:
            problems.add(doc.problem(
                (*item_loc(doc, quote_id), "consent", "confirmed"),
                f'the consent record for "{quote_id}" ({quote.speaker}) has not been checked '
                "against the signed release", "check the release on file, correct `basis` and "
                "`given`, then set confirmed: true", severity="warning"))
        window = project.settings.consent_warning_days
        if consent and consent.expires and (consent.expires - today).days <= window:
            days = (consent.expires - today).days
            problems.add(doc.problem(
                (*item_loc(doc, quote_id), "consent", "expires"),
                f'the consent for "{quote_id}" ({quote.speaker}) expires on '
                f"{consent.expires.isoformat()}, in {days} day{'s' if days != 1 else ''}; it is "
                f"used in {', '.join(places)}", "ask to renew it before then; after that date "
                "the build stops and removes the documents that carry it", severity="warning"))


def check_references(project: Project, today: dt.date, problems: Problems) -> None:
    doc = project.doc("references")
    limit = project.settings.reference_max_age_years
    for ref in project.references.values():
        if ref.issued and today.year - ref.issued.year > limit:
            problems.add(doc.problem(
                (*item_loc(doc, ref.id), "issued"),
                f'the reference "{ref.id}" is from {ref.issued.year}, more than {limit} years ago',
                "check for newer research, or raise reference_max_age_years in settings.yaml",
                severity="warning"))
    stats_doc = project.doc("stats")
    for stat in project.stats.values():
        reference = getattr(stat, "reference", None)
        if reference and reference not in project.references:
            problems.add(stats_doc.problem((*item_loc(stats_doc, stat.id), "reference"), *_unknown(
                "reference", reference, project.references, "references.yaml")))


def check_numbers(project: Project, problems: Problems) -> dict[str, compute.StatValue]:
    """Compute every statistic, so a bad selection surfaces now; returns the values.

    A share is recomputed for each place a place build asks for, so its words take the
    place, year, source and figures from the data, never typed in."""
    values, found = compute.compute_stats(project)
    problems.extend(found)
    stats_doc = project.doc("stats")
    words = Vocabulary.of(project)
    for stat in project.stats.values():
        for key in ("meaning", "base"):
            text = getattr(stat, key)
            where = (*item_loc(stats_doc, stat.id), key)
            allowed = ({"{value}"} if stat.kind == "literal"
                       else set(compute.SHARE_PLACEHOLDERS))
            extra = [p for p in _placeholders(text) if p not in allowed]
            if extra:
                at, at_loc = words.translations.place(stats_doc, where, text)
                problems.add(at.problem(
                    at_loc, f"unknown placeholder {one_of(extra)}; this line may use {one_of(allowed)}",
                    "correct the placeholder's name"))
            if stat.kind == "share":
                problems.extend(words.typed(stats_doc, where, text, f"statistic's {key}",
                                            compute.SHARE_PLACEHOLDERS, RULES_GUIDE))
    return values


@dataclass(frozen=True)
class Vocabulary:
    """The places and sources words could name, to find them typed where data belongs; in
    an edition, its numbers in words too, each said at the translation's line."""

    places: claims.Names
    sources: claims.Names
    tongue: str
    translations: wording.Translations  # where an edition's words were written

    @classmethod
    def of(cls, project: Project) -> Vocabulary:
        """In an edition, the places also as its catalogue names them ("Estados Unidos")."""
        places = claims.places(project)
        said = catalogue.translations(project.root, project.edition) if project.edition else {}
        places += [said[place] for place in places if said.get(place, place) != place]
        return cls(claims.Names.of(places), claims.Names.of(claims.sources(project)),
                   (project.edition or project.settings.language)[:2],
                   wording.Translations(project))

    def typed(self, english: Located, where: tuple[int | str, ...], text: str, what: str,
              fills: Sequence[str] = (), guide: str = CHARTS_GUIDE) -> list[Problem]:
        """A number, place or source typed into `text`, which must come from the data: as
        digits ("70%", "2013") or words ("seventy percent", "setenta por ciento")."""
        doc, where = self.translations.place(english, where, text)
        found: list[Problem] = []
        plain = re.sub(r"\{[^}]*\}", "", text)
        digits = re.search(r"\d[\d,.]*%?", plain)
        typed = digits.group() if digits else next(iter(markup.typed_numbers(plain, self.tongue)),
                                                   "")
        if typed:
            found.append(doc.problem(
                where, f'the number "{typed}" is typed into the {what}, so it cannot '
                "follow the data", "use a {placeholder}" + (f" ({', '.join(fills)})" if fills
                                                          else "") + guide,
                needle=typed))
        for name in claims.named(text, self.places):
            found.append(doc.problem(
                where, f'the place "{name}" is typed into the {what}, so a build for another '
                "place would print it", "write {jurisdiction} instead: the data fills in the "
                "place", needle=name))
        for name in claims.named(text, self.sources):
            found.append(doc.problem(
                where, f'the source "{name}" is typed into the {what}, so data from another '
                "source would print it", "write {source} instead: the data fills in the "
                "source", needle=name))
        return found


NAMES_PLACE = {"big-number": ("{jurisdiction}", "{context}")}


def check_charts(project: Project, values: dict[str, compute.StatValue],
                 problems: Problems) -> None:
    """Each chart's words come from its data (no typed number, place, year or source; the
    place named), its data exists, and it can be described."""
    charts_doc = project.doc("charts")
    words = Vocabulary.of(project)
    translations = words.translations
    for spec in project.charts.values():
        loc = item_loc(charts_doc, spec.id)
        texts = [((*loc, key), f"chart's {key}", getattr(spec, key))
                 for key in ("title", "subtitle", "notes")]
        texts += [((*loc, "annotate", i, "text"), "chart's label", note.text)
                  for i, note in enumerate(getattr(spec, "annotate", [])) if not isinstance(note, str)]
        for where, what, text in texts:
            problems.extend(words.typed(charts_doc, where, text, what))
        naming = NAMES_PLACE.get(spec.kind, ("{jurisdiction}",))
        if not any(p in spec.title + spec.subtitle for p in naming):
            named = "subtitle" if spec.subtitle else "title"
            at, at_loc = translations.place(charts_doc, (*loc, named), getattr(spec, named))
            problems.add(at.problem(
                at_loc, f'chart "{spec.id}" does not say which place it shows', f"add "
                f"{' or '.join(naming)} to its title or subtitle, e.g. subtitle: "
                "\"{jurisdiction}, {year}\""))
        if spec.dataset not in project.tables:
            problems.add(charts_doc.problem((*loc, "dataset"), *_unknown(
                "dataset", spec.dataset, project.tables, "source/data/")))
            continue
        if not _data_for(project, spec, loc, charts_doc, problems):
            continue
        if spec.kind == "big-number" and spec.stat not in values:
            if spec.stat in project.stats:
                continue  # its statistic could not be computed; that is reported already
            problems.add(charts_doc.problem((*loc, "stat"), *_unknown(
                "statistic", spec.stat, project.stats, "stats.yaml")))
            continue
        try:
            planned = describe.plan_chart(project, spec, "brief", values)
            problems.extend(charts_doc.problem(loc, f'chart "{spec.id}": {said}', "check the "
                                               "rows against the source; the chart says so in a "
                                               "note", severity="warning")
                            for said in planned.description.said)
            for words_of in ("title", "subtitle", "notes"):
                problems.extend(_said_for_one(spec, words_of, planned.description.numbers,
                                              *translations.place(charts_doc, (*loc, words_of),
                                                                  getattr(spec, words_of))))
        except UnknownPlaceholder as error:
            field = next((key for key in ("title", "subtitle", "notes")
                          if f"{{{error.name}}}" in getattr(spec, key)), None)
            at, at_loc = (translations.place(
                charts_doc, (*loc, field), getattr(spec, field)) if field else (charts_doc, loc))
            problems.add(at.problem(
                at_loc, f'chart "{spec.id}": {error}',
                "use a placeholder this chart kind provides" + CHARTS_GUIDE))
        except (NoData, ChartError) as error:
            problems.add(charts_doc.problem(loc, f'chart "{spec.id}": {error}',
                                            "change its jurisdiction or years to ones the data has"))


# "{total} arrests" as staff type it: a count and a plural word the press does not choose
TOTAL_TYPED = re.compile(r"\{total\}\s+([^\W\d_][\w-]*s)\b")


def _said_for_one(spec: ChartSpec, field: str, values: Mapping[str, str], doc: Located,
                  loc: tuple[int | str, ...]) -> list[Problem]:
    """A chart's words that say "{total} arrests" of a total of one ("1 arrests"): a warning
    at the field's line, pointing to the placeholder said for its count."""
    typed = TOTAL_TYPED.search(getattr(spec, field))
    if typed is None or values.get("total") != "1":
        return []
    word = typed.group(1)
    return [doc.problem(loc, f'chart "{spec.id}": its {field} says "{{total}} {word}", and the '
                        f'total is one, so it prints "1 {word}"', 'write "{total} {noun}" or '
                        '"{total} {measure}" (in Spanish, "{total} {first_noun}"): the press '
                        'says each for its count ("1 arrest", "3 arrests")', severity="warning")]


def check_measures(project: Project, problems: Problems) -> None:
    """Each dataset a chart or statistic prints whose data has a count of one: where its
    measure said for one is a guess the rule may get wrong (Spanish: "arresto de menores
    relacionados"), a warning at its `measure` asking for `measure_one:`."""
    used = {spec.dataset for spec in project.charts.values()} | {
        stat.dataset for stat in project.stats.values() if hasattr(stat, "dataset")}
    words = Vocabulary.of(project).translations
    for name in sorted(used & set(project.tables)):
        table = project.tables[name]
        descriptor = table.descriptor
        if descriptor.measure_one or not unsure(descriptor.measure, project.edition):
            continue
        ones = [(place, year) for place in table.jurisdictions() for year in table.years(place)
                if table.base(place, year).total == 1]
        if not ones:
            continue
        doc = project.doc("dataset", name)
        at, loc = words.place(doc, ("measure",), descriptor.measure)
        english = doc.rel
        problems.add(at.problem(
            loc, f'"{descriptor.measure}" is said for one ({ones[0][0]}, {ones[0][1]}) as '
            f'"{compute.measure_for(table, 1, project.edition)}", a guess: the press cannot '
            "tell which words agree with the first", "write how one is said: `measure_one:` in "
            f"{english}{' and its translation beside the measure here' if at is not doc else ''}"
            , severity="warning"))


def _data_for(project: Project, spec: ChartSpec, loc: tuple[int | str, ...], doc: Located,
              problems: Problems) -> bool:
    """Whether the chart's dataset has its places and group; if not, a problem naming them."""
    table = project.tables[spec.dataset]
    have = table.jurisdictions()
    key = "jurisdictions" if hasattr(spec, "jurisdictions") else "jurisdiction"
    wanted = getattr(spec, key, [])
    listed = [wanted] if isinstance(wanted, str) else list(wanted)
    for index, place in enumerate(listed):
        if place not in have:
            joined = ", ".join(listed[index:index + 2])
            split = not isinstance(wanted, str) and joined in have
            problems.add(doc.problem(
                (*loc, key) if isinstance(wanted, str) else (*loc, key, index),
                f'chart "{spec.id}": the dataset "{spec.dataset}" has no rows for "{place}".'
                f"{'' if split else did_you_mean(place, have)} It has {one_of(have)}",
                f'the comma splits "{joined}" into two places inside [ ]: put the name in double '
                f'quotes, ["{joined}"]' if split else
                "use one of those places, or add the place's rows to the data"))
            return False
    group = getattr(spec, "group", None) or getattr(spec, "highlight", None)
    if group and group not in table.descriptor.groups:
        problems.add(doc.problem(
            (*loc, "group" if hasattr(spec, "group") else "highlight"),
            f'chart "{spec.id}": the dataset "{spec.dataset}" has no group "{group}"; it has '
            f"{one_of(table.descriptor.groups)}", "use one of those groups"))
        return False
    return True


def _placeholders(text: str) -> list[str]:
    return [f"{{{name}}}" for name in re.findall(r"\{([^}]*)\}", text)]


def check_overlaps(project: Project, problems: Problems) -> None:
    """Two datasets that count the same thing and disagree on a place and year: a place
    build may take its figures from either, so one document could contradict another."""
    names = sorted(project.tables)
    for index, first_name in enumerate(names):
        first = project.tables[first_name]
        for second_name in names[index + 1:]:
            second = project.tables[second_name]
            if not first.counts_like(second):
                continue
            for place in sorted(set(first.jurisdictions()) & set(second.jurisdictions())):
                for year in sorted(set(first.years(place)) & set(second.years(place))):
                    a, b = first.base(place, year), second.base(place, year)
                    if a.counts == b.counts:
                        continue
                    said = "; ".join(f"{first.label(g)} {n:,}" for g, n in a.counts)
                    other = "; ".join(f"{second.label(g)} {n:,}" for g, n in b.counts)
                    problems.add(Problem(
                        b.file, b.line, 1, f'{place}, {year}: "{second_name}" has {other}, but '
                        f'"{first_name}" ({a.file} line {a.line}) has {said}; both count '
                        f"{first.descriptor.measure}, so a place build could print either",
                        "keep one of the two rows (or give the datasets different `measure:` "
                        "words if they count different things)", "warning"))


def check_brand(project: Project, problems: Problems) -> None:
    doc = project.doc("brand")
    fonts = project.root / "layouts" / "fonts"
    families = {face.family for face in project.brand.fonts.faces}
    for number, face in enumerate(project.brand.fonts.faces):
        path = fonts / face.file
        if not path.exists() and not path.is_symlink():
            problems.add(doc.problem(("fonts", "faces", number, "file"),
                                     f'the font file "{face.file}" is not in layouts/fonts/',
                                     "copy the file there, or correct the name"))
            continue
        try:
            files.checked(project.root, path)
        except files.Refused as refused:
            problems.add(doc.problem(("fonts", "faces", number, "file"),
                                     f"layouts/fonts/{face.file}: {refused.problem.message}",
                                     refused.problem.hint))
    for key in ("body", "display"):
        family = getattr(project.brand.fonts, key)
        if family not in families:
            problems.add(doc.problem(("fonts", key), f'no face is declared for "{family}"',
                                     f"add it under fonts.faces, or use one of {one_of(families)}"))
    if not project.brand.learn_more_url:
        problems.add(doc.problem(
            ("learn_more_url",), 'no address is set for "Learn more at:", so the line is left '
            "out of every document", "set learn_more_url to the series web page",
            severity="warning"))
    else:
        problems.extend(qr_problems(project.brand.learn_more_url, doc))


# The "Learn more at:" code's printed width in inches (svg.qr's width in layouts/css/brief.css
# and handout.css), and the smallest module a phone's camera reads reliably.
QR_PRINTED_IN = {"handouts": sizes.QR_IN["handout"], "brief": sizes.QR_IN["brief"]}
QR_SMALLEST_MM = 0.4


def qr_modules(url: str) -> int:
    """Modules across the code of `url` as the documents draw it (compose.link_view): the
    side of its SVG's viewBox, which holds the symbol and its four-module quiet zone."""
    view = link_view(url, "#000000")
    side = re.search(r'viewBox="0 0 (\d+) \d+"', str(view.qr)) if view else None
    if side is None:
        raise ValueError(f"no QR code is drawn for {url!r}")
    return int(side.group(1))


def qr_module_mm(url: str, printed_in: float) -> float:
    """How wide one module of the code of `url` prints when the code is `printed_in` wide:
    the printed square is the whole viewBox, so it is divided by every module across, the
    quiet zone included."""
    return printed_in * 25.4 / qr_modules(url)


def qr_problems(url: str, doc: Located) -> list[Problem]:
    """A warning when the address makes a code whose modules print under QR_SMALLEST_MM,
    with the longest address that would not."""
    small = {where: qr_module_mm(url, inches) for where, inches in QR_PRINTED_IN.items()
             if qr_module_mm(url, inches) < QR_SMALLEST_MM}
    if not small:
        return []
    most = math.floor(min(QR_PRINTED_IN.values()) * 25.4 / QR_SMALLEST_MM)  # modules across
    shortest, longest = len("https://"), len(url)  # the longest address within `most`
    while shortest < longest:
        middle = (shortest + longest + 1) // 2
        if qr_modules("https://" + "x" * (middle - len("https://"))) <= most:
            shortest = middle
        else:
            longest = middle - 1
    printed = " and ".join(f"{mm:.2f} mm on the {where} ({QR_PRINTED_IN[where]:g} in across)"
                           for where, mm in small.items())
    return [doc.problem(
        ("learn_more_url",), f"the address makes a QR code {qr_modules(url)} modules across "
        f"(its quiet zone included), so each module prints {printed}: under the "
        f"{QR_SMALLEST_MM:g} mm a phone's camera reads reliably",
        f"use a shorter address, {shortest} characters or fewer (this one has {len(url)}): a "
        "short link that redirects to the page", "warning")]


def preflight(project: Project, profile: str, today: dt.date, *,
              initial: Problems | None = None) -> tuple[Problems, dict[str, compute.StatValue]]:
    """Run every check; returns all problems (each warning saying what it is about: the
    check that found it) and the computed statistics."""
    problems = initial or Problems()
    since = len(problems.items)

    def about(topic: Topic) -> None:
        nonlocal since
        problems.about(topic, since)
        since = len(problems.items)

    check_brand(project, problems)
    palette.check_palette(project, problems)
    about("style")
    check_references(project, today, problems)
    about("trust")
    check_markup(project, problems)
    about("trust")
    for slug, brief in project.briefs.items():
        check_brief(project, slug, brief, problems)
    for key, handout in project.handouts.items():
        check_handout(project, key, handout, problems)
    for chapter, brief in project.briefs.items():
        check_roster(project, chapter, brief, problems)
    about("style")
    problems.extend(outnames.document_names(project))
    check_consent(project, profile, today, problems)
    about("consent")
    check_overlaps(project, problems)
    values = check_numbers(project, problems)
    check_charts(project, values, problems)
    check_measures(project, problems)
    about("trust")
    problems.extend(describe.gray_problems(project))
    wording.check_language(project, problems)
    wording.check_glyphs(project, problems)
    about("style")
    return problems, values
