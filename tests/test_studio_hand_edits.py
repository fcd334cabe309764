"""The studio with files edited by hand outside it (issue 25's second outside try): a date
that does not exist, a value of the wrong type, a file that does not read, an error in one
file while the others read. Every page answers, each problem is said at its field.

Each test writes the small project it needs (tests/projects.py); no PDF is made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .projects import BRAND, JUDGES, QUOTES, STATS, write_project
from .studio_client import client, form_fields, post, replaced

HANDOUT = "source/handouts/sample/judges.yaml"
QUOTE = "/edit?file=source/quotes.yaml&entry=rosa-ready"
STAT = "/edit?file=source/stats.yaml&entry=brook-women-share"
PAGES = ("/", "/problems", "/preview", f"/edit?file={HANDOUT}", "/edit?file=source/quotes.yaml",
         QUOTE, "/edit?file=source/stats.yaml", STAT, "/edit?file=source/settings.yaml",
         "/edit?file=source/briefs/sample.yaml", "/?place=Alder+County",
         "/add?file=source/quotes.yaml", "/new", f"/edit?file={HANDOUT}&place=Alder+County",
         "/brand.css")


def at_field(page: str, name: str) -> str:
    """The words of the problems shown at the input `name` ("0.consent.given")."""
    found = re.search(rf'id="m-f-{re.escape(name.replace(".", "-"))}"[^>]*>(.*?)</div>', page,
                      re.S)
    assert found, f"no messages at {name}"
    return found.group(1)


ODD = {
    "a date that does not exist": {
        "source/quotes.yaml": QUOTES.replace("given: 2026-10-01", "given: 2026-02-30")},
    "words where a date is": {"source/quotes.yaml": QUOTES.replace("given: 2026-10-01",
                                                                   "given: last spring")},
    "words where a list is": {"source/quotes.yaml": QUOTES.replace(
        "uses: [print, web, grant]", "uses: web")},
    "a number where a list is": {"source/quotes.yaml": QUOTES.replace(
        "uses: [print, web, grant]", "uses: 5")},
    "a list where words are": {"source/quotes.yaml": QUOTES.replace(
        'text: "When I was ready', 'text: ["When I was ready').replace('with me."', 'with me."]')},
    "a key with no value": {"source/quotes.yaml": QUOTES.replace("speaker: Rosa", "speaker:")},
    "an empty file": {"source/stats.yaml": ""},
    "words where a year is": {"source/stats.yaml": STATS.replace("year: 2023", "year: twenty")},
    "a list where a figure is": {"source/stats.yaml": STATS.replace("value: 40", "value: [40]")},
    "a mapping where a list is": {"source/stats.yaml": "providers-trained: 1\n"},
    "a number where the statistics' list is": {HANDOUT: JUDGES.replace(
        "stats: [providers-trained]", "stats: 5")},
    "a number where the fonts' list is": {"source/brand.yaml": BRAND.split("  faces:")[0]
                                          + "  faces: 5\n"},
    "an edition date that does not exist": {"source/settings.yaml": (
        "language: en-US\npaper: letter\nedition_date: 2026-02-30\n")},
}


@pytest.mark.parametrize("odd", ODD)
def test_every_page_answers_whatever_was_typed_by_hand(tmp_path: Path, odd: str) -> None:
    made, keys = client(write_project(tmp_path, ODD[odd]))
    for url in PAGES:
        answer = made.get(url)
        assert answer.status_code in (200, 404), (url, answer.status_code)
        assert "Something went wrong" not in answer.text, url
    for url in (QUOTE, f"/edit?file={HANDOUT}", "/edit?file=source/settings.yaml"):
        page = made.get(url)
        if page.status_code == 200 and "entry-form" in page.text:
            assert post(made, keys, "/check", form_fields(page.text)).status_code == 200, url


def test_a_date_that_does_not_exist_is_shown_at_its_field(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path, ODD["a date that does not exist"]))
    said = 'date &#34;2026-02-30&#34; does not exist: February 2026 has 28 days'
    page = made.get(QUOTE).text
    assert said in at_field(page, "0.consent.given")
    # kept as written, to correct (a calendar would show it empty, and send it empty)
    assert re.search(r'<input type="text" id="f-0-consent-given"[^>]*value="2026-02-30"', page)
    assert said in made.get("/problems").text
    fields = form_fields(page)
    assert said in at_field(post(made, keys, "/check", fields).text, "0.consent.given")
    mended = replaced(fields, "0.consent.given", "2026-02-28")
    assert "Saved" in post(made, keys, "/save", mended).text
    assert "given: 2026-02-28" in (tmp_path / "source/quotes.yaml").read_text()


INDENTED = STATS.replace("  dataset: arrests", "     dataset: arrests", 1)


def test_a_file_that_does_not_read_says_where_and_how_to_mend_it(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/stats.yaml": INDENTED,
                                    HANDOUT: "audience: Judges\nheadline: A headline.\n"
                                    "stats: [brook-women-share]\n"})
    made, _ = client(root)
    listed = made.get("/edit?file=source/stats.yaml").text
    assert "The statistics cannot be read" in listed
    assert "cannot be read: line 3 is indented more than the lines around it" in listed
    assert "Line its key up with the others" in listed and "YAML" not in listed
    handout = made.get(f"/edit?file={HANDOUT}").text
    assert "brook-women-share (kept)" in handout and "(not found)" not in handout
    assert 'The statistics cannot be read now</strong> (an error in them to fix first): ' \
        '<a href="/edit?file=source/stats.yaml">' in handout


@pytest.mark.parametrize(("written", "said"), [
    ("headline: Note: From the bench.", "line 2 has a colon followed by a space inside a value"),
    ("headline: From the bench.\n   why: Because.", "line 3 is indented more than the lines "
     "around it")])
def test_a_colon_is_told_from_an_indented_line(tmp_path: Path, written: str, said: str) -> None:
    from press.source.yamlsource import load_yaml

    doc, problems = load_yaml(tmp_path / "x.yaml", tmp_path, f"audience: Judges\n{written}\n")
    assert doc is None and [p.message for p in problems] == [f"the file cannot be read: {said}"]


RLO = "\u202e"


@pytest.mark.parametrize(("url", "name"), [
    (f"/edit?file={HANDOUT}", "actions.0.text"),
    ("/edit?file=source/briefs/sample.yaml", "blocks.0.text"),
    ("/edit?file=source/briefs/sample.yaml", "blocks.3.items.1.text"),
    (STAT, "0.meaning")])
def test_a_bidi_control_in_a_list_item_is_shown_at_its_field(tmp_path: Path, url: str,
                                                             name: str) -> None:
    made, keys = client(write_project(tmp_path))
    fields = form_fields(made.get(url).text)
    typed = [(k, v[:4] + RLO + v[4:] if k == name else v) for k, v in fields]
    answer = post(made, keys, "/check", typed).text
    assert "RIGHT-TO-LEFT OVERRIDE" in at_field(answer, name)
    anchor = "#f-" + name.replace(".", "-")
    assert f'href="{anchor}"' in answer  # the panel's link and the banner's "Go to it"
    assert 'href="#f-"' not in answer


def test_the_panels_count_and_the_fields_say_the_errors_found_while_typing(
        tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    page = made.get(f"/edit?file={HANDOUT}").text
    assert re.search(r'<span id="panel-mark" class="mark (ready|warnings)">', page)
    assert re.search(r'<input type="text" id="f-headline" name="headline" value="[^"]*" '
                     r'aria-describedby="h-f-headline m-f-headline">', page)
    answer = post(made, keys, "/check", replaced(form_fields(page), "headline", "")).text
    mark = re.search(r'<span id="panel-mark" class="mark (\w+)" hx-swap-oob="true">([^<]*)<',
                     answer)
    assert mark and mark.groups() == ("errors", "1 error to fix"), mark
    assert "field-problem error" in at_field(answer, "headline")


def test_an_invalid_field_is_marked_and_names_its_message(tmp_path: Path) -> None:
    made, _ = client(write_project(tmp_path, ODD["a date that does not exist"]))
    page = made.get(QUOTE).text
    assert re.search(r'<input type="text" id="f-0-consent-given" [^>]* aria-invalid="true" '
                     r'aria-describedby="h-f-0-consent-given m-f-0-consent-given">', page)
    assert len(re.findall(r'aria-invalid="true"', page)) == 1


def test_an_empty_required_field_does_not_hide_the_other_fields_checks(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    fields = form_fields(made.get(f"/edit?file={HANDOUT}").text)
    why = next(v for k, v in fields if k == "why")
    typed = replaced(replaced(fields, "headline", ""), "why", "There are 45% of cases. " + why)
    answer = post(made, keys, "/check", typed).text
    assert "empty" in at_field(answer, "headline")
    assert "the figure &#34;45%&#34; is typed into the text" in at_field(answer, "why")
    mark = re.search(r'id="panel-mark" class="mark errors" hx-swap-oob="true">([^<]*)<', answer)
    assert mark and mark.group(1) == "2 errors to fix"


def test_while_another_file_has_an_error_the_pickers_and_lists_carry_the_truth(
        tmp_path: Path) -> None:
    from .projects import EDITIONS

    root = write_project(tmp_path, {
        "source/settings.yaml": EDITIONS,
        "source/quotes.yaml": QUOTES.replace("uses: [print, web, grant]", "uses: [print]"),
        "source/handouts/sample/victim-advocates.yaml": "audience: Victim advocates\n"
        "headline: A headline.\n   why: Indented by hand.\n"})
    made, _ = client(root)
    handout = made.get(f"/edit?file={HANDOUT}").text
    assert "Not checked now" not in handout.split('id="f-quote"')[1].split("</fieldset>")[0]
    assert 'its consent covers print, not \u201cweb\u201d' in handout or \
        'its consent covers print, not &#34;web&#34;' in handout  # greyed out, with why
    brief = made.get("/edit?file=source/briefs/sample.yaml").text
    assert "50%: Women made up 50% of arrests in Brook County." in brief  # its figure, from
    assert "Brook County, 2023; of 100 arrests." in brief  # the statistics and the data
    assert "{value}" not in handout
    home = made.get("/").text
    assert '<option value="Alder County"' in home and '<option value="Brook County"' in home
    assert '<option value="es-US"' in home


def test_a_statistic_without_its_figure_shows_no_raw_placeholder() -> None:
    from press.studio.pickers import _meaning

    assert _meaning({"id": "x", "meaning": "Women made up {value} of\n {measure} in "
                     "{jurisdiction}."}) == "Women made up \u2026 of \u2026 in \u2026."
