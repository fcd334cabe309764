"""A fix the press offers applies to the document as it is (issue 23): no "use one
statistic" to a handout with one, no "send the brief alone" for a brief already alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import cast

from press.content.compose import DocumentView
from press.core.names import handout_file
from press.layout.render import Fit
from press.layout.typeset import Job
from press.pdf.funder_rules import Verdict, _fix
from press.source.load import load_project

from .projects import JUDGES, write_project


def overflow_fix(root: Path, block: str, dropped: list[str] | None = None) -> str:
    project, _ = load_project(root)
    key = next(k for k in project.handouts if k.endswith("judges"))
    job = Job(project, {}, "screen", dt.date(2026, 11, 1), None, "")
    view = cast(DocumentView, SimpleNamespace(slug=key, file=handout_file(key)))  # what it reads
    return job._overflow(view, Fit(1, 59.0, block), 2, dropped or []).hint


def test_a_handout_with_one_statistic_is_not_told_to_use_one(tmp_path: Path) -> None:
    root = write_project(tmp_path / "one", {})
    assert "stats: [providers-trained]\n" in JUDGES
    said = overflow_fix(root, "stat-1")
    assert "one statistic" not in said, said
    assert said.startswith("cut about 5 lines from the why text or the actions, or use a "
                           "shorter quote"), said
    assert "shorter quote" not in overflow_fix(root, "stat-1", ["quote"])
    assert "one statistic" not in overflow_fix(root, "quote")
    two = JUDGES.replace("stats: [providers-trained]", "stats: [providers-trained, "
                         "brook-women-share]")
    root = write_project(tmp_path / "two", {"source/handouts/sample/judges.yaml": two})
    assert overflow_fix(root, "stat-1").startswith("use one statistic, or use a shorter quote")
    assert overflow_fix(root, "quote").startswith("use a shorter quote, or one statistic")


def test_a_page_limit_offers_to_send_the_brief_alone_only_for_a_packet() -> None:
    packet = Verdict("grant/f/sample-packet.pdf", "page_limit", False, "9", "at most 2",
                     kind="packet")
    brief = Verdict("grant/f/sample-brief.pdf", "page_limit", False, "4", "at most 2",
                    kind="brief")
    assert "send the brief alone" in _fix(packet)
    assert "alone" not in _fix(brief) and "shorten the brief to 2 pages" in _fix(brief)
