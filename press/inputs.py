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
from typing import Any

from . import files

LIBRARIES = ("weasyprint", "pypdf", "jinja2", "matplotlib", "uharfbuzz", "pypdfium2",
             "pydantic", "pyyaml", "citeproc-py", "textstat", "pyspellchecker")
RESERVED = {"handouts", "charts", "preview", "print", "grant", "sheets"}  # folders of out/ itself


def slug_of(text: str) -> str:
    """'Judges Final' -> 'judges-final'."""
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in text).split())


def out_dir(root: Path, profile: str, jurisdiction: str | None = None) -> Path:
    """out/ for the screen profile, out/<profile>/ for others, out/<place>/ for a place."""
    folder = root / "out" if profile == "screen" else root / "out" / profile
    if not jurisdiction:
        return folder
    slug = slug_of(jurisdiction)
    return folder / (f"place-{slug}" if slug in RESERVED else slug)


def fingerprint(root: Path, profile: str, jurisdiction: str | None, today: dt.date,
                strict: bool) -> str:
    digest = hashlib.sha256()
    settings = [profile, slug_of(jurisdiction or ""), today.isoformat(), strict,
                os.environ.get("SOURCE_DATE_EPOCH", "")]
    digest.update(json.dumps(settings).encode())
    here = Path(__file__).resolve().parent
    for folder, base in ((root / "source", root), (root / "layouts", root),
                         (here, here.parent), (here.parent / "charts", here.parent)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(base).as_posix()} {files.digest(path)}\n".encode())
    digest.update(" ".join(version(name) for name in LIBRARIES).encode())
    return digest.hexdigest()


def unchanged(root: Path, profile: str, jurisdiction: str | None, today: dt.date,
              strict: bool) -> dict[str, Any] | None:
    """The manifest of the build already in out/ if it was made from exactly these inputs
    (and is whole on disk), else None."""
    folder = out_dir(root, profile, jurisdiction)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("fingerprint") != fingerprint(
            root, profile, jurisdiction, today, strict):
        return None
    for record in manifest.get("outputs", []):
        path = folder / str(record.get("file", ""))
        if not path.is_file() or path.stat().st_size != record.get("bytes"):
            return None
    return manifest
