"""A problem said in the studio's words: the form's labels and the documents' names where
the command line says file paths and YAML keys (the command line keeps its own words; this
is a table of its phrases, not a second copy of each message)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from pathlib import PurePosixPath

from press.content.texts import renders_markup
from press.core.problems import Problem
from press.source.schema import MARKUP_FOUND

# Labels where a field's name said in words is not what staff call it.
LABELS = {"why": "Why it matters to them", "stats": "Statistics", "attribute_as": "Attribute as",
          "uses": "May be used in", "given": "Consent given on", "expires": "Consent expires on",
          "confirmed": "Checked against the signed release", "survivor": "A survivor's words",
          "text": "Words", "id": "Short name (id)", "lede": "Lede", "about": "About text",
          "other_audiences": "Other audiences (not in the roster)", "optional": "May be left out",
          "learn_more_url": "Learn more at (address)", "URL": "Address (URL)", "DOI": "DOI",
          "container-title": "Journal or book", "publisher-place": "Place of publication",
          "date-parts": "Date", "jurisdiction": "Place", "jurisdictions": "Places",
          "edition_date": "Edition date", "base": "What it is of", "meaning": "What it means",
          "slug": "Short name",
          # a funder's rules (source/funders/): what its guide for applicants says
          "guide": "Guide the rules come from", "guide_url": "Guide's address (URL)",
          "documents": "Documents", "rules": "Rules",
          "page_limit": "Most pages per document", "smallest_text_pt": "Smallest text, in points",
          "figures_exempt": "Charts may have smaller text", "margins_in": "Margins, in inches",
          "max_file_mb": "Largest file, in MB", "file_name_max_length":
          "Longest file name, in characters", "file_name_characters":
          "Characters a file name may use", "pdf_a": "Archival PDF (PDF/A)",
          "attachments_allowed": "Files attached to the PDFs",
          "page_size_in": "Largest page, in inches",
          # a training's print run (source/trainings/)
          "attendees": "People attending, by audience",
          "briefs": "Copies of the brief (a stapled booklet)",
          "overage_percent": "Extra copies, in percent", "imposition": "Paper and layout",
          "fill_last_sheet": "Fill each audience's last sheet", "color": "Ink"}

# A field's help where its model's description is written for someone editing the YAML file
# (file paths, ids, true/false): "Model.field" (a parent model's name covers its children).
HELP = {
    "Consent.attribute_as": "“Survivor” prints the quote as a survivor's words, "
                            "without the person's name",
    "Consent.confirmed": "Leave it unticked until someone has checked this record against the "
                         "signed release; every build warns until it is ticked",
    "Brief.slug": "A short name for the chapter, in its file names and web addresses "
                  "(law-enforcement)",
    "Brief.other_audiences": "Audiences of this chapter with a handout that the roster does "
                             "not name (police officers, say): not printed in the roster; their "
                             "handouts follow the roster's in the packet",
    "Handout.chapter": "Optional: the handout already belongs to its chapter",
    "Handout.stats": "Up to two statistics, printed large; none for a handout of words and a "
                     "quote alone (it takes the one-column layout made for little content)",
    "Handout.optional": "Blocks the press may leave out, in this order, when the handout "
                        "does not fit its page even in 9.5 pt type. Add one for each, typed as "
                        "chart, quote, stat-2 (the second statistic) or action-2 to action-5 "
                        "(an action, by its number)",
    "Role.id": "The audience's handout, by its short name (judges)",
    "Training.attendees": "How many people of each audience come, each at most 10,000: leave "
                          "a box empty for an audience that does not come",
    "Training.imposition": "How the handouts are laid on the shop's sheets",
    "Training.jurisdiction": "Optional: print the handouts with the figures of this place (a "
                             "place the data has)",
    "Training.date": "The day of the training",
    "ShareStat.id": "A short name, used to choose the statistic in documents",
    "LiteralStat.id": "A short name, used to choose the statistic in documents",
    "ParagraphBlock.text": "Running text: *words* set in italics, [@a reference's short name] "
                           "cites it, [stat:a statistic's short name] prints its figure",
    "FunderRules.pdf_a": "Whether the PDFs must be PDF/A (an archival kind of PDF), must not "
                         "be, or either when left out",
    "FunderRules.attachments_allowed": "Whether the PDFs may carry attached files (some "
                                       "portals refuse them)",
    "ShareStat.dataset": "The table the share is computed from (one of the tables brought in)",
    "ChartBase.dataset": "The table the chart is drawn from (one of the tables brought in)",
    "LiteralStat.reference": "The study, from the References",
    "Reference.id": "A short name for the work, used to cite it in documents",
    "FontFace.file": "A font file the designer put in the layouts' fonts folder",
    "Settings.editions": "The languages the documents are printed in, the sources' own first "
                         "(en-US, es-US)",
    "Term.allow_in": "Files where the term is allowed everywhere (the References, say, for "
                     "the titles of cited works)",
    "TranslationEntry.of": "The English it translates, as it read when it was translated",
}


def help_words(model: type, key: str, described: str) -> str:
    """A field's help in the form: the studio's own words where the model's description is
    written for the YAML file, else the description with its file names said as staff know
    them (references.yaml -> the References)."""
    for kind in getattr(model, "__mro__", (model,)):
        said = HELP.get(f"{kind.__name__}.{key}")
        if said:
            return said
    return plain(described) if described else ""

# A fixed value said as staff would choose it: (field, value) -> words.
CHOICE_WORDS = {("attribute_as", "name"): "Their name, as written in Speaker",
                ("attribute_as", "survivor"): "“Survivor”, without their name",
                ("color", "color"): "Color", ("color", "grayscale"): "Grayscale (black ink only)",
                ("imposition", "2-up"): "Two pages to a 12 x 18 in sheet, with bleed and crop marks",
                ("imposition", "2-up-13x19"): "Two pages to a 13 x 19 in sheet, with room for "
                "full crop marks",
                ("imposition", "2-up-11x17"): "Two pages to an 11 x 17 in sheet, no bleed",
                ("imposition", "1-up"): "One page to a Letter sheet (an office printer)",
                ("pdf_a", "true"): "Must be archival PDF (PDF/A)",
                ("pdf_a", "false"): "Must not be archival PDF",
                ("attachments_allowed", "true"): "Allowed",
                ("attachments_allowed", "false"): "Not allowed (no data attached)",
                ("uses", "print"): "Printed documents",
                ("uses", "web"): "Documents read on screens (the web)",
                ("uses", "grant"): "Grant attachments",
                ("uses", "translate"): "Its words translated, in another language's edition"}
MAYBE_WORDS = {"": "Not a rule of this funder", "true": "Yes", "false": "No"}


def choice_words(name: str, value: str) -> str:
    """A choice's words: the field's own for its value where it has them, else the value."""
    return CHOICE_WORDS.get((name.rsplit(".", 1)[-1], value), value)


def maybe_words(name: str, value: str) -> str:
    """A rule that may be unset (""), yes ("true") or no ("false"), in the field's words."""
    return CHOICE_WORDS.get((name.rsplit(".", 1)[-1], value), MAYBE_WORDS[value])


def field_words(path: str) -> str:
    """A field's path in words: "actions.1.text" -> "action 2, words"."""
    words = []
    parts = path.split(".")
    for index, part in enumerate(parts):
        if part.isdigit():
            if index == 0:
                words.append(f"entry {int(part) + 1}")
            else:
                words[-1] = f"{_singular(words[-1])} {int(part) + 1}" if words else part
        else:
            words.append(_label(part).lower())
    return ", ".join(words) or "the file"


def _singular(word: str) -> str:
    return {"statistics": "statistic", "actions": "action", "blocks": "block", "items": "item",
            "faces": "font", "terms": "term", "author": "author", "editor": "editor",
            "places": "place", "may be used in": "use"}.get(word, word.removesuffix("s"))


def _label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").replace("-", " ").capitalize()



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
    ("if it is a name, add it to source/words.txt (one per line)",
     "if it is a name, ask whoever keeps the project's word list to add it"),
    ("correct it, or add the word to source/words.txt",
     "correct it, or ask whoever keeps the project's word list to add the word"),
    ("renew the consent record, or choose another quote in those files",
     "renew the consent (from a new signed release), or choose another quote in those "
     "documents"),
    ("delete it (most editors do not show it: retype the words around this column)",
     "retype the words of this field (the character cannot be seen, so it is hard to "
     "delete alone)"),
    ("expected at least one item, found none", "nothing is chosen or written here"),
    (", a bidirectional control, which reorders the letters around it; the press reads text "
     "only", ": an invisible character, usually pasted in from another program, that reverses "
     "the order of the letters around it"),
    (", a control character, which prints nothing; the press reads text only",
     ": an invisible character, usually pasted in from another program, that prints nothing"),
    ("use Latin characters, or add a font that covers this script to layouts/fonts/ and "
     "brand.yaml", "retype it with letters the fonts have (an invisible or foreign character "
     "pasted in from another program is the usual cause), or ask whoever keeps the design to "
     "add a font that has it"),
    ("the screen documents", "the documents read on screens (the web)"),
    ("the print documents", "the printed documents"),
    ("the grant documents", "the documents attached to grants"),
    ("add `consent:` with uses, basis and given (see the top of this file), or remove the "
     "quote", "fill in its \u201cConsent\u201d: \u201cMay be used in\u201d, \u201cBasis\u201d and "
     "\u201cConsent given on\u201d"),
)
SHARED_FILES = {"quotes.yaml": "the Quotes", "stats.yaml": "the Statistics",
                "charts.yaml": "the Charts", "references.yaml": "the References",
                "settings.yaml": "the Settings", "brand.yaml": "the Brand"}
DOCUMENT_PATH = re.compile(r"(?:source/)?(?:briefs/[\w-]+|handouts/[\w-]+/[\w-]+)\.yaml")
TRANSLATION = re.compile(r"(?:source/)?(?P<base>briefs/[\w-]+|handouts/[\w-]+/[\w-]+|[\w-]+)"
                         r"\.(?P<edition>[a-z]{2}-[A-Z]{2})\.yaml")
ALONE = re.compile(r"no (\S+) translation of this file \(the \1 translation of ([^)]+)\)")
ANY_YAML = re.compile(r"(?:source/)?[\w./-]*?([\w-]+)(?:\.[\w-]+)?\.yaml\b")
TICKED = re.compile(r"`([\w.-]+)(?::( [^`]*)?)?`")  # `given`, `uses:`, `layout: wide`
COMMAND = re.compile(r"`?(?:\.venv/bin/python )?make_report\.py(?: [a-z][\w-]*)?"
                     r"(?: [a-z]{2}-[A-Z]{2}| --[\w-]+| \.\.\.)*`?")
COMMANDS = {"translate": "the translation's command (ask whoever keeps the editions)",
            "check": "the Problems page", "build": "Save (the PDFs are made again)"}
WORD_LIST = re.compile(r"add the word to source/words\.[\w-]+\.txt \(a name: to source/words\.txt\)")
EMPTY_DATE = 'expected a date like 2025-03-01, found ""'


LEFT_OUT = re.compile(r"optional: \[([\w, -]*)\]")  # a handout's blocks it may leave out


def _left_out(found: re.Match[str]) -> str:
    """"optional: [quote, stat-2]" -> “May be left out”: the quote, then statistic 2."""
    blocks = [_block_words(block.strip()) for block in found.group(1).split(",") if block.strip()]
    return f"\u201cMay be left out\u201d: {', then '.join(blocks)}"


def _block_words(block: str) -> str:
    kind, _, number = block.partition("-")
    said = {"stat": "statistic", "action": "action"}.get(kind)
    return f"{said} {number}" if said and number.isdigit() else f"the {block.replace('-', ' ')}"


QUOTE_NAMED = re.compile(r'(?:the quote )?"([a-z0-9][a-z0-9-]*)" \(([^()]*)\)')
REFERENCE_NAMED = re.compile(r'the reference "([a-z0-9][\w-]*)"')
STAT_NAMED = re.compile(r" \(([a-z0-9][a-z0-9-]*)\)")


def _names(words: str, titles: Mapping[str, str]) -> str:
    """A quote, reference or statistic named by its short name, said as staff know it:
    'the quote "rosa-ready" (Rosa)' -> "Rosa's quote"; a figure's "(its-id)" left out."""
    def quote(found: re.Match[str]) -> str:
        return titles.get(f"quote:{found.group(1)}") or found.group(0)

    def reference(found: re.Match[str]) -> str:
        named = titles.get(f"reference:{found.group(1)}")
        return f"the reference {named}" if named else found.group(0)

    def stat(found: re.Match[str]) -> str:
        return "" if f"stat:{found.group(1)}" in titles else found.group(0)

    words = QUOTE_NAMED.sub(quote, words)
    words = REFERENCE_NAMED.sub(reference, words)
    return STAT_NAMED.sub(stat, words)


def in_form_words(problem: Problem, titles: Mapping[str, str], date: bool = False) -> Problem:
    """`problem` in the studio's words: `titles` names each document's file (from source/:
    "briefs/sample.yaml" -> "Sample brief") and each quote, statistic and reference by its
    short name (Studio.titles); `date`, its field is a date picker."""
    message, hint = problem.message, problem.hint
    if date and message.startswith(EMPTY_DATE):
        message = "no date is chosen"
    for said, meant in PHRASES:
        message, hint = message.replace(said, meant), hint.replace(said, meant)
    message, hint = LEFT_OUT.sub(_left_out, message), LEFT_OUT.sub(_left_out, hint)
    message, hint = _names(message, titles), _names(hint, titles)
    if message.startswith(MARKUP_FOUND) and problem.field and not renders_markup(tuple(
            int(part) if part.isdigit() else part for part in problem.field.split("."))):
        hint = "remove the tags: this field prints its words as they are written"

    def named(found: re.Match[str]) -> str:
        path = found.group(0).removeprefix("source/")
        return titles.get(path, found.group(0))

    def translation(found: re.Match[str]) -> str:
        of = titles.get(f"{found['base']}.yaml") or SHARED_FILES.get(f"{found['base']}.yaml")
        return f"the {found['edition']} translation of {of or 'this file'}"

    message, hint = TRANSLATION.sub(translation, message), TRANSLATION.sub(translation, hint)
    message, hint = DOCUMENT_PATH.sub(named, message), DOCUMENT_PATH.sub(named, hint)
    message = ALONE.sub(r"no \1 translation of \2", message)
    hint = WORD_LIST.sub("ask whoever keeps the project's word lists to add it", hint)
    for file, name in SHARED_FILES.items():
        hint = hint.replace(f"in {file}", f"in {name}")
    return replace(problem, message=plain(message), hint=plain(hint))


def plain(words: str) -> str:
    """A message's YAML keys, file names and commands in the form's words: `given` ->
    “Consent given on”, `layout: wide` -> “Layout” wide, "set confirmed: true" ->
    “Checked against the signed release” ticked, quotes.yaml -> the Quotes,
    make_report.py check -> the Problems page."""
    words = COMMAND.sub(_command, words)
    words = TICKED.sub(lambda found: _key_words(found.group(1), found.group(2)), words)
    words = _keys_said().sub(lambda found: _key_words(found.group(1), found.group(2)), words)
    return ANY_YAML.sub(_file_words, words)


def _command(found: re.Match[str]) -> str:
    said = found.group(0).strip("`").split()
    after = said[said.index("make_report.py") + 1:]
    verb = after[0] if after else ""
    return COMMANDS.get(verb, "the press's command line (ask whoever set up the project)")


def _key_words(key: str, value: str | None) -> str:
    label = field_words(key)
    label = label[:1].upper() + label[1:]
    value = (value or "").strip()
    if value in ("true", "false"):
        return f"“{label}” {'ticked' if value == 'true' else 'not ticked'}"
    return f"“{label}”" + (f" set to {value}" if value else "")


def _file_words(found: re.Match[str]) -> str:
    name = PurePosixPath(found.group(0)).name
    if name in SHARED_FILES:
        return SHARED_FILES[name]
    return f"the “{found.group(1).replace('-', ' ')}” file"


@cache
def _keys_said() -> re.Pattern[str]:
    """The models' field names written as YAML with a value (`confirmed: true`, `year: 2020`,
    `uses: [print]`)."""
    from press.source import schema

    keys: set[str] = set()
    for model in vars(schema).values():
        fields = getattr(model, "model_fields", None)
        if isinstance(fields, dict):
            keys |= {info.alias or key for key, info in fields.items()}
    names = "|".join(sorted((re.escape(k) for k in keys if len(k) > 2), key=len, reverse=True))
    # a key followed by a value as YAML writes it (a list, true or false, a number or a
    # date, a quoted text): "on one page: in statistic 1" is a sentence, not a key
    return re.compile(rf"\b({names}): (\[\[?[^\]]*\]?\]|true\b|false\b|-?\d[\w./-]*|\"[^\"]*\")")
