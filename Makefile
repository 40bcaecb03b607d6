# Two commands on a fresh machine with Python 3.10+:
#   make dashboard   build .venv and start the SpineEdu dashboard on http://127.0.0.1:8866
#   make lab         build .venv and open your own copies of the lessons in JupyterLab
#   make test        build .venv and run every test (ruff included)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# axe-core (npm registry), injected into the served pages by the accessibility browser tests;
# configurable-http-proxy (npm) too, the proxy of the JupyterHub class test
AXE := node_modules/axe-core/axe.min.js

.PHONY: dashboard lab test lint bench notebooks clean

$(BIN)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "SpineEdu needs Python 3.10 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,deploy]'
	touch $@

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

dashboard: $(BIN)/.installed
	$(BIN)/spineedu serve --port 8866

# the lessons in JupyterLab for students, on copies in workspace/ (never the repository's lessons);
# as root (containers): make lab LAB_ARGS=--allow-root
LAB_ARGS ?=
lab: $(BIN)/.installed
	$(BIN)/spineedu lab $(LAB_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .

# unit, content, CLI, widget, nbval (every notebook) and real-browser tests
test: lint $(AXE)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest

# re-run every lesson and store its outputs (what nbval compares) after the content changed
notebooks: $(BIN)/.installed
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb

bench: $(BIN)/.installed
	$(BIN)/python bench/engine.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/dashboard.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/hostile_frames.py

clean:
	rm -rf $(VENV) node_modules
