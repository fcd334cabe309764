"""The grammar of the words the press writes around the data's own: a name's possessive
("girls' share", "women's share") and what one of the things counted is called ("1 arrest",
"1 arresto relacionado con la prostitución"). Counts choose their words through the
edition's catalogue (gettext plurals); these rules give the words a count is said with."""

from __future__ import annotations

import re

# "{group}'s", in a sentence to be filled: the name there takes its possessive.
OWNED = re.compile(r"\{(\w+)\}['\u2019]s\b")
# English plurals that do not end in a plain -s.
ENGLISH_IRREGULAR = {"people": "person", "persons": "person", "children": "child",
                     "women": "woman", "men": "man", "minors": "minor", "youth": "youth"}
# Words after which an English noun phrase's head has been said ("arrests of juveniles").
ENGLISH_AFTER = frozenset({"of", "for", "in", "by", "with", "at", "on", "to", "from", "under",
                           "over", "among", "per", "involving", "against", "that", "who",
                           "which", "where"})
# Words that end a Spanish noun and its adjectives ("arrestos relacionados con la ...").
SPANISH_AFTER = frozenset({"a", "al", "ante", "con", "contra", "de", "del", "desde", "en",
                           "entre", "hacia", "hasta", "para", "por", "según", "sin", "sobre",
                           "tras", "que", "y", "o", "e", "u", "la", "las", "el", "los"})


def possessive(name: str, mark: str = "'") -> str:
    """The name with its possessive, as English writes it: "women" -> "women's", "girls" ->
    "girls'" (a plural that ends in s takes the apostrophe alone); `mark` is the apostrophe
    the sentence writes (straight or curly)."""
    return f"{name}{mark}" if name[-1:] in ("s", "S") else f"{name}{mark}s"


def spoken(text: str, values: dict[str, object]) -> str:
    """`text` with its {names} filled from `values`; a name written "{group}'s" takes its
    possessive ("girls'", never "girls's")."""
    def owned(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            return match.group()
        said = possessive(str(values[match.group(1)]), match.group()[-2])
        return said.replace("{", "{{").replace("}", "}}")

    return OWNED.sub(owned, text).format(**values)


def singular(phrase: str, language: str = "en") -> str:
    """What one of the things `phrase` counts is called: "prostitution-related arrests" ->
    "prostitution-related arrest", "arrests of juveniles" -> "arrest of juveniles",
    "arrestos relacionados con la prostitución" -> "arresto relacionado con la
    prostitución". A rule, not a dictionary: a dataset whose words it gets wrong says its
    own (`measure_one:` in its descriptor)."""
    words = phrase.split(" ")
    if language.split("-")[0].lower() == "es":
        return " ".join(_spanish(words))
    head = next((i - 1 for i, w in enumerate(words) if i and w.lower() in ENGLISH_AFTER),
                len(words) - 1)
    if _english_word(words[head]) == words[head]:  # "people arrested": the plural comes first
        head = next((i for i in range(head) if words[i].lower() in ENGLISH_IRREGULAR), head)
    words[head] = _english_word(words[head])
    return " ".join(words)


def unsure(phrase: str, language: str = "en") -> bool:
    """Whether `singular` may get `phrase` wrong: in Spanish, a participle after the words it
    stops at ("arrestos de menores relacionados con ...") agrees with the first noun or the
    last, which a rule cannot tell; a dataset whose measure is said for one says its own."""
    parts = phrase.lower().split(" ")
    stop = next((i for i, w in enumerate(parts) if i and w in SPANISH_AFTER), len(parts))
    spanish = language.split("-")[0].lower() == "es"
    return spanish and any(re.search(r"(?:ad|id)[oa]s$", w) for w in parts[stop:])


def _english_word(word: str) -> str:
    lower = word.lower()
    if lower in ENGLISH_IRREGULAR:
        return _cased(ENGLISH_IRREGULAR[lower], word)
    if "-" in word and not lower.endswith("s"):
        return word
    if re.search(r"[^aeiou]ies$", lower):
        return word[:-3] + "y"
    if re.search(r"(?:ss|x|z|ch|sh)es$", lower):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _spanish(words: list[str]) -> list[str]:
    """The first word and the adjectives after it made singular, up to a preposition,
    article or conjunction."""
    result = list(words)
    for index, word in enumerate(words):
        if index and word.lower() in SPANISH_AFTER:
            break
        result[index] = _spanish_word(word)
    return result


def _spanish_word(word: str) -> str:
    lower = word.lower()
    if lower.endswith("ces"):
        return word[:-3] + "z"  # veces -> vez
    if lower.endswith("iones"):
        return word[:-5] + "ión"  # detenciones -> detención
    if re.search(r"[aeiouáéíóú][lrndjy]es$", lower):
        return word[:-2]  # mujeres -> mujer, sexuales -> sexual (hombres: below)
    if re.search(r"[aeiouáéó]s$", lower):
        return word[:-1]  # arrestos -> arresto, denuncias -> denuncia
    return word


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word
