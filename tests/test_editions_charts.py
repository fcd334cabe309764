"""An edition's charts say everything in its language: the alt text a screen reader reads,
the notes on gaps, zeros, 100% years and very few rows, the half line and the labels, on
generated tables (Hypothesis); a chart title left in English is filled in English; and
every message the templates, charts and print run write has a Spanish translation."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import charts
from charts.common import ChartRequest, Description, NoData
from press.core import numbers
from press.source import catalogue
from press.source.load import load_edition
from press.source.schema import ShareOverTimeChart, SlopeChart, SplitChart

from .projects import CHARTS, CHARTS_ES, RELATED_ARRESTS, SPANISH, replaced, write_project
from .test_shares import chart_request, read, tables

ROOT = Path(__file__).resolve().parents[1]
SPANISH_LABELS = {"female": "Mujeres", "male": "Hombres", "unknown": "Sexo no registrado"}
# English words that no sentence of a Spanish chart may hold (the data's words are Spanish
# here: Mujeres, Hombres, arrestos; place names are the data's own).
ENGLISH = re.compile(r"\b(?:were|was|the|of|and|or|in|from|to|share|shares|chart|rows?|data|"
                     r"recorded|few|points|fell|rose|held|steady|marked|high|low|half|all|"
                     r"counted|none|its|source|note)\b", re.IGNORECASE)


def spanish_request(data: Any, spec: Any) -> ChartRequest:
    """The chart `spec` of the generated table, in Spanish: its words, labels and numbers."""
    rows, _, unknown = data
    table = read(rows, unknown)
    groups = {g: label.model_copy(update={"label": SPANISH_LABELS[g]})
              for g, label in table.descriptor.groups.items()}
    table = dataclasses.replace(table, descriptor=table.descriptor.model_copy(
        update={"groups": groups, "measure": "arrestos"}))
    request = chart_request(table, spec)
    return dataclasses.replace(request, words=catalogue.Words(ROOT, "es-US"),
                               fmt=numbers.Formats("es-US"), labels=table.labels(),
                               measure="arrestos")


def said_in_english(description: Description) -> list[str]:
    places = "|".join(re.escape(p) for p in ("Saint-Été", "Łódź County", "Nguyễn Township",
                                             "Millbrook, Ohio", "Ohio"))
    found = []
    for text in (description.alt, description.notes, *description.said):
        found += ENGLISH.findall(re.sub(places, " ", text))
    return found


def each_kind(table: Any) -> list[Any]:
    place = table.jurisdictions()[0]
    years = table.years(place)
    first, last = years[0], years[-1]
    found: list[Any] = [SplitChart(id="s", kind="split", dataset="t", jurisdiction=place,
                                   year=first, title="{highlight_share}", subtitle="x")]
    if last > first:
        found += [
            ShareOverTimeChart(id="t", kind="share-over-time", dataset="t",
                               jurisdictions=table.jurisdictions(), years=(first, last),
                               group="female", title="{min_share}", subtitle="x"),
            SlopeChart(id="l", kind="slope", dataset="t", jurisdiction=place,
                       years=(first, last), measure="share", title="x", subtitle="x"),
            SlopeChart(id="c", kind="slope", dataset="t", jurisdiction=place,
                       years=(first, last), measure="count", title="x", subtitle="x")]
    return found


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_a_spanish_charts_words_hold_no_english(data: Any) -> None:
    table = read(data[0], data[2])
    for spec in each_kind(table):
        try:
            description = charts.KINDS[spec.kind].describe(spanish_request(data, spec))
        except NoData:
            continue  # nothing to draw: the press reports it, in staff's words
        assert not said_in_english(description), (description.alt, description.notes)


def test_every_message_the_press_prints_has_a_spanish_translation() -> None:
    used = catalogue.labels_used(ROOT)
    assert {"Why this matters to you", "Print order", "Handout for {audience}",
            ("Bar chart. Of the one {measure} in {place} in {year}, {listed}.",
             "Bar chart. Of the {total} {measure} in {place} in {year}, {listed}."),
            "No share is shown{where} in {year}: its {measure} add up to zero."} <= set(used)
    assert catalogue.label_problems(ROOT, "es-US") == []


# A slope of the sample's arrests of women in Alder County (120 in 2021, 90 in 2023: a fall
# of 25%), its subtitle translated and its title not.
SLOPE = """
- id: alder-slope
  kind: slope
  dataset: arrests
  jurisdiction: Alder County
  years: [2021, 2023]
  measure: count
  title: Arrests of women {female_direction} by {female_change_abs} from {first_year} to {last_year}
  subtitle: "{measure} in {jurisdiction}, {first_year} and {last_year}"
"""
SLOPE_SUBTITLE_ES = """
alder-slope.subtitle:
  text: "{measure} en {jurisdiction}, {first_year} y {last_year}"
"""


def test_a_title_left_in_english_is_filled_in_english(tmp_path: Path) -> None:
    from press.content.compute import compute_stats
    from press.content.describe import plan_chart

    project = write_project(tmp_path, {**SPANISH, "source/charts.yaml": CHARTS + SLOPE,
                                       "source/charts.es-US.yaml": CHARTS_ES + SLOPE_SUBTITLE_ES})
    spanish, problems = load_edition(project, "es-US")
    assert any("alder-slope.title" in p.message for p in problems.warnings)
    stats, _ = compute_stats(spanish)
    chart = plan_chart(spanish, spanish.charts["alder-slope"], "brief", stats)
    assert chart.description.title == ("Arrests of women fell by 25% from "
                                       "2021 to 2023")  # not "bajó", in an English sentence
    assert chart.description.subtitle.endswith(" en Alder County, 2021 y 2023")
    assert "la cifra bajó un 25%" in chart.description.alt


# --- a careless edit of the catalogue is an error at its line, never a misprinted label ----

BROKEN_CATALOGUE = [
    ('msgstr "Por qué le importa"', 'msgstr "Por qué le importa',
     r"es-US\.po:\d+:1: error: expected a line like msgstr"),
    ('msgstr "Página"', "msgstr Página", r"es-US\.po:\d+:1: error: expected a line like msgstr"),
    ('msgstr "Para %(audience)s"', 'msgstr "Para %(audiencia)s"',
     r"es-US\.po:\d+:1: error: the translation of \"For %\(audience\)s\" uses %\(audiencia\)s, "
     r"which the press does not fill \(it fills %\(audience\)s\)"),
    ('msgstr "{count} {first_noun}"', 'msgstr "{count} {frist_noun}"',
     r"es-US\.po:\d+:1: error: .* uses \{frist_noun\}, which the press does not fill \(it "
     r"fills \{count\}, \{first_noun\}, \{noun\}\) Fix: Did you mean \"\{first_noun\}\"\?"),
    # a placeholder without its final s, a lone percent sign, a brace without its pair: the
    # press would stop on them with a traceback when filling the label in
    ('msgstr "Para %(audience)s"', 'msgstr "Para %(audience)"',
     r"es-US\.po:\d+:1: error: the translation of \"For %\(audience\)s\" cannot be filled in: "
     r"it has a placeholder without its final s \(\"%\(audience\)\"\), and the press would stop "
     r"on it Fix: write each placeholder as the English does \(%\(audience\)s\), and a percent "
     r"sign as %%"),
    ('msgstr ", más un %(extra)s%% adicional"', 'msgstr ", más un %(extra)s% adicional"',
     r"error: the translation of \", plus %\(extra\)s%% extra\" cannot be filled in: it has a "
     r"percent sign written % \(in a label it is written %%\)"),
    ('msgstr "Esta página se ha dejado en blanco intencionalmente."',
     'msgstr "Esta página se ha dejado 100% en blanco."',  # a label with no placeholder
     r"error: .* cannot be filled in: it has a percent sign written % \(in a label it is "
     r"written %%\), and the press would stop on it Fix: write a percent sign as %%$"),
    ('msgstr "Copias adicionales incluidas: {percent}%"',
     'msgstr "Copias adicionales incluidas: {percent%"',
     r"error: the translation of \"Extra copies included: \{percent\}%\" cannot be filled in: "
     r"it has a brace without its pair.*Fix: write each placeholder as the English does "
     r"\(\{percent\}\), and a brace that is not a placeholder's as \{\{ or \}\}"),
    # a plural's form for many, and the rule that chooses a form
    ('msgstr[1] "Siguen %(copies)s copias de la hoja informativa"',
     'msgstr[1] "Siguen %(copias)s copias de la hoja informativa"',
     r"es-US\.po:\d+:1: error: the translation of \"%\(copies\)s copy of the handout follows\" "
     r"uses %\(copias\)s, which the press does not fill \(it fills %\(copies\)s\)"),
    ('"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
     '"Plural-Forms: nplurals=2; plural=(n !=! 1);\\n"',
     r"es-US\.po:\d+:1: error: the catalogue's Plural-Forms cannot be read"),
    ('msgstr "Referencias"\n', "",
     r"es-US\.po:\d+:1: error: the catalogue cannot be read: missing msgstr for msgid "
     r"'References' Fix: give every msgid"),
]


def test_a_broken_catalogue_stops_the_edition_at_its_line(tmp_path: Path) -> None:
    from .test_cli import run

    project = write_project(tmp_path, SPANISH)
    path = project / "layouts" / "locale" / "es-US.po"
    good = path.read_text(encoding="utf-8")
    for before, after, said in BROKEN_CATALOGUE:
        assert before in good, before
        path.write_text(good.replace(before, after, 1), encoding="utf-8")
        found = catalogue.label_problems(project, "es-US")
        assert len(found) == 1 and re.search(said, found[0].format()), (after, found)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert after.split("\n")[0] in lines[found[0].line - 1] or not after  # at its msgstr
    result = run(project, "check", "--edition", "es-US")  # the last: a msgstr deleted
    assert result.returncode == 2, result.stdout + result.stderr
    assert "missing msgstr for msgid 'References'" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "WARNING" not in result.stdout
    path.write_text(good, encoding="utf-8")
    assert catalogue.label_problems(project, "es-US") == []


def test_which_data_stands_in_for_a_place_does_not_depend_on_a_translation(
        tmp_path: Path) -> None:
    """A second dataset counting the same thing, not yet translated, stands in for a place
    the first lacks in the Spanish edition as in the English one (its measure words differ
    only in translation), and staff are told of it in the sources' words."""
    from press.content import place
    from press.source.load import load_project

    descriptor = RELATED_ARRESTS["source/data/arrests.yaml"]
    project = write_project(tmp_path, {
        **SPANISH, **RELATED_ARRESTS,
        "source/data/arrests.es-US.yaml": "measure:\n  text: arrestos relacionados con la "
                                          "prostitución\n",
        "source/data/ohio-arrests.yaml": replaced(replaced(
            descriptor, "path: arrests.csv", "path: ohio-arrests.csv"),
            "title: Arrests by", "title: Ohio arrests by"),
        "source/data/ohio-arrests.csv":
            "place,year,sex,arrests,source\nOhio,2015,female,300,county-records\n"
            "Ohio,2015,male,200,county-records\nOhio,2016,female,280,county-records\n"
            "Ohio,2016,male,190,county-records\n"})
    english, _ = load_project(project)
    spanish, _ = load_edition(project, "es-US")
    assert spanish.tables["arrests"].descriptor.measure.startswith("arrestos")
    assert spanish.tables["ohio-arrests"].descriptor.measure == "prostitution-related arrests"
    for loaded in (english, spanish):
        assert place._dataset_for(loaded, "arrests", "Ohio", "female", 2) == "ohio-arrests"
    said = place._missing(spanish, "arrests", "Alder County", trend=True)
    assert "the prostitution-related arrests of Alder County" in said


def test_a_placeholder_mistyped_in_a_translation_is_said_at_the_translations_line(
        tmp_path: Path) -> None:
    from press.core.target import Target
    from press.make.check import run_check

    from .conftest import at, errors_from

    project = write_project(tmp_path, {**SPANISH, "source/charts.es-US.yaml": replaced(
        CHARTS_ES, "{first_year}", "{first_yaer}")})
    found = errors_from(lambda: run_check(project, Target(edition="es-US")))
    assert len(found) == 1 and found[0].startswith(
        at(project, "source/charts.es-US.yaml", "{first_yaer}").rsplit(":", 1)[0] + ":"), found
    assert 'chart "alder-trend": unknown placeholder {first_yaer}' in found[0]
