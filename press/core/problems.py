"""Problems found in the sources: where they are, what is wrong, how to fix it.

Library code never prints; it collects `Problem`s and raises `BuildError` carrying them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

Severity = Literal["error", "warning", "note"]
# What a problem is about, for staff who fix the most serious first: a warning about a quote's
# consent, about whether a figure or claim can be trusted (numbers, sources, places), about the
# pages' layout, or about style (words, spelling, reading level, colour). "" where not said.
Topic = Literal["", "consent", "trust", "layout", "style"]
Kind = Literal["error", "consent", "trust", "layout", "style", "note"]
KIND_ORDER: tuple[Kind, ...] = ("error", "trust", "consent", "layout", "style", "note")


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem, formatted as `file:line:column: severity: message Fix: hint`.
    `field` is the path of the value it is about inside its file ("blocks.3.text"), where
    known; `topic` what a warning is about."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = "error"
    field: str = ""
    topic: Topic = ""

    @property
    def kind(self) -> Kind:
        """error (it stops the build), then what a warning is about (style where unsaid)."""
        if self.severity == "error":
            return "error"
        if self.severity == "note":
            return "note"
        return self.topic or "style"

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f" Fix: {self.hint}"
        return text


@dataclass
class Problems:
    """An ordered collection of problems; the whole build reports them at once."""

    items: list[Problem] = field(default_factory=list)
    # the items as a set, for `add` to find a problem said already at once (a list search
    # made 8,000 repeated rows of a table take 45 s); only this class changes `items`
    _said: set[Problem] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._said = set(self.items)

    def add(self, problem: Problem) -> None:
        if problem not in self._said:
            self.items.append(problem)
            self._said.add(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        """What the build says without asking for a fix (rows an intake counted, say)."""
        return [p for p in self.items if p.severity == "note"]

    def raise_if_errors(self, stage: str) -> None:
        if self.errors:
            raise BuildError(stage, self.items)

    def strictly(self) -> list[Problem]:
        """The problems with every warning an error (--strict)."""
        return [replace(p, severity="error") if p.severity == "warning" else p
                for p in self.items]

    def about(self, topic: Topic, since: int) -> None:
        """Say what the problems added since `since` (a length of `items`) are about, where
        they do not say it themselves."""
        self.items[since:] = [p if p.topic else replace(p, topic=topic)
                              for p in self.items[since:]]
        self._said = set(self.items)  # the items changed in place

    def raise_if_strict(self, strict: bool, withdrawn: Sequence[str] = (),
                        report: Sequence[str] = (), ruled: Sequence[Ruled] = ()) -> None:
        """Under --strict, stop on any warning any stage raised: called once, at the end of
        a command, before anything is published."""
        if strict and self.warnings:
            raise BuildError("strict", self.strictly(), withdrawn, report, ruled)


class PressError(Exception):
    """What the press says to staff (every error it raises on purpose is one of these; a
    built-in exception reaching the command is a defect of the press)."""


@dataclass(frozen=True)
class Ruled:
    """One line of a funder's checklist (press/pdf/funder_rules.py): one of its rules on one
    PDF, as the build prints it (`line`), and where to change it: the rule (its key under
    the funder's rules) and, where the rule was measured at one thing on a page, the block
    of the document that printed it (`source`, its file; `field`, its path there)."""

    line: str  # "  FAIL  sample-brief.pdf, page 2: smallest text 7.5 pt (...) (at least 14 pt)"
    passed: bool
    file: str  # the PDF, under the build's folder
    rule: str  # "smallest_text_pt"
    page: int = 0  # from 1 (0: the file as a whole)
    source: str = ""  # "source/briefs/sample.yaml" ("" : no one block)
    field: str = ""  # "blocks.3"


class BuildError(PressError):
    """The build stopped; `problems` says where and why."""

    def __init__(self, stage: str, problems: Sequence[Problem],
                 withdrawn: Sequence[str] = (), report: Sequence[str] = (),
                 ruled: Sequence[Ruled] = ()) -> None:
        self.stage = stage
        self.problems = list(problems)
        self.withdrawn = list(withdrawn)  # documents taken out of out/ (their consent ended)
        self.report = list(report)  # lines to show before the problems (a funder's checklist)
        self.ruled = list(ruled)  # the checklist's lines, each with where to change it
        errors = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{stage}: {errors} error(s)")


class ChartError(PressError):
    """A chart whose words cannot be written truthfully from its data."""


class SetupError(PressError):
    """Not a problem in the sources but in the machine or the way the press was started (a
    port in use, a missing package): what is wrong and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format(self) -> str:
        return f"Error: {self.message} Fix: {self.hint}"


ENVIRONMENT_HINT = ("run `make pdfs` once (it sets up .venv/), then use `make pdfs`, `make "
                    "watch` or `.venv/bin/python make_report.py ...`")


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """' Did you mean "x"?' for the closest choice, or ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=cutoff)
    return f' Did you mean "{close[0]}"?' if close else ""


LISTED = (20, 15)  # a message names every choice up to the first; past it, the second, and
# how many more there are


def one_of(choices: Iterable[str]) -> str:
    """The choices quoted, as a message lists them: a header of 300,000 columns is not
    copied whole into one line."""
    every = list(choices)
    if len(every) <= LISTED[0]:
        return ", ".join(f'"{c}"' for c in every)
    named = ", ".join(f'"{c}"' for c in every[:LISTED[1]])
    return f"{named} and {len(every) - LISTED[1]:,} more"


def shown(value: object, limit: int = 60) -> str:
    """A found value as a reader would recognise it in their file."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float) and value.is_integer() and abs(value) >= 10_000:
        return f"{int(value):,}"  # 1e9 typed: "1,000,000,000", not "1000000000.0"
    text = str(value).replace("\n", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return f'"{text}"' if isinstance(value, str) else text
