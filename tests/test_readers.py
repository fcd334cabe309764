"""Every PDF opened by the independent readers of ../shared/tools/check-pdf."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes

CHECK_PDF = ROOT.parent / "shared" / "tools" / "check-pdf"


@pytest.mark.skipif(not CHECK_PDF.exists(), reason="../shared/tools/check-pdf is not here")
def test_every_reader_opens_every_pdf(built: Path) -> None:
    pdfs = sorted(str(p) for p in (built / "out").rglob("*.pdf"))
    result = subprocess.run([str(CHECK_PDF), *pdfs], capture_output=True, text=True,
                            timeout=900, check=False, env={**os.environ})
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert result.returncode == 0 and not failures, result.stdout + result.stderr
    assert result.stdout.count("PASS  pdfua") == len(pdfs)
