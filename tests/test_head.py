"""A handout's head: the audience set flush right keeps its ink inside the text area."""

from __future__ import annotations

from pathlib import Path

import pytest

from press.make.build import build

from .projects import ADVOCATES, JUDGES, write_project

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes


@pytest.mark.parametrize("audience", ["Chief of staff", "Group home staff"])
def test_an_audience_ending_in_f_stays_inside_the_text_area(tmp_path: Path, audience: str) -> None:
    """A bold "f" reaches past its advance: set last on a flush-right line it crossed the
    margin by 1.5 pt, and the judge stopped the build, with a fix staff could not act on."""
    sparse = ADVOCATES.replace("  - step: connect\n    text: Know the housing, health and legal "
                               "services you can call today.\n", "").replace(
        "chart: alder-trend\n", "")  # one action, no chart: the one-column layout
    root = write_project(tmp_path, {
        "source/handouts/sample/judges.yaml": JUDGES.replace("audience: Judges",
                                                              f"audience: {audience}"),
        "source/handouts/sample/victim-advocates.yaml": sparse.replace(
            "audience: Victim advocates", f"audience: {audience} (court)")})
    result = build(root)
    assert not [p for p in result.problems.items if "text area" in p.message]
    assert (root / "out/handouts/sample-judges.pdf").is_file()
