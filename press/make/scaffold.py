"""`make_report.py new handout <audience>` and `new chapter <name>`: starting points.

Each writes a commented content file, valid as it is, where the press reads it (whole, by
one rename: press/core/files.write_file), so the next build prints it; staff then replace
the words. A handout carries a step, a quote and a
statistic the project already has, so it builds before anyone has written a word of it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from press.core.controls import named
from press.core.files import write_file
from press.core.names import slug_of
from press.core.numbers import audience as in_sentence
from press.core.problems import BuildError, Problem, shown
from press.source.load import Project
from press.source.schema import MARKUP, StepsBlock
from press.source.yamledit import scalar

HANDOUT = """# yaml-language-server: $schema=../../../press/schemas/handout.schema.json
# A handout for {audience_lower}, in the {chapter} chapter. Written by `make_report.py new
# handout`: it builds as it is; replace each line's words with your own, then build.
# Words are checked for spelling, reading grade and the terms in language.yaml; numbers
# come from stats.yaml ([stat:id]), never typed in.
audience: {audience_value}
# One line that tells this audience what they can change.
headline: Every contact can be a step toward safety.
# Why this matters to them: two or three short sentences.
why: >-
  Women in the sex trade often meet the system at its hardest moments. What you do next can
  open a door to services or close it.
# What they can do: one to five actions, each tied to a step of the chapter (its id).
actions:
{actions}
# A quote from quotes.yaml (its consent must allow the uses you print for).
quote: {quote}
# One or two statistics from stats.yaml.
stats: [{stat}]
{chart}"""

CHAPTER = """# yaml-language-server: $schema=../../press/schemas/brief.schema.json
# The {chapter} chapter. Written by `make_report.py new chapter`: it builds as it is (the
# brief and one handout); replace the words with the chapter's own, then build.
slug: {slug}
chapter: {chapter_value}
title: {title}
description: What this chapter is about, in one or two sentences.
cover:
  lede: One sentence that says what needs to change.
blocks:
  # Numbers come from stats.yaml: write [stat:its-id] in a text to print one with its citation.
  - type: paragraph
    text: >-
      Write the chapter's opening here: what women in the Life meet, and what could change.
  - type: steps
    id: steps
    heading: Steps toward change
    intro: How change can start, and how it can grow.
    items:
      - id: first-step
        title: Name the first step.
        text: Say what it is and who can take it.
  - type: roles
    id: roles
    heading: Who can shift the system?
    intro: The people who can make a difference.
    items:
      - {{ id: {audience}, name: {audience_name} }}
about: >-
  The Life Story: Moments of Change shines a light on the realities of women in the sex
  trade, elevates their voices and experiences and highlights opportunity for change.
"""


def _problem(message: str, hint: str, field: str = "") -> BuildError:
    """A refusal; `field` names what was asked that is wrong (the audience, or the chapter's
    name), so a form can show it beside that input."""
    return BuildError("new", [Problem("source", 0, 0, message, hint, field=field)])


NAME_MAX = 60  # characters of an audience's or a chapter's name: its files are named from it


def _short_enough(name: str, what: str, example: str, field: str) -> str:
    """`name`, unless it is too long to name a file (a 570-character name was an internal
    error: the file name was too long for the disk)."""
    if len(name) > NAME_MAX:
        raise _problem(f"the {what} is {len(name):,} characters long, found {shown(name, 50)}; "
                       f"files are named from it, so it may have at most {NAME_MAX}",
                       f'write a shorter name, e.g. "{example}" (the file\'s words can say more)',
                       field)
    return name


def _one_line(name: str, what: str, field: str) -> str:
    """A name as the new file writes it: on one line, with no control or invisible format
    character (bidi, zero-width; the file would not be YAML, or not read as it looks) and no
    HTML markup."""
    control = next((c for c in name if unicodedata.category(c) in ("Cc", "Cf")
                    and not c.isspace()), "")
    if control:
        raise _problem(f"the {what} has a character that is not text in it ({named(control)}), "
                       "which no file of the press may hold", "type the name again, letters, "
                       "digits and punctuation only", field)
    if MARKUP.search(name):
        raise _problem(f"the {what} has HTML markup in it, found {shown(name, 50)}; the press "
                       "would print the tags as they are written", "write the name alone, "
                       "without tags", field)
    return " ".join(name.split())


def _audience_name(audience: str) -> str:
    """An audience's name as a new handout writes it; "Judges handout" is refused (the
    press calls it "Judges handout" already)."""
    audience = _short_enough(_one_line(audience, "audience's name", "audience"),
                             "audience's name", "Probation officers", "audience")
    bare = audience[:-len(" handout")].strip()
    if audience.lower().endswith(" handout") and bare:
        raise _problem(f"the audience's name ends in \"handout\", found {shown(audience, 50)}; "
                       "the press names each handout by its audience and adds the word itself",
                       f'write the audience alone, e.g. "{bare}"', "audience")
    return audience


def new_handout(project: Project, audience: str, chapter: str | None = None) -> Path:
    """Write source/handouts/<chapter>/<audience>.yaml; returns its path."""
    audience = _audience_name(audience)
    chapters = sorted(project.briefs)
    if chapter is None and len(chapters) == 1:
        chapter = chapters[0]
    chapter = slug_of(chapter) if chapter else chapter  # "Santé publique" -> sante-publique
    if chapter not in project.briefs:
        raise _problem(f'name the chapter with --chapter: one of {", ".join(chapters)}',
                       f'e.g. make_report.py new handout "{audience}" --chapter {chapters[0]}')
    slug = slug_of(audience)
    if not slug:
        raise _problem(f"the audience needs a name with letters or digits, found {shown(audience)}",
                       'write it in quotes, e.g. make_report.py new handout "Probation officers"',
                       "audience")
    path = project.source / "handouts" / chapter / f"{slug}.yaml"
    if path.exists():
        raise _problem(f"{path.relative_to(project.root)} already exists",
                       "choose another audience name, or edit that file", "audience")
    brief = project.briefs[chapter]
    steps = [i.id for b in brief.blocks if isinstance(b, StepsBlock) for i in b.items][:2]
    quotes = [q.id for q in project.quotes.values() if q.consent is None or
              {"print", "web", "grant"} <= set(q.consent.uses)]
    if not steps or not quotes or not project.stats:
        raise _problem("the chapter needs a step, and the project a quote and a statistic, "
                       "before a handout can be started", "add them, then run this again")
    name = audience.rstrip(".") or slug.replace("-", " ")
    actions = "\n".join(f"  - step: {step}\n    text: " + scalar(
        f"Say what {in_sentence(name)} can do for this step, in one sentence.") for step in steps)
    stat = next(iter(project.stats))
    chart = next((f"# A chart from charts.yaml, or delete this line.\nchart: {c}\n"
                  for c in _beside(project, stat)), "")
    write_file(path, HANDOUT.format(
        audience_value=scalar(name[:1].upper() + name[1:]), audience_lower=in_sentence(name),
        chapter=brief.chapter, actions=actions, quote=quotes[0], stat=stat,
        chart=chart).encode("utf-8"))
    return path


def _beside(project: Project, stat_id: str) -> list[str]:
    """The charts that can stand beside a statistic without printing its figure again:
    those not drawn for its place and year (else the build warns of the repetition)."""
    stat = project.stats[stat_id]
    year = getattr(stat, "year", None)
    found = []
    for chart_id, chart in project.charts.items():
        places = getattr(chart, "jurisdictions", None) or [getattr(chart, "jurisdiction", "")]
        years = getattr(chart, "years", None) or (getattr(chart, "year", 0),) * 2
        if not (stat.jurisdiction in places and year and years[0] <= year <= years[-1]):
            found.append(chart_id)
    return found


def new_chapter(project: Project, name: str, audience: str = "Community partners"
                ) -> list[Path]:
    """Write source/briefs/<name>.yaml and a first handout for its roster's one role."""
    name = _short_enough(_one_line(name, "chapter's name", "name"), "chapter's name", "Housing",
                         "name")
    audience = _audience_name(audience)  # before the brief names it in its roster
    slug = slug_of(name)
    path = project.source / "briefs" / f"{slug}.yaml"
    if not slug or path.exists():
        raise _problem(f"source/briefs/{slug}.yaml already exists" if slug else
                       "the chapter needs a name", "choose another name, or edit that file")
    role = slug_of(audience)
    title = f"{name[:1].upper() + name[1:]}: The Life Story, Moments of Change"
    write_file(path, CHAPTER.format(slug=slug, chapter=name.upper(), chapter_value=scalar(
        name.upper()), title=scalar(title), audience=role, audience_name=scalar(audience, flow=True)
                                    ).encode("utf-8"))
    from press.source.load import load_project

    try:
        reloaded, _ = load_project(project.root)
        return [path, new_handout(reloaded, audience, slug)]
    except BaseException:
        path.unlink(missing_ok=True)  # a chapter is started whole (brief and handout) or not
        raise

