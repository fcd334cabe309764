"""The studio's translations page: a document's fields in English and in the edition, each
missing, stale (the English then and now) or translated; a row saved into its own lines of
the translation file, marked as of the English now, committed alone; its problems shown
before it is saved."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from press.studio.guard import Keys

from .projects import EDITIONS, write_project
from .studio_client import client, post

HANDOUT = "source/handouts/sample/judges.yaml"
SPANISH = "source/handouts/sample/judges.es-US.yaml"
PAGE = f"/translations?file={HANDOUT}&edition=es-US"
# a translation with a comment, a current entry, a stale one and an unmarked one
WRITTEN = (
    "# yaml-language-server: $schema=../../../press/schemas/translation.schema.json\n"
    "# Reviewed by Ana, 2026.\n"
    "audience:\n"
    "    text: Jueces   # as the roster says\n"
    "    of: Judges\n"
    "headline:\n"
    "    text: Desde el estrado, una sentencia puede ser un camino.\n"
    "    of: From the bench, a sentence can be the way to services.\n")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout


def project(tmp_path: Path, translation: str | None = WRITTEN) -> Path:
    root = write_project(tmp_path, {"source/settings.yaml": EDITIONS, SPANISH: translation,
                                    ".gitignore": "out/\n.press-cache/\n"})
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "commit", "-qm",
        "start")
    return root


def opened(tmp_path: Path) -> tuple[Path, Any, Keys, str]:
    """The project with WRITTEN, a client of its studio and the handout's page."""
    root = project(tmp_path)
    made, keys = client(root)
    return root, made, keys, made.get(PAGE).text


def row_fields(html: str, path: str) -> list[tuple[str, str]]:
    """The fields of the row of `path` as its form sends them."""
    at = html.index(f'name="path" value="{path}"')
    form = html[html.rindex("<form", 0, at):html.index("</form>", at)]
    found = re.findall(r'<input type="hidden"(?: id="[^"]*")? name="([a-z]+)" value="([^"]*)"',
                       form)
    text = re.search(r"<textarea[^>]*>(.*?)</textarea>", form, re.S)
    assert text is not None
    return [*found, ("text", text.group(1))]


def with_text(fields: list[tuple[str, str]], text: str) -> list[tuple[str, str]]:
    return [(k, text if k == "text" else v) for k, v in fields]


def states(html: str) -> list[tuple[str, str]]:
    pairs = re.findall(r'<span class="state [a-z]+">([A-Za-z]+)</span></h2>.*?name="path" '
                       r'value="([^"]+)"', html, re.S)
    return [(path, state) for state, path in pairs]


def test_every_field_is_a_row_missing_and_stale_first_with_a_count(tmp_path: Path) -> None:
    made, _ = client(project(tmp_path))
    page = made.get(PAGE)
    assert page.status_code == 200
    assert states(page.text) == [("why", "MISSING"), ("actions.1.text", "MISSING"),
                                 ("actions.2.text", "MISSING"), ("headline", "STALE"),
                                 ("audience", "Translated")]
    said = re.sub(r"<[^>]+>", "", page.text)
    assert "4 to do: 3 not translated yet, 1 out of date (the English changed since); " \
           "1 translated." in said
    assert page.text.count("Saving marks it as a translation of the English now.") == 1


def test_a_stale_row_shows_the_english_then_and_now_with_the_changed_words(
        tmp_path: Path) -> None:
    made, _ = client(project(tmp_path))
    html = made.get(PAGE).text
    assert "From the bench, a sentence can be the way to services." in html  # then
    assert "From the bench, a sentence can be a path to services." in html  # now
    assert "<del>the way</del> <ins>a path</ins>" in html


def test_saving_a_row_changes_only_its_lines_marks_it_current_and_commits_it(
        tmp_path: Path) -> None:
    root, made, keys, html = opened(tmp_path)
    said = post(made, keys, "/translations/save", with_text(
        row_fields(html, "headline"), "Desde el estrado, una sentencia puede abrir un camino."))
    assert said.status_code == 200 and "Saved." in said.text, said.text
    after = (root / SPANISH).read_text(encoding="utf-8")
    assert after == WRITTEN.replace(
        "    text: Desde el estrado, una sentencia puede ser un camino.\n"
        "    of: From the bench, a sentence can be the way to services.\n",
        "    text: Desde el estrado, una sentencia puede abrir un camino.\n"
        "    of: From the bench, a sentence can be a path to services.\n")
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "log", "-1", "--name-only", "--format=%s").split("\n")[:3] == [
        f"Studio: {SPANISH} (headline) edited: text", "", SPANISH]
    assert states(made.get(PAGE).text)[-2:] == [("audience", "Translated"),
                                                ("headline", "Translated")]


def test_a_new_entry_is_appended_in_its_neighbours_style(tmp_path: Path) -> None:
    root, made, keys, html = opened(tmp_path)
    said = post(made, keys, "/translations/save", with_text(
        row_fields(html, "actions.2.text"), "Prefiera los servicios a la cárcel."))
    assert "Saved." in said.text, said.text
    assert (root / SPANISH).read_text(encoding="utf-8") == WRITTEN + (
        "actions.2.text:\n"
        "    text: Prefiera los servicios a la cárcel.\n"
        "    of: Favor connection to services over incarceration.\n")


def test_a_document_without_a_translation_gets_a_new_file_naming_its_schema(
        tmp_path: Path) -> None:
    root = project(tmp_path, None)
    made, keys = client(root)
    html = made.get(PAGE).text
    assert len(states(html)) == 5 and {s for _, s in states(html)} == {"MISSING"}
    said = post(made, keys, "/translations/save", with_text(row_fields(html, "audience"),
                                                            "Jueces"))
    assert "Saved." in said.text, said.text
    assert (root / SPANISH).read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../press/schemas/translation.schema.json\n"
        "audience:\n  text: Jueces\n  of: Judges\n")
    assert git(root, "status", "--porcelain") == ""


def test_a_row_saved_in_another_tab_since_is_a_conflict_unless_it_is_the_same(tmp_path: Path) -> None:
    root, made, keys, html = opened(tmp_path)
    first = post(made, keys, "/translations/save", with_text(row_fields(html, "headline"),
                                                             "Desde el estrado."))
    assert "Saved." in first.text
    before = (root / SPANISH).read_bytes()
    second = post(made, keys, "/translations/save", with_text(row_fields(html, "headline"),
                                                              "Otra cosa."))
    assert "Someone saved this translation in another window" in second.text
    assert (root / SPANISH).read_bytes() == before
    again = post(made, keys, "/translations/save", with_text(row_fields(html, "headline"),
                                                             "Desde el estrado."))
    assert "Saved." in again.text  # the same save sent twice (a retried request): no conflict
    assert (root / SPANISH).read_bytes() == before
    assert len(git(root, "log", "--format=%h").split()) == 2


def test_words_from_the_files_are_shown_as_text(tmp_path: Path) -> None:
    root = project(tmp_path, WRITTEN.replace("Jueces", "<b>Jueces</b>"))
    made, _ = client(root)
    html = made.get(PAGE).text
    assert "<b>Jueces</b>" not in html and "&lt;b&gt;Jueces&lt;/b&gt;" in html


def test_a_rows_problems_are_shown_before_it_is_saved(tmp_path: Path) -> None:
    root, made, keys, html = opened(tmp_path)
    checked = post(made, keys, "/translations/check", with_text(row_fields(html, "why"),
                                                                "Un {lugar sin cerrar."))
    assert "brace without its pair" in checked.text, checked.text
    assert (root / SPANISH).read_text(encoding="utf-8") == WRITTEN  # nothing written
    refused = post(made, keys, "/translations/save", with_text(row_fields(html, "why"),
                                                               "Un {lugar sin cerrar."))
    assert "Not saved" in refused.text
    assert (root / SPANISH).read_text(encoding="utf-8") == WRITTEN


def test_the_editor_and_home_page_link_to_it_only_with_two_editions(tmp_path: Path) -> None:
    root = project(tmp_path)
    made, _ = client(root)
    link = f'href="/translations?file={HANDOUT.replace("/", "%2F")}&amp;edition=es-US"'
    assert link in made.get("/").text
    assert link in made.get(f"/edit?file={HANDOUT}").text
    one = write_project(tmp_path / "one")
    alone, _ = client(one)
    assert "/translations?" not in alone.get("/").text
    assert alone.get(PAGE).status_code == 404
