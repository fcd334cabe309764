"""Text is text: a control character or a bidirectional control in a source is refused at
its line and column, named as U+001B; and nothing the command prints reaches the terminal
as a control, whatever a message quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from press.commands.cli import main
from press.core.controls import named, visible
from press.source.load import load_project

from .conftest import errors_from
from .projects import CSV, JUDGES, write_project

HEADLINE = "headline: From the bench, a sentence can be a path to services."
REFUSED = "a control character, which prints nothing; the press reads text only"


def test_visible_writes_each_control_as_its_code_and_keeps_lines() -> None:
    assert visible("a\x1b]0;title\x07b\r\n\tc\u202ed\x85\x00\x7f") == (
        "a<U+001B>]0;title<U+0007>b<U+000D>\n\tc<U+202E>d<U+0085><U+0000><U+007F>")
    assert visible("Álvarez-Núñez — «día»") == "Álvarez-Núñez — «día»"
    assert named("\x1b") == "U+001B (ESCAPE)"
    assert named("\u202e") == "U+202E (RIGHT-TO-LEFT OVERRIDE)"
    assert named("\x01") == "U+0001 (a control character)"


def test_a_control_byte_in_yaml_is_refused_at_its_line_and_column(tmp_path: Path) -> None:
    judges = JUDGES.replace(HEADLINE, "headline: From the bench,\x1b[2J a sentence.")
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": judges})
    assert errors_from(lambda: load_project(root)) == [
        f"source/handouts/sample/judges.yaml:2:26: error: found U+001B (ESCAPE), {REFUSED} "
        "Fix: delete it (most editors do not show it: retype the words around this column)"]


def test_a_nul_byte_in_yaml_is_a_located_error(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/settings.yaml": b"language: en-US\npaper: le\x00tter\n"})
    found = errors_from(lambda: load_project(root))
    assert [line.split(" Fix:")[0] for line in found] == [
        f"source/settings.yaml:2:10: error: found U+0000 (NUL), {REFUSED}"]


def test_an_escape_in_quotes_is_refused_at_its_value(tmp_path: Path) -> None:
    judges = JUDGES.replace(HEADLINE, 'headline: "From the bench\\e]0;x\\a"')
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": judges})
    assert errors_from(lambda: load_project(root)) == [
        f"source/handouts/sample/judges.yaml:2:11: error: found U+001B (ESCAPE), {REFUSED} "
        '(written in quotes as an escape like "\\x1b" or "\\e") Fix: remove the escape from '
        "the value"]


def test_a_bidi_override_in_a_table_is_refused_at_its_cell(tmp_path: Path) -> None:
    table = CSV.replace("Brook County,2022,male", "Brook\u202e County,2022,male")
    root = write_project(tmp_path, {"source/data/arrests.csv": table})
    found = errors_from(lambda: load_project(root))
    assert [line.split(" Fix:")[0] for line in found] == [
        "source/data/arrests.csv:11:6: error: found U+202E (RIGHT-TO-LEFT OVERRIDE), a "
        "bidirectional control, which reorders the letters around it; the press reads text "
        "only"]


def test_windows_line_endings_and_tabs_in_quotes_are_text(tmp_path: Path) -> None:
    judges = JUDGES.replace(HEADLINE, 'headline: "From the bench,\\ta sentence."')
    root = write_project(tmp_path, {
        "source/data/arrests.csv": CSV.replace("\n", "\r\n"),
        "source/handouts/sample/judges.yaml": judges.replace("\n", "\r\n")})
    project, _ = load_project(root)
    assert project.handouts["sample/judges"].headline == "From the bench,\ta sentence."


def test_nothing_printed_reaches_the_terminal_as_a_control(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path)
    edition = "es\x1b]0;owned\x07\x1b[2J\u202eUS"
    assert main(["check", "--edition", edition, "--root", str(root)]) == 2
    said = capsys.readouterr()
    assert 'there is no edition "es<U+001B>]0;owned<U+0007><U+001B>[2J<U+202E>US"' in said.err
    assert all(visible(line) == line for line in (said.out + said.err).splitlines())
