"""Characters that are not text: control characters and the bidirectional overrides.

A control character (C0 but tab and newline, DEL, C1; NUL among them) prints nothing a
reader can see, and in a terminal it can clear the screen or retitle the window; a
bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069) reorders the letters
around it, so a text reads otherwise than it is written. The sources refuse them where they
are written (`problems_in`, `refusal`), and every line the command prints goes through
`visible` (the `Visible` stream), so a value quoted in a message can never reach the
terminal as a control.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import replace
from typing import TextIO

from press.core.problems import Problem

# Not text, in any source: C0 but tab, newline and carriage return, DEL, C1, the bidi
# controls. A carriage return ends a line in a file saved on Windows (CRLF); inside a value
# (written as "\r" in YAML's quotes) it is refused too.
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
NOT_TEXT_IN_VALUE = re.compile(f"{NOT_TEXT.pattern[:-1]}\r]")
# What a terminal must never receive: the same, carriage return included (it would
# overwrite the line), and tab and newline kept.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# The names staff would search for (unicodedata has none for most controls).
NAMES = {"\x00": "NUL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "VERTICAL TAB",
         "\x0c": "FORM FEED", "\x0d": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE",
         "\x85": "NEXT LINE", "\x9b": "CONTROL SEQUENCE INTRODUCER"}


def code(char: str) -> str:
    """U+001B."""
    return f"U+{ord(char):04X}"


def named(char: str) -> str:
    """How a message names a character: "U+001B (ESCAPE)", "U+202E (RIGHT-TO-LEFT OVERRIDE)"."""
    name = NAMES.get(char) or unicodedata.name(char, "")
    return f"{code(char)} ({name})" if name else f"{code(char)} (a control character)"


def visible(text: str) -> str:
    """`text` with every character a terminal would act on written as <U+001B>."""
    return UNPRINTABLE.sub(lambda found: f"<{code(found.group())}>", text)


class Visible(io.TextIOBase):
    """A stream that writes `visible` text to another: the command's stdout and stderr, so
    that every line it prints is escaped once, whoever prints it."""

    def __init__(self, raw: TextIO) -> None:
        super().__init__()
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]  # io's own is read-only too
        return self.raw.encoding


def first(text: str, value: bool = False) -> int:
    """Where the first character that is not text stands in a file's `text` (in a `value`,
    a carriage return too), or -1."""
    found = (NOT_TEXT_IN_VALUE if value else NOT_TEXT).search(text)
    return found.start() if found else -1


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of `text[index]`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def refusal(char: str) -> tuple[str, str]:
    """The message and the fix for a character that is not text, found in a source."""
    what = ("a bidirectional control, which reorders the letters around it"
            if "\u202a" <= char <= "\u2069" else "a control character, which prints nothing")
    return (f"found {named(char)}, {what}; the press reads text only",
            "delete it (most editors do not show it: retype the words around this column)")


SAID = 5  # the characters that are not text said one by one in a file; the rest counted


def problems_in(rel: str, text: str) -> list[Problem]:
    """Each control character or bidirectional control in a file's text, at its line and
    column (the first few, then how many more)."""
    found: list[Problem] = []
    for number, match in enumerate(NOT_TEXT.finditer(text)):
        if number == SAID:
            more = len(NOT_TEXT.findall(text)) - SAID
            found[-1] = replace(found[-1], message=f"{found[-1].message} ({more:,} more such "
                                "characters in the file)")
            break
        message, hint = refusal(match.group())
        found.append(Problem(rel, *line_and_column(text, match.start()), message,
                             hint))
    return found
