"""Load: read source/ into typed, frozen objects, with every problem located.

Nothing renders until every file has been read; all problems are reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Generic, Protocol, TypeVar, cast

from pydantic import TypeAdapter

from press.core import controls, files, limits
from press.core.names import EDITION_TAG, SLUG, slug_of
from press.core.problems import BuildError, Problem, Problems, did_you_mean, one_of
from press.source import catalogue, editions
from press.source import schema as s
from press.source.data import read_table
from press.source.descriptor import Dataset
from press.source.editions import EDITION_FILE, is_translation
from press.source.tables import Table
from press.source.validate import validate
from press.source.yamlsource import Located, load_yaml

T = TypeVar("T")
Model = TypeVar("Model", covariant=True)


@dataclass(frozen=True)
class Kind(Generic[Model]):
    """A kind of file in source/: where such files are, what each must hold (its model, whose
    JSON Schema editors use), and what the schema is called."""

    where: str  # under source/: a file ("brand.yaml") or a pattern ("briefs/*.yaml")
    adapter: TypeAdapter[Model]
    title: str
    rules: bool = False  # a rule file: its problems stop only the commands that use it
    # keys of the file's own standard the press does not read (CSL's `abstract`): a warning,
    # where any other unknown key is an error
    tolerated: frozenset[str] = frozenset()


BRAND = Kind("brand.yaml", TypeAdapter(s.Brand), "brand.yaml")
SETTINGS = Kind("settings.yaml", TypeAdapter(s.Settings), "settings.yaml")
REFERENCES = Kind("references.yaml", TypeAdapter(list[s.Reference]), "references.yaml (CSL-YAML)",
                  tolerated=s.CSL_UNPRINTED)
QUOTES = Kind("quotes.yaml", TypeAdapter(list[s.Quote]), "quotes.yaml")
STATS: Kind[list[s.ShareStat | s.LiteralStat]] = Kind(
    "stats.yaml", TypeAdapter(list[s.Stat]), "stats.yaml")
CHARTS: Kind[list[s.ChartSpec]] = Kind("charts.yaml", TypeAdapter(list[s.Chart]), "charts.yaml")
LANGUAGE = Kind("language.yaml", TypeAdapter(s.Language), "language.yaml")
DATASET = Kind("data/*.yaml", TypeAdapter(Dataset), "a dataset descriptor in data/")
BRIEF = Kind("briefs/*.yaml", TypeAdapter(s.Brief), "a chapter brief in briefs/")
HANDOUT = Kind("handouts/*/*.yaml", TypeAdapter(s.Handout), "an audience handout in handouts/")
TRAINING = Kind("trainings/*.yaml", TypeAdapter(s.Training),
                "a training's print run in trainings/", rules=True)
FUNDER = Kind("funders/*.yaml", TypeAdapter(s.Funder), "a funder's rules in funders/", rules=True)
# Read by press/source/editions.py; its schema is for editors (field path -> text and of).
TRANSLATION = Kind("**/*.*-*.yaml", TypeAdapter(dict[str, s.TranslationEntry]),
                   "an edition's translation (<file>.<edition>.yaml, beside the file)")

# Every kind of file staff write, stated once: load reads them from here, `make schema`
# publishes their JSON Schemas and .vscode/settings.json from here.
KINDS: dict[str, Kind[object]] = {
    "brand": BRAND, "settings": SETTINGS, "references": REFERENCES, "quotes": QUOTES,
    "stats": STATS, "charts": CHARTS, "language": LANGUAGE, "dataset": DATASET, "brief": BRIEF,
    "handout": HANDOUT, "training": TRAINING, "funder": FUNDER, "translation": TRANSLATION}
ADAPTERS = {name: kind.adapter for name, kind in KINDS.items()}
# What source/ holds by name: its folders and its files (words.txt, the spelling's words)
SOURCE_FOLDERS = tuple(k.where.split("/")[0] for k in KINDS.values() if "/" in k.where
                and not k.where.startswith("*"))
SOURCE_FILES = (*(k.where for k in KINDS.values() if "/" not in k.where), "words.txt")
NEAR_NAME = 0.8  # a misnamed file or folder (quote.yaml, training/), not another (notes.txt)
RULE_FOLDERS = tuple(f"source/{kind.where.split('/')[0]}/" for kind in KINDS.values()
                     if kind.rules)  # files only the commands that use them stop on


@dataclass(frozen=True)
class Project:
    """Everything in source/, validated. `docs` keeps each file's line marks."""

    root: Path
    brand: s.Brand
    settings: s.Settings
    references: dict[str, s.Reference]
    quotes: dict[str, s.Quote]
    stats: dict[str, s.ShareStat | s.LiteralStat]
    charts: dict[str, s.SplitChart | s.ShareOverTimeChart | s.SlopeChart | s.BigNumberChart]
    language: s.Language
    tables: dict[str, Table]
    briefs: dict[str, s.Brief]
    handouts: dict[str, s.Handout]  # by "<chapter>/<audience>", chapter filled in
    docs: dict[str, Located] = field(repr=False)
    words: tuple[str, ...] = ()  # source/words.txt: words the spelling check accepts
    trainings: dict[str, s.Training] = field(default_factory=dict)  # source/trainings/
    funders: dict[str, s.Funder] = field(default_factory=dict)  # source/funders/
    # The problems of each training and funder file, by its path: they stop only the
    # commands that use the file (a print run, a funder's checklist); `check` lists them all.
    rule_problems: dict[str, tuple[Problem, ...]] = field(default_factory=dict)
    edition: str = ""  # the language it is printed in ("" : the sources' own)
    # an edition's quotes: each translated one's English (the manifest keeps it), and
    # those printed in English in it (no translation, or no consent to translate)
    quotes_translated: dict[str, str] = field(default_factory=dict)
    quotes_in_original: frozenset[str] = frozenset()
    # an edition's chart titles and subtitles it prints in English ("<chart>.title"), and
    # the datasets in English: those are filled with English words, not the edition's
    charts_in_original: frozenset[str] = frozenset()
    tables_in_original: dict[str, Table] = field(default_factory=dict)
    # an edition's fields printed in the sources' language, by file ("handout/<key>",
    # "brief/<chapter>", "quotes", "stats") and field path ("headline", "<id>.role"): the
    # pages tag each with its language
    in_original: dict[str, frozenset[str]] = field(default_factory=dict)
    # an edition's translation files as it read them (a draft's text where one was checked),
    # by path: the checks of its words say their problems at their lines
    translations: dict[Path, Located | None] = field(default_factory=dict, repr=False)

    def original(self, key: str, path: str) -> str:
        """The sources' language where the field `path` of the file `key` is printed in it in
        this edition (untranslated), else "" (it is in the document's language)."""
        return self.settings.language if path in self.in_original.get(key, ()) else ""

    @property
    def source(self) -> Path:
        return self.root / "source"

    def doc(self, kind: str, name: str = "") -> Located:
        key = f"{kind}/{name}" if name else kind
        return self.docs[key]

    def only(self, chapter: str) -> Project:
        """The project with one chapter's brief and handouts: what a training prints (its
        place's rules apply to that chapter alone)."""
        return replace(self, briefs={k: v for k, v in self.briefs.items() if k == chapter},
                       handouts={k: v for k, v in self.handouts.items() if v.chapter == chapter})


def _read(path: Path, root: Path, kind: Kind[T], name: str, problems: Problems,
          draft: str | None = None) -> tuple[T | None, Located | None]:
    """The file's validated value (of the kind's model) and its located document (None for
    what failed); from `draft`, its unsaved text, where one is given."""
    try:
        stamp = path.stat()
    except OSError:
        stamp = None
    value, doc, found = (_parse_draft(path, root, name, draft) if draft is not None else
                         _parse(path, root, name, stamp.st_size, stamp.st_mtime_ns)
                         if stamp else _parse.__wrapped__(path, root, name, 0, 0))
    problems.extend(found)
    return cast("T | None", value), doc  # what the kind's adapter validated


@lru_cache(maxsize=512)
def _parse(path: Path, root: Path, kind: str, size: int, mtime: int
           ) -> tuple[object, Located | None, tuple[Problem, ...]]:
    """Parse and validate one file; remembered while its size and time stay the same (the
    values are frozen), so a process that builds again re-reads only what was saved."""
    return _parsed(path, root, kind)


@lru_cache(maxsize=32)
def _parse_draft(path: Path, root: Path, kind: str, draft: str
                 ) -> tuple[object, Located | None, tuple[Problem, ...]]:
    """A draft's text parsed and validated as its file would be (remembered by its text)."""
    return _parsed(path, root, kind, draft)


def _parsed(path: Path, root: Path, kind: str, draft: str | None = None
            ) -> tuple[object, Located | None, tuple[Problem, ...]]:
    doc, found = load_yaml(path, root, draft)
    if doc is None:
        return None, None, tuple(found)
    if doc.data is None:
        return None, doc, (*found, Problem(doc.rel, 1, 1, "the file is empty", "restore its "
                                           "contents from git (git checkout -- FILE) or from "
                                           "the examples in the user guide, docs/"))
    value, problems = validate(doc, KINDS[kind].adapter, KINDS[kind].tolerated)
    return value, doc, (*found, *problems)


def _index(items: Sequence[Identified], doc: Located, what: str, problems: Problems
           ) -> dict[str, Identified]:
    by_id: dict[str, Identified] = {}
    for number, item in enumerate(items):
        if item.id in by_id:
            problems.add(doc.problem((number, "id"), f'the {what} id "{item.id}" is used twice',
                                     "give each one its own id"))
        by_id[item.id] = item
    return by_id


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


Identified = TypeVar("Identified", bound=_HasId)


def _present(value: T | None) -> T:
    """A file's value once loading raised on every error (a file that failed has one)."""
    assert value is not None, "a file that failed to load was not reported"
    return value


def read_settings(root: Path) -> s.Settings | None:
    """source/settings.yaml alone, as the build reads it; None where it does not read (the
    build says why)."""
    return _Reading(root.resolve(), {}).single("settings", SETTINGS)


def read_quotes(root: Path) -> list[s.Quote] | None:
    """source/quotes.yaml alone, as the build reads it; None where it does not read (the
    studio judges each quote's consent by it while another file has an error)."""
    return _Reading(root.resolve(), {}).single("quotes", QUOTES)


def read_each_quote(root: Path) -> list[tuple[str, s.Quote | Problem]] | None:
    """Each quote of source/quotes.yaml judged alone, as the build reads it: its model, or
    the first error at its own entry (a date that does not exist in one quote leaves the
    others' consent to be shown); None where the file does not read as a list."""
    root = root.resolve()
    problems = Problems()
    value, doc = _read(root / "source" / QUOTES.where, root, QUOTES, "quotes", problems)
    if value is not None:
        return [(quote.id, quote) for quote in value]
    if doc is None or not isinstance(doc.data, list):
        return None
    alone = TypeAdapter(s.Quote)
    found: list[tuple[str, s.Quote | Problem]] = []
    for index, item in enumerate(doc.data):
        ident = str(item.get("id", "")) if isinstance(item, dict) else ""
        wrong = [p for p in problems.items if p.severity == "error"
                 and p.field.split(".", 1)[0] == str(index)]
        if not wrong:
            try:
                found.append((ident, alone.validate_python(item)))
                continue
            except ValueError:  # (the whole file's check says where)
                wrong = [Problem(doc.rel, 0, 0, "this quote does not read", field=str(index))]
        found.append((ident, wrong[0]))
    return found


def read_references(root: Path) -> list[s.Reference] | None:
    """source/references.yaml alone, as the build reads it; None where it does not read."""
    return _Reading(root.resolve(), {}).single("references", REFERENCES)


def read_stats(root: Path) -> list[s.ShareStat | s.LiteralStat] | None:
    """source/stats.yaml alone, as the build reads it; None where it does not read."""
    return _Reading(root.resolve(), {}).single("stats", STATS)


def read_tables(root: Path) -> dict[str, Table]:
    """The datasets read alone, as the build reads them (those that do not read left out)."""
    reading = _Reading(root.resolve(), {})
    return reading.tables(reading.folder("dataset", DATASET, "data"), None, None)


def read_places(root: Path) -> list[str]:
    """Every jurisdiction the datasets have rows for, read alone (read_tables)."""
    return sorted({place for table in read_tables(root).values()
                   for place in table.jurisdictions()})


def load_project(root: Path, drafts: Mapping[str, str] | None = None
                 ) -> tuple[Project, Problems]:
    """Read and validate everything under root/source. Raises BuildError on any error.
    `drafts` (a file's path under the project -> its unsaved text) are read in place of
    those files, which stay as they are on disk (the studio checks an edit before saving)."""
    root = root.resolve()
    if not (root / "source").is_dir():
        raise BuildError("load", [Problem("source", 0, 0, "there is no source/ folder here",
                                          "run the command from the project folder")])
    _within_total(root)
    reading = _Reading(root, {root / rel: text for rel, text in (drafts or {}).items()})
    brand, settings = reading.single("brand", BRAND), reading.single("settings", SETTINGS)
    reference_list = reading.single("references", REFERENCES)
    quotes, stats = reading.single("quotes", QUOTES), reading.single("stats", STATS)
    charts, language = reading.single("charts", CHARTS), reading.single("language", LANGUAGE)
    briefs = reading.folder("brief", BRIEF, "briefs")
    handouts = reading.handouts(briefs)
    descriptors = reading.folder("dataset", DATASET, "data")
    reading.descriptors_failed()
    trainings = reading.folder("training", TRAINING, "trainings")
    funders = reading.folder("funder", FUNDER, "funders")
    problems, docs = reading.problems, reading.docs
    if not briefs and not _failed(problems, "source/briefs/"):
        problems.add(Problem("source/briefs", 0, 0, "there is no brief", "add a chapter file "
                             "such as source/briefs/law-enforcement.yaml"))
    references = _index(reference_list or [], docs.get("references") or _blank(root),
                        "reference", problems)
    tables = reading.tables(descriptors, set(references) if reference_list is not None
                            else None, settings.edition_date if settings else None)
    problems.extend(_unread(root, reading.read))
    words = _words(root, root / "source" / "words.txt", problems)
    rule_problems = _rule_problems(problems)
    problems.raise_if_errors("load")
    project = Project(
        root=root, brand=_present(brand), settings=_present(settings), references=references,
        quotes=_index(_present(quotes), docs["quotes"], "quote", problems),
        stats=_index(_present(stats), docs["stats"], "statistic", problems),
        charts=_index(_present(charts), docs["charts"], "chart", problems),
        language=_present(language), tables=tables, briefs=briefs, handouts=handouts, docs=docs,
        words=words, rule_problems=rule_problems,
        trainings={k: v for k, v in trainings.items()
                   if not _failed_file(rule_problems, f"source/trainings/{k}.")},
        funders={k: v for k, v in funders.items()
                 if not _failed_file(rule_problems, f"source/funders/{k}.")})
    problems.raise_if_errors("load")
    return project, problems


@dataclass
class _Reading:
    """One reading of source/: the problems found, each file's located document, and every
    file read (any other file in source/ is said to be unread)."""

    root: Path
    drafts: Mapping[Path, str] = field(default_factory=dict)  # unsaved texts, by path
    problems: Problems = field(default_factory=Problems)
    docs: dict[str, Located] = field(default_factory=dict)
    read: set[Path] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.read.add(self.root / "source" / "words.txt")
        self.read.update((self.root / "source").glob("words.*.txt"))  # an edition's (es-US)

    def single(self, name: str, kind: Kind[T]) -> T | None:
        """The one file of a kind (source/brand.yaml, say); None if it is missing or failed."""
        path = self.root / "source" / kind.where
        self.read.add(path)
        if not path.exists() and not path.is_symlink():
            self.problems.add(Problem(
                f"source/{kind.where}", 0, 0, "this file is missing",
                f"restore it from git: git checkout -- source/{kind.where}"))
            return None
        found: tuple[T | None, Located | None] = _read(path, self.root, kind, name, self.problems,
                                                       self.drafts.get(path))
        if found[1]:
            self.docs[name] = found[1]
        return found[0]

    def folder(self, name: str, kind: Kind[T], sub: str, prefix: str = "") -> dict[str, T]:
        """Every file of one kind in source/<sub>/, by its name (prefixed), and a draft of
        a new one there (a funder's rules written in the studio, checked before it is saved)."""
        found: dict[str, T] = {}
        folder = self.root / "source" / sub
        new = [p for p in self.drafts if p.parent == folder and p.suffix == ".yaml"
               and not is_translation(p)]
        for path in sorted({*_yaml_files(folder), *new}):
            self.read.add(path)
            if not SLUG.match(path.stem):
                self.problems.add(_misnamed(path, self.root))
                continue
            value, doc = _read(path, self.root, kind, name, self.problems, self.drafts.get(path))
            if doc:
                self.docs[f"{name}/{prefix}{path.stem}"] = doc
            if value is not None:
                found[prefix + path.stem] = value
        return found

    def handouts(self, briefs: dict[str, s.Brief]) -> dict[str, s.Handout]:
        """Each chapter's handouts, from its folder in source/handouts/, chapter filled in."""
        handouts: dict[str, s.Handout] = {}
        folders = sorted(p for p in (self.root / "source" / "handouts").glob("*") if p.is_dir())
        for chapter_folder in folders:
            chapter = chapter_folder.name
            found = self.folder("handout", HANDOUT, f"handouts/{chapter}", f"{chapter}/")
            if chapter not in briefs and not _failed(self.problems, f"source/briefs/{chapter}.y"):
                self.problems.add(Problem(
                    chapter_folder.relative_to(self.root).as_posix(), 0, 0, f'the folder '
                    f'"{chapter}" is not a chapter: there is no source/briefs/{chapter}.yaml.'
                    f"{did_you_mean(chapter, briefs)}", "name the folder after a chapter's "
                    f"brief ({one_of(briefs)}), or add the chapter's brief"))
            for key, handout in found.items():
                if handout.chapter not in (None, chapter):
                    self.problems.add(self.docs[f"handout/{key}"].problem(
                        ("chapter",), f'this handout is in the folder "{chapter}" but says '
                        f"chapter: {handout.chapter}", "remove the `chapter:` line (the folder "
                        "names the chapter), or move the file into its chapter's folder"))
                handouts[key] = handout.model_copy(update={"chapter": chapter})
        return handouts

    def descriptors_failed(self) -> None:
        """A descriptor that failed still names its files (they are not 'unread')."""
        for key, doc in self.docs.items():
            raw = doc.data.get("path") if key.startswith("dataset/") and isinstance(
                doc.data, dict) else None
            for name in [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []:
                if isinstance(name, str):
                    self.read.add(self.root / "source" / "data" / name)

    def tables(self, descriptors: dict[str, Dataset], references: set[str] | None,
               edition: dt.date | None) -> dict[str, Table]:
        """Each dataset's files read through its descriptor."""
        tables: dict[str, Table] = {}
        data = self.root / "source" / "data"
        for name, descriptor in descriptors.items():
            self.read.update(data / path for path in descriptor.paths)
            missing = [p for p in descriptor.paths if not (data / p).exists()
                       and not (data / p).is_symlink()]
            if missing:
                self.problems.add(self.docs[f"dataset/{name}"].problem(
                    ("path",), f"the data file {one_of(missing)} does not exist in source/data/",
                    "correct `path:`, or copy the CSV file into source/data/"))
                continue
            table, found = read_table(name, descriptor, self.root, data, references, edition)
            since = len(self.problems.items)
            self.problems.extend(found)
            self.problems.about("trust", since)  # what a table's rows say of its counts
            if table:
                tables[name] = table
        return tables


def _rule_problems(problems: Problems) -> dict[str, tuple[Problem, ...]]:
    """The problems of the training and funder files, taken apart: only the commands that use
    a file stop on them (and `check`, which checks every file)."""
    apart: dict[str, list[Problem]] = {}
    for problem in list(problems.items):
        if problem.file.startswith(RULE_FOLDERS):
            problems.items.remove(problem)
            apart.setdefault(problem.file, []).append(problem)
    return {k: tuple(v) for k, v in apart.items()}


def training_problems(training: s.Training, doc: Located, briefs: Mapping[str, s.Brief],
                      handouts: Mapping[str, s.Handout], severity: str) -> list[Problem]:
    """What in a training names a chapter or an audience that is not there."""
    if training.chapter not in briefs:
        return [doc.problem(("chapter",), f'there is no chapter "{training.chapter}".'
                            f"{did_you_mean(training.chapter, briefs)}",
                            f"write one of {one_of(briefs)}", severity)]
    found: list[Problem] = []
    own = sorted(k.split("/", 1)[1] for k in handouts if k.startswith(training.chapter + "/"))
    for audience in training.attendees:
        if audience not in own:
            found.append(doc.problem(
                ("attendees", audience), f'the chapter {training.chapter} has no handout '
                f'"{audience}" (source/handouts/{training.chapter}/{audience}.yaml).'
                f"{did_you_mean(audience, own)}", f"write one of {one_of(own)}", severity))
    if not any(training.attendees.values()) and not training.briefs:
        found.append(doc.problem(("attendees",), "the training asks for no copies at all",
                                 "write how many people of each audience attend", severity))
    return found


def _words(root: Path, path: Path, problems: Problems) -> tuple[str, ...]:
    """The spelling check's own words, one per line; # starts a comment."""
    if not path.exists() and not path.is_symlink():
        return ()
    try:
        text = files.read_text(root, path, limit=WORDS_LIMIT)
    except files.Refused as refused:
        problems.add(refused.problem)
        return ()
    except UnicodeDecodeError:
        problems.add(Problem(path.relative_to(root).as_posix(), 1, 1, "the file is not UTF-8 text",
                             "save it as UTF-8 in your editor"))
        return ()
    not_text = controls.problems_in(files.rel(root, path), text)
    if not_text:
        problems.extend(not_text)
        return ()
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


WORDS_LIMIT = files.Limit(limits.WORDS_FILE_BYTES, "a list of words",
                          "keep only the words the spelling check should accept")


def _misnamed(path: Path, root: Path) -> Problem:
    """A file whose name is not a document's name: a translation misnamed (judges.es_US.yaml,
    judges.es-us.yaml) is told its edition's form, any other the name it could have."""
    stem, _, tag = path.stem.partition(".")
    language, _, country = tag.replace("_", "-").partition("-")
    rel = path.relative_to(root).as_posix()
    if SLUG.match(stem) and re.fullmatch(r"[A-Za-z]{2}", language) and (
            not country or re.fullmatch(r"[A-Za-z]{2}", country)):
        edition = f"{language.lower()}-{(country or 'XX').upper()}"
        return Problem(rel, 0, 0, f'"{path.name}" looks like a translation of {stem}'
                       f"{path.suffix}, but an edition's file is named like {stem}.es-US"
                       f"{path.suffix} (the language, a hyphen, the country in capitals)",
                       f'rename it to "{stem}.{edition}{path.suffix}"' if country else
                       f"rename it to {stem}.<edition>{path.suffix}, with an edition listed in "
                       "settings.yaml (such as es-US)")
    return Problem(rel, 0, 0, f'the file name "{path.name}" is also the document\'s name and '
                   "must be lowercase letters, digits and hyphens",
                   f'rename it to "{slug_of(path.stem)}{path.suffix}"')


def _within_total(root: Path) -> None:
    """Stop before a file is parsed when the YAML files of source/ hold more than
    limits.YAML_TOTAL_BYTES together (each alone is bounded where it is read)."""
    sizes = {path: path.stat().st_size for path in (root / "source").rglob("*")
             if path.suffix in (".yaml", ".yml") and path.is_file() and not path.is_symlink()}
    total = sum(sizes.values())
    if total <= limits.YAML_TOTAL_BYTES:
        return
    largest = sorted(sizes, key=lambda path: (-sizes[path], path))[:3]
    named = ", ".join(f"{files.rel(root, path)} ({limits.size(sizes[path])})" for path in largest)
    raise BuildError("load", [Problem(
        "source", 0, 0, f"the YAML files in source/ hold {limits.size(total)} together; the "
        f"press reads at most {limits.size(limits.YAML_TOTAL_BYTES)} of YAML (its limit, so "
        f"that the sources cannot exhaust the machine; the largest: {named})",
        "move what the press does not read out of source/, or shorten the largest files")])


def _yaml_files(folder: Path) -> list[Path]:
    """A folder's source files (an edition's translations beside them are read apart)."""
    return sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml")
                  and not p.name.startswith(".") and not p.is_dir() and not is_translation(p))


def _failed_file(found: dict[str, tuple[Problem, ...]], prefix: str) -> bool:
    return any(p.severity == "error" for f, ps in found.items() if f.startswith(prefix) for p in ps)


def _failed(problems: Problems, prefix: str) -> bool:
    return any(p.file.startswith(prefix) for p in problems.errors)


def _unread(root: Path, read: set[Path]) -> list[Problem]:
    """A warning for each file in source/ that the press does not read."""
    source = root / "source"
    found: list[Problem] = []
    for path in sorted(source.rglob("*")):
        inner = path.relative_to(source)
        if path in read or path.is_dir() or any(part.startswith(".") for part in inner.parts):
            continue
        twin = EDITION_FILE.match(path.name)
        if twin and path.with_name(twin["stem"] + path.suffix) in read:
            continue  # an edition's translation of a file the press reads
        parts = inner.parts
        hint = "move it out of source/, or delete it"
        message = "the press does not read this file"
        if twin:
            beside = [p.name for p in read if p.parent == path.parent]
            message = (f"this translates {twin['stem']}{path.suffix}, but there is no such file "
                       f"beside it, so nothing prints it"
                       f"{did_you_mean(twin['stem'] + path.suffix, beside)}")
            hint = (f"name it after the file it translates ({twin['stem']}.{twin['edition']}"
                    f"{path.suffix} translates {twin['stem']}{path.suffix}), or delete it")
        elif parts[0] == "handouts" and len(parts) == 2:
            message += "; handouts live in a folder per chapter"
            hint = f"move it to source/handouts/<chapter>/{path.name}"
        elif parts[0] == "handouts":
            message += "; a handout must sit directly in its chapter's folder"
            hint = f"move it to source/handouts/{parts[1]}/{path.name}"
        elif len(parts) > 1 and parts[0] not in SOURCE_FOLDERS and (
                near := did_you_mean(parts[0], SOURCE_FOLDERS, cutoff=NEAR_NAME)):
            folder = near.split('"')[1]
            message = f"the press does not read the folder source/{parts[0]}/.{near}"
            hint = f"move it to source/{folder}/{'/'.join(parts[1:])}"
        elif len(parts) == 1 and path.name not in SOURCE_FILES and (
                near := did_you_mean(path.name, SOURCE_FILES, cutoff=NEAR_NAME)):
            name = near.split('"')[1]
            message += f".{near}"
            hint = (f"move what it holds into source/{name}, then delete it"
                    if (source / name).exists() else f"rename it to source/{name}")
        elif parts[0] == "data" and path.suffix.lower() == ".csv":
            message = ("no descriptor in source/data/ names this file, so it is not used (and "
                       "never attached to a PDF)")
            hint = ("describe it in a .yaml file beside it (see \"Bringing in a new table\" in "
                    "the user guide, docs/tables.md), or delete it")
        found.append(Problem(f"source/{inner.as_posix()}", 0, 0, message, hint, "warning"))
    return found


def _blank(root: Path) -> Located:
    return Located(root / "source", "source/references.yaml", None, {})


# --- an edition: the project in another language ----------------------------------------

_TRANSLATED = (("brand", "brand", BRAND), ("quotes", "quotes", QUOTES), ("stats", "stats", STATS),
               ("charts", "charts", CHARTS))


def load_edition(root: Path, edition: str, drafts: Mapping[str, str] | None = None
                 ) -> tuple[Project, Problems]:
    """The project as its `edition` prints it: each translated field put in its place, with
    a warning for every field printed in English and every stale translation. A quote is
    translated only where its consent allows it (`translate` in its uses)."""
    project, problems = load_project(root, drafts)
    if edition == project.settings.language:
        return project, problems
    listed = project.settings.editions or [project.settings.language]
    if edition not in listed:
        same = [e for e in listed if e.lower() == edition.replace("_", "-").lower()]
        problems.add(project.docs["settings"].problem(
            ("editions",) if project.settings.editions else (), f'there is no edition "{edition}" (the '
            f"editions are {', '.join(listed)}).{'' if same else did_you_mean(edition, listed)}",
            f"write it as {same[0]} (the language, a hyphen, the "
            "country in capitals)" if same else f"add {edition} under editions: in "
            "settings.yaml, or build one of those" if EDITION_TAG.fullmatch(edition) else
            "build one of those (an edition is named like es-US: the language, a hyphen, the "
            "country in capitals)"))
        problems.raise_if_errors("load")
    problems.extend(catalogue.label_problems(project.root, edition))
    terms, words = _edition_words(project, edition, problems)
    read = _Translations(project, edition, problems, {
        root / rel: text for rel, text in (drafts or {}).items()})
    changed: dict[str, object] = {}
    words_of: dict[str, dict[str, str]] = {}
    for key, kind, source_kind in _TRANSLATED:
        found = read(key, kind)
        words_of[key] = _consented(project, found, problems) if key == "quotes" else found
        changed[key] = _translated(project, key, kind, source_kind, words_of[key])
    for name in project.briefs:
        words_of[f"brief/{name}"] = read(f"brief/{name}", "brief")
    briefs = {name: _translated(project, f"brief/{name}", "brief", BRIEF,
                                words_of[f"brief/{name}"]) for name in project.briefs}
    handouts = {}
    for key, handout in project.handouts.items():
        found = words_of[f"handout/{key}"] = read(f"handout/{key}", "handout")
        handouts[key] = _translated(project, f"handout/{key}", "handout", HANDOUT, found
                                    ).model_copy(update={"chapter": handout.chapter})
    tables = {name: _translated_table(project, name, table, read)
              for name, table in project.tables.items()}
    quotes = cast("list[s.Quote]", changed["quotes"])
    said = {q.id for q in quotes if f"{q.id}.text" in words_of["quotes"]}
    problems.raise_if_errors("load")
    return replace(
        project, brand=cast("s.Brand", changed["brand"]), briefs=briefs, handouts=handouts,
        tables=tables,
        quotes={q.id: q for q in quotes},
        stats={x.id: x for x in cast("list[s.ShareStat | s.LiteralStat]", changed["stats"])},
        charts={c.id: c for c in cast("list[s.ChartSpec]", changed["charts"])},
        edition=edition, quotes_translated={i: project.quotes[i].text for i in said},
        quotes_in_original=frozenset(set(project.quotes) - said), language=terms,
        words=words, charts_in_original=frozenset(
            f"{c.id}.{name}" for c in project.charts.values() for name in ("title", "subtitle")
            if getattr(c, name) and f"{c.id}.{name}" not in words_of["charts"]),
        tables_in_original=project.tables, in_original=_in_original(project, words_of),
        translations=read.docs), problems


def _in_original(project: Project, words_of: Mapping[str, Mapping[str, str]]
                 ) -> dict[str, frozenset[str]]:
    """Each file's fields the edition prints in the sources' language: those it has no
    translation of (or, for a quote's words, no consent to print one of)."""
    found: dict[str, frozenset[str]] = {}
    for key, words in words_of.items():
        english = editions.source_fields(key.split("/", 1)[0], project.docs[key].data)
        found[key] = frozenset(path for path in english if path not in words)
    return found


def _edition_words(project: Project, edition: str, problems: Problems
                   ) -> tuple[s.Language, tuple[str, ...]]:
    """The edition's own list of terms to avoid (source/language.es-US.yaml, in the form of
    language.yaml: the English list says nothing of Spanish words), and the words its
    spelling check accepts: words.txt's (names) and words.es-US.txt's."""
    path = project.source / f"language.{edition}.yaml"
    terms: s.Language | None = s.Language()
    if path.exists() or path.is_symlink():
        terms, _ = _read(path, project.root, LANGUAGE, "language", problems)
    else:
        problems.add(Problem(
            f"source/language.{edition}.yaml", 0, 0, f"there is no list of terms to avoid for "
            f"the {edition} edition, so its words are not checked for stigmatizing terms",
            f"write it in the form of language.yaml (see {editions.EDITIONS_GUIDE})",
            "warning"))
    own = _words(project.root, project.source / f"words.{edition}.txt", problems)
    return terms or s.Language(), (*project.words, *own)


@dataclass
class _Translations:
    """An edition's translation files, each read once (a draft's text in place of its
    file), what is missing or stale in each said in `problems`."""

    project: Project
    edition: str
    problems: Problems
    drafts: Mapping[Path, str]
    docs: dict[Path, Located | None] = field(default_factory=dict)

    def __call__(self, key: str, kind: str) -> dict[str, str]:
        """The edition's words for the file `key` (field path -> text)."""
        source = self.project.docs[key]
        path = editions.translation_path(source.path, self.edition)
        translation = editions.translate_file(source, kind, self.edition, self.project.root,
                                              self.drafts.get(path))
        self.problems.extend(translation.problems)
        self.docs[path] = translation.doc
        return translation.words


def _translated(project: Project, key: str, kind: str, source_kind: Kind[T],
                words: Mapping[str, str]) -> T:
    """The file `key` read again with `words` in place of its English."""
    return source_kind.adapter.validate_python(
        editions.apply(project.docs[key].data, kind, words))


def _translated_table(project: Project, name: str, table: Table, read: _Translations
                      ) -> Table:
    """A dataset whose words (what it counts, its groups' labels) the edition translates."""
    key = f"dataset/{name}"
    words = read(key, "dataset") if key in project.docs else {}
    return replace(table, descriptor=_translated(project, key, "dataset", DATASET, words)) \
        if words else table


def _consented(project: Project, words: dict[str, str], problems: Problems) -> dict[str, str]:
    """The quotes' translated words, less those whose consent does not allow translating:
    those are printed in her own words, with a note (a warning says so here)."""
    allowed = dict(words)
    for key in list(words):
        quote_id, _, part = key.partition(".")
        quote = project.quotes.get(quote_id)
        if part == "text" and quote and quote.consent and "translate" not in quote.consent.uses:
            del allowed[key]
            problems.add(project.docs["quotes"].problem(
                (), f'the quote "{quote_id}" ({quote.speaker}) has a translation, but its '
                "consent does not allow translating her words: they are printed as she said "
                "them, with a note", "add translate to the consent's uses once she has agreed "
                "(and the release says so)", severity="warning"))
    return allowed
