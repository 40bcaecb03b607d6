# Two commands on a fresh machine with Python 3.10+:
#   make dashboard   build .venv and start SpineEdu
#   make test        build .venv and run every test (ruff included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: dashboard test lint bench clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "SpineEdu needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

dashboard: $(BIN)/.installed
	$(BIN)/spineedu demo

lint: $(BIN)/.installed
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/engine.py

clean:
	rm -rf $(VENV)
