"""The studio's editor as the third outside try of issue 25 used it: every problem of a new
entry shown at once, one count for a refused save, consent judged quote by quote, a
document taken out for consent, the save message of a consent, a handout's audience
renamed in its roster.

Each test writes the small project it needs (tests/projects.py); no PDF is made."""

from __future__ import annotations

import html
import re
from pathlib import Path

from .projects import TWO_QUOTES, write_project
from .studio_client import client, form_fields, post, replaced
from .test_studio import git, repository

HANDOUT = "source/handouts/sample/judges.yaml"
RLO = "\u202e"


def at_field(page: str, name: str) -> str:
    """The words shown at the input `name` ("1.consent.given"), as text."""
    found = re.search(rf'id="m-f-{re.escape(name.replace(".", "-"))}"[^>]*>(.*?)</div>', page,
                      re.S)
    assert found, f"no messages at {name}"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def new_quote(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A new quote with four mistakes: a bidi override in its words, markup in its
    speaker, a consent with no use ticked and no date."""
    for name, value in (("1.speaker", "<b>Maheen</b>"), ("1.role", "Attorney"),
                        ("1.text", f"Law enforcement {RLO}needs to focus on demand."),
                        ("1.consent.basis", "Interview release")):
        fields = replaced(fields, name, value)
    return fields


def test_a_new_entrys_every_problem_is_shown_at_its_field_at_once(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    fields = new_quote(form_fields(made.get("/add?file=source/quotes.yaml").text))
    answer = post(made, keys, "/check", fields).text
    assert "reverses the order of the letters" in at_field(answer, "1.text")
    assert "HTML markup" in at_field(answer, "1.speaker")
    assert "Error" in at_field(answer, "1.consent.uses")
    assert "no date is chosen" in at_field(answer, "1.consent.given")
    assert at_field(answer, "1.role") == "\n"  # (a field without a problem says nothing)


def banner_count(page: str) -> int:
    found = re.search(r'class="banner error" role="alert"><strong>(\d+) errors?</strong>', page)
    assert found, page
    return int(found.group(1))


def test_a_refused_save_counts_what_the_check_counts_and_goes_once_fixed(
        tmp_path: Path) -> None:
    root = write_project(tmp_path)
    before = (root / "source/quotes.yaml").read_text()
    made, keys = client(root)
    fields = new_quote(form_fields(made.get("/add?file=source/quotes.yaml").text))
    refused = post(made, keys, "/save", fields)
    assert (root / "source/quotes.yaml").read_text() == before
    line = re.search(r"fix the (\d+) errors? in this form first", refused.text)
    assert line and refused.headers["HX-Trigger"] == "studio:changed"
    fields += [("_refused", "1")]  # the line's own field: the form's next check says again
    checked = post(made, keys, "/check", fields).text
    assert int(line.group(1)) == banner_count(checked) == 4
    again = re.search(r'<div id="save-result"[^>]*hx-swap-oob="true">(.*?)</div>\n', checked,
                      re.S)
    assert again and "fix the 4 errors in this form first" in again.group(1)
    fields = replaced(replaced(fields, "1.speaker", "Maheen"), "1.text", "Words.")
    checked = post(made, keys, "/check", fields).text
    assert banner_count(checked) == 2 and "fix the 2 errors in this form" in checked
    fields = replaced([*fields, ("1.consent.uses", "print")], "1.consent.given", "2026-12-01")
    checked = post(made, keys, "/check", fields).text
    mended = re.search(r'<div id="save-result"[^>]*hx-swap-oob="true">(.*?)</div>', checked,
                       re.S)
    assert mended and mended.group(1).strip() == ""  # the line goes
    assert 'class="banner error"' not in checked
    plain = post(made, keys, "/check", [f for f in fields if f[0] != "_refused"]).text
    assert 'id="save-result"' not in plain  # (no line to say again: the save result kept)


def card(page: str, value: str) -> str:
    """A picker's card of `value`, as text."""
    found = page[page.index(f'value="{value}"'):]
    return html.unescape(re.sub(r"<[^>]+>", "", found[:found.index("</li>")]))


def test_each_quotes_consent_is_judged_from_its_own_entry(tmp_path: Path) -> None:
    """A date that does not exist in Rosa's consent: Maya's consent is still shown in the
    picker, Rosa's says what is wrong, in words; a statistic's source is its reference as
    staff know it, the same while the project does not load."""
    quotes = TWO_QUOTES["source/quotes.yaml"].replace("given: 2026-10-01", "given: 2026-02-30",
                                                      1)
    made, _ = client(write_project(tmp_path, {**TWO_QUOTES, "source/quotes.yaml": quotes}))
    page = made.get(f"/edit?file={HANDOUT}").text
    maya = card(page, "maya-door")
    assert "May be used: on the web yes, in print yes, in a grant yes" in maya
    assert "Not checked" not in maya
    rosa = card(page, "rosa-ready")
    assert "\u201cConsent given on\u201d: the date \"2026-02-30\" does not exist" in rosa
    assert "Not checked" not in rosa and "Given" not in rosa
    providers = card(page, "providers-trained")
    assert "Source: Rivera, Survey of service providers in Alder County (2020)." in providers
    assert "county-survey-2020" not in providers
    loaded, _ = client(write_project(tmp_path / "loaded"))
    assert "Source: Rivera, Survey of service providers in Alder County (2020)." in card(
        loaded.get(f"/edit?file={HANDOUT}").text, "providers-trained")


def test_the_editor_of_a_document_taken_out_says_why_and_how_to_bring_it_back(
        tmp_path: Path) -> None:
    from press import api
    from press.core.manifest import Manifest, Withdrawn, write_manifest

    root = write_project(tmp_path)
    judges = next(d for d in api.documents(root) if d.source == HANDOUT)
    (root / "out").mkdir()
    write_manifest(root / "out", Manifest("Sample", "en-US", "screen", "2026-11-01", withdrawn=[
        Withdrawn(judges.file, 'it carries the quote "rosa-ready": its consent expired on '
                  "2026-12-31")]))
    made, _ = client(root)
    for url in (f"/edit?file={HANDOUT}", f"/pages?doc={judges.file}"):
        page = html.unescape(re.sub(r"<[^>]+>", "", made.get(url).text))
        assert "No PDF of it yet" not in page, url
        assert 'Taken out of the last build: It carries the quote "rosa-ready": its consent ' \
            "expired on 2026-12-31." in page, url
        assert "To bring it back, choose another quote for it in this form" in page, url
    other = made.get("/edit?file=source/handouts/sample/victim-advocates.yaml").text
    assert "No PDF of it yet" in other and "Taken out" not in other


def test_a_handouts_new_audience_renames_its_roster_entry_in_the_same_save(
        tmp_path: Path) -> None:
    from .projects import BRIEF

    root = repository(write_project(tmp_path))
    made, keys = client(root)
    fields = form_fields(made.get(f"/edit?file={HANDOUT}").text)
    answer = post(made, keys, "/save", replaced(fields, "audience", "Judges and magistrates"))
    assert "Its name in the roster of the" in answer.text and "was changed with it" in answer.text
    brief = (root / "source/briefs/sample.yaml").read_text()
    assert brief == BRIEF.replace("{ id: judges, name: Judges }",
                                  "{ id: judges, name: Judges and magistrates }")
    changed = git(root, "show", "--name-only", "--format=", "HEAD")
    assert sorted(changed.split()) == ["source/briefs/sample.yaml", HANDOUT]  # one commit
    rows = html.unescape(made.get("/history?file=source/briefs/sample.yaml").text)
    assert "Sample brief: the roster's name of the judges and magistrates handout, changed " \
        "with its audience" in rows  # (the brief's history: what the save did to it)
    advocates = "source/handouts/sample/victim-advocates.yaml"
    (root / "source/briefs/sample.yaml").write_text(brief.replace(
        "name: Victim advocates", "name: Advocates"))  # named otherwise there, by hand
    fields = form_fields(made.get(f"/edit?file={advocates}").text)
    answer = post(made, keys, "/save", replaced(fields, "audience", "Victim advocates today"))
    said = html.unescape(answer.text)
    assert "still names it \u201cAdvocates\u201d: change it there if it should follow" in said
    assert "name: Advocates }" in (root / "source/briefs/sample.yaml").read_text()


def test_a_new_funders_every_problem_is_shown_at_once(tmp_path: Path) -> None:
    """The other add form: a bidi override in the guide hides neither the markup in the
    name nor the margin that cannot be."""
    made, keys = client(write_project(tmp_path))
    fields = form_fields(made.get("/grant/new").text)
    for name, value in (("_name", "city-arts"), ("name", "<b>City</b> Arts"),
                        ("guide", f"Guide {RLO}for applicants"), ("rules.margins_in", "-1")):
        fields = replaced(fields, name, value)
    page = post(made, keys, "/grant/new", [*fields, ("action", "check")]).text
    assert "reverses the order of the letters" in at_field(page, "guide")
    assert "HTML markup" in at_field(page, "name")
    assert "Error" in at_field(page, "rules.margins_in")
