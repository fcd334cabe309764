"""A file changed where its values changed and nowhere else (press/source/splice.py)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import yaml

from press.source.splice import NotSpliced, splice

QUOTES = textwrap.dedent("""\
    # yaml-language-server: $schema=../press/schemas/quotes.schema.json
    # Every quote is printed exactly as written here.
    - id: rosa-ready   # the first one
      speaker: Rosa
      role: 'Survivor'
      survivor: true
      text: "When I was ready, I knew who to call."
      consent:
        uses: [print, web, grant]
        basis: Signed release
        given: 2026-10-01
        confirmed: false

    # a comment between entries
    - id: mike-shift
      speaker: Mike
      role: Police officer
      survivor: false
      text: >-
        We used to arrest about women and men. Now, it's the other way around, and the
        buyers are arrested too.
      author:
        - { family: Smith, given: J. }
    """)

FOUR = textwrap.dedent("""\
    audience: Judges   # who reads it
    headline: From the bench.
    actions:
        - step: build-trust
          text: one
        - step: decriminalize
          text: "two"
    stats: [a-stat]
    """)


def changed_lines(before: str, after: str) -> list[int]:
    """The numbers of the lines that differ (the files have as many lines)."""
    old, new = before.splitlines(), after.splitlines()
    assert len(old) == len(new)
    return [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]


def quote(index: int) -> dict[str, object]:
    return dict(yaml.safe_load(QUOTES)[index])


def test_a_use_taken_out_of_a_flow_list_changes_that_line_alone() -> None:
    new = quote(0)
    new["consent"] = {**new["consent"], "uses": ["print", "grant"]}  # type: ignore[dict-item]
    after = splice(QUOTES, (0,), new)
    assert changed_lines(QUOTES, after) == [8]
    assert after.splitlines()[8] == "    uses: [print, grant]"


def test_folded_text_is_folded_again_in_its_own_style_and_nothing_else_moves() -> None:
    new = quote(1)
    new["text"] = "A new text, " * 12 + "the end."
    after = splice(QUOTES, (1,), new)
    assert "  text: >-\n    A new text," in after
    assert yaml.safe_load(after)[1]["text"] == new["text"]
    assert after.startswith(QUOTES.split("  text: >-")[0])
    assert after.endswith("  author:\n    - { family: Smith, given: J. }\n")


@pytest.mark.parametrize(("style", "value", "written"), [
    ("role: 'Survivor'", "Survivor's friend", "role: 'Survivor''s friend'"),
    ('text: "When I was ready, I knew who to call."', "Said: yes", 'text: "Said: yes"'),
    ("speaker: Rosa", "Rosa: a name # not a comment", 'speaker: "Rosa: a name # not a comment"'),
    ("speaker: Rosa", "Rosá", "speaker: Rosá"),
])
def test_a_value_keeps_its_quoting_where_it_can(style: str, value: str, written: str) -> None:
    key = style.split(":")[0]
    new = {**quote(0), key: value}
    after = splice(QUOTES, (0,), new)
    (line,) = changed_lines(QUOTES, after)
    assert after.splitlines()[line] == "  " + written
    assert QUOTES.splitlines()[line] == "  " + style


def test_keys_added_and_removed_in_a_block_mapping() -> None:
    new = quote(0)
    consent = dict(new["consent"])  # type: ignore[call-overload]
    del consent["confirmed"]
    consent["expires"] = dt.date(2027, 1, 1)
    new["consent"] = consent
    after = splice(QUOTES, (0,), new)
    assert "confirmed" not in after
    assert "    given: 2026-10-01\n    expires: 2027-01-01\n\n# a comment between" in after


def test_an_item_added_to_a_flow_mapping_list_and_a_four_space_indent() -> None:
    new = quote(1)
    new["author"] = [{"family": "Smith", "given": "J."}, {"literal": "An agency"}]
    after = splice(QUOTES, (1,), new)
    assert after.endswith("    - { family: Smith, given: J. }\n    - { literal: An agency }\n")
    data = yaml.safe_load(FOUR)
    moved = {**data, "actions": [data["actions"][1], data["actions"][0],
                                 {"step": "reduce-demand", "text": "three: four"}]}
    after = splice(FOUR, (), moved)
    assert after == textwrap.dedent("""\
        audience: Judges   # who reads it
        headline: From the bench.
        actions:
            - step: decriminalize
              text: "two"
            - step: build-trust
              text: one
            - step: reduce-demand
              text: 'three: four'
        stats: [a-stat]
        """)


def test_entries_moved_keep_their_comments_and_a_key_is_added_at_the_end() -> None:
    first, second = yaml.safe_load(QUOTES)
    after = splice(QUOTES, (), [second, first])
    assert after.index("# a comment between entries") < after.index("- id: mike-shift") < \
        after.index("- id: rosa-ready   # the first one")
    assert yaml.safe_load(after) == [second, first]
    data = yaml.safe_load(FOUR)
    after = splice(FOUR, (), {**data, "chart": "a-chart", "stats": ["a-stat", "b-stat"]})
    assert after.endswith("stats: [a-stat, b-stat]\nchart: a-chart\n")


def test_a_file_without_a_final_newline_and_with_crlf_stays_so() -> None:
    text = "audience: Judges\r\nheadline: Old\r\nstats: [a]"
    after = splice(text, (), {"audience": "Judges", "headline": "New", "stats": ["a"]})
    assert after == "audience: Judges\r\nheadline: New\r\nstats: [a]"
    after = splice(text, (), {"audience": "Judges", "headline": "Old", "stats": ["a"],
                              "chart": "c"})
    assert after == "audience: Judges\r\nheadline: Old\r\nstats: [a]\r\nchart: c\r\n"


def test_the_files_order_of_keys_is_kept_and_a_missing_value_is_refused() -> None:
    data = yaml.safe_load(FOUR)
    assert splice(FOUR, (), {"headline": data["headline"], **data}) == FOUR
    with pytest.raises(NotSpliced, match="no value"):
        splice(FOUR, ("actions", 5), {"step": "x", "text": "y"})


def test_a_new_key_is_written_after_the_key_before_it() -> None:
    text = ("- id: a  # the first\n  consent:\n    uses: [print]\n    given: 2026-10-01\n"
            "    # checked by hand\n    confirmed: true\n")
    new = {"id": "a", "consent": {"uses": ["print"], "given": dt.date(2026, 10, 1),
                                  "expires": dt.date(2027, 6, 30), "confirmed": True}}
    assert splice(text, (0,), new) == text.replace(
        "    given: 2026-10-01\n", "    given: 2026-10-01\n    expires: 2027-06-30\n")
