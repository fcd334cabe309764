"""`make_report.py translate es-US` writes `of:` into every legal form of a translation
file and changes nothing else in it: flow maps, 4- and 2-space indents, comments, every
kind of quoting, CRLF line ends, no final newline, unicode. The file it leaves is valid:
a second run finds nothing to mark, and the edition checks it without a word about it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from press.commands.cli import main
from press.source.editions import marked
from press.source.yamledit import scalar

from .projects import JUDGES, write_project

TRANSLATION = "source/handouts/sample/judges.es-US.yaml"
ENGLISH = yaml.safe_load(JUDGES)
SETTINGS = ("language: en-US\neditions: [en-US, es-US]\npaper: letter\n"
            "edition_date: 2026-11-01\nreference_max_age_years: 10\nreading_grade_target: 12\n")
# One translation of the judges' handout in each legal way of writing it.
FORMS = {
    "every style in one file": (
        "# yaml-language-server: $schema=../../../press/schemas/translation.schema.json\n"
        "audience: { text: Jueces }  # flow, spaced\n"
        "headline: {text: \"Desde el estrado, una sentencia puede abrir camino.\"}\n"
        "why:\n"
        "    text: >-\n"
        "      Un antecedente penal le cierra la vivienda, el trabajo y la custodia de sus hijos.\n"
        "\n"
        "    # folded, indented by four\n"
        "\n"
        "actions.1.text:\n"
        "  text: 'Reconozca las señales de explotación y de trauma.'  # single-quoted\n"
        "actions.2.text:\n"
        "  # a comment before the words\n"
        "  text: |\n"
        "    Prefiera los servicios a la cárcel.\n"
        "# the end\n"),
    "four spaces, CRLF": (
        "audience:\r\n    text: Jueces\r\nheadline:\r\n    text: Desde el estrado, una sentencia "
        "puede abrir camino.\r\n"),
    "no final newline": "audience:\n  text: Jueces\nheadline:\n  text: |-\n    Desde el estrado.",
    "unicode, not composed": "\ufeffaudience:\n  text: \"Jue\u0301ces «del estrado»\"\n",
}


def translate(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["translate", "es-US", "--root", str(root)]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("form", FORMS)
def test_translate_writes_of_into_every_form_and_nothing_else(
        form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = FORMS[form]
    root = write_project(tmp_path, {"source/settings.yaml": SETTINGS})
    path = root / TRANSLATION
    path.write_bytes(before.encode())
    path.chmod(0o640)
    said = translate(root, capsys)
    after = path.read_bytes().decode()
    entries = yaml.safe_load(before)
    written = []  # each `of:` as YAML writes the English, in a block or inside braces
    for key in entries:
        english = ENGLISH[key] if "." not in key else ENGLISH["actions"][int(key[8]) - 1]["text"]
        assert f"{TRANSLATION}: marked `{key}` as of the English now" in said
        assert yaml.safe_load(after)[key] == {**entries[key], "of": marked(english)}
        written += [re.escape(scalar(marked(english), flow)) for flow in (False, True)]
    value = "(?:" + "|".join(sorted(set(written), key=len, reverse=True)) + ")"
    of = re.compile(rf"(\r?\n *|, )of: {value}|(?<=\n) *of: {value}\r?\n|of: {value}\r?\n *")
    assert len(of.findall(after)) == len(entries)
    assert of.sub("", after) == before  # every other byte as it was
    assert os.stat(path).st_mode & 0o777 == 0o640  # and its permissions
    again = translate(root, capsys)
    assert "marked" not in again and "not valid YAML" not in again
    assert path.read_bytes().decode() == after
    assert not [line for line in again.splitlines() if line.startswith(TRANSLATION + ":")
                and "does not say which English" in line]


def test_an_entry_it_cannot_write_into_is_said_with_the_line_to_write(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = "shared: &words {text: Jueces}\naudience: *words\n"
    root = write_project(tmp_path, {"source/settings.yaml": SETTINGS})
    (root / TRANSLATION).write_text(before, encoding="utf-8")
    assert main(["translate", "es-US", "--root", str(root)]) == 2
    said = capsys.readouterr()
    assert (f"{TRANSLATION}:2:1: error: `of:` could not be written into `audience` without "
            "changing the rest of the file (it names a part of itself again (an alias, *name): "
            "a key added there would be added everywhere it is named) Fix: add the line `of: "
            f"{scalar('Judges')}` to the entry by hand") in said.err
    assert (root / TRANSLATION).read_text(encoding="utf-8") == before
