"""Every bound the press holds its inputs to, stated once.

Each is far above what the sources need (the whole of source/ is about 70 KB, its largest
YAML file 6 KB, its deepest 7 levels) and low enough that no file, however written, can take
the machine: a source/ folder of 10 MB is checked or built in about a minute and within
1 GB, or stops at the limit it met with a located error that names it. The README's
"Limits" lists them for staff; each message says the number.
"""

from __future__ import annotations

KB = 1000
MB = 1000 * KB

# YAML (press/source/yamlsource.py)
YAML_FILE_BYTES = 512 * KB  # one YAML file
YAML_TOTAL_BYTES = 4 * MB  # every YAML file in source/, together
YAML_DEPTH = 50  # lists and mappings inside one another
# Values a YAML file may hold once every alias is read as a copy of its anchor (`*base`
# repeats all of `&base`): a file within YAML_FILE_BYTES holds fewer without aliases.
YAML_VALUES = 300_000

# Tables (press/source/data.py, cells.py)
TABLE_FILE_BYTES = 128 * MB  # one CSV file (1,000,000 rows of an export are about 60 MB)
WORDS_FILE_BYTES = 1 * MB  # a words.txt file of the spelling check's own words
CELL_CHARS = 131_072  # one value of a CSV file
NAME_CHARS = 200  # a place, group, year or source as a table writes it (the roles' cells)

# A training's print run (press/source/schema.py: Training)
COPIES = 10_000  # people of one audience, or copies of the brief


def size(count: int) -> str:
    """A number of bytes as staff read it: "512 KB", "1.5 MB"."""
    if count >= MB:
        return f"{count / MB:.1f}".removesuffix(".0") + " MB"
    return f"{count / KB:.1f}".removesuffix(".0") + " KB"
