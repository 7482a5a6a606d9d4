# The README's commands. Each target sets up .venv/ first, from requirements.lock.
PYTHON ?= python3
# Material prints a banner about its end of life (May 2027) on every build; README notes it.
export NO_MKDOCS_2_WARNING = 1
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.ready
# ProperDocs, the maintained fork of MkDocs 1.x, in a venv of its own: the tests build the demo with it too.
PROPERDOCS := .venv-properdocs

.PHONY: install serve site check test bench bench-search bench-import clean

$(READY): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

$(PROPERDOCS)/.ready: pyproject.toml requirements.lock
	test -x $(PROPERDOCS)/bin/python || $(PYTHON) -m venv $(PROPERDOCS)
	$(PROPERDOCS)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock properdocs -e .
	touch $@

install: $(READY)

serve: $(READY)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

site: $(READY)
	$(BIN)/vinhdanh build

check: $(READY)
	$(BIN)/vinhdanh check

test: $(READY) $(PROPERDOCS)/.ready
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy src
	VINHDANH_PROPERDOCS=$(PROPERDOCS)/bin/properdocs $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(READY)
	$(BIN)/python scripts/bench_build.py

bench-search: $(READY)
	$(BIN)/python scripts/bench_search.py

bench-import: $(READY)
	$(BIN)/python scripts/bench_import.py

clean:
	rm -rf $(VENV) $(PROPERDOCS) site .pytest_cache
