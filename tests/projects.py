"""Small projects a test writes for itself: just the files it needs, in the words it chooses.

`write_project(root)` writes SAMPLE, a complete one-chapter project (a brief, two handouts, a
quote with its consent, a share and a cited literal, a dataset of two places and three years,
two charts) that checks and builds with no warning but the missing "Learn more" address.
A test passes `files` to add, replace or delete (None) any file, so what it tests is written
in the test itself, never found by editing the real chapter's sentences:

    root = write_project(tmp_path, {"source/quotes.yaml": replaced(QUOTES, old, new)})
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": None})
    change(root, {"source/settings.yaml": EDITIONS})  # later: just these files, nothing else

Variants several modules share are here too: more_audiences() (handouts a print run
collates), longer_brief() (a brief of more pages), TWO_QUOTES and rosa_consent() (a consent
that ends for some documents and not others), RELATED_ARRESTS (the data counted in the words
of the made-up exports), NATIONAL_EXPORT (a wide table exported by someone else).

layouts/ (the designer's templates, CSS and fonts) is copied from the press, as a new
project starts from it.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _text(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


SETTINGS = _text("""
    language: en-US
    paper: letter
    edition_date: 2026-11-01
    reference_max_age_years: 10
    reading_grade_target: 12
    """)

# The same settings with a Spanish edition beside the English (docs/editions.md).
EDITIONS = SETTINGS.replace("language: en-US\n", "language: en-US\neditions: [en-US, es-US]\n")

BRAND = _text("""
    series_title: The Life Story
    series_subtitle: Moments of Change
    tagline: Sharing the voices of survivors of sexual exploitation.
    organization: The Life Story project
    learn_more_url: ""
    contact: ""
    palette:
      ink: "#1F1B24"
      accent: "#7A1F3D"
      accent_light: "#F3E7EC"
      muted: "#5A5560"
      rule: "#C9C2CC"
      paper: "#FFFFFF"
      women: "#7A1F3D"
      men: "#8C8A93"
      other: "#BDB8C2"
    fonts:
      body: Source Sans 3
      display: Source Serif 4
      faces:
        - { family: Source Sans 3, file: SourceSans3-Regular.ttf, weight: 400, style: normal }
        - { family: Source Sans 3, file: SourceSans3-It.ttf, weight: 400, style: italic }
        - { family: Source Sans 3, file: SourceSans3-Semibold.ttf, weight: 600, style: normal }
        - { family: Source Sans 3, file: SourceSans3-Bold.ttf, weight: 700, style: normal }
        - { family: Source Serif 4, file: SourceSerif4-Regular.ttf, weight: 400, style: normal }
        - { family: Source Serif 4, file: SourceSerif4-It.ttf, weight: 400, style: italic }
        - { family: Source Serif 4, file: SourceSerif4-Semibold.ttf, weight: 600, style: normal }
        - { family: Source Serif 4, file: SourceSerif4-SemiboldIt.ttf, weight: 600, style: italic }
        - { family: Source Serif 4, file: SourceSerif4-Bold.ttf, weight: 700, style: normal }
        - { family: Source Serif 4 Display, file: SourceSerif4Display-Semibold.ttf, weight: 600,
            style: normal }
    """)

REFERENCES = _text("""
    - id: county-survey-2020
      type: report
      author:
        - { family: Rivera, given: A. }
      issued: { date-parts: [[2020]] }
      title: "Survey of service providers in Alder County"
      publisher: Alder County Coalition
      publisher-place: Alder, ST

    - id: county-records
      type: dataset
      author:
        - { literal: Alder County Sheriff's Office }
      issued: { date-parts: [[2024]] }
      title: Arrests by sex, 2021-2023
      publisher: Alder County
    """)

QUOTES = _text("""
    - id: rosa-ready
      speaker: Rosa
      role: Survivor
      survivor: true
      text: "When I was ready, I knew who to call because someone had been patient with me."
      consent:
        uses: [print, web, grant]
        basis: Signed release for the sample chapter
        given: 2026-10-01
        attribute_as: name
        confirmed: true
    """)

STATS = _text("""
    - id: brook-women-share
      kind: share
      dataset: arrests
      jurisdiction: Brook County
      year: 2023
      group: female
      meaning: Women made up {value} of {measure} in {jurisdiction}.
      base: of {total} arrests

    - id: providers-trained
      kind: literal
      value: 40
      unit: percent
      meaning: Of service providers surveyed in Alder County, {value} had training on exploitation.
      base: of providers surveyed
      jurisdiction: Alder County
      period: survey of 2020
      reference: county-survey-2020
    """)

CHARTS = _text("""
    - id: alder-split
      kind: split
      dataset: arrests
      jurisdiction: Alder County
      year: 2023
      highlight: female
      title: Women were {highlight_share} of arrests
      subtitle: "{jurisdiction}, {year}; share of {total} arrests"

    - id: alder-trend
      kind: share-over-time
      dataset: arrests
      jurisdictions: [Alder County]
      years: [2021, 2023]
      group: female
      title: Women's share of arrests, year by year
      subtitle: "{group}'s share of {measure} in {jurisdiction}, {first_year}-{last_year}"
    """)

LANGUAGE = _text("""
    terms:
      - term: prostitute
        use: woman in the sex trade
        why: Names a person by what was done to her.
    """)

DATASET = _text("""
    title: Arrests by sex
    path: arrests.csv
    description: One row per place, year and sex. Counts are arrests, not people.
    layout: long
    measure: arrests
    columns:
      jurisdiction: place
      year: year
      group: sex
      count: arrests
      source: source
    groups:
      female: { label: Women }
      male: { label: Men }
    """)

CSV = _text("""
    place,year,sex,arrests,source
    Alder County,2021,female,120,county-records
    Alder County,2021,male,80,county-records
    Alder County,2022,female,110,county-records
    Alder County,2022,male,90,county-records
    Alder County,2023,female,90,county-records
    Alder County,2023,male,110,county-records
    Brook County,2021,female,60,county-records
    Brook County,2021,male,40,county-records
    Brook County,2022,female,55,county-records
    Brook County,2022,male,45,county-records
    Brook County,2023,female,50,county-records
    Brook County,2023,male,50,county-records
    """)

BRIEF = _text("""
    slug: sample
    chapter: SAMPLE
    title: "Sample: The Life Story, Moments of Change"
    description: A small chapter written by the tests.
    cover:
      quote: rosa-ready
      lede: Patience from one person can open a door later.
    blocks:
      - type: paragraph
        text: >-
          Service providers in the county are learning to respond with care. A survey found
          that [stat:providers-trained] had training on exploitation [@county-survey-2020].
      - type: stat
        stat: brook-women-share
      - type: chart
        chart: alder-trend
      - type: steps
        id: steps
        heading: Steps toward change
        intro: Small steps add up.
        items:
          - id: build-trust
            title: Build trust.
            text: Be a patient, reliable supporter, so she knows where to turn when she is ready.
          - id: connect
            title: Connect to services.
            text: Offer housing, health care and legal help instead of arrest.
      - type: roles
        id: roles
        heading: Who can shift the system?
        intro: People inside these systems can make a difference.
        items:
          - { id: judges, name: Judges }
          - { id: victim-advocates, name: Victim advocates }
    about: >-
      The Life Story: Moments of Change shares the voices of survivors and shows how systems
      can change.
    """)

JUDGES = _text("""
    audience: Judges
    headline: From the bench, a sentence can be a path to services.
    why: >-
      A criminal record blocks housing, work and custody of her kids. Judges can shape
      whether court is the end of the road or the start of a way out.
    actions:
      - step: build-trust
        text: Recognize signs of exploitation and trauma in the people who come before you.
      - step: connect
        text: Favor connection to services over incarceration.
    quote: rosa-ready
    stats: [providers-trained]
    chart: alder-split
    """)

ADVOCATES = _text("""
    audience: Victim advocates
    headline: You may be the first person she trusts.
    why: >-
      Advocates meet women before anyone else in the system does. Being patient and
      reliable now means she knows where to turn when she is ready.
    actions:
      - step: build-trust
        text: Keep showing up, and let her set the pace.
      - step: connect
        text: Know the housing, health and legal services you can call today.
    quote: rosa-ready
    stats: [brook-women-share]
    chart: alder-trend
    """)

SAMPLE: dict[str, str] = {
    "source/settings.yaml": SETTINGS,
    "source/brand.yaml": BRAND,
    "source/references.yaml": REFERENCES,
    "source/quotes.yaml": QUOTES,
    "source/stats.yaml": STATS,
    "source/charts.yaml": CHARTS,
    "source/language.yaml": LANGUAGE,
    "source/data/arrests.yaml": DATASET,
    "source/data/arrests.csv": CSV,
    "source/briefs/sample.yaml": BRIEF,
    "source/handouts/sample/judges.yaml": JUDGES,
    "source/handouts/sample/victim-advocates.yaml": ADVOCATES,
    "source/words.txt": "Rosa\nAlder\n",
}


def write_project(root: Path, files: Mapping[str, str | bytes | None] | None = None, *,
                  base: Mapping[str, str] = SAMPLE) -> Path:
    """Write `base` (SAMPLE) into `root`, with `files` added, replaced or (None) left out,
    and the press's layouts/; returns `root`."""
    wanted: dict[str, str | bytes | None] = {**base, **(files or {})}
    for rel, content in wanted.items():
        path = root / rel
        if content is None:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(_text(content) if content.startswith("\n") else content,
                            encoding="utf-8")
    if not (root / "layouts").exists():
        shutil.copytree(ROOT / "layouts", root / "layouts")
    return root



_ROSTER_END = "      - { id: victim-advocates, name: Victim advocates }\n"
_HANDOUT = _text("""
    audience: {audience}
    headline: You can open a door for her today.
    why: >-
      A record follows her into every lease and job application. You can help her find
      a way out instead.
    actions:
      - step: build-trust
        text: Ask what happened before you ask what she did.
      - step: connect
        text: Keep the names of services that can take her today.
    quote: rosa-ready
    stats: [providers-trained]
    chart: alder-split
    """)


def more_audiences(*audiences: str) -> dict[str, str]:
    """Files that add a handout for each audience (by its name: "Defense attorneys") and name
    it in the brief's roster: for print runs that collate several audiences."""
    slugs = {name: name.lower().replace(" ", "-") for name in audiences}
    roster = "".join(f"      - {{ id: {slug}, name: {name} }}\n" for name, slug in slugs.items())
    files = {"source/briefs/sample.yaml": BRIEF.replace(_ROSTER_END, _ROSTER_END + roster)}
    for name, slug in slugs.items():
        files[f"source/handouts/sample/{slug}.yaml"] = _HANDOUT.replace("{audience}", name)
    return files


_MORE = _text("""
    - type: paragraph
      text: >-
        Every person in the system can make room for her to come back when she is ready. A
        patient word, a call returned and a door left open all count.
    """)


def longer_brief(paragraphs: int, before: str = "  - type: stat\n") -> str:
    """BRIEF with `paragraphs` more paragraphs before its stat (or the line `before`: "about:"
    puts them after the roster, so the blocks keep their numbers), so it runs to more pages."""
    more = textwrap.indent(_MORE, "  ") * paragraphs
    assert BRIEF.count(before) == 1, before
    return BRIEF.replace(before, more + before, 1)


# A second quote, carried by the victim advocates' handout alone: a test that ends Rosa's
# consent sees which documents must go (ROSA_CARRIED) and which stay.
MAYA = _text("""
    - id: maya-door
      speaker: Maya
      role: Survivor
      survivor: true
      text: "Nobody pushed me. They just kept the door open until I walked through it."
      consent:
        uses: [print, web, grant]
        basis: Signed release for the sample chapter
        given: 2026-10-01
        attribute_as: name
        confirmed: true
    """)
TWO_QUOTES: dict[str, str] = {
    "source/quotes.yaml": QUOTES + "\n" + MAYA,
    "source/handouts/sample/victim-advocates.yaml": ADVOCATES.replace(
        "quote: rosa-ready", "quote: maya-door"),
    "source/words.txt": "Rosa\nAlder\nMaya\n",
}
ROSA_CARRIED = sorted(["sample-brief.pdf", "sample-packet.pdf", "handouts/sample-judges.pdf"])


def rosa_consent(line: str) -> dict[str, str]:
    """TWO_QUOTES with `line` (e.g. "expires: 2026-12-31") added to Rosa's consent."""
    quotes = TWO_QUOTES["source/quotes.yaml"].replace(
        "    given: 2026-10-01\n", f"    given: 2026-10-01\n    {line}\n", 1)
    return {**TWO_QUOTES, "source/quotes.yaml": quotes}


def replaced(text: str, old: str, new: str) -> str:
    """`text` (a file a test writes, e.g. JUDGES) with its one `old` replaced by `new`; fails
    loudly if `old` is not there exactly once, so an edit of the sample moves no test."""
    assert text.count(old) == 1, f"{old!r} is not once in the text"
    return text.replace(old, new)


def change(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write just `files` into a project already written, deleting those given None
    (write_project would write SAMPLE's files again over the test's earlier changes)."""
    for rel, content in files.items():
        if content is None:
            (root / rel).unlink(missing_ok=True)
    return write_project(root, {rel: text for rel, text in files.items() if text is not None},
                         base={})


# The sample's arrests counted in the words the made-up exports and fictional places of the
# tests use, so that a place build may draw on their data beside the sample's.
RELATED_ARRESTS: dict[str, str] = {"source/data/arrests.yaml": DATASET.replace(
    "measure: arrests", "measure: prostitution-related arrests")}


# The FBI's national table as its Crime Data Explorer exports it (tests/fixtures/: wide, one
# row per year and offense, one column per sex), with the reference its rows name: a table in
# someone else's layout, read through its descriptor beside the sample's own.
FBI_REFERENCE = _text("""
    - id: fbi-ucr-asr
      type: dataset
      author:
        - { literal: Federal Bureau of Investigation }
      issued: { date-parts: [[2017]] }
      title: Prostitution and commercialized vice, national arrests, 1994-2016
      publisher: U.S. Department of Justice
    """)
NATIONAL_EXPORT: dict[str, str] = {
    "source/references.yaml": REFERENCES + "\n" + FBI_REFERENCE,
    **{f"source/data/cde-national-prostitution.{ext}":
       (ROOT / "tests/fixtures" / f"cde-national-prostitution.{ext}").read_text(encoding="utf-8")
       for ext in ("csv", "yaml")}}


# The sample's Spanish edition: the advocates' handout, Rosa's
# quote, a statistic and a chart translated; the judges' handout left in English.
ADVOCATES_ES = """\
audience:
  text: Defensoras de víctimas
headline:
  text: Muchas veces usted es la primera persona del sistema en quien ella puede confiar.
why:
  text: >-
    La mayoría de las mujeres en el comercio sexual no pueden acudir a las fuerzas del
    orden en busca de ayuda. Una defensora paciente y constante puede ser el puente hacia
    la seguridad cuando ella esté lista.
actions.1.text:
  text: Pregunte primero si se siente en peligro, y siga presente.
actions.2.text:
  text: >-
    Abogue por servicios en lugar de arrestos cuando trabaje junto a la policía y la
    fiscalía.
"""
QUOTES_ES = """\
rosa-ready.text:
  text: Cuando estuve lista, supe a quién llamar porque alguien había tenido paciencia conmigo.
"""
STATS_ES = """\
brook-women-share.meaning:
  text: Las mujeres representaron el {value} de los {measure} en {jurisdiction}.
brook-women-share.base:
  text: de {total} arrestos
"""
CHARTS_ES = """\
alder-trend.subtitle:
  text: "Porcentaje de las mujeres en los {measure} en {jurisdiction}, {first_year}-{last_year}"
"""
LANGUAGE_ES = """\
terms:
  - term: prostituta
    use: mujer en el comercio sexual, persona en situación de prostitución
    why: Names a person by what was done to her.
  - term: prostitutas
    use: mujeres en el comercio sexual, personas en situación de prostitución
    why: Names people by what was done to them.
  - term: clientes de la prostitución
    use: compradores de sexo
    why: Names the buyers as customers of a trade.
"""
SPANISH: dict[str, str] = {
    "source/settings.yaml": EDITIONS + "reading_ease_target_es: 60\n",
    "source/handouts/sample/victim-advocates.es-US.yaml": ADVOCATES_ES,
    "source/quotes.es-US.yaml": QUOTES_ES, "source/stats.es-US.yaml": STATS_ES,
    "source/charts.es-US.yaml": CHARTS_ES, "source/language.es-US.yaml": LANGUAGE_ES,
    "source/words.es-US.txt": "Rosa\n"}


# The sample's Spanish edition in full, for a build read back page by page: Rosa's consent
# covers translation, the brand's subtitle, the roster's names and the data's words (its
# measure, groups and note) are in Spanish, and the data has a place with a Spanish name
# (the United States).
ROSA_TRANSLATED = QUOTES.replace("uses: [print, web, grant]", "uses: [print, web, grant, translate]")
ARRESTS_NOTED = DATASET + "notes:\n  county-records: Counts are arrests, not people.\n"
ARRESTS_ES = """\
measure:
  text: arrestos
groups.female.label:
  text: Mujeres
groups.male.label:
  text: Hombres
notes.county-records:
  text: Se cuentan arrestos, no personas.
"""
BRIEF_ES = """\
blocks.5.items.1.name:
  text: Jueces
blocks.5.items.2.name:
  text: Defensoras de víctimas
"""
BRAND_ES = """\
series_subtitle:
  text: Momentos de cambio
"""
UNITED_STATES = CSV + "".join(
    f"United States,{year},{sex},{count},county-records\n"
    for year, sex, count in ((2021, "female", 900), (2021, "male", 600), (2023, "female", 800),
                             (2023, "male", 700)))
SPLIT_ES = """
alder-split.title:
  text: Las mujeres fueron el {highlight_share} de los arrestos
alder-split.subtitle:
  text: "{jurisdiction}, {year}; del total de {total} arrestos"
"""
SPANISH_FULL: dict[str, str] = {
    **SPANISH, "source/quotes.yaml": ROSA_TRANSLATED,
    "source/charts.es-US.yaml": CHARTS_ES + SPLIT_ES,
    "source/data/arrests.yaml": ARRESTS_NOTED, "source/data/arrests.es-US.yaml": ARRESTS_ES,
    "source/data/arrests.csv": UNITED_STATES, "source/briefs/sample.es-US.yaml": BRIEF_ES,
    "source/brand.es-US.yaml": BRAND_ES}


# A training's print run, as staff would write one (tests of the Print runs page).
SPRING = "source/trainings/spring.yaml"
SPRING_TRAINING = """\
# Who comes to the spring training (counts from the registrations).
title: Spring training
date: 2027-05-06
chapter: sample
attendees:
  judges: 3  # the bench, with one clerk
  victim-advocates: 12
briefs: 2
imposition: 2-up  # the shop's usual
"""
