"""The preview page in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from press.commands.watch import WATCHING

from .projects import ROOT, write_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make test "
                                "installs Debian's chromium package where apt-get can)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


def open_page(browser: Any, url: str, width: int = 1280, height: int = 900
              ) -> tuple[Any, list[str]]:
    """A page at `url`, and the console errors it logs."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


def test_the_preview_shows_every_document_and_page_thumbnail(browser: Any,
                                                             sample_built: Path) -> None:
    built = sample_built
    page, errors = open_page(browser, (built / "out" / "index.html").as_uri())
    links = page.eval_on_selector_all("ul.files a[href$='.pdf']",
                                      "links => [...new Set(links.map(a => a.getAttribute('href')))]")
    assert sorted(links) == sorted(p.relative_to(built / "out").as_posix()
                                   for p in (built / "out").rglob("*.pdf"))
    sizes = page.eval_on_selector_all("ul.files img", "imgs => imgs.map(i => i.naturalWidth)")
    # the brief, its packet and two handouts; the sample's two charts
    assert len(sizes) == 4 + 2 and all(width > 0 for width in sizes), sizes
    assert errors == []


def test_the_preview_reads_at_phone_width(browser: Any, sample_built: Path) -> None:
    page, errors = open_page(browser, (sample_built / "out" / "index.html").as_uri(), 375, 740)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than a phone"
    first = page.eval_on_selector("ul.files img", "i => i.getBoundingClientRect().width")
    assert 100 < first <= 375
    assert errors == []


def watched(root: Path, edit: str, old: str, new: str) -> None:
    """Save `edit` with `old` replaced by `new`, as an editor saves it."""
    path = root / edit
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_watch_serves_the_preview_and_shows_each_edit(browser: Any, tmp_path: Path) -> None:
    """`make_report.py watch` as staff run it: the printed address (with its token) opens
    the studio's preview page, which shows each save's rebuild by itself, and a broken
    edit's error in an alert that stays in view wherever the page is scrolled."""
    root = write_project(tmp_path / "project")
    handout = "source/handouts/sample/judges.yaml"
    process = subprocess.Popen([sys.executable, str(ROOT / "make_report.py"), "watch", "--port",
                                "0", "--root", str(root)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline()]
        address = re.search(r"http://127\.0\.0\.1:\d+/preview\?token=\S+", lines[0])
        assert address, lines
        while WATCHING not in lines[-1]:  # the first build is in
            lines.append(process.stdout.readline())
            assert process.poll() is None, "".join(lines)
        page, errors = open_page(browser, address.group(0), 1366, 800)
        page.on("response", lambda answer: errors.append(f"{answer.status} {answer.url}")
                if answer.status >= 400 else None)
        assert page.url.endswith("/preview")  # the token became a cookie
        assert page.locator("h2", has_text="Sample: for judges").count() == 1
        pages = page.eval_on_selector_all(".preview-pages img", "imgs => imgs.length")
        assert pages == 3 + 1 + 1 + 5  # the brief, two handouts, the packet: every page
        watched(root, handout, "audience: Judges", "audience: Judges and magistrates")
        page.wait_for_selector("h2:has-text('Sample: for judges and magistrates')",
                               timeout=120_000)
        watched(root, handout, "quote: rosa-ready", "quote: rosa")
        alert = page.wait_for_selector("[role=alert]:has-text('The last edit did not build')",
                                       timeout=120_000)
        assert "Unknown quote id" in alert.inner_text()
        assert (root / "out/handouts/sample-judges.pdf").is_file()  # the last good one
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = alert.bounding_box()
        assert page.evaluate("window.scrollY") > 500 and 0 <= box["y"] < 200, box
        watched(root, handout, "quote: rosa", "quote: rosa-ready")
        page.wait_for_selector("[role=alert]", state="detached", timeout=120_000)
    finally:
        process.send_signal(signal.SIGINT)
        said, _ = process.communicate(timeout=60)
    assert errors == [], (errors, said)
    assert "source/handouts/sample/judges.yaml: handouts/sample-judges.pdf on disk" in said
    assert 'judges.yaml:11:8: error: unknown quote id "rosa"' in said
    assert said.endswith("\nStopped watching; out/ holds the last good build.\n"), said
