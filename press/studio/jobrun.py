"""One build of the studio's Builds page, run in a child process of its own
(`python -m press.studio.jobrun ROOT ASKED`, started by press/studio/jobs.py in a new process
group, so that Cancel stops it and its typesetting workers together).

It calls `press.api.build` as the command line does and says what happens as JSON lines on
its standard output, one event a line: started; waiting (another build has the project);
progress (a document or place done, of how many); then one end: done (the build's problems,
each place's report and a funder's checklist), failed (the BuildError's problems, and the
checklist a failed rule stopped), cancelled, or broken (the
machine refused, or a bug of the press, in plain words). Anything else the build writes
goes to standard error."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from press import api
from press.core.files import machine_refused
from press.core.problems import BuildError, Problem
from press.core.target import Target


def target_of(asked: dict[str, Any]) -> Target:
    """The target a job asked for, as the studio sends it (press/studio/jobs.py `Asked`)."""
    return Target(profile=asked["profile"], places=tuple(asked["places"]),
                  edition=asked["edition"], grayscale=bool(asked["grayscale"]),
                  funder=str(asked.get("funder") or ""))


def problem_data(problems: list[Problem] | tuple[Problem, ...]) -> list[dict[str, Any]]:
    return [asdict(problem) for problem in problems]


def _ended(root: Path, built: api.Built) -> dict[str, Any]:
    places = [{"place": report.place,
               "folder": report.folder.relative_to(root).as_posix(),
               "handouts": report.handouts, "failed": report.failed,
               "left_out": {file: [asdict(item) for item in items]
                            for file, items in report.left_out.items()},
               "own": problem_data(report.own)} for report in built.places]
    return {"event": "done", "problems": problem_data(built.problems), "places": places,
            "ruled": [asdict(line) for line in built.ruled],
            "folder": built.folder.relative_to(root).as_posix(), "unchanged": built.unchanged}


def run(root: Path, asked: dict[str, Any], channel: IO[str]) -> int:
    """Build what `asked` names, each event said on `channel`; the exit status."""

    def say(**event: Any) -> None:
        channel.write(json.dumps(event) + "\n")
        channel.flush()

    say(event="started")
    try:
        built = api.build(root, target_of(asked),
                          waiting=lambda message: say(event="waiting", message=message),
                          progress=lambda what, done, total: say(
                              event="progress", what=what, done=done, total=total))
    except BuildError as error:
        say(event="failed", problems=problem_data(error.problems),
            ruled=[asdict(line) for line in error.ruled])
        return 1
    except KeyboardInterrupt as error:  # Cancel: publish.Interrupted says if out/ changed
        say(event="cancelled", published=bool(getattr(error, "published", False)))
        return 130
    except Exception as error:  # the machine's (a full disk), or a bug of the press
        refused = machine_refused(root, error) if isinstance(error, OSError) else None
        say(event="broken", words=refused.format() if refused else
            f"The press stopped with an internal error ({type(error).__name__}); out/ keeps "
            "the last good build. This is a bug in the press, not in your words.")
        return 1
    say(**_ended(root, built))
    return 0


def main(argv: list[str]) -> int:
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8")  # the events alone
    os.dup2(2, 1)  # whatever else is written to standard output goes to standard error
    root = Path(argv[0]).resolve()
    return run(root, json.loads(argv[1]), channel)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
