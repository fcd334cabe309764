"""A problem said in the studio's words: the form's labels and the documents' names where
the command line says file paths and YAML keys (the command line keeps its own words; this
is a table of its phrases, not a second copy of each message)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from press.core.problems import Problem

# A phrase of the command line's hints -> the same in the form's words.
PHRASES = (
    ("write the text, or delete the line", "write the words in this field"),
    ("put the value in double quotes", "write the words as text in this field"),
    ("correct `basis` and `given`, then set confirmed: true",
     "correct \u201cBasis\u201d and \u201cConsent given on\u201d, then tick \u201cChecked "
     "against the signed release\u201d"),
    ("raise reference_max_age_years in settings.yaml",
     "raise \u201cReference max age years\u201d in the Settings"),
    ("define it in stats.yaml and write [stat:its-id] here",
     "add it to the Statistics, then choose it here"),
    ("set learn_more_url to the series web page",
     "write the series web page in \u201cLearn more at (address)\u201d in the Brand"),
    ("write the date as YYYY-MM-DD", "choose a date in the calendar"),
)
SHARED_FILES = {"quotes.yaml": "the Quotes", "stats.yaml": "the Statistics",
                "charts.yaml": "the Charts", "references.yaml": "the References",
                "settings.yaml": "the Settings", "brand.yaml": "the Brand"}
DOCUMENT_PATH = re.compile(r"(?:source/)?(?:briefs/[\w-]+|handouts/[\w-]+/[\w-]+)\.yaml")
EMPTY_DATE = 'expected a date like 2025-03-01, found ""'


def in_form_words(problem: Problem, titles: Mapping[str, str], date: bool = False) -> Problem:
    """`problem` in the studio's words: `titles` names each document's file (from source/:
    "briefs/sample.yaml" -> "Sample brief"); `date`, its field is a date picker."""
    message, hint = problem.message, problem.hint
    if date and message.startswith(EMPTY_DATE):
        message = ("no date is chosen (the calendar takes only dates that exist: there is "
                   "no February 30)")
    for said, meant in PHRASES:
        hint = hint.replace(said, meant)

    def named(found: re.Match[str]) -> str:
        path = found.group(0).removeprefix("source/")
        return titles.get(path, found.group(0))

    message, hint = DOCUMENT_PATH.sub(named, message), DOCUMENT_PATH.sub(named, hint)
    for file, name in SHARED_FILES.items():
        hint = hint.replace(f"in {file}", f"in {name}")
    return replace(problem, message=message, hint=hint)
