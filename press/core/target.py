"""What the press is asked to make: one `Target`, and what each profile changes (`PROFILES`).

A target names everything that decides what a build makes and where it goes: the profile,
the places, the edition, the chapter (for a check), a funder's rules, gray proofs, the day
consent is judged on, and whether warnings stop it. The command line, `watch` and the studio
each make one and hand it to `press.api`.

    Target()                                     # the main build: out/
    Target(places=("Massachusetts",))            # one place's handouts: out/massachusetts/
    Target(edition="es-US", profile="print")     # out/es-US/print/
    Target(profile="grant", funder="nih-attachments")
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from press.core import clock
from press.core.inputs import sources_digest
from press.core.names import out_dir, place_folder
from press.core.problems import BuildError, Problem, one_of

ProfileName = Literal["screen", "print", "grant", "sheets"]
Use = Literal["web", "print", "grant"]


@dataclass(frozen=True)
class Profile:
    """Everything a profile changes, in one row."""

    name: ProfileName
    pdf_variant: str  # what WeasyPrint writes: pdf/ua-1 (tagged), pdf/a-3a (archival, tagged)
    consent_use: Use  # the use a quote's consent must list for it to be printed
    bleed: bool  # pages 0.125 in larger each side, for a print shop's trim
    stylesheet: str  # layered on common.css and the document's own: layouts/<stylesheet>
    attaches_data: bool  # each PDF carries the counts its figures are computed from
    portal_names: bool = False  # file names a funder's upload portal accepts (checked)
    booklet: bool = False  # a brief fitted to a multiple of four pages, folded and stapled
    offered: bool = True  # named on the command line (sheets: a print run's own pages)
    summary: str = ""  # what staff read in the command's help


PROFILES: dict[str, Profile] = {
    "screen": Profile("screen", "pdf/ua-1", "web", False, "", False,
                      summary="tagged PDF for reading on screen (the default)"),
    "print": Profile("print", "pdf/ua-1", "print", True, "css/print.css", False,
                     summary="bleed and crop marks for a print shop"),
    "grant": Profile("grant", "pdf/a-3a", "grant", False, "css/grant.css", True,
                     portal_names=True, summary="archival PDF/A with the data it prints attached"),
    # a training's print pages before they are imposed (press/make/printrun.py)
    "sheets": Profile("sheets", "pdf/ua-1", "print", True, "css/impose.css", False,
                      booklet=True, offered=False),
}
OFFERED = tuple(name for name, profile in PROFILES.items() if profile.offered)


@dataclass(frozen=True)
class Target:
    """One build the press is asked for. `places` () is the main build, ("all",) every place
    the data has; `edition` "" is the sources' own language; `chapter` "" every chapter (a
    check may look at one; a build always makes every chapter, reusing what did not change);
    `date` the day consent is judged on (today when None)."""

    profile: ProfileName = "screen"
    places: tuple[str, ...] = ()
    edition: str = ""
    chapter: str = ""
    funder: str = ""
    grayscale: bool = False
    date: dt.date | None = None
    strict: bool = False

    @property
    def today(self) -> dt.date:
        return self.date or clock.today()

    @property
    def every_place(self) -> bool:
        return self.places == ("all",)

    @property
    def place(self) -> str | None:
        """The one place of a one-place build (None for the main build or several places)."""
        return self.places[0] if len(self.places) == 1 and not self.every_place else None

    @property
    def settings(self) -> Profile:
        return PROFILES[self.profile]

    def key(self, root: Path, place: str | None = None) -> str:
        """Everything a build of this target (of `place`, in a build of several) reads, as
        one digest: the sources (press/core/inputs.py) and the build's own settings. Written
        into the manifest, so that a build that would change nothing says so at once."""
        place = place if place is not None else self.place
        settings = [self.profile, place_folder(place) if place else "", self.today.isoformat(),
                    self.strict, os.environ.get("SOURCE_DATE_EPOCH", ""),
                    *([self.edition] if self.edition else []),
                    *([f"funder {self.funder}"] if self.funder else [])]
        return hashlib.sha256(json.dumps([settings, sources_digest(root)]).encode()).hexdigest()

    def folder(self, root: Path, place: str | None = None) -> Path:
        """Where this target's documents go (a place's own folder, for `place`)."""
        return out_dir(root, self.profile, place if place is not None else self.place,
                       self.edition, self.funder)


def asked_places(places: Sequence[str]) -> tuple[str, ...]:
    """The places a build is asked for, each once; ("all",) for every place, however "all"
    was written. Raises BuildError for an empty name (it would build the main documents in
    silence) or "all" beside other places."""
    if any(not place.strip() for place in places):
        raise BuildError("jurisdiction", [Problem(
            "make_report.py build --jurisdiction", 0, 0, 'found an empty place name '
            '(--jurisdiction "")', "write the place's name, e.g. --jurisdiction "
            '"Massachusetts"; leave --jurisdiction out to build the chapter\'s documents, or '
            "write --jurisdiction all for every place")])
    return all_alone(places, "jurisdiction", "place", "every place the data has")


def all_alone(asked: Sequence[str], option: str, noun: str, every: str) -> tuple[str, ...]:
    """What `--option` was given, each once however its case was typed (the first), or
    ("all",) for "all"; BuildError where "all" is given beside others (`every`: what "all"
    means, in words)."""
    once: dict[str, str] = {}
    for name in asked:
        once.setdefault(name.strip().casefold(), name.strip())
    named = tuple(once.values())
    if "all" not in once:
        return named
    if len(named) > 1:
        others = one_of(n for n in named if n.casefold() != "all")
        raise BuildError(option, [Problem(
            f"make_report.py build --{option}", 0, 0, f'"all" means {every}, and it was given '
            f"with {others}", f"write --{option} all alone for every {noun}, or name each "
            f"{noun} you want with its own --{option}")])
    return ("all",)


MAIN = Target()  # the main build: every chapter, out/
EVERY_PLACE = Target(places=("all",))  # every place the data has, each into its own folder
