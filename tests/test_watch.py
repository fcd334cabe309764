"""The preview server (make_report.py watch) answers only this machine by its own port: a
page on another site that points its name at 127.0.0.1 (DNS rebinding) gets 403 for every
file, out/grant/ and out/print/ included; odd paths get 400 or 404, never a traceback;
`--port 0` takes a free port and says which; a port out of range is a plain error."""

from __future__ import annotations

import errno
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from press.commands.cli import main
from press.commands.watch import PreviewServer, State, serve
from press.core.problems import SetupError
from press.output.serving import local_host, request_path, served_file

ROOT = Path(__file__).resolve().parent.parent
GRANT_PDF = b"%PDF-1.7 a quote consented for a grant, not for the web"


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[PreviewServer, list[str]]]:
    """The preview of a small out/ (a page, a handout, a grant PDF), on a free port; the
    lines it says."""
    out = tmp_path / "out"
    (out / "handouts").mkdir(parents=True)
    (out / "grant").mkdir()
    (out / "index.html").write_text("<!DOCTYPE html><html><body><h1>Preview</h1></body></html>")
    (out / "handouts" / "sample-judges.pdf").write_bytes(b"%PDF-1.7 judges")
    (out / "grant" / "sample-brief.pdf").write_bytes(GRANT_PDF)
    (tmp_path / "secret.txt").write_text("outside out/")
    (out / "link.txt").symlink_to(tmp_path / "secret.txt")
    said: list[str] = []
    server = serve(State(out), 0, said.append)
    try:
        yield server, said
    finally:
        server.shutdown()
        server.server_close()


def ask(port: int, request: bytes) -> tuple[int, bytes]:
    """Send `request` as it is; the status and the body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def get(port: int, path: bytes, *hosts: bytes) -> tuple[int, bytes]:
    headers = b"".join(b"Host: " + host + b"\r\n" for host in hosts)
    return ask(port, b"GET " + path + b" HTTP/1.1\r\n" + headers + b"Connection: close\r\n\r\n")


def test_it_answers_only_requests_for_this_machine_and_its_own_port(
        preview: tuple[PreviewServer, list[str]]) -> None:
    server, said = preview
    port = server.server_port
    own = [f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LocalHost:{port}"]
    for host in own:
        assert get(port, b"/grant/sample-brief.pdf", host.encode()) == (200, GRANT_PDF)
    foreign = [b"evil.example", f"evil.example:{port}".encode(), b"127.0.0.1", b"localhost",
               b"localhost:8000" if port != 8000 else b"localhost:8001",
               f"127.0.0.1.nip.io:{port}".encode(), f"localhost.:{port}".encode(),
               f"127.0.0.2:{port}".encode(), f"0.0.0.0:{port}".encode(), b""]
    for path in (b"/", b"/index.html", b"/grant/sample-brief.pdf", b"/events",
                 b"/handouts/sample-judges.pdf", b"/manifest.json"):
        for host in foreign:
            status, body = get(port, path, host)
            assert status == 403 and b"PDF" not in body and b"Preview" not in body, (path, host)
        assert get(port, path)[0] == 403  # no Host at all
        assert get(port, path, f"127.0.0.1:{port}".encode(), b"evil.example")[0] == 403  # two
    status, _ = ask(port, b"GET /grant/sample-brief.pdf HTTP/1.0\r\n\r\n")
    assert status == 403
    assert said == []


ODD_PATHS = [b"/%00", b"/\x00", b"/" + b"a" * 300, b"/" + b"b" * 2000, b"/" + b"c/" * 400,
             b"/../secret.txt", b"/handouts/../../secret.txt", b"/..%2fsecret.txt",
             b"/%2e%2e/secret.txt", b"/handouts%2Fsample-judges.pdf", b"/handouts%2fx",
             b"/%5c..%5csecret.txt", b"/a\\b", b"/%ff%fe", b"/%", b"/%zz", b"/./index.html",
             b"//secret.txt", b"/link.txt", b"/handouts", b"/handouts/", b"/.press",
             b"http://evil.example/grant/sample-brief.pdf", b"*", b"/%1b[2J", b"/\xc3\xa9",
             b"/nothing.pdf?x=1#y", b"/grant/sample-brief.pdf/x"]


def test_odd_paths_are_refused_plainly(preview: tuple[PreviewServer, list[str]],
                                       capfd: pytest.CaptureFixture[str]) -> None:
    server, said = preview
    host = f"127.0.0.1:{server.server_port}".encode()
    for path in ODD_PATHS:
        status, body = get(server.server_port, path, host)
        assert status in (400, 404), path
        assert b"outside out/" not in body and b"Traceback" not in body
    assert get(server.server_port, b"/handouts/sample-judges.pdf?v=2", host)[0] == 200
    assert said == []
    printed = capfd.readouterr()
    assert "Traceback" not in printed.out + printed.err


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
        "leave --port out (8000), choose another such as --port 8001, or write --port 0 for " \
        "any free port" in said
    assert "Traceback" not in said and "Internal error" not in said and "\x1b" not in said
    with pytest.raises(SetupError, match="from 0 to 65535"):
        serve(State(tmp_path), 70000)


@pytest.mark.slow
def test_port_0_takes_a_free_port_and_says_which(tmp_path: Path) -> None:
    """Run as staff run it (a project with nothing in source/ yet: the first build fails
    at once, and the preview shows why)."""
    (tmp_path / "source").mkdir()
    process = subprocess.Popen([sys.executable, str(ROOT / "make_report.py"), "watch",
                                "--port", "0", "--root", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        taken = re.fullmatch(r"Preview: http://127\.0\.0\.1:(\d+)/  \(Ctrl-C to stop\)\n", first)
        assert taken and taken.group(1) != "0", first
        port = int(taken.group(1))
        lines = [first]
        while not any("Watching" in line for line in lines):
            lines.append(process.stdout.readline())
            assert process.poll() is None, "".join(lines)
        status, body = get(port, b"/", f"localhost:{port}".encode())
        assert status == 200 and b"The last edit did not build" in body
        assert get(port, b"/", b"evil.example")[0] == 403
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_rebuild_the_machine_stops_shows_what_to_do_not_an_internal_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from press.commands import watch

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "x.pdf"))

    monkeypatch.setattr(watch, "build", full)
    state, said = State(tmp_path / "out"), []
    watch._rebuild(tmp_path, "screen", state, said.append, 0.0, set(), None)  # type: ignore[arg-type]
    line = ("Error: the disk is full (or your share of it is used up): out/x.pdf could not be "
            "written Fix: free some space on that disk (`make clean` removes out/ and "
            ".press-cache/, which the next build makes again), then run the command again")
    assert said == [line] and state.errors == [line]
