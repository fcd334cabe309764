"""Output names: a place's folder or a document's file is never empty, never the root of out/,
never shared; the command line refuses a place it cannot build. Nothing here builds a PDF:
each case stops (or is named) before anything is typeset."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from press.commands import cli
from press.content.outnames import hashed
from press.core.names import FOLDERS, out_dir, place_folder
from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build, build_places
from press.make.check import run_check
from press.source.load import load_project

from .projects import CSV, JUDGES, write_project

DAY = dt.date(2026, 11, 28)  # a build's date


def rows(place: str, years: tuple[int, ...] = (2022, 2023)) -> str:
    return "".join(f"{place},{year},{sex},{count},county-records\n"
                   for year in years for sex, count in (("female", 5), ("male", 6)))


def with_places(tmp_path: Path, *places: str) -> Path:
    return write_project(tmp_path, {"source/data/arrests.csv": CSV + "".join(map(rows, places))})


@pytest.mark.parametrize("place", ["—", "=+-", "~ ~", "  —  ", "???"])
def test_a_name_with_no_letter_or_digit_gets_a_folder_named_by_its_hash(place: str) -> None:
    folder = place_folder(place)
    assert folder.startswith("place-") and len(folder) == len("place-") + 8
    assert folder == place_folder(place)  # the same at every build
    assert out_dir(Path("/p"), "screen", place) != Path("/p/out")
    assert out_dir(Path("/p"), "grant", place).parent == Path("/p/out/grant")


def test_folder_names_differ_for_different_names_and_never_take_a_build_folders_own() -> None:
    assert len({place_folder(p) for p in ("—", "=+-", "~ ~", "\u2013", "·")}) == 5
    assert place_folder("—") == place_folder(" — ")  # as typed, spaces aside
    assert {place_folder(name) for name in FOLDERS} == {f"place-{name}" for name in FOLDERS}
    long = place_folder("Town " * 100)
    assert len(long) <= 60 and long.startswith("town-town") and long != place_folder("Town " * 99)
    assert Target(places=("—",), date=DAY).key(Path("/nowhere")) != Target(date=DAY).key(
        Path("/nowhere"))


def test_a_hashed_folder_is_said_at_the_places_first_row(tmp_path: Path) -> None:
    root = with_places(tmp_path, "—")
    project, _ = load_project(root)
    [note] = hashed(project, "—", "out/place-bda05058")
    assert note.format() == (
        'source/data/arrests.csv:14:1: note: the place "—" has no letter or digit to name its '
        "folder, so its handouts go into out/place-bda05058/, named from a short hash of the "
        "place's name (the same at every build)")
    assert place_folder("—") == "place-bda05058"
    assert hashed(project, "Alder County", "out/alder-county") == []


CLASH = (
    'source/data/arrests.csv:18:1: error: the places "New York" (line 14) and "NEW-YORK" '
    '(line 18) would be built into one folder, "new-york/" (a folder\'s name keeps only '
    "letters and digits), so one place's handouts would overwrite the other's Fix: if they "
    'are one place, write `place_names: { "NEW-YORK": "New York" }` in '
    "source/data/arrests.yaml; if not, name one of them differently there (`place_names: "
    '{ "NEW-YORK": ... }`), with other letters or digits')


def test_two_places_that_would_share_a_folder_stop_every_place_build(tmp_path: Path) -> None:
    root = with_places(tmp_path, "New York", "NEW-YORK")
    for attempt in (lambda: build_places(root, Target(places=("all",))),
                    lambda: build_places(root, Target(places=("NEW-YORK",))),
                    lambda: build(root, Target(places=("new york",)))):
        with pytest.raises(BuildError) as stopped:
            attempt()
        assert [p.format() for p in stopped.value.problems if p.severity == "error"] == [CLASH]
    assert not (root / "out").exists()


def test_a_place_beside_them_is_not_stopped_by_their_clash(tmp_path: Path) -> None:
    from press.content.outnames import clashes

    project, _ = load_project(with_places(tmp_path, "New York", "NEW-YORK"))
    assert clashes(project, ["Alder County"]) == []
    assert len(clashes(project, ["New York", "NEW-YORK"])) == 1  # one error per folder


@pytest.mark.parametrize(("rel", "message"), [
    ("source/handouts/sample/sample-judges.yaml",
     'source/handouts/sample/sample-judges.yaml:1:1: error: this handout would be written to '
     '"handouts/sample-judges.pdf", and source/handouts/sample/judges.yaml to '
     '"handouts/sample-judges.pdf": one name ("sample-judges"), so one would overwrite the '
     "other Fix: rename one of the two files (a handout's file name need not repeat its "
     "chapter's)"),
    ("source/handouts/sample/brief.yaml",  # its preview would be the brief's
     'source/handouts/sample/brief.yaml:1:1: error: this handout would be written to '
     '"handouts/sample-brief.pdf", and source/briefs/sample.yaml to "sample-brief.pdf": one '
     'name ("sample-brief"), so one would overwrite the other Fix: rename one of the two files '
     "(a handout's file name need not repeat its chapter's)"),
])
def test_two_documents_that_would_share_a_name_are_an_error(tmp_path: Path, rel: str,
                                                            message: str) -> None:
    root = write_project(tmp_path, {rel: JUDGES})
    with pytest.raises(BuildError) as stopped:
        run_check(root)
    assert message in [p.format() for p in stopped.value.problems]


def run(root: Path, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = cli.main([*argv, "--root", str(root)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(("argv", "said"), [
    (["build", "--jurisdiction", ""],
     'make_report.py build --jurisdiction: error: found an empty place name (--jurisdiction "") '
     "Fix: write the place's name, e.g. --jurisdiction \"Massachusetts\"; leave --jurisdiction "
     "out to build the chapter's documents, or write --jurisdiction all for every place"),
    (["build", "--jurisdiction", "Alder County", "--jurisdiction", "  "],
     'make_report.py build --jurisdiction: error: found an empty place name'),
    (["build", "--jurisdiction", "all", "--jurisdiction", "Alder County"],
     'make_report.py build --jurisdiction: error: "all" means every place the data has, and it '
     'was given with "Alder County" Fix: write --jurisdiction all alone for every place, or '
     "name each place you want with its own --jurisdiction"),
])
def test_a_place_the_command_cannot_build_is_a_plain_message(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str) -> None:
    root = write_project(tmp_path)
    code, output = run(root, *argv, capsys=capsys)
    assert code == cli.EXIT_INPUT
    assert said in output and "Traceback" not in output and "Internal error" not in output
    assert "Nothing in out/ was changed." in output
    assert not (root / "out").exists()


def test_a_new_handout_with_a_name_too_long_for_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_project(tmp_path)
    code, output = run(root, "new", "handout", "Probation officers " * 30, capsys=capsys)
    assert code == cli.EXIT_INPUT
    assert ("source: error: the audience's name is 569 characters long, found \"Probation "
            "officers Probation officers Probation o…\"; files are named from it, so it may "
            "have at most 60 Fix: write a shorter name, e.g. \"Probation officers\" (the "
            "file's words can say more)") in output
    code, output = run(root, "new", "handout", "Judges\x1b]0;owned\x07", capsys=capsys)
    assert code == cli.EXIT_INPUT and "\x1b" not in output and "a character that is not text" in output
    assert sorted(p.name for p in (root / "source/handouts/sample").iterdir()) == [
        "judges.yaml", "victim-advocates.yaml"]


def test_a_place_whose_name_the_fonts_cannot_print_is_not_built(tmp_path: Path) -> None:
    root = with_places(tmp_path, "東京")
    with pytest.raises(BuildError) as stopped:
        build_places(root, Target(places=("all",)))
    assert [p.format() for p in stopped.value.problems if p.severity == "error"] == [
        'source/data/arrests.csv:14:1: error: the place "東京": the brand fonts have no glyph '
        "for 京 (U+4EAC) 東 (U+6771), so its name would print with blank boxes Fix: write the "
        "place's name under place_names in the descriptor with characters the fonts have, or "
        "use Latin characters, or add a font that covers this script to layouts/fonts/ and "
        "brand.yaml"]
    assert not (root / "out").exists()
