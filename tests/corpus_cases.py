"""Broken inputs as a new user would make them, in the small sample project
(tests/projects.py): (id, file, find, replace_with).

`find` is text of the sample's file, found once; None writes `replace_with` as the whole file
(latin-1 where it is not ASCII). test_corpus.py asserts the one located message each must
produce.
"""

from .projects import MAYA, QUOTES

JUDGES = "source/handouts/sample/judges.yaml"
BRIEF = "source/briefs/sample.yaml"
CSV = "source/data/arrests.csv"
ALDER_MEN_2023 = "Alder County,2023,male,110,county-records"

CASES: list[tuple[str, str, str | None, str]] = [
    ("unclosed-quote", "source/quotes.yaml",
     'text: "When I was ready,', 'text: "When I was ready,\n  broken: "'),
    ("colon-in-value", JUDGES, "headline: From the bench,", "headline: Note: From the bench,"),
    ("tab-indent", JUDGES, "  - step: build-trust", "\t- step: build-trust"),
    ("duplicate-key", JUDGES, "quote: rosa-ready", "quote: rosa-ready\nquote: rosa-ready"),
    ("empty-file", "source/settings.yaml", None, ""),
    ("missing-key", JUDGES,
     "headline: From the bench, a sentence can be a path to services.\n", ""),
    ("misspelled-key", JUDGES, "headline:", "headlin:"),
    ("list-for-text", JUDGES, "audience: Judges", "audience: [Judges, Courts]"),
    ("number-for-text", JUDGES, "audience: Judges", "audience: 42"),
    ("not-a-boolean", "source/quotes.yaml", "survivor: true", "survivor: perhaps"),
    ("bad-date", "source/quotes.yaml", "given: 2026-10-01", 'given: "next week"'),
    ("impossible-date", "source/quotes.yaml", "given: 2026-10-01", "given: 2026-02-30"),
    ("unknown-quote", JUDGES, "quote: rosa-ready", "quote: rosa-redy"),
    ("unknown-stat", JUDGES, "stats: [providers-trained]", "stats: [providers-trainde]"),
    ("unknown-chart", JUDGES, "chart: alder-split", "chart: alder-splt"),
    ("unknown-step", JUDGES, "  - step: build-trust", "  - step: build-trust2"),
    ("chapter-not-its-folder", JUDGES, "audience: Judges", "audience: Judges\nchapter: sampel"),
    ("unknown-reference-in-stat", "source/stats.yaml", "reference: county-survey-2020",
     "reference: county-survey"),
    ("unknown-citation-in-text", BRIEF, "learning to respond with care.",
     "learning to respond with care [@smith-2020]."),
    ("unknown-stat-in-text", BRIEF, "[stat:providers-trained]", "[stat:providers]"),
    ("missing-citation", "source/stats.yaml", "  reference: county-survey-2020\n", ""),
    ("jurisdiction-not-in-data", "source/stats.yaml", "jurisdiction: Brook County\n  year: 2023",
     "jurisdiction: Rhode Island\n  year: 2023"),
    ("year-not-in-data", "source/stats.yaml", "year: 2023", "year: 2019"),
    ("typed-number", BRIEF, "learning to respond with care.",
     "learning to respond with care: 70% of them."),
    ("expired-consent", "source/quotes.yaml", "    given: 2026-10-01\n",
     "    given: 2025-01-01\n    expires: 2026-01-01\n"),
    ("consent-not-for-web", "source/quotes.yaml", "uses: [print, web, grant]", "uses: [print]"),
    ("survivor-without-consent", "source/quotes.yaml",
     "  consent:\n    uses: [print, web, grant]\n    basis: Signed release for the sample "
     "chapter\n    given: 2026-10-01\n    attribute_as: name\n    confirmed: true\n", ""),
    ("unknown-use", "source/quotes.yaml", "uses: [print, web, grant]", "uses: [print, email]"),
    ("html-in-text", JUDGES, "Judges can shape", "<b>Judges</b> can shape"),
    ("script-in-quote", "source/quotes.yaml", "patient with me.",
     "patient with me.<script>alert(1)</script>"),
    ("absurdly-long-word", JUDGES, "headline: From the bench",
     "headline: From the " + "bench" * 12),
    ("non-latin-text", JUDGES, "headline: From the bench", "headline: 从法官席 From the bench"),
    ("emoji", JUDGES, "headline: From the bench", "headline: \U0001F64F From the bench"),
    ("stigmatizing-term", JUDGES, "over incarceration.",
     "over incarceration for a prostitute."),
    ("csv-negative-count", CSV, ALDER_MEN_2023, "Alder County,2023,male,-110,county-records"),
    ("csv-words-for-count", CSV, ALDER_MEN_2023,
     "Alder County,2023,male,one hundred ten,county-records"),
    ("csv-unknown-source", CSV, ALDER_MEN_2023, "Alder County,2023,male,110,county-record"),
    ("csv-duplicate-row", CSV, ALDER_MEN_2023, ALDER_MEN_2023 + "\n" + ALDER_MEN_2023),
    ("csv-extra-comma", CSV, "Alder County,2021,female,120",
     "Alder County,2021,female,1,120"),
    ("csv-renamed-column", CSV, "place,year,sex,arrests", "place,year,sex,count"),
    ("csv-bad-year", CSV, "Brook County,2021,female", "Brook County,20211,female"),
    ("csv-unknown-group", CSV, "Alder County,2023,female", "Alder County,2023,fem"),
    ("chart-unknown-placeholder", "source/charts.yaml",
     "title: Women were {highlight_share} of", "title: Women were {share} of"),
    ("chart-kind-typo", "source/charts.yaml", "kind: split", "kind: splitt"),
    ("brand-bad-colour", "source/brand.yaml", 'accent: "#7A1F3D"', 'accent: "#7A1F3"'),
    ("brand-url-without-scheme", "source/brand.yaml", 'learn_more_url: ""',
     "learn_more_url: example.org/life-story"),
    ("brand-missing-font", "source/brand.yaml", "file: SourceSans3-Bold.ttf",
     "file: SourceSans3-Black.ttf"),
    ("block-type-typo", BRIEF, "  - type: paragraph\n", "  - type: paragrph\n"),
    ("csl-type-typo", "source/references.yaml", "type: report", "type: reports"),
    ("author-without-name", "source/references.yaml", "{ family: Rivera, given: A. }",
     "{ given: A. }"),
    ("duplicate-quote-id", "source/quotes.yaml", None,
     QUOTES + "\n" + MAYA.replace("id: maya-door", "id: rosa-ready")),
    ("paper-size", "source/settings.yaml", "paper: letter", "paper: legal"),
    ("too-many-actions", JUDGES, "quote: rosa-ready",
     "  - {step: build-trust, text: One.}\n  - {step: build-trust, text: Two.}\n"
     "  - {step: build-trust, text: Three.}\n  - {step: connect, text: Four.}\n"
     "quote: rosa-ready"),
    ("empty-headline", JUDGES, "headline: From the bench, a sentence can be a path to services.",
     'headline: ""'),
    ("javascript-link", BRIEF, "learning to respond with care.",
     "learning to respond with [care](javascript:alert(1))."),
    ("missing-data-file", "source/data/arrests.yaml", "path: arrests.csv",
     "path: arrest.csv"),
    ("unknown-key-strict", JUDGES, "chart: alder-split",
     "chart: alder-split\nstast: [providers-trained]"),
    ("csv-semicolons", CSV, "place,year,sex,arrests,source", "place;year;sex;arrests;source"),
    ("not-utf8", JUDGES, None, "audience: Ju\xe9ges\n"),
]
