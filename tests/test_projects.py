"""The small project tests write for themselves checks clean, so a test's own edit is what
its problems come from."""

from __future__ import annotations

from pathlib import Path

from press.make.check import run_check

from .projects import write_project


def test_the_sample_project_checks_with_only_the_learn_more_warning(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    checked = run_check(root)
    assert not checked.problems.errors
    assert [p.file for p in checked.problems.warnings] == ["source/brand.yaml"]


def test_a_file_left_out_is_not_written(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": None,
                                    "source/notes.txt": "extra"})
    assert not (root / "source/handouts/sample/judges.yaml").exists()
    assert (root / "source/notes.txt").read_text(encoding="utf-8") == "extra"
