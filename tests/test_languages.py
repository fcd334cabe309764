"""An edition's pages read right: a quote printed in her own words keeps its language's
quotation marks and is tagged with its language; roles and titles are translated; and every
passage in another language than the document's carries it in the PDF's structure tree,
read back here by walking StructTreeRoot with pypdf (tests/tagged.py: each structure
element's marked content found on its page with PDFium, Chrome's engine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from press.make.build import build

from .projects import ADVOCATES, EDITIONS, QUOTES, write_project
from .tagged import passages
from .test_build import text_of

pytestmark = pytest.mark.slow

# Rosa's words have no translation (and no consent to one): they are printed as she said
# them. Ana's are translated, with her consent.
ANA = """
- id: ana-listened
  speaker: Ana
  role: Survivor leader
  survivor: true
  text: "The advocate who listened is the reason I called back."
  consent:
    uses: [print, web, grant, translate]
    basis: Signed release for the sample chapter
    given: 2026-10-01
    attribute_as: name
    confirmed: true
"""
TRANSLATIONS = {
    "source/quotes.es-US.yaml": """\
rosa-ready.role:
  text: Sobreviviente
ana-listened.text:
  text: "La defensora que me escuchó es la razón por la que volví a llamar."
ana-listened.role:
  text: Líder sobreviviente
""",
    "source/briefs/sample.es-US.yaml": """\
chapter:
  text: MUESTRA
title:
  text: "Muestra: The Life Story, Momentos de cambio"
blocks.4.items.1.title:
  text: Generar confianza.
blocks.4.items.2.title:
  text: Conectar con servicios.
blocks.5.items.2.name:
  text: Defensoras de víctimas
""",
    "source/handouts/sample/judges.es-US.yaml": """\
audience:
  text: Jueces
headline:
  text: Desde el estrado, una sentencia puede abrir un camino hacia los servicios.
""",
}


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    advocates = ADVOCATES.replace("quote: rosa-ready", "quote: ana-listened")
    root = write_project(tmp_path_factory.mktemp("languages"), {
        "source/settings.yaml": EDITIONS, "source/quotes.yaml": QUOTES + ANA,
        "source/handouts/sample/victim-advocates.yaml": advocates,
        "source/words.txt": "Rosa\nAlder\nAna\n", **TRANSLATIONS})
    build(root, edition="es-US")
    return root / "out" / "es-US"


def test_her_own_words_keep_their_quotation_marks_and_her_role_is_translated(
        spanish: Path) -> None:
    judges = text_of(spanish / "handouts" / "sample-judges.pdf")
    assert "\u201cWhen I was ready, I knew who to call" in judges  # English marks, not «
    assert "\u00abWhen" not in judges and "ready\u00bb" not in judges
    assert "ROSA, SOBREVIVIENTE" in judges.upper() and "(sus propias palabras, en inglés)" in judges
    advocates = text_of(spanish / "handouts" / "sample-victim-advocates.pdf")
    assert "\u00abLa defensora que me escuchó" in advocates  # her words in Spanish: «»
    assert "ANA, LÍDER SOBREVIVIENTE" in advocates.upper()


def test_titles_name_the_audience_as_the_edition_does(spanish: Path) -> None:
    judges = PdfReader(spanish / "handouts" / "sample-judges.pdf")
    assert judges.metadata is not None and judges.metadata.title == "Muestra: para jueces"
    advocates = PdfReader(spanish / "handouts" / "sample-victim-advocates.pdf")
    assert advocates.metadata is not None  # its own file is untranslated: the roster's name
    assert advocates.metadata.title == "Muestra: para defensoras de víctimas"
    assert "Para defensoras de víctimas" in text_of(spanish / "handouts" /
                                                    "sample-victim-advocates.pdf")


def test_every_english_passage_carries_its_language_in_the_structure_tree(
        spanish: Path) -> None:
    judges = passages(spanish / "handouts" / "sample-judges.pdf")
    english = " ".join(text for lang, text in judges if lang == "en-US")
    spanish_text = " ".join(text for lang, text in judges if lang == "es-US")
    assert "When I was ready, I knew who to call" in english  # her words
    assert "A criminal record blocks housing" in english  # the why, not yet translated
    assert "Survey of service providers in Alder County" in english  # the references
    assert "Desde el estrado" in spanish_text and "POR QUÉ LE IMPORTA" in spanish_text.upper()
    assert "Desde el estrado" not in english and "When I was ready" not in spanish_text
    brief = passages(spanish / "sample-brief.pdf")
    assert "Survey of service providers" in " ".join(t for lang, t in brief if lang == "en-US")
    packet = passages(spanish / "sample-packet.pdf")  # joined, each part keeps its tags
    assert "When I was ready" in " ".join(t for lang, t in packet if lang == "en-US")
