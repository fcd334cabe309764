"""A descriptor proposed for a CSV export, from its bytes alone (the studio's "Bring in a
table"): its encoding, header and title or note lines, layout, the columns for place, year
or date, group and count, the columns of a wide file, totals, a group not recorded, the
offenses to keep, and the columns that look personal.

    proposal = propose("export.csv", data)      # no I/O: only the bytes given
    proposal.choice                             # what to write, as a form edits it
    proposal.guesses["group"].sure              # each field: how sure, and why
    descriptor_of(proposal.choice, ...)         # the descriptor (a mapping, as YAML writes)

Every field carries whether it is sure and why; a field that is not sure is for staff to
check. Nothing here decides a count: the table is read, as the build reads it, by
press/source/data.py (press/source/intake.py previews it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from press.core import limits
from press.source.cells import YEAR, Record, parse_count, records_of, year_of_date
from press.source.shape import NOTE_START, YEAR_HEADER, tokens_of
from press.source.totals import worded_as_total

SAMPLE = 5000  # rows whose cells are read to judge a column (every row's values are kept)
DISTINCT = 200  # the most distinct values of a column kept
FEMALE = {"f", "female", "females", "women", "woman", "girls", "girl", "w"}
MALE = {"m", "male", "males", "men", "man", "boys", "boy"}
UNKNOWN = {"u", "unknown", "not recorded", "not reported", "unk", "x", "na", "n/a", "missing",
           "not stated", "unspecified", "other/unknown", ""}
GROUP_NAMES = {"sex", "gender", "group"}
PLACE_NAMES = ("jurisdiction", "place", "state", "county", "city", "town", "municipality",
               "agency", "department", "region", "area", "country", "location")
COUNT_NAMES = {"count", "counts", "arrests", "arrest", "number", "n", "total", "cases", "value",
               "arrested", "persons", "people", "offenses", "incidents", "frequency", "freq",
               "sum", "arrestees"}
NOT_COUNTS = {"age", "code", "id", "ori", "zip", "year", "month", "day", "fips", "postal",
              "phone", "ssn", "dob", "rank", "sequence", "seq", "no", "nbr", "num", "incident",
              "case", "report", "key", "row"}
OFFENSE_NAMES = {"offense", "offence", "crime", "charge", "ucr", "nibrs", "statute"}
KEPT_OFFENSES = re.compile(r"prostitut|traffick|commerciali[sz]ed vice|commercial sex|solicit|"
                           r"pimp|pander|brothel|^40[abc]$|^64[ab]$|^asr_prs$", re.IGNORECASE)
PERSONAL = {"dob": "a birth date", "birth": "a birth date", "birthdate": "a birth date",
            "address": "an address", "street": "an address", "addr": "an address",
            "phone": "a phone number", "telephone": "a phone number", "mobile": "a phone number",
            "email": "an email address", "mail": "an email address", "ssn": "a Social Security "
            "number", "social": "a Social Security number", "surname": "a name",
            "firstname": "a name", "lastname": "a name", "fullname": "a name"}
PEOPLE = {"first", "last", "full", "middle", "given", "family", "arrestee", "person", "victim",
          "offender", "suspect", "defendant", "subject", "maiden", "legal"}
NOT_ASCII = re.compile(rb"[\x80-\xff]")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
AGENCY_NAME = re.compile(r"^(.+?)\s*\((?=[^)]*(?:police|department|sheriff|\bORI\b)).*\)$",
                         re.IGNORECASE)  # "Worcester, MA (Worcester Police Department, ORI ...)"
LABELS = {"female": "Women", "male": "Men", "unknown": "Sex not recorded"}
DEFAULT_MEASURE = "prostitution-related arrests"


@dataclass(frozen=True)
class Guess:
    """One proposed field: whether the press is sure of it, and why it proposes it."""

    sure: bool
    why: str


@dataclass
class Choice:
    """A descriptor as the studio's form edits it (every field a plain value)."""

    encoding: str = "utf-8"  # utf-8 (a BOM is read past) or windows-1252
    delimiter: str = ","
    header_row: int = 1  # the header's line
    layout: str = "long"
    jurisdiction: str = ""  # a column, or "" where `place` is the place of every row
    place: str = ""
    place_names: dict[str, str] = field(default_factory=dict)  # the file's place -> printed
    year: str = ""
    date: str = ""
    group: str = ""
    count: str = ""
    female: list[str] = field(default_factory=list)  # wide: the columns added up, per group
    male: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    total_column: str = ""  # wide: a column of totals
    values: dict[str, str] = field(default_factory=dict)  # group value -> female, male,
    # unknown, total or out (left out)
    filter_column: str = ""
    kept: list[str] = field(default_factory=list)  # the filter column's values kept
    title: str = ""
    measure: str = DEFAULT_MEASURE
    source: str = ""  # a reference id
    keep: list[str] = field(default_factory=list)  # personal columns kept


@dataclass(frozen=True)
class Column:
    """What a column holds, from its values."""

    name: str
    position: int
    values: Counter[str]  # its distinct values (at most DISTINCT), with their rows
    counts: bool  # every sampled value a count
    years: bool  # every sampled value a four-digit year
    dates: bool  # every sampled value a date
    filled: int  # sampled cells not empty

    @property
    def tokens(self) -> set[str]:
        return tokens_of(self.name)


@dataclass(frozen=True)
class Proposal:
    """What the press proposes for a file, and what it found in it."""

    choice: Choice
    guesses: dict[str, Guess]
    columns: tuple[Column, ...]
    personal: dict[str, str]  # column -> what it looks like it holds ("a birth date")
    title_lines: tuple[int, ...]
    note_lines: tuple[int, ...]
    rows: int  # data rows
    problems: tuple[str, ...]  # why nothing can be proposed ("the file is empty")
    offenses: dict[str, list[str]] = field(default_factory=dict)  # offense column -> values

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def unsure(self) -> list[str]:
        return [name for name, guess in self.guesses.items() if not guess.sure]


def decode(data: bytes) -> tuple[str, str, str]:
    """The text, its encoding (utf-8, utf-8-sig or windows-1252), and why."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig", "the file starts with a " \
            "UTF-8 byte-order mark (as Excel's \u201cCSV UTF-8\u201d saves)"
    try:
        text = data.decode("utf-8")
        return text, "utf-8", ("it is plain text (UTF-8)" if data.isascii()
                               else "its accented letters are UTF-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), "windows-1252", "it is not UTF-8: an older " \
            "Windows program's text (Windows-1252)"


def _delimiter(text: str) -> str:
    """The separator most of the first lines agree on (a title line above may hold a comma)."""
    head = [line for line in text[:8192].splitlines()[:12] if line.strip()]

    def agreeing(delimiter: str) -> int:
        counts = Counter(line.count(delimiter) for line in head if delimiter in line)
        return counts.most_common(1)[0][1] if counts else 0

    scores = {d: agreeing(d) for d in (",", ";", "\t")}
    best = max(scores, key=lambda d: scores[d])
    return best if scores[best] > scores[","] else ","


def _header_index(records: list[Record]) -> int | None:
    """The first record that reads as a header: two or more filled cells, most of them words."""
    for index, record in enumerate(records[:30]):
        filled = record.filled()
        if len(filled) < 2 or len(filled) * 2 < len(record.cells):
            continue
        words = [c for c in filled if parse_count(c) is None or YEAR_HEADER.fullmatch(c.strip())]
        if len(words) == len(filled):
            return index
    return None


def _notes(body: list[Record], width: int) -> list[Record]:
    """The note lines at the foot of the data: one filled cell, or a cell starting as a note
    does ("Note:", "Source:", "*")."""
    notes: list[Record] = []
    for record in reversed(body):
        cells = record.filled()
        if not cells:
            continue
        first = record.cells[0] if record.cells else ""
        if (len(cells) == 1 and width > 2 and parse_count(cells[0]) is None
                and not worded_as_total(cells[0])) or NOTE_START.match(first):
            notes.insert(0, record)
            continue
        break
    return notes


def _profile(header: list[str], rows: list[list[str]]) -> tuple[Column, ...]:
    columns = []
    for position, name in enumerate(header):
        every = [row[position].strip() if position < len(row) else "" for row in rows]
        values = Counter(every)
        if len(values) > DISTINCT:
            values = Counter(dict(values.most_common(DISTINCT)))
        sample = every[:SAMPLE]
        seen = [v for v in sample if v]
        columns.append(Column(
            name, position, values,
            counts=bool(seen) and all(parse_count(v) is not None for v in seen),
            years=bool(seen) and all(YEAR.fullmatch(v) and 1800 <= int(v) <= 2100 for v in seen),
            dates=bool(seen) and all(year_of_date(v) is not None and not YEAR.fullmatch(v)
                                     for v in seen[:500]),
            filled=len(seen)))
    return tuple(columns)


def personal_columns(header: list[str], rows: list[list[str]]) -> dict[str, str]:
    """Columns that look like they hold something of a person's own: a name, a birth date,
    an address, a phone number, an email address, a Social Security number."""
    found: dict[str, str] = {}
    for position, name in enumerate(header):
        tokens = tokens_of(name)
        folded = re.sub(r"[^a-z]", "", name.casefold())
        what = next((PERSONAL[t] for t in sorted(tokens) if t in PERSONAL), None)
        if what is None and folded in PERSONAL:
            what = PERSONAL[folded]
        if what is None and "name" in tokens and (tokens <= {"name"} | PEOPLE):
            what = "a name"
        if what is None and ("date" in tokens and "birth" in folded):
            what = "a birth date"
        if what is None and any(EMAIL.fullmatch(r[position].strip()) for r in rows[:200]
                                if position < len(r)):
            what = "an email address"
        if what is not None:
            found[name] = what
    return found


def sex_of(value: str) -> str | None:
    """The group a value reads as: female, male, unknown, total, or None."""
    folded = " ".join(value.casefold().split())
    if folded in FEMALE:
        return "female"
    if folded in MALE:
        return "male"
    if folded in UNKNOWN:
        return "unknown"
    if worded_as_total(value):
        return "total"
    return None


def _sex_of_name(name: str) -> str | None:
    tokens = tokens_of(name)
    if tokens & FEMALE - {"f", "w"}:
        return "female"
    if tokens & MALE - {"m"}:
        return "male"
    if tokens & {"unknown", "unk"}:
        return "unknown"
    return None


def _grouping(columns: tuple[Column, ...], taken: set[str]) -> Column | None:
    """The column whose values are the groups (F, M, U; Female, Male)."""
    best: tuple[int, Column] | None = None
    for column in columns:
        if column.name in taken or column.counts:
            continue
        kinds = Counter(sex_of(v) for v in column.values)
        sexed = kinds["female"] + kinds["male"]
        named = bool(column.tokens & GROUP_NAMES)
        if ("female" in kinds and "male" in kinds and kinds[None] <= sexed) or \
                (named and sexed):
            score = sexed + (10 if named else 0)
            if best is None or score > best[0]:
                best = (score, column)
    return best[1] if best else None


def _offense_filter(columns: tuple[Column, ...], rows: list[list[str]], taken: set[str]
                    ) -> tuple[str, list[str], dict[str, list[str]]]:
    """The offense column to filter on and the values to keep (those of prostitution and
    trafficking), and every offense column's values."""
    offense = [c for c in columns if c.tokens & OFFENSE_NAMES and c.name not in taken
               and len(c.values) >= 2]
    listed = {c.name: sorted(c.values) for c in offense}
    if not offense:
        return "", [], listed
    positions = [c.position for c in offense]
    known: dict[str, bool] = {}

    def kept_offense(value: str) -> bool:
        found = known.get(value)
        if found is None:
            found = known[value] = bool(KEPT_OFFENSES.search(value.strip()))
        return found

    kept_rows = [any(kept_offense(r[p]) for p in positions if p < len(r)) for r in rows]
    for column in sorted(offense, key=lambda c: ("code" not in c.tokens, c.position)):
        kept = {r[column.position].strip() for r, keep in zip(rows, kept_rows, strict=True)
                if keep}
        left = {r[column.position].strip() for r, keep in zip(rows, kept_rows, strict=True)
                if not keep}
        if kept and not kept & left:
            return column.name, sorted(kept), listed
    return "", [], listed


def propose(name: str, data: bytes) -> Proposal:
    """The descriptor proposed for the CSV file `name`, from its bytes."""
    guesses: dict[str, Guess] = {}
    choice = Choice(title=_title_of(name))
    empty = Proposal(choice, guesses, (), {}, (), (), 0, ())
    if len(data) > limits.TABLE_FILE_BYTES:
        return _refused(empty, f"the file is larger than {limits.TABLE_FILE_BYTES // 2**20} MB, "
                        "the most the press reads in a table")
    text, encoding, why = decode(data)
    choice.encoding = "windows-1252" if encoding == "windows-1252" else "utf-8"
    guesses["encoding"] = Guess(encoding != "windows-1252" or not _mostly_ascii(data), why)
    choice.delimiter = _delimiter(text)
    records, unreadable = records_of(name, text, choice.delimiter)
    if unreadable:
        return _refused(empty, unreadable[0].message)
    if not any(r.filled() for r in records):
        return _refused(empty, "the file is empty")
    at = _header_index(records)
    if at is None:
        return _refused(empty, "no line of the file reads as a header row (the names of the "
                        "columns)")
    header = [h.strip() for h in records[at].cells]
    choice.header_row = records[at].line
    titles = tuple(r.line for r in records[:at] if r.filled())
    guesses["header_row"] = Guess(True, f"line {choice.header_row} names the columns" + (
        f"; the title line{'s' if len(titles) > 1 else ''} above it skipped" if titles else ""))
    body = [r for r in records[at + 1:] if r.filled()]
    notes = _notes(body, len(header))
    body = body[:len(body) - len(notes)]
    above = [r for r in records[:at] if r.filled()]
    if above:
        choice.title = _short(above[0].filled()[0])
    rows = [r.cells for r in body]
    if not rows:
        return _refused(Proposal(choice, guesses, _profile(header, []), {}, titles,
                                 tuple(r.line for r in notes), 0, ()),
                        "the file has a header but no data rows")
    columns = _profile(header, rows)
    personal = personal_columns(header, rows)
    found = Proposal(choice, guesses, columns, personal, titles, tuple(r.line for r in notes),
                     len(rows), ())
    _roles(found, rows)
    return found


def _refused(proposal: Proposal, why: str) -> Proposal:
    return Proposal(proposal.choice, proposal.guesses, proposal.columns, proposal.personal,
                    proposal.title_lines, proposal.note_lines, proposal.rows, (why,))


def _mostly_ascii(data: bytes) -> bool:
    return len(NOT_ASCII.findall(data)) * 1000 < len(data)


def _title_of(name: str) -> str:
    stem = re.sub(r"\.csv$", "", name.rsplit("/", 1)[-1], flags=re.IGNORECASE)
    words = " ".join(re.split(r"[-_ ]+", stem)).strip()
    return _short(words[:1].upper() + words[1:]) if words else "A table brought in"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 190 else text[:189] + "\u2026"


def _roles(p: Proposal, rows: list[list[str]]) -> None:
    """Fill in the proposal's roles: layout, columns, groups, totals, filters."""
    c, g = p.choice, p.guesses
    names = p.personal
    usable = tuple(col for col in p.columns if col.name not in names and col.name)
    year_named = [col for col in usable if YEAR_HEADER.fullmatch(col.name)]
    if len(year_named) >= 2:
        _year_columns(p, usable, year_named)
    else:
        _time(p, usable)
        taken = {c.year, c.date}
        group = _grouping(usable, taken)
        sexed = {col.name: s for col in usable if col.counts and (s := _sex_of_name(col.name))}
        if group is None and {"female", "male"} <= set(sexed.values()):
            c.layout = "wide"
            for column, sex in sexed.items():
                getattr(c, sex).append(column)
            totals = [col.name for col in usable if col.counts and worded_as_total(col.name)
                      and col.name not in sexed]
            c.total_column = totals[0] if totals else ""
            g["layout"] = Guess(True, "one column of counts for each sex (" + ", ".join(
                sexed) + ")")
            g["wide_columns"] = Guess(True, "columns named for women and for men; columns "
                                      "of one sex are added up (adults and juveniles)")
            if c.total_column:
                g["total"] = Guess(True, f'the column "{c.total_column}" is a total: checked, '
                                   "never counted")
        elif group is not None:
            c.group = group.name
            g["group"] = Guess(True, f'its values ({_few(group.values)}) are sexes')
            count = _count(usable, {c.year, c.date, c.group})
            if count is not None:
                c.layout, c.count = "long", count.name
                g["layout"] = Guess(True, "one row per group with a count")
                g["count"] = Guess(bool(count.tokens & COUNT_NAMES), f'"{count.name}" holds '
                                   "whole numbers" + ("" if count.tokens & COUNT_NAMES else
                                                      ": check it is the count"))
            else:
                c.layout = "records"
                g["layout"] = Guess(True, "no column of counts: each row is one arrest")
            _values(p, group)
        else:
            g["layout"] = Guess(False, "no column of sexes, nor a column of counts for each "
                                "sex, was found: choose the columns")
    _place(p, usable)
    taken = {c.jurisdiction, c.year, c.date, c.group, c.count, *c.female, *c.male}
    c.filter_column, c.kept, offenses = _offense_filter(usable, rows, taken)
    p.offenses.update(offenses)
    if c.filter_column:
        g["filters"] = Guess(False, f'"{c.filter_column}" has several offenses: the ones that '
                             "read as prostitution or trafficking are kept; check them")
    elif offenses:
        g["filters"] = Guess(False, "no offense reads as prostitution or trafficking: every "
                             "row is kept; choose the offenses to keep")
    g["measure"] = Guess(False, "what is counted, as the documents say it; the same words as "
                         "another dataset's mean the same thing is counted")
    g["source"] = Guess(False, "the reference (in references.yaml) the figures come from")


def _year_columns(p: Proposal, usable: tuple[Column, ...], year_named: list[Column]) -> None:
    c, g = p.choice, p.guesses
    c.layout = "year-columns"
    g["layout"] = Guess(True, "one column per year (" + ", ".join(
        col.name for col in year_named[:4]) + ("..." if len(year_named) > 4 else "") + ")")
    years = {col.name for col in year_named}
    group = _grouping(usable, years) or next(
        (col for col in usable if col.name not in years and not col.counts), None)
    if group is None:
        g["group"] = Guess(False, "no column names the groups: choose it")
        return
    c.group = group.name
    g["group"] = Guess(_grouping(usable, years) is not None,
                       f"its values ({_few(group.values)}) name the rows")
    _values(p, group)


def _time(p: Proposal, usable: tuple[Column, ...]) -> None:
    c, g = p.choice, p.guesses
    years = [col for col in usable if col.years]
    named = [col for col in years if col.tokens & {"year", "yr", "years"}]
    if years:
        c.year = (named or years)[0].name
        g["year"] = Guess(bool(named) or len(years) == 1, f'"{c.year}" holds four-digit years')
        return
    dates = [col for col in usable if col.dates]
    if dates:
        named = [col for col in dates if "date" in col.tokens]
        c.date = (named or dates)[0].name
        g["date"] = Guess(bool(named) or len(dates) == 1,
                          f'"{c.date}" holds dates: the year is read from each')
        return
    g["year"] = Guess(False, "no column of years or dates was found: choose it")


def _count(usable: tuple[Column, ...], taken: set[str]) -> Column | None:
    counts = [col for col in usable if col.counts and col.name not in taken
              and not col.tokens & NOT_COUNTS and not worded_as_total(col.name)]
    named = [col for col in counts if col.tokens & COUNT_NAMES]
    if named:
        return named[0]
    return counts[0] if len(counts) == 1 else None


def _values(p: Proposal, group: Column) -> None:
    c, g = p.choice, p.guesses
    odd = []
    for value in group.values:
        sex = sex_of(value)
        c.values[value] = sex or "out"
        if sex is None:
            odd.append(value)
    if "unknown" in c.values.values():
        g["unknown"] = Guess(False, "rows whose sex was not recorded are a group of their own, "
                             "counted in the base of every share (of every arrest); check")
    if "total" in c.values.values():
        g["total"] = Guess(True, "rows labelled as totals are checked against the others, "
                           "never counted")
    g["values"] = Guess(not odd, "each value's group" + (
        f"; {_few(Counter(odd))} left out: check" if odd else ""))


def _place(p: Proposal, usable: tuple[Column, ...]) -> None:
    c, g = p.choice, p.guesses
    taken = {c.year, c.date, c.group, c.count, *c.female, *c.male, c.total_column}
    for word in PLACE_NAMES:
        for col in usable:
            if word in col.tokens and col.name not in taken and not col.counts:
                c.jurisdiction = col.name
                agency = {"agency", "department"} & col.tokens or any(
                    re.search(r"police|department|sheriff|\bori\b", v, re.IGNORECASE)
                    for v in col.values)
                c.place_names = {v: found[1] for v in col.values if (found := AGENCY_NAME.match(v))}
                g["jurisdiction"] = Guess(not agency, f'"{col.name}" names the place' + (
                    ": check how each place is printed" if agency else ""))
                return
    g["place"] = Guess(False, "no column names the place: write the place every row is of")


def _few(values: Counter[str]) -> str:
    shown = [v if v else "(empty)" for v, _ in values.most_common(4)]
    return ", ".join(shown) + (", ..." if len(values) > 4 else "")


def descriptor_of(c: Choice, names: list[str], preview: bool = False) -> dict[str, Any]:
    """The descriptor a choice writes, as a mapping in the order the guide writes one;
    `names` the file's own name (or names). With `preview`, a place or source not given
    yet is written as a stand-in, so that the rows can be read before they are."""
    d: dict[str, Any] = {"title": c.title or "A table brought in",
                         "path": names[0] if len(names) == 1 else names,
                         "description": "Brought in from the export, as it came."}
    if c.layout != "long":
        d["layout"] = c.layout
    d["measure"] = c.measure
    columns = {k: v for k, v in (("jurisdiction", c.jurisdiction), ("year", c.year),
                                 ("date", c.date), ("group", c.group), ("count", c.count))
               if v and (k != "count" or c.layout == "long")
               and (k not in ("year", "date") or c.layout != "year-columns")
               and (k != "group" or c.layout != "wide")}
    d["columns"] = columns
    groups: list[str] = []
    if c.layout == "wide":
        wide = {g: (cols[0] if len(cols) == 1 else list(cols)) for g, cols in
                (("female", c.female), ("male", c.male), ("unknown", c.unknown)) if cols}
        d["wide_columns"] = wide
        groups = list(wide)
        if c.total_column:
            d["total"] = c.total_column
    else:
        mapped = {raw: to for raw, to in c.values.items() if to in LABELS}
        groups = [g for g in LABELS if g in mapped.values()]
        totals = [raw for raw, to in c.values.items() if to == "total"]
        out = [raw for raw, to in c.values.items() if to == "out"]
        if totals:
            d["total"] = totals[0] if len(totals) == 1 else totals
        if mapped:
            d["value_map"] = mapped
        if out and c.group:
            d["exclude"] = {c.group: out}
    printed = {raw: name for raw, name in c.place_names.items() if name and name != raw}
    if c.jurisdiction and printed:
        d["place_names"] = printed
    constants = {}
    if not c.jurisdiction:
        constants["jurisdiction"] = c.place or ("(the place to write)" if preview else "")
    constants["source"] = c.source or ("(the source to choose)" if preview else "")
    d["constants"] = constants
    if c.filter_column and c.kept:
        d["filters"] = {c.filter_column: c.kept if len(c.kept) > 1 else c.kept[0]}
    d["groups"] = {g: ({"label": LABELS[g], "not_recorded": True, "in_base": True}
                       if g == "unknown" else {"label": LABELS[g]}) for g in groups}
    if c.encoding == "windows-1252":
        d["encoding"] = "windows-1252"
    if c.delimiter != ",":
        d["delimiter"] = c.delimiter
    if c.header_row > 1:
        d["header_row"] = c.header_row
    return d
