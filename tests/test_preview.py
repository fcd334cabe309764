"""The preview page in a real browser: Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, copy_project, edit

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


def test_the_preview_shows_every_document_and_page_thumbnail(browser: Any, built: Path) -> None:
    page, errors = open_page(browser, (built / "out" / "index.html").as_uri())
    links = page.eval_on_selector_all("ul.files a[href$='.pdf']",
                                      "links => [...new Set(links.map(a => a.getAttribute('href')))]")
    assert sorted(links) == sorted(p.relative_to(built / "out").as_posix()
                                   for p in (built / "out").rglob("*.pdf"))
    sizes = page.eval_on_selector_all("ul.files img", "imgs => imgs.map(i => i.naturalWidth)")
    assert len(sizes) == 10 + 4 and all(width > 0 for width in sizes), sizes  # PDFs and charts
    assert errors == []


def test_the_preview_reads_at_phone_width(browser: Any, built: Path) -> None:
    page, errors = open_page(browser, (built / "out" / "index.html").as_uri(), 375, 740)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than a phone"
    first = page.eval_on_selector("ul.files img", "i => i.getBoundingClientRect().width")
    assert 100 < first <= 375
    assert errors == []


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_watch_serves_the_preview_and_shows_each_edit(browser: Any, tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    port = free_port()
    process = subprocess.Popen([sys.executable, str(ROOT / "make_report.py"), "watch", "--port",
                                str(port), "--root", str(root)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        assert process.stdout is not None
        while not any("Watching" in line for line in lines):  # the first build is in
            lines.append(process.stdout.readline())
            assert process.poll() is None, "".join(lines)
        page, errors = open_page(browser, f"http://127.0.0.1:{port}/")
        assert page.locator("text=Law Enforcement: for judges").count() >= 1
        page.wait_for_selector("html[data-live='yes']", state="attached")  # listening for rebuilds
        edit(root, "source/handouts/law-enforcement/judges.yaml", "audience: Judges",
             "audience: Judges and magistrates")
        page.wait_for_selector("text=Law Enforcement: for judges and magistrates", timeout=30_000)
        edit(root, "source/handouts/law-enforcement/judges.yaml", "quote: quintecia-danger",
             "quote: quintecia")
        page.wait_for_selector("text=The last edit did not build", timeout=30_000)
        assert page.locator("text=unknown quote id").count() == 1
        assert (root / "out/handouts/law-enforcement-judges.pdf").is_file()  # the last good one
        assert errors == []
    finally:
        process.terminate()
        process.wait(timeout=10)
