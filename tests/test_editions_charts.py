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


def test_a_title_left_in_english_is_filled_in_english(project: Path) -> None:
    from press.content.compute import compute_stats
    from press.content.describe import plan_chart

    translation = project / "source" / "charts.es-US.yaml"
    text = translation.read_text(encoding="utf-8")
    title = re.search(r"\nus-arrests-1994-2016\.title:\n(?:  .*\n)+", text)
    assert title is not None
    translation.write_text(text.replace(title.group(0), "\n"), encoding="utf-8")
    spanish, problems = load_edition(project, "es-US")
    assert any("us-arrests-1994-2016.title" in p.message for p in problems.warnings)
    stats, _ = compute_stats(spanish)
    chart = plan_chart(spanish, spanish.charts["us-arrests-1994-2016"], "brief", stats)
    assert chart.description.title == ("Reported prostitution arrests of women fell by 64% from "
                                       "1994 to 2016")  # not "bajó", in an English sentence
    assert chart.description.subtitle.startswith("Arrestos relacionados con la prostitución")
    assert "la cifra bajó un 64%" in chart.description.alt


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


def test_a_broken_catalogue_stops_the_edition_at_its_line(project: Path) -> None:
    from .test_cli import run

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
        project: Path) -> None:
    """A second dataset counting the same thing, not yet translated, stands in for a place
    the first lacks in the Spanish edition as in the English one (its measure words differ
    only in translation), and staff are told of it in the sources' words."""
    from press.content import localize
    from press.source.load import load_project

    data = project / "source" / "data"
    descriptor = (data / "arrests-by-sex.yaml").read_text(encoding="utf-8")
    (data / "ohio-arrests.yaml").write_text(descriptor.replace(
        "path: arrests-by-sex.csv", "path: ohio-arrests.csv").replace(
        "title: Prostitution-related arrests by sex", "title: Ohio arrests"), encoding="utf-8")
    (data / "ohio-arrests.csv").write_text(
        "jurisdiction,year,sex,arrests,source\nOhio,2015,female,300,fbi-ucr-asr\n"
        "Ohio,2015,male,200,fbi-ucr-asr\nOhio,2016,female,280,fbi-ucr-asr\n"
        "Ohio,2016,male,190,fbi-ucr-asr\n", encoding="utf-8")
    english, _ = load_project(project)
    spanish, _ = load_edition(project, "es-US")
    assert spanish.tables["arrests-by-sex"].descriptor.measure.startswith("arrestos")
    assert spanish.tables["ohio-arrests"].descriptor.measure == "prostitution-related arrests"
    for loaded in (english, spanish):
        assert localize._dataset_for(loaded, "arrests-by-sex", "Ohio", "female", 2) == (
            "ohio-arrests")
    said = localize._missing(spanish, "arrests-by-sex", "Massachusetts", trend=True)
    assert "the prostitution-related arrests of Massachusetts" in said


def test_a_placeholder_mistyped_in_a_translation_is_said_at_the_translations_line(
        project: Path) -> None:
    from press.content.check import run_check

    from .conftest import edit, errors_from

    edit(project, "source/charts.es-US.yaml", "el {highlight_share} de", "el {highlight_shar} de")
    found = errors_from(lambda: run_check(project, edition="es-US"))
    assert len(found) == 1 and found[0].startswith("source/charts.es-US.yaml:"), found
    assert 'chart "ma-arrests-by-sex-2013": unknown placeholder {highlight_shar}' in found[0]
