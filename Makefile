# Two commands, each sets up what it needs:  `make pdfs`  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: pdfs check test lint schema clean

pdfs: $(STAMP)
	$(PY) make_report.py build

check: $(STAMP)
	$(PY) make_report.py check

test: $(STAMP)
	$(PY) -m pytest -q
	$(VENV)/bin/ruff check press charts tests make_report.py
	$(VENV)/bin/mypy

schema: $(STAMP)
	$(PY) make_report.py schema

$(STAMP): pyproject.toml scripts/setup-system
	sh scripts/setup-system
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf out .press-cache
