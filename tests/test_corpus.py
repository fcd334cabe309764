"""At least forty broken inputs, each in the small sample project (tests/projects.py): each
gets its own located, actionable message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from press.core.problems import BuildError
from press.core.target import Target
from press.make.check import run_check

from .conftest import errors_from
from .corpus_cases import CASES
from .expected_messages import EXPECTED
from .projects import SAMPLE, replaced, write_project

TODAY = dt.date(2026, 11, 28)


def broken(case: tuple[str, str, str | None, str]) -> dict[str, str | bytes]:
    """The sample's file `case` names, broken as the case says."""
    _, rel, old, new = case
    if old is None:
        return {rel: new if new.isascii() else new.encode("latin-1")}
    return {rel: replaced(SAMPLE[rel], old, new)}


def errors_for(root: Path, case: tuple[str, str, str | None, str]) -> list[str]:
    """The error messages a check of the sample, written into `root` with `case`'s file
    broken, stops with (in strict mode, those about that file)."""
    write_project(root, broken(case))
    try:
        run_check(root, Target(date=TODAY, strict=case[0] in STRICT))
    except BuildError as error:
        return [p.format() for p in error.problems if p.severity == "error"
                and (case[0] not in STRICT or p.file == case[1])]
    return []


STRICT = {"unknown-key-strict"}


def test_the_corpus_is_large_and_distinct() -> None:
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)
    assert set(EXPECTED) == {c[0] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_gets_one_located_message(tmp_path: Path,
                                               case: tuple[str, str, str | None, str]) -> None:
    errors = errors_for(tmp_path, case)
    assert errors == [EXPECTED[case[0]]]


def test_a_file_name_that_is_not_an_id_is_refused(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"source/handouts/sample/judges.yaml": None,
                                       "source/handouts/sample/Judges Final.yaml":
                                       SAMPLE["source/handouts/sample/judges.yaml"]})
    assert errors_from(lambda: run_check(project, Target(date=TODAY))) == [
        'source/handouts/sample/Judges Final.yaml: error: the file name '
        '"Judges Final.yaml" is also the '
        "document's name and must be lowercase letters, digits and hyphens Fix: rename it to "
        '"judges-final.yaml"']


def test_a_damaged_font_file_is_reported_not_a_crash(tmp_path: Path) -> None:
    project = write_project(tmp_path)
    (project / "layouts/fonts/SourceSans3-Regular.ttf").write_bytes(b"not a font")
    with pytest.raises(BuildError) as caught:
        run_check(project, Target(date=TODAY))
    assert any(p.message.startswith("a font file in layouts/fonts/ cannot be read")
               for p in caught.value.problems)
