"""Shared fixtures: the small sample project's build (tests/projects.py), a private copy of
the real project, and one real build of it.

Tests write the small project they need (tests/projects.py). The real chapter (source/ and
layouts/, through `project`, `built`, `warm_caches` or `copy_project`) is kept for ten
end-to-end tests of the seed itself, the chapter staff keep and the guide teaches with:

- test_build: test_the_seed_builds_every_document_whole (every document, page and packet of
  the seed, sound pages) and test_the_seeds_figures_reach_the_pdf_with_their_sources;
- test_visual: test_every_page_of_the_seed_matches_its_golden_text (tests/golden/);
- test_readers: test_every_reader_opens_every_pdf (../shared/tools/check-pdf on the seed);
- test_cli: test_check_passes_on_the_real_sources (the sources as kept check clean);
- test_editions: test_the_seeds_spanish_example_is_built_beside_the_english_and_reads_in_spanish
  (the seed's own translations);
- test_guide_examples: the four worked examples of the user guide that change the seed's
  charts, references and training as the guide tells staff to (cde, two files, the training,
  a published table), run exactly as written.

A new test that needs more than the sample adds a named variant to tests/projects.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from press.core.problems import BuildError

ROOT = Path(__file__).resolve().parent.parent
# Today, for every test and every process a test starts: consent, the age of references and
# what-if dates are judged against it, so the suite gives the same answers on any day.
os.environ.setdefault("PRESS_TODAY", "2026-11-28")


# A test that builds PDFs, renders pages or starts processes is marked slow where it is (on
# the test, or a module's pytestmark); one that asks for a built project or a browser is
# slow by that alone.
BUILDING_FIXTURES = {"built", "warm_caches", "sample_built", "browser"}
CACHES = (".press-cache/charts", ".press-cache/memo")  # what a copy may reuse of a build


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _typesetting_is_slow(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked slow typesets nothing: `make test-fast` is the loop of tests that
    build no PDF, so a test that lays out a page (here, or in a worker forked from here) fails
    with the mark to add. (A test that builds in a child process is marked by hand.)"""
    if request.node.get_closest_marker("slow"):
        return
    from press.layout import typeset

    def refused(job: typeset.Job, view: typeset.DocumentView) -> typeset.Typeset:
        raise AssertionError(f"{request.node.nodeid} typesets {view.file}: mark it "
                             "@pytest.mark.slow (make test-fast runs the tests that build no PDF)")

    monkeypatch.setattr(typeset.Job, "run", refused)


def copy_project(target: Path, warm: Path | None = None) -> Path:
    """source/ and layouts/ copied to `target`; with `warm`, the charts drawn and the answers
    remembered by a build of the same sources there (keyed by content: reused only where
    a test's edit leaves them true), so a test's build draws only what its edit changed."""
    for name in ("source", "layouts"):
        shutil.copytree(ROOT / name, target / name)
    for name in CACHES if warm else ():
        if (warm / name).is_dir():
            shutil.copytree(warm / name, target / name)
    return target


@pytest.fixture(scope="session")
def warm_caches(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of the real sources, made once per test process: its caches warm each copy."""
    from press.make.build import build

    root = copy_project(tmp_path_factory.mktemp("warm"))
    build(root)
    return root


@pytest.fixture
def project(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    """A copy of source/ and layouts/ that a test may break (a slow test's copy starts with
    the charts and remembered answers of a build of the real sources)."""
    warm = request.getfixturevalue("warm_caches") if request.node.get_closest_marker("slow") \
        else None
    return copy_project(tmp_path / "project", warm)


def at(root: Path, rel: str, line_has: str, column_at: str | None = None, *,
       after: str | None = None) -> str:
    """"rel:line:column" of the first line of root/rel that holds `line_has`, at the first
    `column_at` in it, or just `after` some text (by default, at its first character that is
    not a space). Tests name a place in a file by its words, so an edit of the seed moves no
    expectation."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines, 1) if line_has in text)
    text = lines[number - 1]
    column = (text.index(column_at) + 1 if column_at else
              text.index(after) + len(after) + 1 if after else
              len(text) - len(text.lstrip()) + 1)
    return f"{rel}:{number}:{column}"


def alive(pid: int) -> bool:
    """Whether process `pid` is running (a zombie, finished but not yet reaped, is not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def edit(root: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace `old` with `new` in root/rel; fails loudly if `old` is not there."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def built(warm_caches: Path) -> Iterator[Path]:
    """The real sources built once into a private out/ (only read by the tests)."""
    yield warm_caches


@pytest.fixture(scope="session")
def sample_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small sample project (tests/projects.py) built once per test process: read it, or
    copy it (shutil.copytree) to change it."""
    from press.make.build import build

    from .projects import write_project

    root = write_project(tmp_path_factory.mktemp("sample"))
    build(root)
    return root


def errors_from(action: Callable[[], object]) -> list[str]:
    """The error messages `action` stops with; it must stop with BuildError."""
    with pytest.raises(BuildError) as caught:
        action()
    return [p.format() for p in caught.value.problems if p.severity == "error"]
