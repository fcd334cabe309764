"""Keys added to a file a person wrote, by position: every legal way of writing a
translation's entries keeps every byte it had, gains only its `of:` lines, and reads back
as the same data plus them."""

from __future__ import annotations

import re

import pytest
import yaml

from press.source.yamledit import Addition, NotEdited, add_keys, scalar

OF = "5b0c1e2a"
# Every legal form of a translation's entries, by name: each gets `of:` in every entry.
FORMS = {
    "two-space": "headline:\n  text: Hola.\nwhy:\n  text: Porque sí.\n",
    "four-space": "headline:\n    text: Hola.\nwhy:\n    text: Porque sí.\n",
    "flow maps": "audience: { text: Jueces }\nheadline: {text: Hola.,}\n"
                 "why: {\n  text: Porque\n    sí.\n}\n",
    "a flow file": "{audience: {text: Jueces}, why: {text: 'Porque sí.'}}",
    "comments": "# before everything\nheadline:  # on the key\n  # before the text\n"
                "  text: Hola.  # after the text\n  # after, inside\n# between\n\n"
                "why:\n  text: Porque sí.\n# after everything\n",
    "quoting": "a:\n  text: 'it''s: single'\nb:\n  text: \"double \\\"quoted\\\"\"\n"
               "c:\n  text: plain words\n    over two lines\n",
    "folded": "why:\n  text: >-\n    Porque\n    sí.\n\n  # a note\n\nnext:\n  text: x\n",
    "literal": "why:\n  text: |\n    Uno\n    dos\n\n\nnext:\n  text: x\n",
    "literal, kept": "why:\n  text: |+\n    Uno\n\n\nnext:\n  text: x\n",
    "indented literal": "why:\n    text: |2\n        indented\n      less\nnext:\n    text: x\n",
    "CRLF": "headline:\r\n  text: Hola.\r\nwhy:\r\n  text: >-\r\n    Porque\r\n    sí.\r\n\r\n",
    "no final newline": "headline:\n  text: Hola.\nwhy:\n  text: Porque sí.",
    "no final newline, literal": "headline:\n  text: Hola.\nwhy:\n  text: |\n    Porque sí.",
    "unicode": "\ufeffaudience:\n  text: «Jueces» 🙂\nwhy:\n  text: Nin\u0303os\n",
    "blank lines": "\n\nheadline:\n\n  text: Hola.\n\n\nwhy:\n  text: Porque sí.\n\n\n",
    "more keys": "headline:\n  text: Hola.\n  note: for later\n  words: [a, b]\nwhy:\n"
                 "  text: x\n  list:\n    - uno\n    - dos  # last\n",
    "document markers": "---\nheadline:\n  text: Hola.\n...\n",
}


@pytest.mark.parametrize("name", FORMS)
def test_every_form_gains_only_its_of_lines(name: str) -> None:
    before = FORMS[name]
    entries = yaml.safe_load(before)
    after = add_keys(before, [Addition((key,), "of", OF) for key in entries])
    expected = {key: {**value, "of": OF} for key, value in entries.items()}
    assert yaml.safe_load(after) == expected
    newline = "\r\n" if "\r\n" in before else "\n"
    # Each `of:` a line at the entry's own indentation, or written into its braces; taken
    # out again, the file is the very text it was.
    written = re.compile(rf"{newline} +of: {OF}|, of: {OF}|(?<=\n) *of: {OF}{newline}|"
                         rf"of: {OF}{newline} +")
    assert len(written.findall(after)) == len(entries), after
    assert written.sub("", after) == before
    assert after.endswith(("\n", "}")) == before.endswith(("\n", "}"))


def test_a_new_line_takes_the_entry_s_indentation_and_goes_after_its_words() -> None:
    assert add_keys(FORMS["four-space"], [Addition(("why",), "of", OF)]) == (
        f"headline:\n    text: Hola.\nwhy:\n    text: Porque sí.\n    of: {OF}\n")
    assert add_keys(FORMS["folded"], [Addition(("why",), "of", OF)]) == (
        f"why:\n  text: >-\n    Porque\n    sí.\n  of: {OF}\n\n  # a note\n\nnext:\n  text: x\n")
    assert add_keys("audience: { text: Jueces }  # ok\n", [Addition(("audience",), "of", OF)]) \
        == f"audience: {{ text: Jueces, of: {OF} }}  # ok\n"


def test_a_fingerprint_of_digits_is_quoted_so_it_reads_back_as_written() -> None:
    assert scalar("5b0c1e2a") == "5b0c1e2a"
    assert scalar("01234567") == '"01234567"' and scalar("12345678") == '"12345678"'
    after = add_keys("a:\n  text: x\n", [Addition(("a",), "of", "01234567")])
    assert yaml.safe_load(after)["a"]["of"] == "01234567"


def test_what_cannot_be_edited_by_position_is_refused_not_written() -> None:
    with pytest.raises(NotEdited, match="alias"):
        add_keys("x: &a {text: y}\nb: *a\n", [Addition(("b",), "of", OF)])
    with pytest.raises(NotEdited, match="not a mapping"):
        add_keys("headline: Hola\n", [Addition(("headline",), "of", OF)])
    with pytest.raises(NotEdited, match="would change"):  # a key the mapping already has
        add_keys("a:\n  text: x\n  of: y\n", [Addition(("a",), "of", OF)])
