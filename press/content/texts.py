"""Every piece of running text staff wrote (not quotes), with the file and place it is in.

The markup, language and spelling checks all read the same texts from here.
"""

from __future__ import annotations

from collections.abc import Iterator

from press.source.load import Project
from press.source.yamlsource import Located


def item_loc(doc: Located, item_id: str) -> tuple[int | str, ...]:
    for index, item in enumerate(doc.data or []):
        if isinstance(item, dict) and item.get("id") == item_id:
            return (index,)
    return ()


def renders_markup(loc: tuple[int | str, ...]) -> bool:
    """Whether the field at `loc` prints inline markup (*emphasis*, [stat:id], links) as such:
    a brief's headings and paragraphs, and a handout's why (compose.py's `_text`). Every
    other field prints its text as it is."""
    return loc == ("why",) or (len(loc) == 3 and loc[0] == "blocks" and loc[2] == "text")


def texts(project: Project) -> Iterator[tuple[Located, tuple[int | str, ...], str]]:
    """Every piece of running text staff wrote (not quotes), with where it is."""
    for slug, brief in project.briefs.items():
        doc = project.doc("brief", slug)
        yield doc, ("cover", "lede"), brief.cover.lede
        yield doc, ("about",), brief.about
        for number, block in enumerate(brief.blocks):
            for key in ("text", "intro", "heading"):
                if isinstance(getattr(block, key, None), str):
                    yield doc, ("blocks", number, key), getattr(block, key)
            for item_no, item in enumerate(getattr(block, "items", [])):
                for key in ("title", "text", "name"):
                    if isinstance(getattr(item, key, None), str):
                        yield doc, ("blocks", number, "items", item_no, key), getattr(item, key)
    for slug, handout in project.handouts.items():
        doc = project.doc("handout", slug)
        yield doc, ("headline",), handout.headline
        yield doc, ("why",), handout.why
        for number, action in enumerate(handout.actions):
            yield doc, ("actions", number, "text"), action.text
    stats_doc = project.doc("stats")
    for stat in project.stats.values():
        loc = item_loc(stats_doc, stat.id)
        yield stats_doc, (*loc, "meaning"), stat.meaning
        yield stats_doc, (*loc, "base"), stat.base
