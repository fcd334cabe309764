"""Fuzzing whole builds (slow: each example builds PDFs) over a place's name, a handout's file
name and audience, and a chart's words: the outputs land where the manifest says, one file
per document, nothing else beside them; each text is printed as typed (compared in NFC with
the text read back from the PDF) or refused, at its line, by the check of glyphs the brand
fonts lack (or, for names that would make one file of two documents, by that check).
Derandomized: the same few examples on every run; FUZZ_SCALE scales their number."""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from press.content import claims
from press.core import numbers
from press.core.names import out_dir, place_folder
from press.core.problems import BuildError
from press.core.target import Target
from press.make.build import build

from . import projects
from .projects import JUDGES, write_project
from .test_build import text_of
from .test_fuzz_names import FUZZ, LETTERS, PLACE, SCALE, WORDS, csv_with

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes

AUDIENCE = st.text(alphabet=LETTERS + " -'&()/", min_size=1, max_size=24).map(str.strip)
STEM = st.from_regex(r"(sample-)?(judges|brief|packet|[a-z]{1,8}(-[a-z0-9]{1,6})?)",
                     fullmatch=True)
ALLOWED = ("the brand fonts have no glyph for", "is typed into the",
           "the text contains HTML markup", "so one would overwrite the other")


def squeezed(text: str) -> str:
    """Text in NFC without its spaces: a line the page breaks reads back either way."""
    return "".join(unicodedata.normalize("NFC", text).split())


def _nested(folder: Path, path: Path) -> bool:
    """Whether `path` is in a build folder of its own inside `folder` (a place's)."""
    parts = path.relative_to(folder).parts[:-1]
    return any((folder.joinpath(*parts[:i]) / "manifest.json").is_file()
               for i in range(1, len(parts) + 1))


def on_disk_as_listed(folder: Path) -> dict[str, object]:
    """The folder's manifest, checked against its disk: every PDF it lists is there with
    its digest, and no PDF is there that it does not list (place folders aside)."""
    manifest: dict[str, object] = json.loads((folder / "manifest.json").read_text("utf-8"))
    outputs = manifest["outputs"]
    assert isinstance(outputs, list)
    listed = [o["file"] for o in outputs]
    assert len(listed) == len(set(listed))  # one file per document
    found = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in folder.rglob("*.pdf") if not _nested(folder, p)}
    assert found == {o["file"]: o["sha256"] for o in outputs}
    for chart in manifest["charts"]:  # type: ignore[attr-defined]
        assert (folder / chart["file"]).is_file()
    return manifest


@settings(max_examples=max(1, int(3 * SCALE)), **FUZZ)
@given(place=PLACE, stem=STEM, audience=AUDIENCE, words=WORDS)
def test_outputs_land_where_the_manifest_says_and_print_as_typed(
        place: str, stem: str, audience: str, words: str) -> None:
    place, words = place.strip(), words.strip()
    assume(place and words and audience and stem != "judges")
    assume(place_folder(place) not in ("alder-county", "brook-county"))
    sample = " ".join([projects.CHARTS, projects.STATS, projects.BRIEF, JUDGES])
    assume(not claims.named(sample, claims.Names.of([place, re.split(r"[,(]", place)[0].strip()])))
    handout = JUDGES.replace("audience: Judges", f"audience: {json.dumps(audience)}")
    charts = projects.CHARTS.replace("subtitle: \"{jurisdiction}, {year}; share of {total} "
                                     "arrests\"", f"subtitle: \"{{jurisdiction}}, {{year}}\"\n"
                                     f"  notes: {json.dumps(words)}")
    with tempfile.TemporaryDirectory() as folder:
        root = write_project(Path(folder), {
            "source/data/arrests.csv": csv_with(place), "source/charts.yaml": charts,
            f"source/handouts/sample/{stem}.yaml": handout})
        try:
            build(root)
            made = build(root, Target(places=(place,)))
        except BuildError as error:
            refused = [p.format() for p in error.problems if p.severity == "error"]
            assert refused and all(any(a in line for a in ALLOWED) for line in refused), refused
            event("refused: " + next(a for a in ALLOWED if a in refused[0]))
            return
        main = on_disk_as_listed(root / "out")
        assert len(main["outputs"]) == 5  # type: ignore[arg-type]
        here = out_dir(root, "screen", place)
        assert made.out == here and here.parent == root / "out" and here != root / "out"
        manifest = on_disk_as_listed(here)
        assert manifest["jurisdiction"] == place
        text = squeezed(text_of(here / f"handouts/sample-{stem.removeprefix('sample-')}.pdf"))
        for typed in (place, numbers.audience(audience), words):  # "For judges", "For BcsZvD"
            # (the running head sets the place in capitals, as the chapter's name is set)
            assert squeezed(typed) in text or (
                typed == place and squeezed(typed).upper() in text.upper()), (typed, text)
        event("built and read back")
