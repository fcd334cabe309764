"""A translation says which English it is of (`of:`, the English itself, written by
`translate`): when the English changes, the stale warning shows it as it read and as it
reads now, so the translator sees what changed; an older file's fingerprint still works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from press.source import editions

from .projects import EDITIONS, write_project


def test_a_stale_translation_shows_the_english_then_and_now(tmp_path: Path) -> None:
    from press.source.yamlsource import load_yaml

    root = write_project(tmp_path, {"source/handouts/sample/judges.es-US.yaml": (
        "headline:\n  text: Desde el estrado, una sentencia puede abrir un camino.\n")})
    handout = root / "source" / "handouts" / "sample" / "judges.yaml"
    doc, _ = load_yaml(handout, root)
    assert doc is not None
    assert editions.mark_current(doc, "handout", "es-US", root) == ["headline"]
    marked = (root / "source/handouts/sample/judges.es-US.yaml").read_text(encoding="utf-8")
    assert "  of: From the bench, a sentence can be a path to services.\n" in marked  # plain YAML
    said = [p.message for p in editions.translate_file(doc, "handout", "es-US", root).problems]
    assert [m for m in said if "`headline`" in m or "older than" in m] == [], said  # current
    handout.write_text(handout.read_text(encoding="utf-8").replace(
        "a path to services", "the way to services"), encoding="utf-8")
    doc, _ = load_yaml(handout, root)
    assert doc is not None
    stale = [p.format() for p in editions.translate_file(doc, "handout", "es-US", root).problems
             if "older than its English" in p.message]
    assert len(stale) == 1, stale
    assert stale[0].startswith("source/handouts/sample/judges.es-US.yaml:3:")
    assert ('it read: "From the bench, a sentence can be a path to services."; it now reads: '
            '"From the bench, a sentence can be the way to services."') in stale[0]


def test_an_older_fingerprint_still_marks_a_translation_current() -> None:
    english = "From the bench, a sentence can be a path to services."
    assert editions.current(editions.fingerprint(english), english)
    assert editions.current(english.replace(" ", "  "), english)
    assert not editions.current(editions.fingerprint("Another."), english)


def handout_view(root: Path, key: str) -> object:
    import datetime as dt

    from press.content.compose import Composer
    from press.content.compute import compute_stats
    from press.source.load import load_edition

    spanish, _ = load_edition(root, "es-US")
    stats, _ = compute_stats(spanish)
    composer = Composer(spanish, stats, "screen", dt.date(2026, 11, 1))
    return composer.handout(key, spanish.handouts[key])


def test_a_handout_is_titled_by_its_audience_as_the_edition_names_it(tmp_path: Path) -> None:
    """Its own translation, else the roster's name for the same people, else English
    wholly: never "para judges"."""
    root = write_project(tmp_path, {
        "source/settings.yaml": EDITIONS,
        "source/briefs/sample.es-US.yaml": "chapter:\n  text: MUESTRA\n"
                                          "blocks.5.items.2.name:\n  text: Defensoras de víctimas\n",
        "source/handouts/sample/judges.es-US.yaml": "headline:\n  text: Desde el estrado.\n"})
    judges: Any = handout_view(root, "sample/judges")
    assert judges.title == "Sample: for judges"  # no Spanish name anywhere: all English
    assert judges.audience == "Judges" and judges.lang("audience") == "en-US"
    assert judges.lang("headline") == "" and judges.lang("why") == "en-US"
    advocates: Any = handout_view(root, "sample/victim-advocates")
    assert advocates.title == "Muestra: para defensoras de víctimas"  # the roster's name
    assert advocates.lang("audience") == ""
    (root / "source/handouts/sample/judges.es-US.yaml").write_text(
        "audience:\n  text: Jueces\n", encoding="utf-8")
    judges = handout_view(root, "sample/judges")
    assert judges.title == "Muestra: para jueces" and judges.lang("audience") == ""
