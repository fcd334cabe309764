"""The studio without a browser: its guard, its forms, saving and history (press/studio/).

Each test writes the small project it needs (tests/projects.py) and calls the app through
Starlette's TestClient; no PDF is made (a save asks for a build the test's studio skips)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from press.studio import forms, history, store
from press.studio.guard import Keys

from .projects import write_project
from .studio_client import BASE, PORT, changes, client, form_fields, post, replaced

HANDOUT = "source/handouts/sample/judges.yaml"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          check=True).stdout


def repository(root: Path) -> Path:
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=Staff", "-c", "user.email=staff@example.org", "commit", "-qm",
        "start")
    return root


# --- the guard ---------------------------------------------------------------------------

def test_the_token_in_the_address_becomes_a_strict_cookie(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from press.studio.app import create

    keys = Keys(PORT)
    made = TestClient(create(write_project(tmp_path), keys, builds=False), base_url=BASE)
    assert made.get("/").status_code == 403  # no token, no cookie
    assert made.get("/?token=wrong", follow_redirects=False).status_code == 403
    answer = made.get(f"/?token={keys.token}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert f"{keys.cookie}={keys.token}" in cookie and "HttpOnly" in cookie and \
        "SameSite=Strict" in cookie
    assert made.get("/").status_code == 200  # the cookie lets it in now


@pytest.mark.parametrize("host", ["evil.example:8800", "127.0.0.1:9999", "localhost",
                                  "127.0.0.1.nip.io:8800", ""])
def test_a_host_that_is_not_this_machine_is_refused(tmp_path: Path, host: str) -> None:
    made, _ = client(write_project(tmp_path))
    answer = made.get("/", headers={"Host": host})
    assert answer.status_code == 403 and "Not this address" in answer.text
    for local in (f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}"):
        assert made.get("/", headers={"Host": local}).status_code == 200


def test_a_change_needs_the_studios_origin_and_its_csrf_token(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    made, keys = client(root)
    fields = form_fields(made.get(f"/edit?file={HANDOUT}").text)
    fields = replaced(fields, "headline", "A new headline for judges.")
    body = "&".join(f"{k}={v}" for k, v in fields)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    before = (root / HANDOUT).read_text()
    for headers in ({**form, "Origin": "http://evil.example", "X-CSRF-Token": keys.csrf},
                    {**form, "Origin": BASE},
                    {**form, "Origin": BASE, "X-CSRF-Token": "guessed"},
                    {**form, "X-CSRF-Token": keys.csrf}):
        assert made.post("/save", content=body, headers=headers).status_code == 403
    assert (root / HANDOUT).read_text() == before
    assert "Saved" in post(made, keys, "/save", fields).text


def test_every_answer_has_a_strict_content_security_policy_and_errors_are_plain(
        tmp_path: Path) -> None:
    made, _ = client(write_project(tmp_path))
    for url in ("/", "/problems", "/nowhere", f"/edit?file={HANDOUT}", "/edit?file=../etc/passwd",
                "/out/../source/quotes.yaml", "/fonts/..%2Fbrand.yaml", "/static/studio.css"):
        answer = made.get(url)
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "Traceback" not in answer.text
    assert made.get("/edit?file=../etc/passwd").status_code == 404
    assert made.get("/edit?file=source/data/arrests.csv").status_code == 404
    assert made.get("/out/../source/quotes.yaml").status_code == 404


def test_nothing_is_readable_but_out_and_the_studios_assets(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    (root / "out").mkdir()
    (root / "out" / "a.pdf").write_bytes(b"%PDF-1.7 test")
    (root / "secret.txt").write_text("not for the browser")
    (root / "out" / "link.pdf").symlink_to(root / "secret.txt")
    made, _ = client(root)
    assert made.get("/out/a.pdf").content == b"%PDF-1.7 test"
    assert made.get("/out/link.pdf").status_code == 404
    assert made.get("/out/.hidden.pdf").status_code == 404
    assert made.get("/fonts/SourceSans3-Regular.ttf").status_code == 200
    assert made.get("/fonts/OFL.txt").status_code == 404


def test_a_body_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    made, keys = client(write_project(tmp_path))
    answer = made.post("/check", content=b"x" * (3 * 1024 * 1024), headers={
        **changes(keys), "Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 413


def test_markup_in_every_field_is_shown_as_text(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    root = write_project(tmp_path, {HANDOUT: f"audience: '{evil}'\nheadline: '{evil}'\n"})
    made, _ = client(root)
    for url in ("/", "/problems", f"/edit?file={HANDOUT}"):
        page = made.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page


# --- forms -------------------------------------------------------------------------------

def every_entry(root: Path) -> list[tuple[str, str | None]]:
    opened: list[tuple[str, str | None]] = []
    for source in ("source/brand.yaml", "source/settings.yaml", "source/briefs/sample.yaml",
                   "source/handouts/sample/judges.yaml",
                   "source/handouts/sample/victim-advocates.yaml"):
        opened.append((source, None))
    for source in store.LIST_FILES:
        for item in yaml.safe_load((root / source).read_text()):
            opened.append((source, item["id"]))
    return opened


def test_every_field_of_every_model_gets_a_widget_and_round_trips(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    made, keys = client(root)
    for source, entry in every_entry(root):
        url = f"/edit?file={source}" + (f"&entry={entry}" if entry else "")
        page = made.get(url)
        assert page.status_code == 200, url
        opened = store.open_entry(root, source, entry)
        assert opened is not None
        form = forms.build_form(root, opened, None)
        names = {w.name for w in form.walk()}
        for key in (opened.value or {}):  # every key the file writes has its input
            if key in ("kind", "type"):  # a kind to choose: its own select
                continue
            prefix = ".".join(map(str, opened.prefix))
            assert (f"{prefix}.{key}" if prefix else key) in names, (source, key)
        answer = post(made, keys, "/save", form_fields(page.text))
        assert "Nothing to save" in answer.text, (url, answer.text)
    assert git_status(root) == ""


def git_status(root: Path) -> str:
    return "" if not (root / ".git").exists() else git(root, "status", "--short")


def test_a_problem_is_shown_at_its_field_before_anything_is_saved(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    before = (root / HANDOUT).read_text()
    made, keys = client(root)
    fields = replaced(form_fields(made.get(f"/edit?file={HANDOUT}").text), "headline",
                      "Judges see 12 women a week.")
    answer = post(made, keys, "/check", fields).text
    slot = answer[answer.index('id="m-f-headline"'):]
    assert "typed into the text" in slot[:slot.index("</div>")]
    assert 'role="alert"' in answer  # the banner: an error here
    assert (root / HANDOUT).read_text() == before


def test_the_last_builds_layout_warnings_join_the_checks(tmp_path: Path) -> None:
    """Only a build sees the pages: a layout warning it kept in out/manifest.json is counted
    on the home page, listed in the problems panel, and shown at its field in the editor."""
    from press.core.manifest import Manifest, write_manifest
    from press.core.problems import Problem

    root = write_project(tmp_path)
    made, _ = client(root)
    before = made.get("/problems").text
    assert "0 errors, 1 warning<" in made.get("/").text  # the sample's missing address
    laid = Problem(HANDOUT, 12, 1, "the chart's note is not printed on the page",
                   "shorten the note", "warning", "chart", "layout")
    (root / "out").mkdir()
    write_manifest(root / "out", Manifest("Sample", "en-US", "screen", "2024-01-01",
                                          warnings=[laid]))
    listed = made.get("/problems").text
    assert "note is not printed on the page" in listed and "Layout" in listed
    assert "note is not printed" not in before
    assert "0 errors, 2 warnings<" in made.get("/").text
    edited = made.get(f"/edit?file={HANDOUT}").text
    slot = edited[edited.index('id="m-f-chart"'):]
    assert "note is not printed on the page" in slot[:slot.index("</div>")]


def test_each_quote_in_the_list_shows_its_words_and_whether_it_is_ready(
        tmp_path: Path) -> None:
    from .projects import QUOTES

    other = QUOTES.replace("rosa-ready", "ana-trust").replace("Rosa", "Ana").replace(
        "When I was ready", "Trust was slow")
    unchecked = QUOTES.replace("confirmed: true", "confirmed: false")  # the one printed
    root = write_project(tmp_path, {"source/quotes.yaml": unchecked + other})
    made, _ = client(root)
    page = made.get("/edit?file=source/quotes.yaml").text
    rosa, ana = page[page.index(">Rosa<"):page.index(">Ana<")], page[page.index(">Ana<"):]
    assert "When I was ready, I knew who to call" in rosa and "1 warning</p>" in rosa
    assert "Trust was slow" in ana and "Ready</p>" in ana


# --- saving ------------------------------------------------------------------------------

def test_a_saved_edit_changes_its_line_alone_and_is_committed_alone(tmp_path: Path) -> None:
    root = repository(write_project(tmp_path))
    (root / "source" / "words.txt").write_text("Staged\n")
    git(root, "add", "source/words.txt")  # staged by someone else: never committed by a save
    made, keys = client(root)
    before = (root / HANDOUT).read_text()
    fields = replaced(form_fields(made.get(f"/edit?file={HANDOUT}").text), "headline",
                      "A new headline for judges.")
    assert "Saved" in post(made, keys, "/save", fields).text
    after = (root / HANDOUT).read_text()
    old, new = before.splitlines(), after.splitlines()
    assert [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b] == \
        [next(i for i, line in enumerate(old) if line.startswith("headline:"))]
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == [HANDOUT]
    assert "M  source/words.txt" in git(root, "status", "--short")  # still staged, not committed


def test_two_tabs_on_one_entry_never_overwrite_each_other(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    made, keys = client(root)
    page = made.get(f"/edit?file={HANDOUT}").text
    first = replaced(form_fields(page), "headline", "The first tab's headline.")
    second = replaced(form_fields(page), "headline", "The second tab's headline.")
    assert "Saved" in post(made, keys, "/save", first).text
    answer = post(made, keys, "/save", second).text
    assert "Not saved" in answer and "another window or tab" in answer
    assert "The first tab's headline." in (root / HANDOUT).read_text()


def test_two_tabs_on_two_quotes_of_one_file_both_land(tmp_path: Path) -> None:
    second = ("\n- id: ana-trust\n  speaker: Ana\n  role: Advocate\n  survivor: false\n"
              "  text: Trust is built slowly.\n")
    from .projects import SAMPLE

    root = write_project(tmp_path, {"source/quotes.yaml": SAMPLE["source/quotes.yaml"] + second})
    made, keys = client(root)
    one = form_fields(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    two = form_fields(made.get("/edit?file=source/quotes.yaml&entry=ana-trust").text)
    one = replaced(one, "0.speaker", "Rosa M.")
    two = replaced(two, "1.text", "Trust is built slowly, and kept.")
    assert "Saved" in post(made, keys, "/save", one).text
    assert "Saved" in post(made, keys, "/save", two).text
    quotes = yaml.safe_load((root / "source/quotes.yaml").read_text())
    assert quotes[0]["speaker"] == "Rosa M." and quotes[1]["text"].endswith("and kept.")


def test_taking_a_use_out_of_a_quotes_consent(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    made, keys = client(root)
    fields = form_fields(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    fields = [(k, v) for k, v in fields if not (k == "0.consent.uses" and v == "web")]
    answer = post(made, keys, "/save", fields).text
    assert "Saved" in answer  # a consent is always recordable
    text = (root / "source/quotes.yaml").read_text()
    assert "    uses: [print, grant]\n" in text
    assert "3 documents cannot be made" in answer
    assert answer.count("its consent covers") == 1  # said once, with the documents it stops
    titles = ("Sample brief", "Judges handout", "Victim advocates handout")
    assert "It stops these 3 documents: " + ", ".join(
        f'<a href="{forms.edit_link(root, source, "")}">{title}</a>' for title, source in zip(
            titles, ("source/briefs/sample.yaml", HANDOUT,
                     "source/handouts/sample/victim-advocates.yaml"), strict=True)) in answer
    details = answer[answer.index('<div id="save-details"'):]  # in the page's flow, below
    assert 'hx-swap-oob="true"' in details.split(">", 1)[0] and "its consent covers" in details
    assert f'href="/edit?file={HANDOUT.replace("/", "%2F")}"' in answer


# --- history -----------------------------------------------------------------------------

def test_history_lists_saves_and_a_restore_is_a_new_commit(tmp_path: Path) -> None:
    root = repository(write_project(tmp_path))
    original = (root / HANDOUT).read_text()
    made, keys = client(root)
    fields = replaced(form_fields(made.get(f"/edit?file={HANDOUT}").text), "headline",
                      "A headline to undo.")
    post(made, keys, "/save", fields)
    saves = history.log(root, HANDOUT)
    assert [s.message for s in saves] == ["Studio: source/handouts/sample/judges.yaml edited: "
                                          "headline",
                                          "start"]
    page = made.get(f"/history?file={HANDOUT}").text
    assert "Restore this version" in page
    assert "Judges handout, headline" in page  # the studio's save, in words
    assert "changed outside the studio" in page and ": start" not in page  # a developer's
    answer = post(made, keys, "/restore", [("file", HANDOUT), ("commit", saves[1].commit)])
    assert answer.status_code == 200 and "HX-Redirect" in answer.headers
    assert (root / HANDOUT).read_text() == original
    assert len(history.log(root, HANDOUT)) == 3  # the restore is a save of its own
    bad = post(made, keys, "/restore", [("file", HANDOUT), ("commit", "0" * 40)])
    assert bad.status_code == 409 and "not a saved version" in bad.text


def test_a_save_without_a_git_name_uses_the_fallback_author(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    root = repository(write_project(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))  # no global git name
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (root / HANDOUT).write_text((root / HANDOUT).read_text() + "# a note\n")
    assert history.commit(root, HANDOUT, "a save")
    assert git(root, "log", "-1", "--format=%an <%ae>").strip() == \
        f"{history.FALLBACK_NAME} <{history.FALLBACK_EMAIL}>"


def test_without_git_the_history_says_so(tmp_path: Path) -> None:
    made, _ = client(write_project(tmp_path))
    assert "not kept in git" in made.get(f"/history?file={HANDOUT}").text


# --- new documents -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "slug"), [
    ("Probation officers", "probation-officers"),
    ("Clínica Nuñez-Ibáñez nurses", "clinica-nunez-ibanez-nurses")])  # longer than 60
def test_a_new_handout_is_added_to_the_chapters_roster(tmp_path: Path, name: str, slug: str
                                                       ) -> None:
    root = repository(write_project(tmp_path))
    made, keys = client(root)
    answer = post(made, keys, "/new", [("what", "handout"), ("name", name),
                                       ("chapter", "sample")])
    assert answer.headers["HX-Redirect"].startswith(
        f"/edit?file=source%2Fhandouts%2Fsample%2F{slug}.yaml")
    brief = yaml.safe_load((root / "source/briefs/sample.yaml").read_text())
    roster = next(b for b in brief["blocks"] if b["type"] == "roles")
    assert roster["items"][-1] == {"id": slug, "name": name}
    assert "      - { id: victim-advocates, name: Victim advocates }\n" \
        f"      - {{ id: {slug}, name: {name} }}\n" in \
        (root / "source/briefs/sample.yaml").read_text()  # in its neighbours' style
    assert f"{name} added to the roster" in git(root, "log", "-1", "--format=%s")
    assert git(root, "status", "--short") .strip() == "" or "?? .press-cache/" in git(
        root, "status", "--short")


def test_a_file_that_does_not_read_says_where_instead_of_a_form(tmp_path: Path) -> None:
    root = write_project(tmp_path, {HANDOUT: "audience: Judges\nheadline: [unclosed\n"})
    made, _ = client(root)
    page = made.get(f"/edit?file={HANDOUT}")
    assert page.status_code == 200 and "cannot be read" in page.text
    assert "judges.yaml" in page.text and "(line 3)" in page.text
    assert "<form id=\"entry-form\"" not in page.text


@pytest.mark.parametrize("written", [
    "- &a [1, *a]\n",  # an alias inside its own anchor: a list that holds itself
    "a0: &a0 [lol]\n" + "".join(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n"
                                 for n in range(1, 10))])  # 400 bytes, 9**9 values
def test_a_file_of_aliases_is_read_within_the_bounds_on_every_page(
        tmp_path: Path, written: str) -> None:
    """The studio lists a file that does not load as the build reads it, within the press's
    bounds: a quotes file of aliases is a located error, not a page that never answers."""
    root = write_project(tmp_path, {"source/quotes.yaml": written})
    made, _ = client(root)
    for url in ("/", f"/edit?file={ADVOCATES}", "/problems", "/edit?file=source/quotes.yaml"):
        page = made.get(url)
        assert page.status_code == 200, url
    assert "alias" in made.get("/problems").text


def test_the_quote_picker_shows_consent_and_disables_what_the_profile_may_not_use(
        tmp_path: Path) -> None:
    from .projects import SAMPLE

    print_only = ("\n- id: ana-print\n  speaker: Ana\n  role: Survivor\n  survivor: true\n"
                  "  text: Trust is built slowly.\n  consent:\n    uses: [print]\n"
                  "    basis: Signed release\n    given: 2026-10-01\n    confirmed: false\n")
    root = write_project(tmp_path, {"source/quotes.yaml": SAMPLE["source/quotes.yaml"] +
                                    print_only})
    made, _ = client(root)
    page = made.get(f"/edit?file={HANDOUT}").text
    card = page[page.index('value="ana-print"'):]
    card = card[:card.index("</li>")]
    assert card.split(">", 1)[0].endswith(" disabled aria-describedby=\"f-quote-2-d\"")
    assert "May be used: on the web no, in print yes, in a grant no" in card
    assert "not yet checked against the signed release" in card
    assert "Not for this document: its consent covers print, not &#34;web&#34;." in card


def test_a_statistic_is_offered_with_its_figure_source_and_the_chosen_places(
        tmp_path: Path) -> None:
    made, _ = client(write_project(tmp_path))
    page = made.get(f"/edit?file={HANDOUT}&place=Alder+County").text
    card = page[page.index('value="brook-women-share"'):]
    card = card[:card.index("</li>")]
    assert "Brook County, 2023" in card and "Source: " in card
    assert "For Alder County: " in card


# --- an error anywhere: choices, saves and marks stay true (issue 25's tryout) -------------

ADVOCATES = "source/handouts/sample/victim-advocates.yaml"


def test_an_error_elsewhere_keeps_every_choice_and_a_save_changes_only_its_field(
        tmp_path: Path) -> None:
    from .projects import QUOTES

    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        "role: Survivor", "role: Survivor <b>x</b>")})
    made, keys = client(root)
    page = made.get(f"/edit?file={ADVOCATES}").text
    fields = form_fields(page)
    assert ("quote", "rosa-ready") in fields and ("stats.0", "brook-women-share") in fields
    assert ("chart", "alder-trend") in fields and ("actions.0.step", "build-trust") in fields
    assert "(not found)" not in page
    assert "never as formatting" in page  # the error that stops it, in its panel
    assert "No problems here" not in page
    before = (root / ADVOCATES).read_text()
    answer = post(made, keys, "/save", replaced(fields, "headline", "You may be the first."))
    assert "Saved" in answer.text and "The PDF is being made again" not in answer.text
    assert "cannot be made</strong>" in answer.text  # said, not promised
    after = (root / ADVOCATES).read_text()
    assert after == before.replace("You may be the first person she trusts.",
                                   "You may be the first.")


def test_a_choice_that_names_nothing_is_kept_and_marked_not_found(tmp_path: Path) -> None:
    from .projects import ADVOCATES as TEXT

    root = write_project(tmp_path, {ADVOCATES: TEXT.replace("quote: rosa-ready",
                                                            "quote: no-such-quote")})
    made, _ = client(root)
    page = made.get(f"/edit?file={ADVOCATES}").text
    assert ("quote", "no-such-quote") in form_fields(page)
    assert "no-such-quote (not found)" in page and "rosa-ready (not found)" not in page


def test_a_save_with_errors_in_its_own_fields_is_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    made, keys = client(root)
    before = (root / HANDOUT).read_text()
    fields = replaced(form_fields(made.get(f"/edit?file={HANDOUT}").text), "headline",
                      "Courts <b>can</b> help.")
    answer = post(made, keys, "/save", fields)
    assert "Not saved:</strong> fix the 1 error in this form first" in answer.text
    assert answer.headers["HX-Trigger"] == "studio:changed"  # the check shows it at its field
    assert (root / HANDOUT).read_text() == before


def test_a_quote_without_consent_saves_without_an_empty_consent(tmp_path: Path) -> None:
    from .projects import QUOTES

    second = "\n- id: ana\n  speaker: Ana\n  role: Advocate\n  survivor: false\n  text: Hi.\n"
    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES + second})
    made, keys = client(root)
    fields = form_fields(made.get("/edit?file=source/quotes.yaml&entry=ana").text)
    assert "Saved" in post(made, keys, "/save", replaced(fields, "1.text", "Hello.")).text
    assert (root / "source/quotes.yaml").read_text().endswith("  text: Hello.\n")


def test_one_count_of_a_documents_problems_on_every_page(tmp_path: Path) -> None:
    import re

    from .projects import QUOTES

    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        "confirmed: true", "confirmed: false")})
    made, _ = client(root)

    def mark(page: str, title: str) -> str:
        found = re.search(re.escape(title) + r".*?class=\"mark [a-z]+\">(?:<span[^>]*>"
                          r"Status: </span>)?([^<]+)<", page, re.S)
        assert found, title
        return found.group(1)

    home = mark(made.get("/").text, "Judges")
    assert home == "2 warnings"  # the brand's missing address and Rosa's unchecked consent
    assert mark(made.get("/problems").text, "Judges handout") == home
    page = made.get(f"/edit?file={HANDOUT}").text
    assert mark(page, "Problems in this document") == home
    assert "signed release" in page  # the shared warning shows on the document's page too


def test_a_save_remakes_the_place_and_edition_the_page_shows(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from press.core.target import Target
    from press.studio.app import assemble
    from press.studio.guard import Guard

    root = write_project(tmp_path)
    keys = Keys(PORT)
    app, studio = assemble(root, keys, builds=False)
    made = TestClient(Guard(app, keys), base_url=BASE)
    made.cookies.set(keys.cookie, keys.token)
    page = made.get(f"/edit?file={HANDOUT}&place=Brook+County").text
    fields = replaced(form_fields(page), "headline", "A headline for Brook County.")
    answer = post(made, keys, "/save", fields).text
    assert "for Brook County too" in answer
    assert studio.builder.asked == [Target(), Target(places=("Brook County",))]


@pytest.mark.slow
def test_page_images_asked_for_at_once_are_each_as_drawn_alone(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from press import api
    from press.pdf.pages import read_pages
    from press.pdf.pictures import page_picture

    root = write_project(tmp_path)
    api.build(root, api.MAIN)
    manifest = api.built(root)
    assert manifest is not None
    asked = [(doc.file, page, width) for doc in api.documents(root)
             for page in range(manifest.record(doc.file).pages)  # type: ignore[union-attr]
             for width in (200, 600, 900)]
    alone = {(file, page, width): page_picture((root / "out" / file).read_bytes(), page, width)
             for file, page, width in asked}
    made, _ = client(root)

    def image(key: tuple[str, int, int]) -> bytes:
        file, page, width = key
        answer = made.get(f"/page.png?doc={file}&n={page + 1}&w={width}")
        assert answer.status_code == 200
        return answer.content

    pdfs = [(root / "out" / doc.file).read_bytes() for doc in api.documents(root)]
    with ThreadPoolExecutor(8) as pool:  # each asked for three times at once, then cached,
        for _ in range(2):  # while a build's reading of its PDFs runs beside them
            reading = [pool.submit(read_pages, pdf) for pdf in pdfs * 3]
            drawn = list(pool.map(image, asked * 3))
            assert all(picture == alone[asked[i % len(asked)]] for i, picture in
                       enumerate(drawn))
            assert all(r.result() == read_pages(pdfs[i % len(pdfs)]) for i, r in
                       enumerate(reading))


def test_fixes_are_said_in_the_forms_words(tmp_path: Path) -> None:
    import html

    from .projects import QUOTES

    root = write_project(tmp_path, {"source/quotes.yaml": QUOTES.replace(
        "confirmed: true", "confirmed: false")})
    made, keys = client(root)
    page = html.unescape(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    assert "tick \u201cChecked against the signed release\u201d" in page
    assert "confirmed: true" not in page
    fields = form_fields(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    checked = html.unescape(post(made, keys, "/check", replaced(
        fields, "0.consent.given", "")).text)  # what Chromium sends for February 30
    assert "choose a date in the calendar" in checked and "YYYY-MM-DD" not in checked
    fields = [(k, v) for k, v in fields if not (k == "0.consent.uses" and v == "web")]
    at_field = html.unescape(post(made, keys, "/check", fields).text)  # before saving
    assert "the documents read on screens (the web) (Sample brief, Judges handout" in at_field
    assert "screen documents" not in at_field and '"judges" file' not in at_field
    saved = html.unescape(post(made, keys, "/save", fields).text)
    assert "(Sample brief, Judges handout, Victim advocates handout)" in saved
    assert "handouts/sample/judges.yaml" not in saved


def test_a_list_item_is_not_labelled_required(tmp_path: Path) -> None:
    made, _ = client(write_project(tmp_path))
    page = made.get(f"/edit?file={HANDOUT}").text
    assert "Statistic 1" in page and "Statistic 1 <span class=\"req\">" not in page
    assert "Headline <span class=\"req\">(required)</span>" in page


# --- adding a quote --------------------------------------------------------------------------

def test_a_quote_is_added_with_its_consent_at_the_end_of_the_file(tmp_path: Path) -> None:
    import html

    root = repository(write_project(tmp_path))
    before = (root / "source/quotes.yaml").read_text()
    made, keys = client(root)
    assert 'href="/add?file=source/quotes.yaml">Add a quote</a>' in made.get(
        "/edit?file=source/quotes.yaml").text
    fields = form_fields(made.get("/add?file=source/quotes.yaml").text)
    assert ("1.consent.confirmed", "true") not in fields  # never ticked for staff
    for name, value in (("1.speaker", "Maheen"), ("1.role", "Attorney"), ("1.survivor", "true"),
                        ("1.text", "Law enforcement needs to focus on demand and recognize "
                         "that buyers are paying to engage in acts of violence and abuse.")):
        fields = replaced(fields, name, value)
    checked = html.unescape(post(made, keys, "/check", fields).text)
    assert 'data-proposal="maheen-enforcement"' in checked
    assert 'id="m-f-1"' in checked and "has no consent record" in checked  # at its field
    fields += [("1.consent.uses", "print"), ("1.consent.uses", "grant")]
    fields = replaced(replaced(fields, "1.consent.basis", "Signed release, December"),
                      "1.consent.given", "2026-12-01")
    fields = replaced(fields, "1.id", "maheen-demand")  # the proposal, changed
    answer = post(made, keys, "/save", fields)
    assert answer.headers["HX-Redirect"] == "/edit?file=source%2Fquotes.yaml&entry=maheen-demand"
    assert (root / "source/quotes.yaml").read_text() == before + (
        "- id: maheen-demand\n  speaker: Maheen\n  role: Attorney\n  survivor: true\n"
        "  text: >-\n    Law enforcement needs to focus on demand and recognize that buyers are "
        "paying to\n    engage in acts of violence and abuse.\n  consent:\n"
        "    uses: [print, grant]\n    basis: Signed release, December\n    given: 2026-12-01\n"
        "    confirmed: false\n")
    assert git(root, "show", "--name-only", "--format=%s", "HEAD").split("\n")[:3] == [
        "Studio: source/quotes.yaml (maheen-demand) added", "", "source/quotes.yaml"]
    for handout in (HANDOUT, "source/handouts/sample/victim-advocates.yaml"):
        picker = html.unescape(made.get(f"/edit?file={handout}").text)
        card = picker[picker.index('value="maheen-demand"'):][:600]
        assert "disabled" in card and "Not for this document" in card  # no "web" use
        assert "not yet checked against the signed release" in card and "Given 2026-12-01" \
            in card
    again = post(made, keys, "/save", fields).text
    assert "taken by another entry" in again and "Not saved" in again
    assert store.proposed_id(root, "source/quotes.yaml", "Rosa", "When I was ready") == \
        "rosa-ready-2"  # unique: rosa-ready is taken


def test_a_new_quote_is_written_as_the_entries_around_it_are(tmp_path: Path) -> None:
    from press.source.splice import append

    spaced = "# quotes\n- id: a\n  text: One.\n\n- id: b  # the second\n  text: Two.\n"
    assert append(spaced, {"id": "c", "text": "Three.", "uses": ["print"]}) == \
        spaced + "\n- id: c\n  text: Three.\n  uses: [print]\n"
    indented = "  - id: a\n    text: One.\n"
    assert append(indented, {"id": "b", "text": "Two."}) == indented + \
        "  - id: b\n    text: Two.\n"


def test_each_history_row_says_what_changed_and_each_restore_is_named_apart(
        tmp_path: Path) -> None:
    import html

    root = repository(write_project(tmp_path))
    made, keys = client(root)
    for words in ("A first headline.", "A second headline."):  # within one minute
        fields = form_fields(made.get(f"/edit?file={HANDOUT}").text)
        post(made, keys, "/save", replaced(fields, "headline", words))
    fields = form_fields(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    post(made, keys, "/save", [(k, v) for k, v in fields if (k, v) != ("0.consent.uses", "web")])
    page = html.unescape(made.get(f"/history?file={HANDOUT}").text)
    assert "Studio: source/" not in page and "edited: " not in page  # the rows in words
    buttons = re.findall(r"<button type=\"submit\">(.*?)</button>", page)
    assert len(buttons) == 2 and len(set(buttons)) == 2, buttons
    assert re.fullmatch(r"Restore it as it was on \d{4}-\d\d-\d\d \d\d:\d\d:\d\d, after "
                        r"“Judges handout, headline”", buttons[0]), buttons
    assert buttons[1].endswith(", after “changed outside the studio”")
    quotes = html.unescape(made.get("/history?file=source/quotes.yaml").text)
    assert "Quote rosa-ready, consent, may be used in" in quotes
    assert "consent.uses" not in quotes


def test_the_new_chapter_form_asks_for_its_first_handouts_audience(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    made, keys = client(root)
    form = made.get("/new?what=chapter").text
    assert 'name="audience" value="Community partners"' in form
    assert "Audience of a new chapter's first handout" in form
    answer = post(made, keys, "/new", [("what", "chapter"), ("name", "Housing"),
                                       ("audience", "Landlords"), ("chapter", "sample")])
    assert "HX-Redirect" in answer.headers
    assert (root / "source/handouts/housing/landlords.yaml").is_file()
    brief = yaml.safe_load((root / "source/briefs/housing.yaml").read_text())
    roster = next(b for b in brief["blocks"] if b["type"] == "roles")
    assert roster["items"] == [{"id": "landlords", "name": "Landlords"}]


def _said(page: str) -> list[str]:
    """The problems' messages and fixes a studio page shows (not where they are)."""
    import html

    found = re.findall(r'<p class="(?:what|fix)">(.*?)</p>|<p class="field-problem [a-z]+">'
                       r"(.*?)</p>", page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", a or b)) for a, b in found]


def test_no_studio_message_names_a_yaml_key_a_file_or_a_command(tmp_path: Path) -> None:
    from press.source import schema

    keys = {info.alias or key for model in vars(schema).values()
            for key, info in (getattr(model, "model_fields", None) or {}).items()}
    said_as_yaml = re.compile(r"\b(" + "|".join(map(re.escape, keys)) + r"):(?:\s|$)")
    from .projects import SETTINGS

    root = write_project(tmp_path, {"source/settings.yaml": re.sub(
        r"reference_max_age_years: \d+", "reference_max_age_years: 1", SETTINGS)})
    made, keys_ = client(root)
    quote = form_fields(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    handout = form_fields(made.get(f"/edit?file={HANDOUT}").text)
    drafts = [replaced(quote, "0.consent.confirmed", "false"),
              replaced(quote, "0.consent.given", ""),
              replaced(quote, "0.consent.expires", "2020-01-01"),
              replaced(quote, "0.id", "Not An Id"),
              [(k, v) for k, v in quote if not k.startswith("0.consent.")],
              replaced(handout, "headline", ""),
              replaced(handout, "stats.0", "no-such-stat"),
              replaced(handout, "quote", "no-such-quote"),
              replaced(handout, "why", "See [stat:nothing-here] <b>now</b>.")]
    pages = [post(made, keys_, "/check", draft).text for draft in drafts]
    pages += [made.get(url).text for url in ("/problems", f"/edit?file={HANDOUT}",
                                             "/edit?file=source/settings.yaml")]
    said = [words for page in pages for words in _said(page)]
    assert len(said) > 10, said
    for words in said:
        assert ".yaml" not in words and "make_report.py" not in words, words
        assert not said_as_yaml.search(words) and "`" not in words, words


@pytest.mark.parametrize(("said", "shown"), [
    ("the figure 62% (us-women-share-2016) is printed twice on one page: in statistic 1 and "
     "in the chart", "the figure 62% (us-women-share-2016) is printed twice on one page: in "
     "statistic 1 and in the chart"),  # a sentence with a colon, not a key
    ("then set confirmed: true", "then set \u201cChecked against the signed release\u201d ticked"),
    ("write year: 2020 under it", "write \u201cYear\u201d set to 2020 under it"),
    ("as uses: [print, web]", "as \u201cMay be used in\u201d set to [print, web]")])
def test_keys_are_said_as_fields_and_sentences_are_left_alone(said: str, shown: str) -> None:
    from press.studio.words import plain

    assert plain(said) == shown


@pytest.mark.parametrize("hint", [
    "correct it, or add the word to source/words.es-US.txt (a name: to source/words.txt)",
    "correct it, or add the word to source/words.txt",
    "if it is a name, add it to source/words.txt (one per line)"])
def test_a_spelling_fix_names_no_file_the_studio_cannot_open(hint: str) -> None:
    from press.core.problems import Problem
    from press.studio.words import in_form_words

    said = in_form_words(Problem("source/quotes.yaml", 3, 1, '"Nunez" is not in the '
                                 "dictionary", hint, "warning"), {})
    assert "word list" in said.hint and ".txt" not in said.hint and "source/" not in said.hint


@pytest.mark.slow
def test_home_says_why_a_document_was_taken_out(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A document withdrawn for its consent is not 'not made yet': home says why, in words."""
    import datetime as dt
    import html

    from press import api
    from press.core.problems import BuildError
    from press.core.target import Target

    from .projects import TWO_QUOTES, change, rosa_consent

    root = write_project(tmp_path, TWO_QUOTES)
    api.build(root, Target(date=dt.date(2026, 11, 28)))
    change(root, rosa_consent("expires: 2026-12-31"))
    monkeypatch.setenv("PRESS_TODAY", "2027-01-05")  # the day has come
    with pytest.raises(BuildError):
        api.build(root, Target(date=dt.date(2027, 1, 5)))
    made, _ = client(root)
    home = html.unescape(made.get("/").text)
    taken = re.findall(r'<p class="no-pages">Taken out of the last build: ([^<]*)</p>', home)
    assert len(taken) == 2 and all("consent expired on 2026-12-31" in t for t in taken), taken
    assert "No PDF made yet" not in home


def test_a_save_says_which_statistic_the_shown_place_leaves_out(tmp_path: Path) -> None:
    import html

    made, keys = client(write_project(tmp_path))
    fields = form_fields(made.get(f"/edit?file={HANDOUT}&place=Brook+County").text)
    assert ("_place", "Brook County") in fields
    saved = html.unescape(post(made, keys, "/save", replaced(fields, "headline",
                                                            "A new headline.")).text)
    assert "Saved" in saved
    said = re.search(r"For Brook County, the statistic “Of service providers surveyed in Alder "
                     r"County, … had training on exploitation\.” is left out \((.*?)\)", saved)
    assert said and "Alder County" in said.group(1), saved  # why, in the build's words
    fields = form_fields(made.get(f"/edit?file={HANDOUT}&place=Alder+County").text)
    saved = html.unescape(post(made, keys, "/save", replaced(fields, "headline",
                                                            "Another headline.")).text)
    assert "Saved" in saved and "left out" not in saved  # Alder County's own figure


def test_a_key_misspelt_by_hand_is_shown_kept_and_removed_only_when_asked(
        tmp_path: Path) -> None:
    """A key the model has not ("expire" for "expires") is never dropped by a save: the
    form shows it with what it holds, and removes it only when its box is ticked."""
    import html

    from .projects import QUOTES

    quotes = QUOTES.replace("    given: 2026-10-01\n", "    given: 2026-10-01\n"
                            "    expire: 2027-06-30\n", 1)
    root = repository(write_project(tmp_path, {"source/quotes.yaml": quotes}))
    made, keys = client(root)
    page = made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text
    said = html.unescape(page)
    assert "\u201cexpire\u201d</strong> is not a field the press knows (did you mean " \
        "\u201cConsent expires on\u201d?)" in said and "2027-06-30" in said
    fields = form_fields(page)
    answer = post(made, keys, "/save", replaced(fields, "0.speaker", "Rosa M."))
    assert "Not saved" in answer.text  # the entry's own error, not silently dropped
    assert (root / "source/quotes.yaml").read_text() == quotes
    fixed = [*replaced(fields, "0.consent.expires", "2027-06-30"),
             ("_drop.0.consent.expire", "1")]
    answer = post(made, keys, "/save", fixed)
    assert "Saved" in answer.text, answer.text
    assert (root / "source/quotes.yaml").read_text() == QUOTES.replace(
        "    given: 2026-10-01\n", "    given: 2026-10-01\n    expires: 2027-06-30\n", 1)


def test_every_fields_help_is_in_staff_words() -> None:
    """No file path, YAML value or command in a form's help: the studio's own words where the
    model's description is written for someone editing the file."""
    from press.source import schema
    from press.studio.words import help_words

    written_for_files = re.compile(r"\.yaml|<\w+>|\((?:true|false)\)|\b(?:true|false):|"
                                   r"make_report|`|--\w|source/|layouts/|\[stat:id\]")
    said = {f"{name}.{key}": help_words(model, key, info.description or "")
            for name, model in vars(schema).items()
            if isinstance(getattr(model, "model_fields", None), dict)
            for key, info in model.model_fields.items()}
    assert len(said) > 100
    assert {field: words for field, words in said.items()
            if written_for_files.search(words)} == {}
    assert said["Consent.confirmed"].startswith("Leave it unticked until")
    assert said["LiteralStat.reference"] == "The study, from the References"


def test_a_chapter_is_headed_and_offered_by_its_briefs_name(tmp_path: Path) -> None:
    """A chapter's name as its brief writes it ("&" and all), not its folder's name."""
    from .projects import BRIEF

    root = write_project(tmp_path, {"source/briefs/sample.yaml": BRIEF.replace(
        "chapter: SAMPLE", "chapter: PUBLIC HEALTH & HOSPITALS")})
    made, _ = client(root)
    home = made.get("/").text
    assert '<h2 id="ch-sample">Public Health &amp; Hospitals</h2>' in home
    assert '<option value="sample">Public Health &amp; Hospitals</option>' in \
        made.get("/new").text


def test_a_message_is_a_sentence_but_a_file_name_keeps_its_letters() -> None:
    from press.studio.pages import sentence

    assert sentence("the quote is too long") == "The quote is too long."
    assert sentence("sample-brief.pdf, page 2: text of 7.5 pt") == \
        "sample-brief.pdf, page 2: text of 7.5 pt."
    assert sentence("Already one!") == "Already one!"


def test_a_new_handout_that_is_there_already_or_has_markup_is_refused_at_its_name(
        tmp_path: Path) -> None:
    """The name typed is kept; a handout there already is named and linked, not its file;
    markup or a character that is not text never reaches a file or the roster."""
    import html

    root = write_project(tmp_path)
    made, keys = client(root)
    brief = (root / "source/briefs/sample.yaml").read_text()
    answer = html.unescape(post(made, keys, "/new", [("what", "handout"), ("name", "Judges"),
                                                    ("chapter", "sample")]).text)
    assert "The Judges handout is there already in this chapter" in answer
    assert 'value="Judges"' in answer and 'aria-invalid="true"' in answer
    assert f'href="/edit?file={HANDOUT.replace("/", "%2F")}">Open the judges handout' in answer
    assert "source/" not in answer.split('id="new-name-error"')[1].split("</p>")[0]
    for name in ("<b>Nurses</b>", "Nurses\u202e"):
        answer = html.unescape(post(made, keys, "/new", [("what", "handout"), ("name", name),
                                                        ("chapter", "sample")]).text)
        assert 'id="new-name-error"' in answer and "Error:" in answer, answer
    assert "HTML markup" in html.unescape(post(made, keys, "/new", [
        ("what", "handout"), ("name", "<b>Nurses</b>"), ("chapter", "sample")]).text)
    assert not list((root / "source/handouts/sample").glob("*nurses*"))
    assert (root / "source/briefs/sample.yaml").read_text() == brief


def test_a_consents_uses_are_offered_in_words(tmp_path: Path) -> None:
    made, _ = client(write_project(tmp_path))
    import html

    page = html.unescape(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    offered = re.findall(r'name="0\.consent\.uses" value="(\w+)"[^>]*> ([^<]*)<', page)
    assert offered == [("print", "Printed documents"),
                       ("web", "Documents read on screens (the web)"),
                       ("grant", "Grant attachments"),
                       ("translate", "Its words translated, in another language's edition")]


def test_a_new_chapters_first_audience_is_refused_at_its_own_field(tmp_path: Path) -> None:
    import html

    root = write_project(tmp_path)
    made, keys = client(root)
    for audience in ("<i>Nurses</i>", "Nur\u200bses", "Nurses handout"):
        answer = html.unescape(post(made, keys, "/new", [
            ("what", "chapter"), ("name", "Housing"), ("audience", audience)]).text)
        assert 'id="new-audience-error"' in answer and 'id="new-name-error"' not in answer, \
            audience
        assert "Error:</strong> The audience's name" in answer
    assert not (root / "source/briefs/housing.yaml").exists()
    answer = html.unescape(post(made, keys, "/new", [("what", "handout"),
                                                    ("name", "Judges handout"),
                                                    ("chapter", "sample")]).text)
    assert 'Fix: write the audience alone, e.g. "Judges"' in answer


def test_the_fix_for_markup_fits_the_field() -> None:
    """Emphasis is offered only where a field prints it (a handout's why), not in a headline,
    where it would be refused in turn."""
    from press.core.problems import Problem
    from press.source.schema import printable
    from press.studio.words import in_form_words

    with pytest.raises(ValueError) as said:
        printable("<b>Now</b>")
    message, hint = str(said.value).split("; fix: ")
    for field, offered in (("headline", False), ("why", True), ("0.text", False)):
        shown = in_form_words(Problem(HANDOUT, 3, 1, message, hint, field=field), {})
        assert ("*emphasis*" in shown.hint) is offered, (field, shown.hint)


def test_a_space_typed_at_the_end_of_a_text_is_not_a_change(tmp_path: Path) -> None:
    """A trailing space (unseen, never printed) is dropped, not refused: the save goes
    through, and a text otherwise as it was is no change at all."""
    root = write_project(tmp_path)
    made, keys = client(root)
    before = (root / HANDOUT).read_text()
    fields = form_fields(made.get(f"/edit?file={HANDOUT}").text)
    why = dict(fields)["why"]
    answer = post(made, keys, "/save", replaced(fields, "why", why + " ")).text
    assert "Nothing to save" in answer and (root / HANDOUT).read_text() == before
    answer = post(made, keys, "/save", replaced(fields, "why", "  Judges decide.  \n")).text
    assert "Saved" in answer
    assert yaml.safe_load((root / HANDOUT).read_text())["why"] == "Judges decide."


def test_quotes_and_figures_are_named_as_staff_know_them_not_by_short_name(
        tmp_path: Path) -> None:
    """A warning about a quote names it by its speaker ("Rosa's quote"), not its short
    name, on the Problems page and at the field."""
    import html

    from .projects import QUOTES
    from .projects import replaced as one_replaced

    root = write_project(tmp_path, {"source/quotes.yaml": one_replaced(
        QUOTES, "confirmed: true", "confirmed: false")})
    made, _ = client(root)
    page = html.unescape(made.get("/problems").text)
    assert "the consent record for rosa's quote has not been checked" in page.lower()
    assert '"rosa-ready"' not in page
    form = html.unescape(made.get("/edit?file=source/quotes.yaml&entry=rosa-ready").text)
    assert "Rosa's quote has not been checked" in form and '"rosa-ready" (' not in form
