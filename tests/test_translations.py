"""A translation says which English it is of (`of:`, the English itself, written by
`translate`): when the English changes, the stale warning shows it as it read and as it
reads now, so the translator sees what changed; an older file's fingerprint still works."""

from __future__ import annotations

from pathlib import Path

from press.source import editions

from .projects import write_project


def test_a_stale_translation_shows_the_english_then_and_now(tmp_path: Path) -> None:
    from press.source.yamlsource import load_yaml

    root = write_project(tmp_path, {"source/handouts/sample/judges.es-US.yaml": (
        "headline:\n  text: Desde el estrado, una sentencia puede abrir un camino.\n")})
    handout = root / "source" / "handouts" / "sample" / "judges.yaml"
    doc, _ = load_yaml(handout, root)
    assert doc is not None
    assert editions.mark_current(doc, "handout", "es-US", root) == ["headline"]
    marked = (root / "source/handouts/sample/judges.es-US.yaml").read_text(encoding="utf-8")
    assert 'of: "From the bench, a sentence can be a path to services."' in marked
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
