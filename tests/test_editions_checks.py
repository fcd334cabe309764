"""An edition's own words checked in its language: the Spanish reading ease (Fernández
Huerta), the Spanish list of terms to avoid, the spelling in Hunspell's Spanish dictionary,
and figures typed in Spanish; each said at the translation's line. The English words an
edition prints are the English check's."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from press.content import markup, readability, wording
from press.core.target import Target
from press.make.build import build
from press.make.check import run_check
from press.source.load import load_edition

from .conftest import at, errors_from
from .projects import SPANISH, change, write_project
from .test_cli import run

TODAY = dt.date(2026, 11, 28)
LEADERS = "source/handouts/sample/judges.es-US.yaml"
ADVOCATES = "source/handouts/sample/victim-advocates.es-US.yaml"
STATS = "source/stats.es-US.yaml"
BRIEF = "source/briefs/sample.es-US.yaml"
CHARTS = "source/charts.es-US.yaml"
@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The sample project with its Spanish edition (SPANISH)."""
    return write_project(tmp_path / "project", SPANISH)


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """The test's own file `rel` (SPANISH's, or the sample's) with `old` written as `new`."""
    text = (root / rel).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    change(root, {rel: text.replace(old, new, 1)})
needs_dictionary = pytest.mark.skipif(
    wording.hunspell_path("es-US") is None,
    reason="Hunspell's Spanish dictionary is not installed (make installs hunspell-es)")


def check(root: Path) -> list[str]:
    return [p.format() for p in run_check(root, Target(date=TODAY, edition="es-US")).problems.items]


# --- the reading ease ----------------------------------------------------------------------

@pytest.mark.parametrize(("word", "syllables"), [
    ("puede", 2), ("ciudad", 2), ("buey", 1), ("Uruguay", 3),  # diphthongs and triphthongs
    ("país", 2), ("policía", 4), ("creer", 2), ("oía", 3), ("ahí", 2),  # a hiatus
    ("que", 1), ("guerra", 2), ("guía", 2), ("pingüino", 3), ("agua", 2),  # the u of qu/gu
    ("hay", 1), ("muy", 1), ("y", 1), ("ayuda", 3), ("leyes", 2),  # y as a vowel, or not
    ("prostitución", 4), ("sobrevivientes", 5), ("definitivamente", 7), ("km", 1),
])
def test_spanish_syllables_are_counted_from_the_spelling(word: str, syllables: int) -> None:
    assert readability.spanish_syllables(word) == syllables


@pytest.mark.parametrize(("text", "ease"), [
    # Ella(2) puede(2) confiar(2) en(1) usted(2): 5 words, 9 syllables, 1 sentence.
    # P = 100 * 9 / 5 = 180; F = 5 / 1 = 5; L = 206.84 - 0.60 * 180 - 1.02 * 5 = 93.74
    ("Ella puede confiar en usted.", 93.74),
    # La(1) policía(4) llegó(2) / Ella(2) tenía(3) miedo(2) y(1) no(1) habló(2): 9 words,
    # 18 syllables, 2 sentences. P = 200; F = 4.5; L = 206.84 - 120 - 4.59 = 82.25
    ("La policía llegó. Ella tenía miedo y no habló.", 82.25),
    # Las(1) sobrevivientes(5) necesitan(4) vivienda(3) trabajo(3) y(1) apoyo(3)
    # familiar(3) para(2) abandonar(4) definitivamente(7) la(1) explotación(4) sexual(2):
    # 14 words, 43 syllables, 1 sentence. P = 4300 / 14 = 307.142857...; F = 14;
    # L = 206.84 - 184.285714... - 14.28 = 8.274285...
    ("Las sobrevivientes necesitan vivienda, trabajo y apoyo familiar para abandonar "
     "definitivamente la explotación sexual.", 8.2742857),
    ("", 0.0),
])
def test_fernandez_huerta_of_texts_counted_by_hand(text: str, ease: float) -> None:
    assert readability.fernandez_huerta(text) == pytest.approx(ease)


def test_each_field_is_a_sentence_and_long_sentences_read_harder() -> None:
    # Generar(3) confianza(3) / Escuchar(3) primero(3): 4 words, 12 syllables, 2 sentences
    # (a new line ends one). P = 300; F = 2; L = 206.84 - 180 - 2.04 = 24.8
    assert readability.fernandez_huerta("Generar confianza\nEscuchar primero") == \
        pytest.approx(24.8)
    short = "Ella habla. Usted escucha. Ella decide. Usted ayuda."  # the same words,
    long = "Ella habla, usted escucha, ella decide, usted ayuda."  # in one sentence
    assert readability.fernandez_huerta(short) > readability.fernandez_huerta(long)
    assert [readability.ease_words(score) for score in (95, 82.3, 60, 59.9, 29)] == [
        "very easy", "easy", "standard", "fairly difficult", "very difficult"]


def test_the_edition_reports_the_reading_ease_of_the_handouts_it_translates(
        project: Path) -> None:
    (project / LEADERS).write_text(
        "headline:\n  text: Ella puede confiar en usted.\n"
        "why:\n  text: La policía llegó. Ella tenía miedo y no habló.\n", encoding="utf-8")
    result = run_check(project, Target(date=TODAY, edition="es-US"))
    # its headline and why only (its steps are printed in English): 14 words, 27 syllables,
    # 3 sentences. P = 192.857...; F = 4.667; L = 206.84 - 115.714 - 4.76 = 86.37
    assert result.grades["sample/judges"] == 86.4
    assert set(result.grades) == {"sample/judges", "sample/victim-advocates"}
    assert not [p for p in result.problems.warnings if "Fernández Huerta" in p.message]
    assert wording.reading_line(result.project, {"a/b": 86.4}) == (
        "Reading ease of each handout's Spanish (Fernández Huerta, higher is easier; target 60 "
        "or more): a/b 86.4")
    edit(project, "source/settings.yaml", "reading_ease_target_es: 60",
         "reading_ease_target_es: 90")
    warned = [line for line in check(project) if "Fernández Huerta" in line and LEADERS in line]
    assert warned == [
        f"{at(project, LEADERS, 'La policía llegó', 'La policía')}: warning: the handout's Spanish reads at "
        "86.4 on the Fernández Huerta scale (easy), below the target of 90 Fix: use shorter "
        "sentences and shorter, everyday words"]


def test_the_edition_manifest_and_check_give_the_editions_measure(project: Path) -> None:
    english = run_check(project, Target(date=TODAY)).project
    assert wording.reading_grades(english)["sample/victim-advocates"] < 20  # a grade
    spanish, _ = load_edition(project, "es-US")
    ease = wording.reading_grades(spanish)  # what a build of the edition writes
    assert set(ease) == {"sample/victim-advocates"}
    assert all(30 < score <= 100 for score in ease.values())
    result = run(project, "check", "--edition", "es-US")
    assert result.returncode == 0, result.stderr
    assert ("Reading ease of each handout's Spanish (Fernández Huerta, higher is easier; target "
            f"60 or more): sample/victim-advocates {ease['sample/victim-advocates']}"
            in result.stdout)


@pytest.mark.slow
def test_the_editions_manifest_holds_its_reading_ease(project: Path) -> None:
    build(project, Target(edition="es-US"))
    manifest = json.loads((project / "out" / "es-US" / "manifest.json").read_text())
    spanish, _ = load_edition(project, "es-US")
    assert manifest["reading_ease"] == wording.reading_ease(spanish)
    assert manifest["reading_grades"] == {}  # a school grade is English's measure


# --- the terms to avoid --------------------------------------------------------------------

def test_the_spanish_list_is_applied_to_the_translations_at_their_line(project: Path) -> None:
    edit(project, ADVOCATES, "La mayoría de las mujeres en el comercio sexual",
         "La mayoría de las prostitutas")
    found = errors_from(lambda: run_check(project, Target(date=TODAY, edition="es-US")))
    assert found == [
        f"{at(project, ADVOCATES, 'prostitutas', 'prostitutas')}: error: \"prostitutas\" is on "
        "the project's list of stigmatizing terms (Names people by what was done to them.) Fix: "
        'write "mujeres en el comercio sexual, personas en situación de prostitución" instead; '
        'where the words are a name or a title, add the phrase under `allow:` for "prostitutas" '
        "in language.es-US.yaml"]
    run_check(project, Target(date=TODAY))  # the English check: not its words, no error


def test_the_bare_word_cliente_is_not_flagged_but_the_phrase_is(project: Path) -> None:
    edit(project, ADVOCATES, "Una defensora paciente",
         "Como con cualquier cliente, una defensora paciente")
    run_check(project, Target(date=TODAY, edition="es-US"))  # no error
    edit(project, ADVOCATES, "Como con cualquier cliente", "Los clientes de la prostitución")
    found = errors_from(lambda: run_check(project, Target(date=TODAY, edition="es-US")))
    assert len(found) == 1 and '"clientes de la prostitución" is on' in found[0]
    assert 'write "compradores de sexo" instead' in found[0]


def test_quotes_are_never_flagged_in_an_edition(project: Path) -> None:
    edit(project, "source/quotes.es-US.yaml", "paciencia conmigo.",
         "paciencia conmigo, prostituta.")
    run_check(project, Target(date=TODAY, edition="es-US"))  # no error


def test_english_words_an_edition_prints_are_left_to_the_english_check(project: Path) -> None:
    edit(project, "source/handouts/sample/judges.yaml", "A criminal record blocks",
         "Calling her a prostitute blocks")
    assert any('"prostitute" is on' in e for e in errors_from(
        lambda: run_check(project, Target(date=TODAY))))
    assert not [line for line in check(project) if "prostitute" in line]


def test_an_edition_without_its_own_list_says_its_words_are_not_checked(project: Path) -> None:
    (project / "source/language.es-US.yaml").unlink()
    assert ("source/language.es-US.yaml: warning: there is no list of terms to avoid for the "
            "es-US edition, so its words are not checked for stigmatizing terms Fix: write it "
            "in the form of language.yaml (see \"Editions\" in the user guide, "
            "docs/editions.md)") in check(project)


# --- the spelling --------------------------------------------------------------------------

@needs_dictionary
def test_spanish_is_spelled_in_spanish_and_words_es_us_txt_adds_words(project: Path) -> None:
    assert not [line for line in check(project) if "dictionary" in line]  # mujeres, pueden...
    edit(project, ADVOCATES, "la policía y la\n    fiscalía.", "la policía y la\n    fiscalia.")
    spelling = [line for line in check(project) if "dictionary" in line]
    assert spelling == [
        f'{at(project, ADVOCATES, "fiscalia", "fiscalia")}: warning: "fiscalia" is not in the '
        'es-US dictionary Fix: did you mean "fiscalía"? correct it, or add the word to '
        "source/words.es-US.txt (a name: to source/words.txt)"]
    with (project / "source/words.es-US.txt").open("a", encoding="utf-8") as words:
        words.write("fiscalia\n")
    assert not [line for line in check(project) if "dictionary" in line]


@needs_dictionary
def test_the_english_words_of_an_edition_are_not_spelled_in_spanish(project: Path) -> None:
    edit(project, "source/handouts/sample/judges.yaml", "A criminal record blocks",
         "A criminal recrod blocks")
    assert not [line for line in check(project) if "dictionary" in line]


def test_without_a_dictionary_the_spelling_is_said_to_be_unchecked(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wording, "HUNSPELL_FOLDERS", (str(project / "nowhere"),))
    monkeypatch.setenv("DICPATH", str(project / "none"))
    unchecked = [line for line in check(project) if "spelling" in line]
    assert unchecked == [
        f"{at(project, 'source/settings.yaml', 'editions:')}: warning: the "
        "spelling of the es-US edition is not checked: there is no Hunspell dictionary of its "
        f"language (es_US.dic and es_US.aff, in DICPATH or {project / 'nowhere'}) Fix: install "
        "it (make does, on "
        "Debian: hunspell-es), or set DICPATH to the folder that holds it"]


# --- figures typed in Spanish --------------------------------------------------------------

@pytest.mark.parametrize(("text", "figures"), [
    ("El 70 por ciento de las mujeres", ["70 por ciento"]),
    ("setenta y cinco por ciento", ["setenta y cinco por ciento"]),
    ("el 87,8 % de los arrestos", ["87,8 %"]),
    ("uno de cada tres agentes", ["uno de cada tres"]),
    ("tres de cada cuatro mujeres", ["tres de cada cuatro"]),
    ("9 de cada 10 víctimas", ["9 de cada 10"]),
    ("la mitad de las detenciones", ["la mitad de"]),
    ("más de la mitad.", ["más de la mitad"]),
    ("dos tercios de las víctimas y una tercera parte", ["dos tercios de", "una tercera parte"]),
    ("tienen el doble de probabilidades", ["el doble de"]),
    ("tres veces más", ["tres veces más"]),
    ("los arrestos se duplicaron", ["duplicaron"]),
    ("miles de mujeres", ["miles de"]),
    ("doce mujeres y cuatrocientas personas", ["doce mujeres", "cuatrocientas personas"]),
    ("one in three women", ["one in three"]),  # English left in a translation: still found
    # not figures: a year, the number of a law, "one of" the people
    ("un estudio publicado en 2002", []),
    ("el artículo 12 de la ley y la sección 2-201", []),
    ("uno de los agentes, una de las dos, dos de ellas", []),
])
def test_figures_typed_in_spanish(text: str, figures: list[str]) -> None:
    assert markup.typed_numbers(text, "es") == figures


def test_english_figures_are_found_as_before() -> None:
    assert markup.typed_numbers("70 percent of arrests, one in three") == ["70 percent",
                                                                          "one in three"]
    assert markup.typed_numbers("la mitad de las mujeres") == []  # English: not its words


def test_a_figure_typed_into_a_translation_is_an_error_at_its_line(project: Path) -> None:
    edit(project, ADVOCATES, "La mayoría de las mujeres", "El 70 por ciento de las mujeres")
    found = errors_from(lambda: run_check(project, Target(date=TODAY, edition="es-US")))
    assert found == [
        f'{at(project, ADVOCATES, "70 por ciento", "70 por ciento")}: error: the figure "70 por '
        'ciento" is typed into the text, so it has no source Fix: define it in stats.yaml and '
        "write [stat:its-id] here (a year, or the number of a law, may stay)"]


# --- what the data fills in, kept by the translation ----------------------------------------



def test_a_statistics_figure_or_place_in_spanish_words_is_an_error_at_its_line(
        project: Path) -> None:
    edit(project, STATS, "el {value} de los {measure} en {jurisdiction}",
         "el setenta por ciento de los {measure} en Brook County")
    found = errors_from(lambda: run_check(project, Target(date=TODAY, edition="es-US")))
    assert found == [
        f'{at(project, STATS, "setenta por ciento", "setenta")}: error: the number "setenta por '
        'ciento" is typed into the statistic\'s meaning, so it cannot follow the data Fix: use '
        "a {placeholder} ({value}, {total}, {jurisdiction}, {year}, {measure}, {source}) (see "
        '"Rules the build enforces" in the user guide, docs/rules.md)',
        f'{at(project, STATS, "setenta por ciento", "Brook County")}: error: the place '
        '"Brook County" is typed into the statistic\'s meaning, so a build for another place '
        "would print it Fix: write {jurisdiction} instead: the data fills in the place"]
    warned = [p for p in check_warnings(project) if "leaves out" in p]
    assert warned == [
        f"{at(project, STATS, 'setenta por ciento', 'Las mujeres')}: warning: the translation of "
        "`brook-women-share.meaning` leaves out {value}, {jurisdiction}, which the English "
        "prints: the edition would not say what it fills in or cites Fix: put {value}, "
        "{jurisdiction} where it belongs in the sentence"]


def check_warnings(root: Path) -> list[str]:
    from press.core.problems import BuildError

    try:
        return [p.format() for p in run_check(root, Target(date=TODAY, edition="es-US")).problems.items]
    except BuildError as stopped:
        return [p.format() for p in stopped.problems]


def test_a_brace_without_its_pair_is_an_error_not_printed(project: Path) -> None:
    edit(project, STATS, "de {total} arrestos", "de {total arrestos")
    found = errors_from(lambda: build(project, Target(edition="es-US")))
    assert found == [
        f'{at(project, STATS, "{total arrestos", "{total")}: error: '
        "`brook-women-share.base` has a brace without its pair: \"{total\" would be printed "
        "as typed Fix: write each placeholder whole, braces and all, as the English does: "
        "{total}"]
    assert not (project / "out" / "es-US").exists()


def test_a_translation_that_drops_a_citation_is_said(project: Path) -> None:
    change(project, {BRIEF: "blocks.1.text:\n  text: Una encuesta halló que muchos "
                     "proveedores tenían formación sobre la explotación [@county-survey-2020].\n"})
    warned = [p for p in check(project) if "leaves out" in p]
    assert warned == [
        f"{at(project, BRIEF, 'Una encuesta', 'Una encuesta')}: warning: the translation of "
        "`blocks.1.text` leaves out [stat:providers-trained], which the English "
        "prints: the edition would not say what it fills in or cites Fix: put "
        "[stat:providers-trained] where it belongs in the sentence"]


def test_the_group_and_measure_may_be_written_out_in_the_editions_grammar(
        project: Path) -> None:
    assert not [p for p in check(project) if "leaves out" in p]  # the example's subtitles


def test_a_place_typed_in_the_editions_own_words_is_an_error(project: Path) -> None:
    """"Estados Unidos" is how the catalogue names the United States: typed into a Spanish
    statistic or chart, a Massachusetts build would print it under Massachusetts' figure."""
    edit(project, STATS, "en {jurisdiction}.", "en Estados Unidos.")
    charts = CHARTS
    edit(project, charts, "en {jurisdiction}, {first_year}", "en los Estados Unidos, {first_year}")
    found = errors_from(lambda: run_check(project, Target(date=TODAY, edition="es-US")))
    assert len(found) == 3 and set(found) == {
        f'{at(project, charts, "los Estados Unidos", chr(34) + "Porcentaje")}: error: chart '
        '"alder-trend" does not say which place it shows Fix: add {jurisdiction} '
        'to its title or subtitle, e.g. subtitle: "{jurisdiction}, {year}"',
        f'{at(project, charts, "los Estados Unidos", "Estados")}: error: the place "Estados '
        "Unidos\" is typed into the chart's subtitle, so a build for another place would print "
        "it Fix: write {jurisdiction} instead: the data fills in the place",
        f'{at(project, STATS, "en Estados Unidos.", "Estados")}: error: the place "Estados '
        "Unidos\" is typed into the statistic's meaning, so a build for another place would "
        "print it Fix: write {jurisdiction} instead: the data fills in the place"}
