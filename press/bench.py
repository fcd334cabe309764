"""Benchmarks, reported as ratios measured in one run on this machine (never asserted).

    .venv/bin/python -m press.bench

1. the whole build with the chart cache cold against warm;
2. the preflight (`check`) against the whole build;
3. rendering the handouts with one shared font configuration and image cache (as the press
   does) against a fresh one per document (the baseline).
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(action: Callable[[], object], runs: int = 3) -> float:
    """Median seconds of `runs` calls."""
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def main() -> None:
    from .build import build, created_date
    from .check import preflight, run_check
    from .compose import Composer
    from .load import load_project
    from .render import Renderer

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name in ("source", "layouts"):
            shutil.copytree(ROOT / name, root / name)
        today = dt.date.today()

        def cold() -> None:
            shutil.rmtree(root / ".press-cache", ignore_errors=True)
            build(root, today=today)

        cold_s = timed(cold)
        warm_s = timed(lambda: build(root, today=today))
        check_s = timed(lambda: run_check(root, today=today))

        project, problems = load_project(root)
        _, stats = preflight(project, "screen", today, initial=problems)
        created = created_date(project)
        views = [Composer(project, stats, "screen", today).handout(name, handout)
                 for name, handout in project.handouts.items()]
        shared = Renderer(project, "screen", created)

        def reuse() -> None:
            for view in views:
                shared.write(shared.render(view)[0], view)

        def fresh() -> None:
            for view in views:
                renderer = Renderer(project, "screen", created)
                renderer.write(renderer.render(view)[0], view)

        reuse_s, fresh_s = timed(reuse), timed(fresh)

    print(f"build, chart cache cold / warm:           {cold_s / warm_s:.2f}x "
          f"({cold_s:.2f} s / {warm_s:.2f} s)")
    print(f"check / build (warm):                      {check_s / warm_s:.2f}x "
          f"({check_s:.2f} s / {warm_s:.2f} s)")
    print(f"8 handouts, fresh fonts+cache / shared:    {fresh_s / reuse_s:.2f}x "
          f"({fresh_s:.2f} s / {reuse_s:.2f} s)")


if __name__ == "__main__":
    main()
