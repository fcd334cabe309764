"""Every sentence the press writes around the data is grammatical in every edition: each is
rendered here for counts of 0, 1, 2 and many and for groups whose names end in s, in
English and in Spanish, and read back: no "1 arrests", no "all 1 ... were", no "Girls's",
and no English word inside a Spanish sentence (the English words of the catalogue's
messages, less those Spanish shares)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest

import charts
from charts.common import ChartRequest, Description, NoData, fill
from charts.grammar import possessive, singular
from press.content import compute, place
from press.core import numbers
from press.source import catalogue
from press.source.descriptor import Dataset
from press.source.schema import ShareOverTimeChart, SlopeChart, SplitChart
from press.source.tables import Base, Table

ROOT = Path(__file__).resolve().parents[1]
COUNTS = (0, 1, 2, 37)  # none, one, two, many
YEARS = (2021, 2023)
PLACE = "Alder County"
# The groups of a juvenile export, whose names end in s, and the rows whose sex was not
# recorded; in Spanish, the data's own words as a dataset's translation gives them.
LABELS = {"en-US": {"female": "Girls", "male": "Boys", "unknown": "Sex not recorded"},
          "es-US": {"female": "Niñas", "male": "Niños", "unknown": "Sexo no registrado"}}
MEASURE = {"en-US": ("juvenile arrests", "juvenile arrest"),
           "es-US": ("arrestos de menores", "arresto de menores")}


def base(year: int, girls: int, boys: int, unknown: int = 0, in_base: bool = True) -> Base:
    counts = (("female", girls), ("male", boys), *((("unknown", unknown),) if unknown else ()))
    return Base(PLACE, year, counts, (), girls + boys + (unknown if in_base else 0), unknown,
                in_base, ("county-records",), "source/data/arrests.csv", 2)


def request(edition: str, spec: Any, bases: tuple[Base, ...]) -> ChartRequest:
    measure, one = MEASURE[edition]
    spanish = edition != "en-US"
    return ChartRequest(
        spec=spec, bases=bases, fmt=numbers.Formats(edition), labels=LABELS[edition],
        measure=measure, measure_one=one, source_line="Source: test.", palette={},
        font_family="Source Sans 3", width_in=7.3, height_in=2.3, source_name="the test",
        places=(PLACE,), unrecorded=("unknown",),
        words=catalogue.Words(ROOT, "es-US") if spanish else catalogue.Words(ROOT, ""))


# The staff's own words of a chart (in an edition, its translation's): a possessive in each.
TITLES = {"en-US": ("{group}'s share: {highlight_share}",
                    "{group}'s share of {measure} in {jurisdiction}"),
          "es-US": ("Porcentaje de {group}: {highlight_share}",
                    "Porcentaje de {group} en {measure}, {jurisdiction}")}


def specs(edition: str = "en-US") -> list[Any]:
    first, last = YEARS
    split, trend = TITLES[edition]
    return [
        SplitChart(id="s", kind="split", dataset="t", jurisdiction=PLACE, year=last,
                   title=split, subtitle="{jurisdiction}"),
        ShareOverTimeChart(id="t", kind="share-over-time", dataset="t", jurisdictions=[PLACE],
                           years=(first, last), group="female", title="{min_share}",
                           subtitle=trend),
        SlopeChart(id="l", kind="slope", dataset="t", jurisdiction=PLACE, years=YEARS,
                   measure="share", title="x", subtitle="{jurisdiction}"),
        SlopeChart(id="c", kind="slope", dataset="t", jurisdiction=PLACE, years=YEARS,
                   measure="count", title="x", subtitle="{jurisdiction}")]


def shapes(n: int) -> list[tuple[Base, ...]]:
    """The years a chart is drawn from, with `n` where a count is said: girls (all of the
    base, or none of it), rows not recorded (in the base or not), a year none of whose rows
    has its sex recorded."""
    first, last = YEARS
    steady = base(first, 30, 20)
    return [(steady, base(2022, 25, 25), base(last, n, 0)),
            (steady, base(2022, 25, 25), base(last, 0, n)),
            (steady, base(2022, 0, 0, n), base(last, 40, 30, n, True)),
            (steady, base(2022, 25, 25), base(last, 40, 30, n, False))]


def sentences(edition: str, n: int) -> list[str]:
    """Every sentence the chart kinds write of the shapes above, for a count of `n`."""
    found = []
    for bases in shapes(n):
        for spec in specs(edition):
            try:
                said: Description = charts.KINDS[spec.kind].describe(request(edition, spec, bases))
            except NoData:
                continue  # not drawn: the press says why, in staff's words
            found += [said.title, said.subtitle, said.alt, said.notes, *said.said]
        found.append(charts.split.count_label(request(edition, specs()[0], bases), n))
    return [s for s in found if s]


# --- English ---------------------------------------------------------------------------

ONE_PLURAL = re.compile(r"(?<![\d.,])1 (?:juvenile )?(?:arrests|copies|sheets|rows|arrestos)\b")
WRONG = re.compile(r"\b(?:all|the|of the|among the) (?:0|1) |s's\b|\bnone of its 1\b")


@pytest.mark.parametrize("n", COUNTS)
def test_english_sentences_take_their_number_from_the_count(n: int) -> None:
    said = sentences("en-US", n)
    assert said
    for sentence in said:
        assert not ONE_PLURAL.search(sentence), sentence
        assert not WRONG.search(sentence), sentence
        assert "Girls's" not in sentence and "girls's" not in sentence, sentence
    joined = " ".join(said)
    assert "girls' share" in joined.lower()  # the trend's subtitle and alt text
    if n == 1:
        assert "the one juvenile arrest was of girls" in joined
        assert "the one juvenile arrest was not of girls" in joined
        assert "1 juvenile arrest" in joined or "one juvenile arrest" in joined
    if n == 37:
        assert "all 37 juvenile arrests were of girls" in joined



OTHER = "Brook County"


@pytest.mark.parametrize("edition", ["en-US", "es-US"])
def test_each_note_of_a_chart_of_several_places_names_its_place(edition: str) -> None:
    """A trend of two counties: a 100% year, a 0% year, few rows, rows not recorded, and a
    year missing, in one county or the other; each note (and so each warning, the alt text
    and the manifest's notes) says which county it is of, in the edition's words."""
    first, last = YEARS
    alder = (base(first, 30, 20), base(2022, 25, 25, 1, True), base(last, 1, 0))
    brook = tuple(dataclasses.replace(b, jurisdiction=OTHER)
                  for b in (base(first, 3, 2), base(last, 0, 4, 1, True)))
    spec = ShareOverTimeChart(id="t", kind="share-over-time", dataset="t",
                              jurisdictions=[PLACE, OTHER], years=YEARS, group="female",
                              title="{min_share}", subtitle="{jurisdiction}")
    chart = dataclasses.replace(request(edition, spec, alder + brook), places=(PLACE, OTHER))
    said = charts.KINDS[spec.kind].describe(chart)
    assert len(said.noted) >= 6, said.noted
    for note in said.noted:
        assert (PLACE in note) != (OTHER in note), note
    for sentence in said.said:
        assert sentence in said.noted and sentence in said.alt
    where = {"en-US": " in ", "es-US": " en "}[edition]
    assert any(f"{where}{OTHER}{where}{first} (5)" in note for note in said.noted), said.noted
    one = {"en-US": f"the one juvenile arrest in {PLACE} was of girls",
           "es-US": f"el único arresto de menores en {PLACE} fue de niñas"}[edition]
    assert any(one in note for note in said.noted), said.noted
    alone = charts.KINDS[spec.kind].describe(
        request(edition, spec.model_copy(update={"jurisdictions": [PLACE]}), alder))
    assert not any(PLACE in note for note in alone.noted), alone.noted  # its subtitle names it

def test_a_possessive_follows_the_name() -> None:
    assert fill("{group}'s share", {"group": "Girls"}) == "Girls' share"
    assert fill("{group}'s share", {"group": "women"}) == "Women's share"
    assert fill("{group}\u2019s share of {measure}", {"group": "boys", "measure": "arrests"}) == (
        "Boys\u2019 share of arrests")
    assert possessive("Men") == "Men's"


@pytest.mark.parametrize(("plural", "one", "language"), [
    ("prostitution-related arrests", "prostitution-related arrest", "en-US"),
    ("arrests of juveniles", "arrest of juveniles", "en-US"),
    ("people arrested", "person arrested", "en-US"),
    ("eviction filings", "eviction filing", "en-US"),
    ("arrestos relacionados con la prostitución", "arresto relacionado con la prostitución",
     "es-US"),
    ("detenciones de mujeres", "detención de mujeres", "es-US"),
    ("hombres detenidos", "hombre detenido", "es-US"),
])
def test_one_of_what_is_counted(plural: str, one: str, language: str) -> None:
    assert singular(plural, language) == one


# --- Spanish ---------------------------------------------------------------------------

def english_words() -> set[str]:
    """The words of the English messages the press writes that no Spanish message uses."""
    from babel.messages.pofile import read_po

    english: set[str] = set()
    for message in catalogue.labels_used(ROOT):
        for text in (message,) if isinstance(message, str) else message:
            english |= words_of(re.sub(r"\{\w+\}|%\(\w+\)s", " ", text))
    spanish: set[str] = set()
    with catalogue.catalogue_path(ROOT, "es-US").open("rb") as handle:
        for message in read_po(handle):
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            for form in forms:
                spanish |= words_of(re.sub(r"\{\w+\}|%\(\w+\)s", " ", str(form)))
    return english - spanish


def words_of(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{2,}", text)}


@pytest.mark.parametrize("n", COUNTS)
def test_spanish_sentences_are_spanish_and_take_their_number_from_the_count(n: int) -> None:
    said = sentences("es-US", n)
    foreign = english_words()
    assert {"were", "the", "with", "of", "share", "among"} <= foreign
    data = "|".join(re.escape(w) for w in (PLACE, *LABELS["es-US"].values(),
                                           *MEASURE["es-US"]))
    for sentence in said:
        words = words_of(re.sub(data, " ", sentence, flags=re.I))
        assert not words & foreign, (sentence, words & foreign)
        assert not re.search(r"(?<![\d.,])1 arrestos\b|\b(?:los|las) 1\b", sentence), sentence
    if n == 1:
        assert any("el único arresto de menores fue de niñas" in s for s in said), said


def test_every_plural_in_the_catalogue_takes_its_form_from_the_count() -> None:
    """Each message with a count, in both editions, for 0, 1, 2 and many: the form for one
    only for 1."""
    plurals = [m for m in catalogue.labels_used(ROOT) if isinstance(m, tuple)]
    assert len(plurals) >= 8
    spanish = catalogue.Words(ROOT, "es-US")
    english = catalogue.Words(ROOT, "")
    for one, many in plurals:
        for n in COUNTS:
            assert english.plural(one, many, n) == (one if n == 1 else many)
            forms = spanish.forms[one]
            assert spanish.plural(one, many, n) == forms[0 if n == 1 else 1]


def test_a_statistics_base_line_is_said_in_the_editions_words() -> None:
    """Not "de 44 arrestos, 1 with sexo no registrado"."""
    table = juvenile_table()
    groups = {g: label.model_copy(update={"label": LABELS["es-US"][g]})
              for g, label in table.descriptor.groups.items()}
    translated = dataclasses.replace(table, descriptor=table.descriptor.model_copy(
        update={"groups": groups}))
    unrecorded = base(2023, 20, 23, 1, True)
    spanish = catalogue.Words(ROOT, "es-US")
    assert compute.base_words(translated, unrecorded, spanish) == ", 1 con sexo no registrado"
    assert compute.base_words(table, unrecorded) == ", 1 with sex not recorded"
    apart = base(2023, 20, 23, 1, False)
    assert compute.base_words(translated, apart, spanish) == (
        ", sin contar 1 con sexo no registrado")


def juvenile_table() -> Table:
    descriptor = Dataset.model_validate({
        "title": "Juvenile arrests", "path": "t.csv", "description": "Made up.",
        "measure": "juvenile arrests", "columns": {"jurisdiction": "place", "year": "year",
                                                   "group": "sex", "count": "count"},
        "constants": {"source": "county-records"},
        "groups": {"female": {"label": "Girls"}, "male": {"label": "Boys"},
                   "unknown": {"label": "Sex not recorded", "not_recorded": True,
                               "in_base": True}}})
    return Table("juvenile", descriptor, ("t.csv",), ())


@pytest.mark.parametrize(("girls", "boys", "said"), [
    (1, 0, "the one juvenile arrest of Alder County in 2023 was of girls, none of boys "
           "(girls 100%)"),
    (0, 1, "the one juvenile arrest of Alder County in 2023 was not of girls (girls 0%)"),
    (2, 0, "all 2 juvenile arrests of Alder County in 2023 were of girls, none of boys "
           "(girls 100%)"),
    (0, 37, "none of the 37 juvenile arrests of Alder County in 2023 were of girls (girls 0%)"),
])
def test_a_zero_or_a_whole_is_said_for_its_count(girls: int, boys: int, said: str) -> None:
    counted = base(2023, girls, boys)
    group = counted.extreme()
    assert group == "female"
    assert compute.zero_words(juvenile_table(), counted, group) == said


def test_a_measure_for_one() -> None:
    table = juvenile_table()
    assert compute.measure_for(table, 1) == "juvenile arrest"
    assert compute.measure_for(table, 0) == compute.measure_for(table, 2) == "juvenile arrests"
    spanish = dataclasses.replace(table, descriptor=table.descriptor.model_copy(
        update={"measure": "arrestos de menores"}))
    assert compute.measure_for(spanish, 1, "es-US") == "arresto de menores"
    own = dataclasses.replace(table, descriptor=table.descriptor.model_copy(
        update={"measure_one": "arrest of a minor"}))
    assert compute.measure_for(own, 1) == "arrest of a minor"


def test_a_place_builds_reasons_count_whole_years() -> None:
    rows = "\n".join(f"{PLACE},{year},{sex},{count}" for year, sex, count in (
        (2021, "female", 3), (2021, "male", 2), (2022, "female", 3), (2023, "female", 1),
        (2023, "male", 1), (2024, "female", 2)))
    said = localize_reason(rows)
    assert said.endswith("cover 2021-2024, with 2 years whole"), said
    said = localize_reason("\n".join(rows.splitlines()[:3]))
    assert said.endswith("cover 2021-2022, with only 2021 whole"), said
    said = localize_reason(f"{PLACE},2022,female,3\n{PLACE},2023,female,1")
    assert said.endswith("cover 2022-2023, with no year whole"), said


def localize_reason(rows: str) -> str:
    import tempfile

    from press.source.data import read_table

    descriptor = juvenile_table().descriptor
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "t.csv").write_text("place,year,sex,count\n" + rows + "\n", encoding="utf-8")
        table, problems = read_table("juvenile", descriptor, root, root, None, None)
    assert table is not None, [p.format() for p in problems]
    project: Any = type("Project", (), {"tables": {"juvenile": table},
                                        "tables_in_original": {}})()
    return place._missing(project, "juvenile", PLACE, trend=True)


def test_the_print_orders_counts() -> None:
    from press.make.printrun import _filled

    for edition, one, two in (("", "adding 1 copy: judges 1 to 2.",
                               "adding 2 copies: judges 1 to 2, advocates 3 to 4."),
                              ("es-US", "con 1 copia más: judges: de 1 a 2.",
                               "con 2 copias más: judges: de 1 a 2, advocates: de 3 a 4.")):
        words = catalogue.Words(ROOT, edition)
        assert _filled({"judges": (2, 1)}, words).endswith(one)
        assert _filled({"judges": (2, 1), "advocates": (4, 1)}, words).endswith(two)
    from press.layout.render import environment

    slip = ('{{ ngettext("%(copies)s copy of the handout follows", "%(copies)s copies of the '
            'handout follow", n, copies=n) }}')
    for edition, said in (("", ("1 copy of the handout follows",
                                "2 copies of the handout follow")),
                          ("es-US", ("Sigue 1 copia de la hoja informativa",
                                     "Siguen 2 copias de la hoja informativa"))):
        template = environment(ROOT, edition).from_string(slip)
        assert (template.render(n=1), template.render(n=2)) == said


def test_a_references_kind_is_said_in_the_editions_words() -> None:
    """APA names a dataset's kind in brackets: "[Dataset]" in English, "[Conjunto de datos]"
    on a Spanish page (citeproc-py's Spanish locale leaves it in English)."""
    from press.content import cite
    from press.source.schema import Reference

    work = Reference.model_validate({
        "id": "county-export", "type": "dataset", "title": "Juvenile arrests, 2019-2023",
        "author": [{"literal": "County Data Office"}], "issued": {"date-parts": [[2024]]}})
    terms = cite.type_terms(catalogue.Words(ROOT, "es-US"))
    spanish = cite.bibliography(["county-export"], {"county-export": work}, "es-US", "en-US",
                                terms)
    assert spanish[0].text.endswith("[Conjunto de datos]."), spanish[0].text
    english = cite.bibliography(["county-export"], {"county-export": work})
    assert english[0].text.endswith("[Dataset]."), english[0].text
    assert cite.type_terms(catalogue.Words(ROOT, "")) == ()


def _one_in_2023() -> str:
    from .projects import CSV

    return CSV.replace("Alder County,2023,female,90", "Alder County,2023,female,1").replace(
        "Alder County,2023,male,110", "Alder County,2023,male,0")  # one arrest, of a woman


ONE_IN_2023 = _one_in_2023()
assert ONE_IN_2023.count(",1,") == 1


def test_words_typed_for_a_count_that_is_one_are_warned_of(tmp_path: Path) -> None:
    """The sample split's subtitle says "share of {total} arrests"; of one arrest it would
    print "1 arrests": a warning at its line, pointing to "{total} {noun}". In Spanish, a
    measure whose one the rule can only guess ("arresto de menores relacionados") is a
    warning at the translation's measure, asking for measure_one."""
    from press import api
    from press.core.target import Target

    from .projects import EDITIONS, write_project

    measure = ("measure:\n  text: arrestos de menores relacionados con la prostitución\n"
               "  of: arrests\n")
    root = write_project(tmp_path, {"source/data/arrests.csv": ONE_IN_2023,
                                    "source/settings.yaml": EDITIONS,
                                    "source/data/arrests.es-US.yaml": measure})
    said = [p.format() for p in api.check(root).problems]
    typed = [s for s in said if "prints \"1 arrests\"" in s]
    assert len(typed) == 1 and typed[0].startswith("source/charts.yaml:8:13:"), said
    assert 'write "{total} {noun}"' in typed[0]
    assert not any("measure_one" in s for s in said)  # English: the rule is sure
    spanish = [p.format() for p in api.check(root, Target(edition="es-US")).problems]
    asked = [s for s in spanish if "measure_one" in s]
    assert len(asked) == 1 and asked[0].startswith("source/data/arrests.es-US.yaml:2:"), asked
    assert '"arresto de menores relacionados con la prostitución", a guess' in asked[0]
    fixed = write_project(tmp_path / "fixed", {
        "source/data/arrests.csv": ONE_IN_2023,
        "source/charts.yaml": CHARTS_WITH_NOUN})
    assert not any("1 arrests" in p.format() for p in api.check(fixed).problems)


def _charts_with_noun() -> str:
    from .projects import CHARTS

    return CHARTS.replace("share of {total} arrests", "share of {total} {noun}")


CHARTS_WITH_NOUN = _charts_with_noun()
