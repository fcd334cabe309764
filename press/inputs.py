"""Everything a build reads, as one fingerprint, so a build that would change nothing can
say so at once: without reading a YAML file, drawing a chart or starting WeasyPrint.

The fingerprint covers every file in source/ and layouts/, the press's own code and the
versions of the libraries that shape a PDF, and the build's own settings (profile, place,
date, strictness, SOURCE_DATE_EPOCH). It is written into the manifest of each build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from importlib.metadata import version
from pathlib import Path

from . import files
from .manifest import FOLDERS, Summary, summary

LIBRARIES = ("weasyprint", "pypdf", "jinja2", "matplotlib", "uharfbuzz", "pypdfium2",
             "pydantic", "pyyaml", "citeproc-py", "textstat", "pyspellchecker")


def slug_of(text: str) -> str:
    """'Judges Final' -> 'judges-final'; 'Élus locaux' -> 'elus-locaux' (names of files and
    folders are plain ASCII: every system, print shop and funder's portal takes them)."""
    from anyascii import anyascii

    ascii_text = anyascii(text)
    return "-".join("".join(c.lower() if c.isascii() and c.isalnum() else " "
                            for c in ascii_text).split())


def out_dir(root: Path, profile: str, jurisdiction: str | None = None) -> Path:
    """out/ for the screen profile, out/<profile>/ for others, out/<place>/ for a place."""
    folder = root / "out" if profile == "screen" else root / "out" / profile
    if not jurisdiction:
        return folder
    slug = slug_of(jurisdiction)
    return folder / (f"place-{slug}" if slug in FOLDERS else slug)


def fingerprint(root: Path, profile: str, jurisdiction: str | None, today: dt.date,
                strict: bool) -> str:
    """Everything a build of this target reads: the sources and the build's settings."""
    settings = [profile, slug_of(jurisdiction or ""), today.isoformat(), strict,
                os.environ.get("SOURCE_DATE_EPOCH", "")]
    return hashlib.sha256(json.dumps([settings, sources(root)]).encode()).hexdigest()


def sources(root: Path) -> str:
    """A digest of what any build of the project reads (source/, layouts/, the press and
    the libraries that shape a PDF), whatever the target: a folder in out/ made from other
    sources is out of date."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for folder, base in ((root / "source", root), (root / "layouts", root),
                         (here, here.parent), (here.parent / "charts", here.parent)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(base).as_posix()} {files.digest(path)}\n".encode())
    digest.update(" ".join(version(name) for name in LIBRARIES).encode())
    return digest.hexdigest()


def unchanged(root: Path, profile: str, jurisdiction: str | None, today: dt.date,
              strict: bool) -> Summary | None:
    """What the build already in out/ holds, if it was made from exactly these inputs and
    every file it lists is whole on disk (a folder that lost a document to a withdrawn
    consent keeps no fingerprint), else None."""
    folder = out_dir(root, profile, jurisdiction)
    found = summary(folder)
    if found is None or not found.fingerprint or found.fingerprint != fingerprint(
            root, profile, jurisdiction, today, strict):
        return None
    for file in found.files:
        path = folder / file
        if not path.is_file() or (file in found.sizes and path.stat().st_size != found.sizes[file]):
            return None
    return found
