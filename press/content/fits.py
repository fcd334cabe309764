"""How a handout fits its one page: the bounded fits, and the words that say which it took
or which block crossed the foot of the page (typeset makes them; check repeats them)."""

from __future__ import annotations

from collections.abc import Sequence

from press.core.numbers import audience as in_sentence
from press.core.problems import Problem
from press.core.sizes import OWN, Rules, fits
from press.source.editions import translation_path
from press.source.load import Project

BLOCKS = {"headline": ("headline",), "why": ("why",), "quote": ("quote",), "chart": ("chart",)}
WORDS = {"headline": "the headline", "why": "the why text", "action": "action",
         "stat": "statistic", "quote": "the quote", "chart": "the chart"}


def fit_warning(project: Project, key: str, level: int, dropped: Sequence[str],
                rules: Rules = OWN) -> tuple[Problem, ...]:
    """The warning for a handout fitted with a bounded fit (none at its own size), under a
    funder's `rules` where there are any."""
    if not level and not dropped:
        return ()
    left = f"{words(list(dropped))} left out (marked optional)" if dropped else ""
    how = " and ".join(part for part in (fits(rules)[level].words(), left) if part)
    under = f" under {rules.words()}" if rules else ""
    return (project.doc("handout", key).problem(
        (), f"{named(project, key)} fits its page{under} only with {how}",
        "shorten its words to print it at its own size", severity="warning", topic="layout"),)


def named(project: Project, key: str) -> str:
    """How a fit message names a handout: "the handout for judges", or, in an edition, "the
    es-US handout for jueces (its words: source/.../judges.es-US.yaml)": the layout is the
    English file's (its line is where to mark a block optional), the words the edition's."""
    audience = in_sentence(project.handouts[key].audience)
    if not project.edition:
        return f"the handout for {audience}"
    words_in = translation_path(project.doc("handout", key).path, project.edition)
    where = (f" (its words: {words_in.relative_to(project.root).as_posix()})"
             if words_in.exists() else " (it has no translation: its words are the English)")
    return f"the {project.edition} handout for {audience}{where}"


def block_loc(block: str) -> tuple[int | str, ...]:
    """Where in a handout's YAML a marked block comes from ("action-2" -> actions[1])."""
    kind, _, number = block.partition("-")
    if number.isdigit():
        return ("actions" if kind == "action" else "stats", int(number) - 1)
    return BLOCKS.get(block, ())


def words(blocks: list[str]) -> str:
    """["chart", "action-5"] -> "the chart and action 5"."""
    named = [(WORDS.get(b.partition("-")[0], b) + " " + b.partition("-")[2]).strip()
             for b in blocks]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
