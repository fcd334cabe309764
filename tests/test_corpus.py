"""At least forty broken inputs: each gets its own located, actionable message."""

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

TODAY = dt.date(2026, 11, 28)


def apply(root: Path, rel: str, old: str | None, new: str) -> None:
    path = root / rel
    if old is None:
        if new.isascii():
            path.write_text(new, encoding="utf-8")
        else:
            path.write_bytes(new.encode("latin-1"))
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors_for(root: Path, case: tuple[str, str, str | None, str]) -> list[str]:
    _, rel, old, new = case
    apply(root, rel, old, new)
    try:
        run_check(root, Target(date=TODAY, strict=case[0] in STRICT))
    except BuildError as error:
        return [p.format() for p in error.problems if p.severity == "error"
                and (case[0] not in STRICT or p.file == rel)]
    return []


STRICT = {"unknown-key-strict"}


def test_the_corpus_is_large_and_distinct() -> None:
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)
    assert set(EXPECTED) == {c[0] for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_broken_input_gets_one_located_message(project: Path,
                                               case: tuple[str, str, str | None, str]) -> None:
    errors = errors_for(project, case)
    assert errors == [EXPECTED[case[0]]]


def test_a_file_name_that_is_not_an_id_is_refused(project: Path) -> None:
    folder = project / "source/handouts/law-enforcement"
    (folder / "judges.yaml").rename(folder / "Judges Final.yaml")
    assert errors_from(lambda: run_check(project, Target(date=TODAY))) == [
        'source/handouts/law-enforcement/Judges Final.yaml: error: the file name '
        '"Judges Final.yaml" is also the '
        "document's name and must be lowercase letters, digits and hyphens Fix: rename it to "
        '"judges-final.yaml"']


def test_a_damaged_font_file_is_reported_not_a_crash(project: Path) -> None:
    (project / "layouts/fonts/SourceSans3-Regular.ttf").write_bytes(b"not a font")
    with pytest.raises(BuildError) as caught:
        run_check(project, Target(date=TODAY))
    assert any(p.message.startswith("a font file in layouts/fonts/ cannot be read")
               for p in caught.value.problems)
