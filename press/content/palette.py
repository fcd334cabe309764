"""The brand palette checked for people and printers, before anything is drawn.

- Text colors against the page, and white on the accent (labels inside bars), must reach
  WCAG's 4.5:1; chart marks must reach 3:1.
- Printed in black and white, the two series must still differ: their CIELAB lightness
  (what a grayscale printer keeps) must be at least MIN_GRAY_DIFFERENCE apart.
- Every chart is also drawn in grayscale by the draw stage (press/draw.py): the series it
  actually shows must come out at least 50 gray levels apart (of 255).
- Seen with a color-vision deficiency (deuteranomaly, protanomaly, tritanomaly, simulated
  by colorspacious at full severity), the series must stay at least MIN_CVD_DIFFERENCE
  apart in CAM02-UCS (a perceptual color distance).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from typing_extensions import TypedDict  # pydantic reads it (typing's, before Python 3.12)

from charts.colors import contrast, gray, rgb
from press.core import memo
from press.core.problems import Problems

if TYPE_CHECKING:
    from press.source.load import Project

MIN_TEXT_CONTRAST = 4.5
MIN_MARK_CONTRAST = 3.0
MIN_GRAY_DIFFERENCE = 20.0
MIN_CVD_DIFFERENCE = 20.0
DEFICIENCIES = ("deuteranomaly", "protanomaly", "tritanomaly")



class _Distances(TypedDict):
    """A pair of series colors: their gray difference, and distance for each deficiency."""

    gray: float
    cvd: dict[str, float]

def grayed(project: Project) -> Project:
    """The project in its printer's gray: every palette color its luma (a training printed in
    black ink only is made from this, text and charts alike)."""
    import dataclasses

    palette = project.brand.palette
    gray_palette = palette.model_copy(update={k: gray(v) for k, v in palette.model_dump().items()})
    return dataclasses.replace(project, brand=project.brand.model_copy(update={"palette": gray_palette}))


def gray_text_problems(project: Project, problems: Problems) -> None:
    """Every text color pair must still reach 4.5:1 once printed in gray."""
    doc = project.doc("brand")
    for key, what, color, background, minimum, _ in _pairs(project):
        if minimum != MIN_TEXT_CONTRAST:
            continue  # chart marks: the gray check of the charts is describe.gray_problems
        ratio = contrast(gray(color), gray(background))
        if ratio < MIN_TEXT_CONTRAST:
            problems.add(doc.problem(("palette", key), f"printed in gray, the {what} {color} "
                                     f"(gray {gray(color)}) on {background} (gray "
                                     f"{gray(background)}) has a contrast of {ratio:.1f}:1, below "
                                     f"{MIN_TEXT_CONTRAST}:1", "choose a darker color"))


def gray_difference(first: str, second: str) -> float:
    from colorspacious import cspace_convert

    return float(abs(cspace_convert(rgb(first), "sRGB1", "CIELab")[0]
                     - cspace_convert(rgb(second), "sRGB1", "CIELab")[0]))


def cvd_difference(first: str, second: str, deficiency: str) -> float:
    import numpy as np
    from colorspacious import cspace_convert, deltaE

    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    seen = [np.clip(cspace_convert(rgb(c), space, "sRGB1"), 0, 1) for c in (first, second)]
    return float(deltaE(seen[0], seen[1], input_space="sRGB1"))


def _differences(project: Project, first: str, second: str
                 ) -> tuple[float, dict[str, float]]:
    """The series colors' lightness difference and their distance for each deficiency,
    remembered (colorspacious and numpy take a sixth of a second to import)."""
    remembered = memo.Memo(project.root, "palette", _Distances)
    digest = memo.key("palette", first, second, MIN_CVD_DIFFERENCE)
    answer = remembered.get(digest)
    if answer is None:
        answer = _Distances(gray=gray_difference(first, second),
                            cvd={d: cvd_difference(first, second, d) for d in DEFICIENCIES})
        remembered.put(digest, answer)
        remembered.save()
    if not set(DEFICIENCIES) <= set(answer["cvd"]):
        answer["cvd"].update({d: cvd_difference(first, second, d) for d in DEFICIENCIES})
    return answer["gray"], {d: answer["cvd"][d] for d in DEFICIENCIES}


def _pairs(project: Project) -> list[tuple[str, str, str, str, float, str]]:
    """Each color on what it is printed on: (key, what, color, background, least
    contrast, fix). Text needs MIN_TEXT_CONTRAST, chart marks MIN_MARK_CONTRAST."""
    palette = project.brand.palette
    paper = palette.paper
    return [
        *((name, f"{name} text", getattr(palette, name), paper, MIN_TEXT_CONTRAST,
           "choose a darker color") for name in ("ink", "muted", "accent")),
        ("accent", "white labels on the accent", "#FFFFFF", palette.accent, MIN_TEXT_CONTRAST,
         "choose a darker accent"),
        *((name, f"the {name} chart color", getattr(palette, name), paper, MIN_MARK_CONTRAST,
           "choose a darker color") for name in ("women", "men")),
    ]


def check_palette(project: Project, problems: Problems) -> None:
    doc = project.doc("brand")
    palette = project.brand.palette
    for key, what, color, background, minimum, fix in _pairs(project):
        ratio = contrast(color, background)
        if ratio < minimum:
            problems.add(doc.problem(("palette", key), f"{what} {color} on {background} has a "
                                     f"contrast of {ratio:.1f}:1, below {minimum}:1", fix))
    gray, cvd = _differences(project, palette.women, palette.men)
    if gray < MIN_GRAY_DIFFERENCE:
        problems.add(doc.problem(("palette", "men"), f"printed in black and white, the women "
                                 f"and men colors differ by {gray:.0f} in lightness, below "
                                 f"{MIN_GRAY_DIFFERENCE:.0f}", "make one color much lighter "
                                 "or darker than the other"))
    for deficiency in DEFICIENCIES:
        difference = cvd[deficiency]
        if difference < MIN_CVD_DIFFERENCE:
            problems.add(doc.problem(("palette", "men"), f"for readers with {deficiency}, the "
                                     f"women and men colors differ by {difference:.0f} "
                                     f"(CAM02-UCS), below {MIN_CVD_DIFFERENCE:.0f}",
                                     "choose colors that differ in lightness, not only hue"))
