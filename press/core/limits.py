"""Every bound the press holds its inputs to, stated once.

Each is far above what the sources need and low enough that no file, however written, can
take the machine: a source/ folder of 10 MB is read within a minute and 1 GB, or the command
stops at the limit it met with a located error that says the number. The user guide lists them
for staff (docs/tables.md, under "What the press will not read").
"""

from __future__ import annotations

KB = 1000
MB = 1000 * KB

# YAML (press/source/yamlsource.py)
YAML_FILE_BYTES = 256 * KB  # one YAML file (the largest is 6 KB)
YAML_TOTAL_BYTES = 1 * MB  # every YAML file in source/, together (40 KB today)
YAML_DEPTH = 50  # lists and mappings inside one another (7 deep at most today)
# Values (each key, item and scalar) one YAML file may hold, with every alias counted as a
# copy of all its anchor holds (`*base` repeats all of `&base`): a brief holds 177 today.
YAML_VALUES = 20_000

# Tables (press/source/data.py, cells.py)
TABLE_FILE_BYTES = 128 * MB  # one CSV file (1,000,000 rows of counts are 40-60 MB)
TABLE_ROWS = 1_048_576  # rows of one CSV file, its header and notes included: a spreadsheet's
CELL_CHARS = 131_072  # one value of a CSV file (csv's own default)
WORDS_FILE_BYTES = 1 * MB  # a words.txt file of the spelling check's own words

# A training's print run (press/source/schema.py: Training)
COPIES = 10_000  # people of one audience, or copies of the brief


def size(count: int) -> str:
    """A number of bytes as staff read it: "512 KB", "1.03 MB"."""
    if count >= MB:
        return f"{count / MB:.2f}".rstrip("0").rstrip(".") + " MB"
    return f"{count / KB:.1f}".removesuffix(".0") + " KB"
