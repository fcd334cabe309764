"""press.api: the one entry point the command line, watch and the studio share."""

from __future__ import annotations

from pathlib import Path

from press import api
from press.core.target import PROFILES, Target

from .projects import QUOTES, write_project


def test_check_returns_the_problems_each_with_its_field_and_kind(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        "confirmed: true", "confirmed: false")})
    report = api.check(root)
    assert report.ok and report.project is not None
    consent = [p for p in report.warnings if p.file == "source/quotes.yaml"]
    assert [(p.kind, p.field) for p in consent] == [("consent", "0.consent.confirmed")]
    assert [p.kind for p in report.warnings if p.file == "source/brand.yaml"] == ["style"]


def test_a_draft_is_checked_in_place_of_its_file_which_is_not_written(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    path = root / "source/handouts/sample/judges.yaml"
    saved = path.read_bytes()
    draft = saved.decode().replace("stats: [providers-trained]", "stats: [providers-traind]")
    report = api.check(root, drafts={"source/handouts/sample/judges.yaml": draft})
    assert not report.ok and report.stopped == "check"
    [error] = report.errors
    assert (error.file, error.field, error.kind) == (
        "source/handouts/sample/judges.yaml", "stats.0", "error")
    assert 'Did you mean "providers-trained"?' in error.message
    assert path.read_bytes() == saved
    assert api.check(root).ok  # the file on disk is as it was


def test_a_draft_that_is_not_yaml_is_located(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    report = api.check(root, drafts={"source/quotes.yaml": "- id: [unclosed\n"})
    assert report.stopped == "load"
    assert [(p.file, p.line) for p in report.errors] == [("source/quotes.yaml", 2)]


def test_problems_are_ordered_as_staff_fix_them(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        "confirmed: true", "confirmed: false")})
    kinds = [p.kind for p in api.ordered(api.check(root).problems)]
    assert kinds == sorted(kinds, key=["error", "trust", "consent", "layout", "style",
                                       "note"].index)


def test_a_target_names_its_folder() -> None:
    root = Path("/project")
    assert Target().folder(root) == root / "out"
    assert Target(profile="print", edition="es-US").folder(root) == root / "out/es-US/print"
    assert Target(places=("Alder County",)).folder(root) == root / "out/alder-county"
    assert Target(places=("all",)).every_place and Target(places=("all",)).place is None
    assert {name for name, p in PROFILES.items() if p.offered} == {"screen", "print", "grant"}


def test_the_build_key_names_each_library_at_the_version_importlib_finds() -> None:
    """The "nothing changed" path reads the libraries' versions from their metadata folders'
    names (press/core/inputs.py) instead of importing importlib.metadata: the same versions."""
    from importlib.metadata import version

    from press.core.inputs import LIBRARIES, _normalized, library_versions

    found = {_normalized(name.partition("-")[0]): name.removesuffix(".dist-info").partition("-")[2]
             for name in library_versions()}
    assert found == {_normalized(name): version(name) for name in LIBRARIES}
