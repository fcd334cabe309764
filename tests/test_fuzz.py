"""Fuzzing the readers: any cell of a CSV, any scalar of a YAML file, ends in located
messages or a correct result, never an internal error."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from press.core.problems import BuildError
from press.core.target import Target
from press.make.check import run_check
from press.source.cells import parse_count
from press.source.load import load_project

from .projects import SAMPLE, write_project

SCALE = float(os.environ.get("FUZZ_SCALE", "1"))  # 10 for a longer hunt; make test-fast: 0.2
CSV = "source/data/arrests.csv"  # the sample project's table (tests/projects.py)
LINES = SAMPLE[CSV].splitlines()
CELL_TEXT = st.one_of(
    st.text(max_size=12),
    st.text(alphabet="0123456789,.-e¹²³ \u2014\u2212\"'\n;", max_size=10),
    st.from_regex(r"[0-9]{1,3}(,[0-9]{3}){0,2}", fullmatch=True),
)


def located(error: BuildError) -> None:
    """Every problem names a file of the project; every error says how to fix it."""
    for problem in error.problems:
        assert problem.file.startswith(("source", "layouts")), problem.format()
        assert problem.line >= 0 and problem.column >= 0
        if problem.severity == "error":
            assert problem.hint, problem.format()
        assert "Traceback" not in problem.format()


def with_cell(line: int, column: int, text: str) -> str:
    """The sample's CSV with one cell replaced, quoted the way a spreadsheet would quote it."""
    rows = [row.split(",") for row in LINES]
    rows[line][column] = '"' + text.replace('"', '""') + '"' if any(
        c in text for c in ',"\n\r') else text
    return "\n".join(",".join(row) for row in rows) + "\n"


@settings(max_examples=int(150 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.integers(1, len(LINES) - 1), column=st.integers(0, 4), text=CELL_TEXT)
def test_any_text_in_any_cell_is_read_or_located(line: int, column: int, text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder) / "p")
        (root / CSV).write_text(with_cell(line, column, text), encoding="utf-8")
        try:
            project, _ = load_project(root)
        except BuildError as error:
            located(error)
            return
    row = LINES[line].split(",")
    if column == 3:  # a count that was accepted is the number written, nothing else
        count = parse_count(text)
        assert count is not None
        assert any(r.count == count and r.year == int(row[1]) and r.group == row[2]
                   for r in project.tables["arrests"].rows)


@settings(max_examples=int(60 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.integers(1, len(LINES) - 1), data=st.binary(max_size=16))
def test_any_bytes_in_a_line_are_read_or_located(line: int, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder) / "p")
        raw = [row.encode() for row in LINES]
        raw[line] = raw[line][:20] + data
        (root / CSV).write_bytes(b"\n".join(raw) + b"\n")
        try:
            load_project(root)
        except BuildError as error:
            located(error)


YAML_FILES = ["source/settings.yaml", "source/brand.yaml", "source/stats.yaml",
              "source/charts.yaml", "source/quotes.yaml", "source/references.yaml",
              "source/data/arrests.yaml", "source/briefs/sample.yaml",
              "source/handouts/sample/judges.yaml"]
SCALARS = st.one_of(
    st.text(max_size=30), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.booleans(), st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(["{jurisdiction}", "{nope}", "[stat:nope]", "<b>x</b>", "2031", "FBI",
                     "Boston", "sample", "female", "\u2014", "642,5", "../../etc/passwd"]),
)


def _scalar_paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _scalar_paths(v, (*here, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _scalar_paths(v, (*here, i))]
    return [here]


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)  # type: ignore[index]
    return copy


@settings(max_examples=int(60 * SCALE), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.sampled_from(YAML_FILES), pick=st.integers(0, 10**6), new=SCALARS)
def test_any_scalar_in_any_yaml_file_is_checked_or_located(which: str, pick: int,
                                                          new: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder) / "p")
        data = yaml.safe_load((root / which).read_text(encoding="utf-8"))
        paths = _scalar_paths(data)
        changed = _replace(data, paths[pick % len(paths)], new)
        (root / which).write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False),
                                  encoding="utf-8")
        try:
            run_check(root, Target(date=dt.date(2026, 11, 28)))
        except BuildError as error:
            located(error)
        shutil.rmtree(root / ".press-cache", ignore_errors=True)
