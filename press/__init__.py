"""The Life Story press: turns source/ into the PDFs in out/.

Its packages are its stages, in the order a build runs them (the layers contract in
pyproject.toml, [tool.importlinter], states the order once and `make test` holds the code
to it): `core` (names, files and records every stage shares), `source` (YAML and CSV read
and validated), `content` (words, numbers, charts' requests and each document's view; no
matplotlib, no WeasyPrint), `pdf` (work on finished PDFs), `layout` (charts drawn, pages
laid out and typeset), `output` (out/ written and published) and `commands` (what staff
run; `commands.cli` is the only module that prints).
"""
