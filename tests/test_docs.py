"""The README a newcomer reads first, and the user guide under docs/: the two commands at the
top, links that resolve, every page in the site MkDocs builds offline (strict, so a broken
link fails it), and every guide page a message or a comment sends staff to."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from press.make.check import run_check

from .guide import ROOT, examples, follow
from .projects import JUDGES, write_project

LINK = re.compile(r"\]\(([^)\s]+)\)")
WEB = re.compile(r"^[a-z][a-z0-9+.-]*:")  # https:, mailto:
DOCS = ROOT / "docs"


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_opens_with_the_two_commands_and_is_short() -> None:
    first_block = re.search(r"^```\n(.*?)^```$", readme(), re.MULTILINE | re.DOTALL)
    assert first_block and first_block[1] == "make pdfs\nmake test\n"
    assert "\nmake test\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(readme().splitlines()) <= 180


def test_every_relative_link_in_the_readme_is_a_file() -> None:
    targets = [t for t in LINK.findall(readme()) if not WEB.match(t) and not t.startswith("#")]
    assert targets
    missing = [t for t in targets if not (ROOT / t.split("#")[0]).is_file()]
    assert not missing
    linked = {Path(t.split("#")[0]).name for t in targets if t.startswith("docs/")}
    assert linked == {p.name for p in DOCS.glob("*.md")} - {"index.md"}


def test_every_page_of_the_guide_is_in_its_nav() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = [page for entry in config["nav"] for page in entry.values()]
    assert sorted(nav) == sorted(p.name for p in DOCS.glob("*.md"))
    assert "plugins" not in config  # none that would reach the network
    assert config["theme"]["name"] in {"mkdocs", "readthedocs"}


def test_the_guide_has_its_examples() -> None:
    assert {k: len(v) for k, v in examples().items()} == {"quote": 1, "cde": 3, "agency": 3,
                                                           "two-files": 3, "nibrs": 3,
                                                           "table": 2, "training": 1}


def test_the_readme_quote_is_printed_within_its_consent(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": JUDGES.replace(
        "quote: rosa-ready", "quote: advocate-listen")})
    follow(root, "quote")
    result = run_check(root)  # raises on an error
    said = [p.format() for p in result.problems.items if "advocate-listen" in p.format()]
    assert said and all("confirmed" in line and "warning" in line for line in said), said


def test_each_guide_page_a_message_or_comment_names_is_there() -> None:
    files = [*ROOT.glob("press/**/*.py"), *ROOT.glob("source/**/*.yaml")]
    named = {m for f in files for m in re.findall(r"docs/[\w-]+\.md", f.read_text(encoding="utf-8"))}
    assert named and all((ROOT / page).is_file() for page in named), named
    pointing = [f.relative_to(ROOT).as_posix() for f in files
                if re.search(r"\bREADME\b", f.read_text(encoding="utf-8"))]
    assert not pointing  # the README keeps only the everyday tasks: a message names the page


def mkdocs(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                           str(config), "--site-dir", str(site)],
                          capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.slow
def test_the_site_builds_offline_with_every_page(tmp_path: Path) -> None:
    done = mkdocs(ROOT / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    for page in DOCS.glob("*.md"):
        html = (tmp_path / "site" / page.with_suffix(".html").name).read_text(encoding="utf-8")
        loads = re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"", html)
        assert loads and not [u for u in loads if WEB.match(u)], (page.name, loads)


@pytest.mark.slow
def test_a_broken_link_stops_the_site(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(DOCS, tmp_path / "docs")
    rules = tmp_path / "docs" / "rules.md"
    rules.write_text(rules.read_text(encoding="utf-8") + "\nSee [the charts](chart.md).\n",
                     encoding="utf-8")
    done = mkdocs(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0 and "chart.md" in done.stderr
