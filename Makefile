# The README's commands. Each target sets up .venv/ first, from requirements.lock: what the site
# needs for serve, edit, site and check; the test toolchain too (pytest, Playwright, ruff, mypy…) for
# test and the benchmarks.
PYTHON ?= python3
# The port of 127.0.0.1 that `make serve` and `make edit` listen on: make serve PORT=8080
PORT   ?= 8000
# Material prints a banner about its end of life (May 2027) on every build; README notes it.
export NO_MKDOCS_2_WARNING = 1
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
# Made after READY: the same venv with the test extras added.
READY_TEST := $(VENV)/.ready-test
# ProperDocs, the maintained fork of MkDocs 1.x, in a venv of its own: the tests build the demo with it too.
PROPERDOCS := .venv-properdocs
# axe-core for the accessibility tests, pinned in tests/a11y/package-lock.json (never part of the site).
AXE := tests/a11y/node_modules/.ready

# The browser editor (Decap CMS), pinned by editor/package-lock.json, installed with the machine's npm.
EDITOR := editor/node_modules/.ready

.PHONY: install serve edit editor-if-node site check test bench bench-search bench-import bench-editor clean

$(READY): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e .
	touch $@

# Depends on READY, so that a venv made by `make test` serves the site as it is, and the reverse.
$(READY_TEST): $(READY)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

$(PROPERDOCS)/.ready: pyproject.toml requirements.lock
	test -x $(PROPERDOCS)/bin/python || $(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock properdocs -e .
	touch $@

$(EDITOR): editor/package.json editor/package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make edit needs Node.js and npm: apt-get install nodejs npm"; exit 1; }
	cd editor && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Where Node.js is missing the editor's tests are skipped (they say so); everything else still runs.
editor-if-node:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory $(EDITOR); \
	else echo "npm not found: the editor (make edit) and its tests need Node.js (apt-get install nodejs npm)"; fi

$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (apt-get install nodejs npm)"; fi

install: $(READY_TEST)  # a developer's setup: the site and the test toolchain

serve: $(READY)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:$(PORT)

edit: $(READY) $(EDITOR)
	$(BIN)/vinhdanh edit --port $(PORT)

site: $(READY)
	$(BIN)/vinhdanh build

check: $(READY)
	$(BIN)/vinhdanh check

test: $(READY_TEST) $(PROPERDOCS)/.ready editor-if-node $(AXE)
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy src
	VINHDANH_PROPERDOCS=$(PROPERDOCS)/bin/properdocs $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(READY_TEST)
	$(BIN)/python scripts/bench_build.py

bench-search: $(READY_TEST)
	$(BIN)/python scripts/bench_search.py

bench-import: $(READY_TEST)
	$(BIN)/python scripts/bench_import.py

bench-editor: $(READY_TEST) $(EDITOR)
	$(BIN)/python scripts/bench_editor.py

clean:
	rm -rf $(VENV) $(PROPERDOCS) site .pytest_cache editor/node_modules tests/a11y/node_modules
