# Two commands, each sets up what it needs:  `make pdfs`  and  `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# WeasyPrint needs Pango for text layout, and HarfBuzz-Subset to subset fonts quickly
# (without it WeasyPrint falls back to fontTools, warns, and a build takes ten times longer).
SYSTEM_LIBS := libpango-1.0.so libpangoft2-1.0.so libharfbuzz-subset.so
# hunspell-es: the Spanish dictionary the es-US edition's spelling is checked against.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 hunspell-es
SYSTEM_FILES := /usr/share/hunspell/es_US.dic
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: pdfs check test test-fast schema bench docs system browser watch studio clean

pdfs: $(STAMP)
	$(PY) make_report.py build

check: $(STAMP)
	$(PY) make_report.py check

test: $(STAMP) browser
	$(PY) -m pytest -q -n auto
	$(VENV)/bin/ruff check press charts tests make_report.py
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

# The one-minute loop: every test that builds no PDF, then the code's own checks.
test-fast: $(STAMP)
	FUZZ_SCALE=0.2 $(PY) -m pytest -q -n auto -m "not slow"
	$(VENV)/bin/ruff check press charts tests make_report.py
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

schema: $(STAMP)
	$(PY) make_report.py schema

bench: $(STAMP)
	$(PY) -m press.commands.bench

# The user guide (docs/) as a site in site/: open site/index.html. Offline; --strict stops
# on a link to a page or heading that is not there.
docs: $(STAMP)
	$(PY) -m mkdocs build --strict --site-dir site

system:
	@missing=""; for lib in $(SYSTEM_LIBS); do ldconfig -p 2>/dev/null | grep -q "$$lib" || missing="$$missing $$lib"; done; \
	for file in $(SYSTEM_FILES); do [ -f "$$file" ] || missing="$$missing $$file"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system libraries:$$missing"; \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "Please install Pango, HarfBuzz-Subset and Hunspell's Spanish dictionary (missing:$$missing), then run make again." >&2; exit 1; fi; \
	fi

$(STAMP): pyproject.toml
	$(MAKE) --no-print-directory system
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# Chromium from Debian for the preview's browser tests (Playwright drives it; its own
# browser download cannot reach the internet here). Without it those tests say why they skip.
browser:
	@command -v chromium >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
	  { echo "Installing Chromium for the browser tests"; $(SUDO) apt-get update -qq && \
	    $(SUDO) apt-get install -y -qq chromium >/dev/null; } || \
	  echo "Chromium could not be installed: the browser tests will be skipped."; }

watch: $(STAMP)
	$(PY) make_report.py watch

# The studio: every document written and checked in the browser (it opens at its address).
studio: $(STAMP)
	$(PY) make_report.py studio

clean:
	rm -rf out .press-cache site
