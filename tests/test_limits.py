"""Nothing exhausted: each bound of press/core/limits.py met by the command itself, run in a
child process under a memory cap set in that child and a timeout. Each stops with exit 2 and
a located error that says the number, never "Internal error", so a regression fails here
instead of taking the machine; a print run of the most copies a training may ask for stays
within 1 GB."""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from press.core import limits

from .conftest import ROOT
from .projects import CSV, JUDGES, SAMPLE, write_project

pytestmark = pytest.mark.slow  # every test here builds, renders or starts processes

CAP = 2 * 1024**3  # the child's address space (RLIMIT_AS), set in the child
WITHIN = 1024**3  # the most memory a bounded command may take (its peak resident set)
TIMEOUT = 900  # seconds: far past any run here on a busy machine; only a runaway meets it


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str
    peak: int  # bytes: the largest resident set of the command or a process it waited for


# The child: a fresh interpreter that caps its own address space, runs make_report.py in
# itself, and at exit writes its peak resident set (VmHWM: this program's own, not the pages
# of the test worker a fork would start from) and its workers' (RUSAGE_CHILDREN), in bytes.
CHILD = """
import atexit, resource, runpy, sys
peak_file, cap = sys.argv[1], int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

def peak():
    with open("/proc/self/status") as status:
        own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(peak_file, "w") as out:
        out.write(str(max(own, workers) * 1024))

atexit.register(peak)
sys.argv = sys.argv[3:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def run_capped(root: Path, *args: str) -> Ran:
    """`make_report.py ARGS --root ROOT` in a child process capped at CAP, killed at TIMEOUT."""
    out, err, peak = root / "stdout.txt", root / "stderr.txt", root / "peak.txt"
    with out.open("w") as stdout, err.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(peak), str(CAP), str(ROOT / "make_report.py"),
             *args, "--root", str(root)], stdout=stdout, stderr=stderr)
    timer = threading.Timer(TIMEOUT, child.kill)
    timer.start()
    try:
        child.wait()
    finally:
        timer.cancel()
    measured = int(peak.read_text()) if peak.is_file() else CAP  # killed: no figure
    return Ran(child.returncode, out.read_text(), err.read_text(), measured)


def stopped(ran: Ran, located: str) -> None:
    """The command stopped on `located` (file:line:col: error: ...), exit 2, no defect."""
    assert ran.code == 2, (ran.code, ran.err[-2000:])
    assert located in ran.err, ran.err[-2000:]
    assert "Internal error" not in ran.err + ran.out
    assert "Traceback" not in ran.err


def test_aliases_stop_at_the_alias_that_passes_the_bound(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol"]'] + [
        f"a{level}: &a{level} [{','.join([f'*a{level - 1}'] * 9)}]" for level in range(1, 10)]
    root = write_project(tmp_path, {"source/stats.yaml": "\n".join(lines) + "\n"})
    assert len((root / "source" / "stats.yaml").read_bytes()) < 500  # 9 levels of 9 aliases
    stopped(run_capped(root, "check"), 'source/stats.yaml:6:10: error: with the alias "*a4" '
            f"the file holds more than {limits.YAML_VALUES:,} values (each alias counts all "
            "the values of its anchor), the most the press reads in one file Fix: write the "
            "values out where they are used")


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"source/stats.yaml": "a: &a [1, *a]\n"})
    stopped(run_capped(root, "check"), 'source/stats.yaml:1:11: error: the alias "*a" is '
            'inside the value its anchor "&a" names, so it would repeat itself without end')


def test_nesting_five_hundred_deep_is_refused_at_the_level_past_the_bound(
        tmp_path: Path) -> None:
    deep = "extra: " + "[" * 500 + "]" * 500 + "\n"
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": JUDGES + deep})
    line = JUDGES.count("\n") + 1
    column = len("extra: ") + limits.YAML_DEPTH  # the first list past the bound
    stopped(run_capped(root, "check"), f"source/handouts/sample/judges.yaml:{line}:{column}: "
            f"error: the values here are more than {limits.YAML_DEPTH} levels deep")


def test_many_values_without_aliases_are_bounded_too(tmp_path: Path) -> None:
    many = "extra: [" + ", ".join(["1"] * (limits.YAML_VALUES + 1)) + "]\n"
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": JUDGES + many})
    stopped(run_capped(root, "check"), f"error: the file holds more than "
            f"{limits.YAML_VALUES:,} values (keys, items and words), the most the press reads "
            "in one file")


def test_a_yaml_file_past_its_size_is_refused_unread(tmp_path: Path) -> None:
    comment = "# " + "x" * 98 + "\n"
    big = JUDGES + comment * (limits.YAML_FILE_BYTES // len(comment) + 1)
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": big})
    stopped(run_capped(root, "check"), "source/handouts/sample/judges.yaml: error: this file is "
            f"{limits.size(len(big))}; the press reads a YAML file of at most "
            f"{limits.size(limits.YAML_FILE_BYTES)}")


def test_yaml_files_past_their_total_are_refused_before_one_is_parsed(tmp_path: Path) -> None:
    comment = "# " + "x" * 98 + "\n"
    filler = comment * (limits.YAML_FILE_BYTES // len(comment) - 10)
    count = limits.YAML_TOTAL_BYTES // len(filler) + 1
    added = {f"source/trainings/t{number}.yaml": filler for number in range(count)}
    root = write_project(tmp_path, added)
    total = sum(len(text.encode()) for rel, text in {**SAMPLE, **added}.items()
                if rel.endswith(".yaml"))
    stopped(run_capped(root, "check"), f"source: error: the YAML files in source/ hold "
            f"{limits.size(total)} together; the press reads at most "
            f"{limits.size(limits.YAML_TOTAL_BYTES)} of YAML")


def test_a_words_file_past_its_size_is_refused_unread(tmp_path: Path) -> None:
    words = "Álvarez\n" * (limits.WORDS_FILE_BYTES // 9 + 1)
    root = write_project(tmp_path, {"source/words.txt": words})
    stopped(run_capped(root, "check"), "source/words.txt: error: this file is "
            f"{limits.size(len(words.encode()))}; the press reads a list of words of at most "
            f"{limits.size(limits.WORDS_FILE_BYTES)}")


def test_a_table_past_its_size_is_refused_unread(tmp_path: Path) -> None:
    root = write_project(tmp_path)
    with (root / "source" / "data" / "arrests.csv").open("r+b") as table:
        table.truncate(limits.TABLE_FILE_BYTES + 2 * limits.MB)  # sparse: nothing written
    # the build's fingerprint of its inputs reads every file a piece at a time
    stopped(run_capped(root, "build"), "source/data/arrests.csv: error: this file is "
            f"{limits.size(limits.TABLE_FILE_BYTES + 2 * limits.MB)}; the press reads a table "
            f"of at most {limits.size(limits.TABLE_FILE_BYTES)}")


def test_a_table_past_its_rows_stops_at_the_first_row_past_them(tmp_path: Path) -> None:
    rows = CSV + ",,,,\n" * limits.TABLE_ROWS
    root = write_project(tmp_path, {"source/data/arrests.csv": rows})
    stopped(run_capped(root, "check"), f"source/data/arrests.csv:{limits.TABLE_ROWS + 1}:1: "
            f"error: the table has more than {limits.TABLE_ROWS:,} rows")


def test_a_table_of_repeated_rows_is_read_once_and_said_once(tmp_path: Path) -> None:
    """76,000 copies of one row (9 MB): each compared with the rows before it, the problems
    said so far searched as a list, took over 300 s; said once with their count, in
    bounded memory."""
    rows = "Alder County,2021,male,0,county-records\n" * 76_000
    root = write_project(tmp_path, {"source/data/arrests.csv": CSV + rows})
    ran = run_capped(root, "check")
    stopped(ran, "source/data/arrests.csv:14:1: error: duplicate row: Alder County, 2021, male is "
            "already on line 3; the same on 75,999 more rows (76,000 in all: lines 14-76013)")
    assert ran.err.count(": error: ") == 1
    assert ran.peak < WITHIN


def test_a_header_of_many_columns_is_not_copied_whole_into_its_message(tmp_path: Path) -> None:
    header = ",".join(f"c{n}" for n in range(300_000))
    root = write_project(tmp_path, {"source/data/arrests.csv": header + "\n"})
    ran = run_capped(root, "check")
    assert ran.code == 2 and "Traceback" not in ran.err
    assert max(len(line) for line in ran.err.splitlines()) < 2_000
    assert "and 299,985 more" in ran.err


def test_a_value_past_the_cell_limit_is_located(tmp_path: Path) -> None:
    long = CSV.replace("Brook County,2023,male,50,county-records",
                       f'Brook County,2023,male,50,"{"x" * (limits.CELL_CHARS + 1)}"')
    root = write_project(tmp_path, {"source/data/arrests.csv": long})
    stopped(run_capped(root, "check"), "source/data/arrests.csv:13:27: error: a value that "
            f"starts here is longer than {limits.CELL_CHARS:,} characters")


def test_an_unclosed_quote_is_said_where_it_opens(tmp_path: Path) -> None:
    rows = CSV + "".join(f"Place {n},2021,female,1,county-records\n" for n in range(20_000))
    opened = rows.replace("Brook County,2021,female,60", 'Brook County,2021,female,"60', 1)
    root = write_project(tmp_path, {"source/data/arrests.csv": opened})
    stopped(run_capped(root, "check"), "source/data/arrests.csv:8:26: error: a value that "
            f"starts here is longer than {limits.CELL_CHARS:,} characters, the most the press "
            "reads in one value of a table Fix: if a double quote opens the value and never "
            "closes, close it")


def test_control_characters_stop_the_command_with_their_code(tmp_path: Path) -> None:
    judges = JUDGES.replace("a sentence", "a\x00sentence\x1b[2J")
    table = CSV.replace("Alder County,2022,male", "Alder\x07County,2022,male")
    root = write_project(tmp_path, {"source/handouts/sample/judges.yaml": judges,
                                    "source/data/arrests.csv": table})
    ran = run_capped(root, "build")
    stopped(ran, "source/handouts/sample/judges.yaml:2:28: error: found U+0000 (NUL)")
    assert "source/data/arrests.csv:5:6: error: found U+0007 (BELL)" in ran.err
    assert not any(char in ran.out + ran.err for char in "\x00\x07\x1b")


def test_a_last_row_quoted_whole_is_a_located_warning(tmp_path: Path) -> None:
    quoted = CSV + '"Cedar County,2023,male,50,county-records"\n'
    root = write_project(tmp_path, {"source/data/arrests.csv": quoted})
    ran = run_capped(root, "check", "--strict")
    stopped(ran, "source/data/arrests.csv:14:1: error: this line is one value in double quotes "
            'that holds 5 values separated by ",", as many as the header has: it looks like a '
            "row of data, but it was read as a note below the data and skipped Fix: if it is "
            "a row, remove the double quotes around the line")
    said = run_capped(root, "check").out
    assert "source/data/arrests.csv:14:1: warning: this line is one value" in said
    assert "note line" not in said  # said once, as the warning


def test_a_training_past_its_copies_is_a_located_error(tmp_path: Path) -> None:
    training = (f"title: Too many\ndate: 2026-12-04\nchapter: sample\nattendees:\n"
                f"  judges: {limits.COPIES + 1}\n")
    root = write_project(tmp_path, {"source/trainings/big.yaml": training})
    stopped(run_capped(root, "print", "big"), "source/trainings/big.yaml:5:11: error: expected "
            f"a number of at most {limits.COPIES}, found {limits.COPIES + 1}")


def test_a_print_run_of_the_most_copies_stays_within_a_gigabyte(tmp_path: Path) -> None:
    training = (f"title: Everyone\ndate: 2026-12-04\nchapter: sample\nattendees:\n"
                f"  judges: {limits.COPIES}\n  victim-advocates: {limits.COPIES}\n"
                f"briefs: {limits.COPIES}\noverage_percent: 10\n")
    root = write_project(tmp_path, {"source/trainings/big.yaml": training})
    ran = run_capped(root, "print", "big")
    assert ran.code == 0, ran.err[-2000:]
    sheets = 2 * (1 + limits.COPIES * 110 // 100 // 2)  # a slip and 5,500 sheets each
    assert f"big-handouts.pdf  {sheets:,} pages ({sheets:,} sheets)" in ran.out, ran.out
    assert ran.peak < WITHIN, f"{ran.peak / 1024**2:.0f} MB"
