"""What a browser sends for a form of the studio's pages: its inputs' names and values, in
order (checked boxes only, a select's chosen option, nothing disabled or inside a
<template>). For the bench and the tests, which use the studio without a browser."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.depth_template = 0
        self.fields: list[tuple[str, str]] = []
        self.select: str | None = None
        self.select_value: str | None = None
        self.first_option: str | None = None
        self.option_value: str | None = None
        self.option_text = ""
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "template":
            self.depth_template += 1
        if self.depth_template or "disabled" in found:
            return
        name = found.get("name")
        if tag == "input" and name:
            kind = found.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in found:
                return
            self.fields.append((name, found.get("value", "")))
        elif tag == "select" and name:
            self.select, self.select_value, self.first_option = name, None, None
        elif tag == "option" and self.select is not None:
            self.option_value = found.get("value")
            self.option_text = ""
            if "selected" in found:
                self.select_value = self.option_value
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "template":
            self.depth_template -= 1
        elif tag == "form":
            self.inside = False
        elif tag == "option" and self.select is not None:
            value = self.option_value if self.option_value is not None else self.option_text
            if self.first_option is None:
                self.first_option = value
        elif tag == "select" and self.select is not None:
            chosen = self.select_value if self.select_value is not None else self.first_option
            self.fields.append((self.select, chosen or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, self.text.removeprefix("\n")))
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text += data
        if self.select is not None:
            self.option_text += data


def form_fields(page: str, form_id: str = "entry-form") -> list[tuple[str, str]]:
    """What a browser sends for the form `form_id` of `page`, in order."""
    parser = _Form(form_id)
    parser.feed(page)
    return parser.fields
