"""Editions: the seed's Spanish (es-US) example built end to end, and the sample's Spanish
edition read back from its PDFs; a quote translated only with her consent; a missing and a
stale translation said, located."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build

from .conftest import errors_from
from .projects import (
    ADVOCATES,
    ADVOCATES_ES,
    QUOTES,
    REFERENCES,
    SETTINGS,
    SPANISH,
    SPANISH_FULL,
    change,
    longer_brief,
    replaced,
    write_project,
)
from .test_build import text_of

pytestmark = pytest.mark.slow
SAMPLE_ES = "source/handouts/sample/victim-advocates.es-US.yaml"
# Sentences added to the Spanish advocates' why: enough that the handout fits its page only
# once fitted, and too many for any fitting.
FITTED, TOO_LONG = 10, 16
# Labels the layouts print in English: none may be left in a Spanish page.
ENGLISH_LABELS = ("WHY THIS MATTERS TO YOU", "WHAT YOU CAN DO", "REFERENCES", "Learn more at",
                  "For survivor leaders", "For victim advocates", "For judges", "Page 1 of",
                  "Page 2 of")


def test_the_seeds_spanish_example_is_built_beside_the_english_and_reads_in_spanish(
        tmp_path: Path) -> None:
    """End to end on the real chapter (tests/conftest.py): the seed's Spanish example, its
    translations as staff keep them, built and read back from its PDFs (a plain copy: the
    English build's caches would not serve it)."""
    from .conftest import copy_project

    project = copy_project(tmp_path / "real")
    build(project, Target(edition="es-US"))
    out = project / "out" / "es-US"
    assert (out / "law-enforcement-brief.pdf").is_file()
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["language"] == "es-US"
    for pdf in [*out.glob("*.pdf"), *out.glob("handouts/*.pdf")]:
        assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "es-US", pdf
    title = PdfReader(out / "handouts" / "law-enforcement-survivor-leaders.pdf").metadata.title
    assert title == "Fuerzas del orden: para líderes sobrevivientes"
    packet = PdfReader(out / "law-enforcement-packet.pdf")
    assert "Fuerzas del orden: para líderes sobrevivientes" in [
        item.title for item in packet.outline if not isinstance(item, list)]
    for audience in ("survivor-leaders", "victim-advocates"):
        text = text_of(out / "handouts" / f"law-enforcement-{audience}.pdf")
        assert "POR QUÉ LE IMPORTA" in text and "QUÉ PUEDE HACER" in text, text[:300]
        assert "REFERENCIAS" in text and "Momentos de cambio" in text
        assert not [label for label in ENGLISH_LABELS if label in text], audience
    text = text_of(out / "handouts" / "law-enforcement-survivor-leaders.pdf")
    assert "Para líderes sobrevivientes" in text
    assert "Su experiencia le muestra al sistema lo que tiene que cambiar." in text
    assert "Generar confianza." in text and "24%" in text
    # with her consent, her words are translated and said to be
    assert "Lo que me gustaría que me dijeran sería" in text
    assert "(traducción del inglés)" in text and "The thing I would want" not in text
    record = next(o for o in manifest["outputs"] if o["file"].endswith("survivor-leaders.pdf"))
    assert record["originals"]["quintecia-danger"].startswith("The thing I would want")
    brief = text_of(out / "law-enforcement-brief.pdf")
    assert "Página 2 de 5" in brief and "FUERZAS DEL ORDEN" in brief
    assert "Hoy, la mayoría de las mujeres en el comercio sexual" in brief


# --- on the sample's Spanish edition in full (tests/projects.py SPANISH_FULL) -----------------

@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's Spanish edition in full, built once for the module's tests to read."""
    root = write_project(tmp_path_factory.mktemp("editions") / "project", SPANISH_FULL)
    build(root, Target(edition="es-US"))
    return root


def test_its_handouts_read_in_spanish_with_no_english_label(spanish: Path) -> None:
    out = spanish / "out" / "es-US"
    for pdf in [*out.glob("*.pdf"), *out.glob("handouts/*.pdf")]:
        assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "es-US", pdf
    for audience in ("judges", "victim-advocates"):
        text = text_of(out / "handouts" / f"sample-{audience}.pdf")
        assert "POR QUÉ LE IMPORTA" in text and "QUÉ PUEDE HACER" in text, text[:300]
        assert "REFERENCIAS" in text and "MOMENTOS DE CAMBIO" in text.upper()
        assert not [label for label in ENGLISH_LABELS if label in text], audience
    text = text_of(out / "handouts" / "sample-victim-advocates.pdf")
    assert "Para defensoras de víctimas" in text
    assert "Las mujeres representaron el 50% de los arrestos en Brook County." in text
    assert "Para jueces" in text_of(out / "handouts" / "sample-judges.pdf")  # the roster's name
    brief = text_of(out / "sample-brief.pdf")
    assert "Página 2 de 3" in brief and "JUECES" in brief


def test_with_her_consent_her_words_are_translated_and_said_to_be(spanish: Path) -> None:
    out = spanish / "out" / "es-US"
    text = text_of(out / "handouts" / "sample-victim-advocates.pdf")
    assert "Cuando estuve lista, supe a quién llamar" in text
    assert "(traducción del inglés)" in text and "When I was ready" not in text
    manifest = json.loads((out / "manifest.json").read_text())
    record = next(o for o in manifest["outputs"] if o["file"].endswith("victim-advocates.pdf"))
    assert record["originals"]["rosa-ready"].startswith("When I was ready")


def test_a_place_build_in_spanish(spanish: Path) -> None:
    build(spanish, Target(places=("Alder County",), edition="es-US"))
    folder = spanish / "out" / "es-US" / "alder-county"
    text = text_of(folder / "handouts" / "sample-victim-advocates.pdf")
    assert "POR QUÉ LE IMPORTA" in text and "Para defensoras de víctimas" in text
    assert "Las mujeres representaron el 45% de los arrestos en Alder County." in text
    assert json.loads((folder / "manifest.json").read_text())["language"] == "es-US"
    assert (spanish / "out" / "es-US" / "sample-brief.pdf").is_file()  # kept


def test_a_place_is_named_in_spanish_on_its_pages(spanish: Path) -> None:
    build(spanish, Target(places=("United States",), edition="es-US"))
    folder = spanish / "out" / "es-US" / "united-states" / "handouts"
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        text = text_of(pdf)
        assert "United States" not in text, pdf.name  # the header, the statistic's line
        assert "ESTADOS UNIDOS" in text or "Estados Unidos" in text, pdf.name


TRAINING = """title: In-service training
date: 2027-03-04
chapter: sample
attendees:
  victim-advocates: 40
  judges: 3
briefs: 6
overage_percent: 10
imposition: 2-up
color: color
"""


def test_a_print_run_in_spanish(tmp_path: Path) -> None:
    from press.make.printrun import print_training

    from .test_printrun import FIVE_PAGES

    # a brief of five pages (its roster's numbers kept): its booklet has a page left blank
    spanish = write_project(tmp_path, {
        **SPANISH_FULL, "source/trainings/in-service.yaml": TRAINING,
        "source/briefs/sample.yaml": longer_brief(FIVE_PAGES, before="about:")})
    run = print_training(spanish, "in-service", edition="es-US")
    assert run.folder == spanish / "out" / "es-US" / "print" / "in-service"
    slips = text_of(run.folder / "in-service-handouts.pdf")
    assert "Siguen 44 copias de la hoja informativa" in slips and "4 DE MARZO DE 2027" in slips
    booklet = text_of(run.folder / "in-service-brief-booklet.pdf")
    assert "Esta página se ha dejado en blanco intencionalmente." in booklet
    assert "intentionally left blank" not in booklet
    for name in ("handouts", "brief-booklet", "order"):
        reader = PdfReader(run.folder / f"in-service-{name}.pdf")
        assert reader.trailer["/Root"]["/Lang"] == "es-US", name
    assert PdfReader(run.folder / "in-service-handouts.pdf").metadata.title == (
        "In-service training: hojas informativas")
    order = text_of(run.folder / "in-service-order.pdf")
    plain = (run.folder / "in-service-order.txt").read_text(encoding="utf-8")
    assert "DEFENSORAS DE VÍCTIMAS" in slips.upper() and "VICTIM ADVOCATES" not in slips.upper()
    for text in (order, plain):
        assert "Hoja informativa para defensoras de víctimas" in text
        assert "Hoja informativa para jueces" in text  # the roster's name: no translation of its own
        assert "doblar por la mitad y engrapar en el lomo" in text
        assert not re.findall(r"\b(?:Print order|Paper|Printing|Finishing|Copies|Sheets|sheets|"
                              r"Handout for|Slip sheets|single-sided)\b", text), text


def test_a_spanish_chart_is_described_in_spanish(spanish: Path) -> None:
    manifest = json.loads((spanish / "out" / "es-US" / "manifest.json").read_text())
    alt = {chart["id"]: chart["alt"] for chart in manifest["charts"]}
    # Alder County, 2023: 90 women and 110 men arrested
    assert alt["alder-split"] == (
        "Gráfico de barras. Del total de 200 arrestos en Alder County en 2023: mujeres, el 45% "
        "(90) y hombres, el 55% (110).")
    assert alt["alder-trend"].startswith("Gráfico de líneas del porcentaje de mujeres")
    assert "Alder County: 60% en 2021 y 45% en 2023" in alt["alder-trend"]
    brief = text_of(spanish / "out" / "es-US" / "sample-brief.pdf")
    assert "100 arrestos" in brief and "La mitad de los arrestos" in brief
    assert "Nota: Se cuentan arrestos, no personas." in brief


def test_references_are_written_in_the_editions_language(tmp_path: Path) -> None:
    # the survey has no date; the data's source, a newspaper's article of a day
    references = REFERENCES.replace("  issued: { date-parts: [[2020]] }\n", "").replace(
        "  type: dataset\n", "  type: article-newspaper\n  container-title: The Alder Courier\n"
    ).replace("issued: { date-parts: [[2024]] }", "issued: { date-parts: [[2024, 3, 5]] }")
    assert references.count("issued:") == 1 and "[[2024, 3, 5]]" in references
    assert "article-newspaper" in references
    project = write_project(tmp_path, {**SPANISH_FULL, "source/references.yaml": references})
    build(project, Target(edition="es-US"))
    text = text_of(project / "out" / "es-US" / "handouts" / "sample-judges.pdf")
    assert "(s/f)" in text and "(n.d.)" not in text
    assert "(2024, 5 de marzo)" in text  # the day and month in the locale's order


@pytest.mark.parametrize(("locale", "written"), [
    ("en-US", "(2014, October 5)"), ("es-US", "(2014, 5 de octubre)")])
def test_a_references_month_and_day_follow_the_locale(locale: str, written: str) -> None:
    from press.content import cite
    from press.source.load import load_project

    from .conftest import ROOT

    project, _ = load_project(ROOT)
    reference = project.references["ma-state-police-2013"]
    assert written in cite.format_reference(reference, cite.formatter.plain, locale)


def test_the_preview_shows_the_editions_side_by_side(spanish: Path) -> None:
    build(spanish)  # the English beside the Spanish already built
    page = (spanish / "out" / "index.html").read_text(encoding="utf-8")
    assert "Editions, side by side" in page and "<th scope=\"col\">es-US</th>" in page
    assert 'src="es-US/preview/sample-brief.png"' in page
    assert (spanish / "out" / "es-US" / "preview" / "sample-brief.png").is_file()


def _longer_why(sentences: int) -> dict[str, str]:
    """The Spanish victim advocates' why, longer by `sentences` sentences."""
    more = (" Cada reunión es una oportunidad para preguntar si ella está a salvo y conectarla "
            "con ayuda.") * sentences
    end = "    la seguridad cuando ella esté lista.\n"
    return {**SPANISH_FULL, SAMPLE_ES: replaced(ADVOCATES_ES, end, end.rstrip("\n") + more + "\n")}


def test_longer_spanish_is_fitted_and_said(tmp_path: Path) -> None:
    project = write_project(tmp_path, _longer_why(FITTED))
    result = build(project, Target(edition="es-US"))
    fitted = [p.format() for p in result.problems.warnings if "fits its page only" in p.message]
    assert any(f"the es-US handout for defensoras de víctimas (its words: {SAMPLE_ES})"
               in warning for warning in fitted), fitted
    pdf = project / "out" / "es-US" / "handouts" / "sample-victim-advocates.pdf"
    assert len(PdfReader(pdf).pages) == 1
    assert "Cada reunión es una oportunidad" in text_of(pdf)


def test_spanish_too_long_to_fit_names_the_edition_and_its_words(tmp_path: Path) -> None:
    project = write_project(tmp_path, _longer_why(TOO_LONG))
    message = "\n".join(errors_from(lambda: build(project, Target(edition="es-US"))))
    assert re.search(r"source/handouts/sample/victim-advocates.yaml:\d+:\d+: error: "
                     rf"the es-US handout for defensoras de víctimas \(its words: {SAMPLE_ES}\) "
                     "does not fit on one page", message), message


def test_every_edition_at_once_and_its_quotation_marks(spanish: Path) -> None:
    from .test_cli import run

    made = run(spanish, "build", "--edition", "all")
    assert made.returncode == 0, made.stderr
    assert (spanish / "out" / "sample-brief.pdf").is_file()
    spanish_text = text_of(spanish / "out" / "es-US" / "handouts" / "sample-judges.pdf")
    english_text = text_of(spanish / "out" / "handouts" / "sample-judges.pdf")
    assert "«Cuando estuve lista" in spanish_text
    assert "\u201cWhen I was ready" in english_text


# --- on the sample's Spanish edition (tests/projects.py SPANISH) ----------------------------



@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_project(tmp_path / "project", SPANISH)


def test_a_quote_without_consent_to_translate_is_printed_as_she_said_it(sample: Path) -> None:
    result = build(sample, Target(edition="es-US"))  # Rosa's consent: print, web, grant
    said = [p.format() for p in result.problems.warnings if "consent does not allow" in p.message]
    assert len(said) == 1 and said[0].startswith("source/quotes.yaml:") and \
        'warning: the quote "rosa-ready" (Rosa) has a translation, but its consent' in said[0]
    text = text_of(sample / "out" / "es-US" / "handouts" / "sample-judges.pdf")
    assert "When I was ready, I knew who to call" in text
    assert "(sus propias palabras, en inglés)" in text and "Cuando estuve lista" not in text
    change(sample, {"source/quotes.yaml": QUOTES.replace("uses: [print, web, grant]",
                                                         "uses: [print, web, grant, translate]")})
    build(sample, Target(edition="es-US"))
    text = text_of(sample / "out" / "es-US" / "handouts" / "sample-judges.pdf")
    assert "Cuando estuve lista, supe a quién llamar" in text and "(traducción del inglés)" in text
    assert "When I was ready" not in text


def test_a_stale_and_a_missing_translation_are_said_with_both_files(sample: Path) -> None:
    english = "source/handouts/sample/victim-advocates.yaml"
    marked = ADVOCATES_ES.replace(
        "  text: Muchas veces usted es la primera persona del sistema en quien ella puede "
        "confiar.\n", "  text: Muchas veces usted es la primera persona del sistema en quien "
        "ella puede confiar.\n  of: You may be the first person she trusts.\n")
    why = marked.index("why:")
    change(sample, {english: ADVOCATES.replace("the first person she trusts",
                                               "the first one she trusts"),
                    SAMPLE_ES: marked[:why] + marked[marked.index("actions.1.text:"):]})
    warnings = [p.format() for p in build(sample, Target(edition="es-US")).problems.warnings]
    stale = [w for w in warnings if "older than its English" in w]
    assert len(stale) == 1 and stale[0].startswith(SAMPLE_ES)
    assert "`headline`" in stale[0] and english in stale[0]
    assert 'it now reads: "You may be the first one she trusts.' in stale[0]  # for the translator
    missing = [w for w in warnings if "have no translation in" in w and SAMPLE_ES in w]
    assert len(missing) == 1 and "`why`" in missing[0] and english in missing[0]
    with pytest.raises(BuildError):  # --strict: a warning stops it
        build(sample, Target(edition="es-US", strict=True))


def test_an_unknown_field_or_edition_is_an_error(sample: Path) -> None:
    change(sample, {SAMPLE_ES: ADVOCATES_ES + "headlin:\n  text: Otra cosa\n"})
    errors = errors_from(lambda: build(sample, Target(edition="es-US")))
    assert any(e.startswith(SAMPLE_ES) and "`headlin` is not a field" in e and "headline" in e
               for e in errors), errors
    errors = errors_from(lambda: build(sample, Target(edition="fr-FR")))
    assert any(e.startswith("source/settings.yaml") and 'no edition "fr-FR"' in e
               for e in errors), errors
    errors = errors_from(lambda: build(sample, Target(edition="es_US")))  # written as a locale is
    assert [e.partition(" error: ")[2] for e in errors] == [
        'there is no edition "es_US" (the editions are en-US, es-US). Fix: write it as es-US '
        "(the language, a hyphen, the country in capitals)"]
    errors = errors_from(lambda: build(sample, Target(edition="spanish")))  # not to be added
    assert "Fix: build one of those (an edition is named like es-US" in errors[0]


def test_a_misnamed_or_orphaned_translation_is_told_its_right_name(sample: Path) -> None:
    from press.source.load import load_project

    folder = sample / "source" / "handouts" / "sample"
    (folder / "judges.es_US.yaml").write_text(ADVOCATES_ES, encoding="utf-8")
    errors = errors_from(lambda: load_project(sample)[1].raise_if_errors("load"))
    assert errors == [
        'source/handouts/sample/judges.es_US.yaml: error: "judges.es_US.yaml" looks '
        "like a translation of judges.yaml, but an edition's file is named like "
        "judges.es-US.yaml (the language, a hyphen, the country in capitals) Fix: rename it "
        'to "judges.es-US.yaml"']
    (folder / "judges.es_US.yaml").rename(folder / "judge.es-US.yaml")  # no judge.yaml
    _, problems = load_project(sample)
    assert [p.format() for p in problems.items if "judge.es-US" in p.file] == [
        "source/handouts/sample/judge.es-US.yaml: warning: this translates judge.yaml, "
        'but there is no such file beside it, so nothing prints it Did you mean "judges.yaml"? '
        "Fix: name it after the file it translates (judge.es-US.yaml translates judge.yaml), "
        "or delete it"]


def test_translate_marks_what_was_translated_and_lists_what_is_left(sample: Path) -> None:
    from press.source.yamledit import scalar

    from .test_cli import run

    result = run(sample, "translate", "es-US")  # every field of the advocates' marked
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{SAMPLE_ES}: marked `headline` as of the English now" in result.stdout
    marked = (sample / SAMPLE_ES).read_text(encoding="utf-8")
    assert f"  of: {scalar('You may be the first person she trusts.')}\n" in marked
    judges = "source/handouts/sample/judges.es-US.yaml"
    assert f'{judges} (5):\n  audience: "Judges"\n  headline: "From the bench, a sentence can ' \
        'be a path to services."\n' in result.stdout  # every field left, by its path, in English
    assert '  blocks.5.heading: "Who can shift the system?"\n' in result.stdout
    assert SAMPLE_ES + " (" not in result.stdout  # nothing left in it
    wrong = run(sample, "translate", "es_US")  # no list of files named for a wrong edition
    assert wrong.returncode == 2 and "Fields not yet translated" not in wrong.stdout
    assert "write it as es-US" in wrong.stdout + wrong.stderr


def test_an_edition_taken_out_of_settings_is_taken_out_of_out(sample: Path) -> None:
    build(sample, Target(edition="es-US"))
    assert (sample / "out" / "es-US" / "sample-brief.pdf").is_file()
    change(sample, {"source/settings.yaml": SETTINGS})
    warnings = [p.format() for p in build(sample).problems.warnings]
    assert "out/es-US/: warning: removed this folder, so its documents are not printed as " \
        "current: settings.yaml no longer lists the edition es-US Fix: add es-US under " \
        "editions: in settings.yaml again and build --edition es-US" in warnings
    assert not (sample / "out" / "es-US").exists()
    assert (sample / "out" / "sample-brief.pdf").is_file()
