"""`make_report.py watch` is the studio's server opened at its preview page: the same guard
(127.0.0.1 only, the token in the printed address, the Host check), the same Builder and
watcher. A page on another site that points its name at 127.0.0.1 (DNS rebinding) gets 403
for every file, out/grant/ included; odd paths get 400 or 404, never a traceback; `--port 0`
takes a free port and says which; a port in use or out of range is a plain error; Ctrl-C
stops it with one line; a build the machine stops is said plainly, on the page too."""

from __future__ import annotations

import errno
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from press.commands.cli import main
from press.commands.watch import WATCHING, Said
from press.core.problems import Problem, SetupError
from press.output.serving import local_host, request_path, served_file
from press.studio.app import assemble, listening
from press.studio.guard import Guard, Keys
from press.studio.pages import Studio
from press.studio.preview import BuildState

from .projects import ROOT, write_project

GRANT_PDF = b"%PDF-1.7 a quote consented for a grant, not for the web"
BROKEN = "audience: Judges\nheadline: [a list left open\n"  # a YAML error: the build stops at once
PORT = 8000


def out_files(root: Path) -> Path:
    """An out/ of the test's own (a handout, a grant PDF, a link out of out/), which a build
    that stops leaves as it is."""
    out = root / "out"
    (out / "handouts").mkdir(parents=True)
    (out / "grant").mkdir()
    (out / "handouts" / "sample-judges.pdf").write_bytes(b"%PDF-1.7 judges")
    (out / "grant" / "sample-brief.pdf").write_bytes(GRANT_PDF)
    (root / "secret.txt").write_text("outside out/")
    (out / "link.txt").symlink_to(root / "secret.txt")
    return out


# --- the page and the guard, without a server ---------------------------------------------

def preview_client(root: Path) -> tuple[TestClient, Keys, Studio]:
    keys = Keys(PORT)
    app, studio = assemble(root, keys, builds=False)
    return TestClient(Guard(app, keys), base_url=f"http://127.0.0.1:{PORT}"), keys, studio


def test_the_preview_needs_the_token_and_this_machines_host(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    out_files(root)
    made, keys, _ = preview_client(root)
    assert keys.address("/preview") == f"http://127.0.0.1:{PORT}/preview?token={keys.token}"
    for path in ("/preview", "/out/grant/sample-brief.pdf", "/status"):
        refused = made.get(path)
        assert refused.status_code == 403 and "Open the studio from its address" in refused.text
    assert made.get("/preview?token=wrong", follow_redirects=False).status_code == 403
    let_in = made.get(f"/preview?token={keys.token}", follow_redirects=False)
    assert let_in.status_code == 303 and let_in.headers["location"] == "/preview"
    assert made.get("/preview").status_code == 200
    assert made.get("/out/grant/sample-brief.pdf").content == GRANT_PDF
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1", f"127.0.0.2:{PORT}",
                 f"localhost.:{PORT}", f"127.0.0.1.nip.io:{PORT}", ""):
        for path in ("/preview", "/out/grant/sample-brief.pdf", "/status"):
            answer = made.get(path, headers={"Host": host})
            assert answer.status_code == 403 and b"PDF" not in answer.content, (host, path)


def test_the_preview_shows_the_last_builds_errors_as_text_in_an_alert(tmp_path: Path) -> None:
    made, keys, studio = preview_client(write_project(tmp_path))
    made.cookies.set(keys.cookie, keys.token)
    assert "No PDFs made yet" in made.get("/preview").text
    assert 'role="alert"' not in made.get("/preview").text
    wrong = Problem("source/handouts/sample/judges.yaml", 11, 8, 'unknown quote id "<b>rosa</b>".',
                    "use an id defined in quotes.yaml", field="quote")
    studio.builder.state = BuildState(ok=False, problems=(wrong,))
    page = made.get("/preview").text
    assert 'role="alert"' in page and "The last edit did not build" in page
    assert "Unknown quote id &#34;&lt;b&gt;rosa&lt;/b&gt;&#34;." in page and "<b>rosa" not in page
    assert "The PDFs shown below are the last good ones, unchanged" in page
    assert "/edit?file=source%2Fhandouts%2Fsample%2Fjudges.yaml&amp;field=quote" in page
    status = made.get("/status?seen=0&fast=1").text
    assert 'hx-trigger="every 1s"' in status and "fast=1" in status


def test_a_rebuild_the_machine_stops_shows_what_to_do_not_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from press import api

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "x.pdf"))

    monkeypatch.setattr(api, "build", full)  # as the studio's Builder calls it
    said: list[str] = []
    keys = Keys(PORT)
    app, studio = assemble(tmp_path, keys, heard=Said(tmp_path.resolve(), said.append))
    studio.builder.request()
    studio.builder.wait(60)
    line = ("Error: the disk is full (or your share of it is used up): out/x.pdf could not be "
            "written Fix: free some space on that disk (`make clean` removes out/ and "
            ".press-cache/, which the next build makes again), then run the command again")
    assert said == [line, WATCHING]
    made = TestClient(Guard(app, keys), base_url=f"http://127.0.0.1:{PORT}")
    made.cookies.set(keys.cookie, keys.token)
    page = made.get("/preview").text
    assert 'role="alert"' in page and "the disk is full" in page
    assert "Internal error" not in page and "Traceback" not in page


@pytest.mark.slow
def test_page_images_drawn_for_many_requests_at_once_all_come_out() -> None:
    """The preview asks for every page's image at once, each drawn in a thread of its own
    (while a build may use PDFium too): PDFium, which is not thread-safe, is used by one
    thread at a time, so no drawing fails ("Failed to load page") or crashes the server."""
    import threading

    from weasyprint import HTML

    from press.pdf.pictures import page_picture

    pdf = HTML(string="".join(f"<p style='font-family: serif'>Page {n} <b>bold</b> <i>and "
                              "italic</i></p><p style='font-family: sans-serif; break-after: "
                              "page'>words</p>" for n in range(5))).write_pdf()
    drawn: list[bytes] = []
    failed: list[Exception] = []

    def draw(first: int) -> None:
        try:
            drawn.extend(page_picture(pdf, (first + n) % 5, 400) for n in range(5))
        except Exception as error:  # what PDFium said when two threads were in it at once
            failed.append(error)

    for _ in range(3):
        threads = [threading.Thread(target=draw, args=(i,)) for i in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failed == [] and len(drawn) == 3 * 12 * 5 and len(set(drawn)) == 5


def test_a_request_the_server_cannot_answer_is_one_line_in_the_terminal() -> None:
    import logging

    from press.studio.app import OneLine
    from press.studio.guard import TooLarge

    try:
        raise KeyError("a bug")
    except KeyError:
        failed = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1,
                                   "Exception in ASGI application\n", (), sys.exc_info())
    assert OneLine().filter(failed) and failed.exc_info is None
    assert failed.getMessage() == ("Internal error in the studio: KeyError: KeyError('a bug') (a "
                                   "bug in the press, not in your files; the studio keeps "
                                   "serving)")
    try:
        raise TooLarge
    except TooLarge:
        large = logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, "Exception", (),
                                  sys.exc_info())
    assert not OneLine().filter(large)  # a 413, said to the browser: nothing to say here


# --- the port ---------------------------------------------------------------------------

def test_the_checks_are_functions_any_server_of_the_press_can_use(tmp_path: Path) -> None:
    assert local_host(["localhost:8000"], 8000) and local_host(["localhost"], 80)
    assert not local_host(["localhost"], 8000) and not local_host([], 8000)
    assert request_path("/handouts/x%20y.pdf?z") == ["handouts", "x y.pdf"]
    assert request_path("/") == []
    (tmp_path / "a.pdf").write_bytes(b"")
    assert served_file(tmp_path, ["a.pdf"]) == tmp_path.resolve() / "a.pdf"
    assert served_file(tmp_path, ["b.pdf"]) is None and served_file(tmp_path, []) is None


@pytest.mark.parametrize("port", ["70000", "-1", "65536", "eight", "80\x1b[2J"])
def test_a_port_out_of_range_is_a_plain_error(port: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["watch", "--port", port, "--root", str(tmp_path)])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    found = f'"{port}"' if port.isprintable() else "'80\\x1b[2J'"
    assert f"error: argument --port: expected a port from 0 to 65535, found {found}. Fix: " \
        "leave --port out (8800), choose another such as --port 8801, or write --port 0 for " \
        "any free port" in said
    assert "Traceback" not in said and "Internal error" not in said and "\x1b" not in said
    with pytest.raises(SetupError, match="0 to 65535"):
        listening(70000, "watch")


def test_the_address_said_is_never_refused() -> None:
    """The studio says its address before its server runs: the socket already listens, so
    a browser quick to open it waits for the server instead of being refused."""
    bound = listening(0, "watch")
    try:
        with socket.create_connection(bound.getsockname(), timeout=60):
            pass
    finally:
        bound.close()


def test_a_port_in_use_is_a_plain_error_with_its_fix(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        assert main(["watch", "--port", str(port), "--root", str(write_project(tmp_path))]) == 2
    finally:
        taken.close()
    said = capsys.readouterr()
    assert said.err == (f"Error: the port {port} is in use (another make_report.py watch is "
                        "running, or another program took it) Fix: stop the other one, or "
                        f"choose another port: make_report.py watch --port {port + 1}\n")
    assert said.out == "" and not (tmp_path / "out").exists()


# --- the server, as staff run it ---------------------------------------------------------

@dataclass
class Watch:
    root: Path
    port: int
    token: str
    lines: list[str]
    process: subprocess.Popen[str]


def start(root: Path) -> Watch:
    """`make_report.py watch --port 0` on `root`, once it has said its first build."""
    process = subprocess.Popen([sys.executable, str(ROOT / "make_report.py"), "watch",
                                "--port", "0", "--root", str(root)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    taken = re.fullmatch(r"Preview: http://127\.0\.0\.1:(\d+)/preview\?token=([\w-]+)  "
                         r"\(Ctrl-C to stop\)\n", first)
    assert taken and taken.group(1) != "0", first
    lines = [first]
    while WATCHING not in lines[-1]:
        lines.append(process.stdout.readline())
        assert process.poll() is None, "".join(lines)
    return Watch(root, int(taken.group(1)), taken.group(2), lines, process)


@pytest.fixture(scope="module")
def watching(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Watch]:
    """Watch on a project whose handout does not read (its first build stops at once) and
    an out/ of the test's own, which the stopped build leaves as it is."""
    root = write_project(tmp_path_factory.mktemp("watch"),
                         {"source/handouts/sample/judges.yaml": BROKEN})
    out_files(root)
    running = start(root)
    try:
        yield running
    finally:
        running.process.terminate()
        running.process.wait(timeout=30)


def ask(port: int, request: bytes) -> tuple[int, bytes, bytes]:
    """Send `request` as it is; the status, the head and the body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), head, body


def get(port: int, path: bytes, *hosts: bytes, cookie: bytes = b"") -> tuple[int, bytes, bytes]:
    headers = b"".join(b"Host: " + host + b"\r\n" for host in hosts)
    if cookie:
        headers += b"Cookie: " + cookie + b"\r\n"
    return ask(port, b"GET " + path + b" HTTP/1.1\r\n" + headers + b"Connection: close\r\n\r\n")


@pytest.mark.slow
def test_port_0_takes_a_free_port_and_the_terminal_says_why_nothing_was_built(
        watching: Watch) -> None:
    said = "".join(watching.lines)
    assert "start: not built; out/ keeps the last good PDFs.\n  source/handouts/sample/" \
        "judges.yaml:3:1: error: the file cannot be read" in said
    assert "Traceback" not in said and "Internal error" not in said


@pytest.mark.slow
def test_the_token_in_the_printed_address_lets_a_browser_in(watching: Watch) -> None:
    port, host = watching.port, f"127.0.0.1:{watching.port}".encode()
    assert get(port, b"/preview", host)[0] == 403
    assert get(port, b"/preview?token=" + b"x" * 32, host)[0] == 403
    status, head, _ = get(port, b"/preview?token=" + watching.token.encode(), host)
    assert status == 303 and b"set-cookie: studio-%d=" % port in head.lower()
    cookie = f"studio-{port}={watching.token}".encode()
    status, head, body = get(port, b"/preview", host, cookie=cookie)
    assert status == 200 and b"The last edit did not build" in body and b'role="alert"' in body
    assert b"content-security-policy: default-src 'none'" in head.lower()
    assert get(port, b"/out/grant/sample-brief.pdf", host, cookie=cookie)[2] == GRANT_PDF


@pytest.mark.slow
def test_it_answers_only_requests_for_this_machine_and_its_own_port(watching: Watch) -> None:
    port = watching.port
    cookie = f"studio-{port}={watching.token}".encode()
    foreign = [b"evil.example", f"evil.example:{port}".encode(), b"127.0.0.1", b"localhost",
               b"localhost:8000" if port != 8000 else b"localhost:8001",
               f"127.0.0.1.nip.io:{port}".encode(), f"localhost.:{port}".encode(),
               f"127.0.0.2:{port}".encode(), f"0.0.0.0:{port}".encode(), b""]
    for path in (b"/preview", b"/out/grant/sample-brief.pdf", b"/status",
                 b"/out/handouts/sample-judges.pdf", b"/preview?token=" + watching.token.encode()):
        for host in foreign:
            status, _, body = get(port, path, host, cookie=cookie)
            assert status == 403 and b"PDF" not in body and b"Preview" not in body, (path, host)
        assert get(port, path, cookie=cookie)[0] in (400, 403)  # no Host at all
        two = get(port, path, f"127.0.0.1:{port}".encode(), b"evil.example", cookie=cookie)
        assert two[0] in (400, 403)
    for own in (f"localhost:{port}", f"[::1]:{port}", f"LocalHost:{port}"):
        assert get(port, b"/out/grant/sample-brief.pdf", own.encode(), cookie=cookie)[2] == \
            GRANT_PDF


ODD_PATHS = [b"/%00", b"/\x00", b"/" + b"a" * 300, b"/" + b"b" * 2000, b"/" + b"c/" * 400,
             b"/../secret.txt", b"/handouts/../../secret.txt", b"/..%2fsecret.txt",
             b"/%2e%2e/secret.txt", b"/handouts%2Fsample-judges.pdf", b"/handouts%2fx",
             b"/%5c..%5csecret.txt", b"/a\\b", b"/%ff%fe", b"/%", b"/%zz", b"/./link.txt",
             b"//secret.txt", b"/link.txt", b"/handouts", b"/handouts/", b"/.press",
             b"/%1b[2J", b"/\xc3\xa9", b"/nothing.pdf?x=1#y", b"/grant/sample-brief.pdf/x"]


@pytest.mark.slow
def test_odd_paths_are_refused_plainly(watching: Watch) -> None:
    port = watching.port
    host, cookie = f"127.0.0.1:{port}".encode(), f"studio-{port}={watching.token}".encode()
    asked = [b"/out" + path for path in ODD_PATHS] + ODD_PATHS + [
        b"http://evil.example/out/grant/sample-brief.pdf", b"*", b"/preview/x", b"/static/../x"]
    for path in asked:
        status, _, body = get(port, path, host, cookie=cookie)
        assert status in (400, 404), path
        assert b"outside out/" not in body and b"Traceback" not in body and b"PDF" not in body
    assert get(port, b"/out/handouts/sample-judges.pdf?v=2", host, cookie=cookie)[0] == 200
    assert watching.process.poll() is None


@pytest.mark.slow
def test_ctrl_c_stops_it_with_one_line(tmp_path: Path) -> None:
    running = start(write_project(tmp_path, {"source/handouts/sample/judges.yaml": BROKEN}))
    running.process.send_signal(signal.SIGINT)
    rest, _ = running.process.communicate(timeout=60)
    assert running.process.returncode == 130
    assert rest == "\nStopped watching; out/ holds the last good build.\n", rest
