"""The Life Story press: load -> check -> chart -> render -> finish.

Each stage is a module of its own name: `load` reads source/, `check` runs the
preflight, `compute` makes every number, `chart` draws, `render` lays out pages with
WeasyPrint, `finish` writes files. `cli` is the only place that prints.
"""
