# Two commands on a fresh machine with Python 3.10+:
#   make dashboard   build .venv and start the SpineEdu dashboard on http://127.0.0.1:8866
#   make lab         build .venv and open your own copies of the lessons in JupyterLab
#   make test        build .venv and run every test (ruff included)
#   make site        build the static site into site/ (preview: python -m http.server -d site)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# axe-core (npm registry), injected into the served pages by the accessibility browser tests;
# configurable-http-proxy (npm) too, the proxy of the JupyterHub class test; pyodide (npm), the
# Python core of the static site (spineedu/static_site/runtime.py)
AXE := node_modules/axe-core/axe.min.js

.PHONY: dashboard lab test lint bench bench-site site notebooks check-content clean

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

# re-run every lesson and store its outputs (what nbval compares) after the content changed, in
# a stable form (spineedu/notebook_outputs.py): unchanged content gives no diff at all
notebooks: $(BIN)/.installed
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb
	$(BIN)/python -m spineedu.notebook_outputs notebooks/*.ipynb

# what an educator runs before a pull request that changes content/ (about 2 minutes): every
# problem of the content (it stops here if the content does not load), every safety property
# over every patient, the tests that read the real content (rule cases, vignettes, behaviour,
# references, scores, practice; the walk is not run twice) and nbval on every lesson (each shows
# content); every step runs, and the last line says which failed
CONTENT_TESTS := tests/test_rule_cases.py tests/test_case_vignettes.py tests/test_properties.py \
	tests/test_clinical_behaviour.py tests/test_stage_behaviour.py \
	tests/test_subtype_and_resectable.py tests/test_not_suitable.py tests/test_content_coverage.py \
	tests/test_references.py tests/test_red_flags.py tests/test_input_space.py \
	tests/test_practice.py tests/test_cases_quiz.py tests/test_score_tables.py \
	tests/test_score_classifications.py tests/test_score_noms.py tests/test_notebook_outputs.py
WALK_TESTS := --deselect tests/test_properties.py::test_every_property_holds_for_every_patient \
	--deselect tests/test_properties.py::test_the_walk_is_the_whole_input_space
check-content: $(BIN)/.installed
	@start=$$(date +%s); failed=""; \
	$(BIN)/spineedu validate || exit 1; \
	$(BIN)/spineedu validate --walk || failed="the safety walk"; \
	$(BIN)/python -m pytest -q $(WALK_TESTS) $(CONTENT_TESTS) notebooks/ \
		|| failed="$${failed:+$$failed, }the content tests or lessons"; \
	took=$$(( $$(date +%s) - start )); \
	if [ -n "$$failed" ]; then echo "make check-content: FAILED ($$failed) in $$took s"; exit 1; fi; \
	echo "make check-content: everything passed in $$took s"

# the static site: lessons as pages, the explorer on Pyodide in the visitor's browser; Pyodide
# from npm, wheels from PyPI (cached in .cache/site-wheels/), every file in site/manifest.json
site: $(BIN)/.installed $(AXE)
	$(BIN)/python -m spineedu.static_site.build site

bench-site: site
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/site.py

bench: $(BIN)/.installed
	$(BIN)/python bench/engine.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/dashboard.py
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python bench/hostile_frames.py

clean:
	rm -rf $(VENV) node_modules site .cache
