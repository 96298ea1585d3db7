# Plansite. The two commands of the quick start are `make site` and `make test`.
# Each sets up what it needs on a fresh Debian machine with Python 3.11 (run as root for
# the system packages the browser tests need).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
N ?= 300
FUZZ_CASES ?= 20000
# Material prints a notice about MkDocs 2 on every build; it is noise in our output.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve preview edit editor test fuzz bench schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependencies change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed tools/install-test-deps.sh
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	bash tools/install-test-deps.sh
	touch $@

# The form editor (Decap CMS and its local backend, pinned, from npm) into .cache/editor/.
# It does not stop `make site`: without npm the public site is built and the editor left out.
editor:
	@bash tools/install-editor.sh || echo "The form editor (/admin/) was left out: Decap CMS could not be fetched with npm. The public site is built without it."

## site: build the public site into site/ from the plans under plans/, with the form editor at /admin/
site: $(VENV)/.installed editor
	$(BIN)/mkdocs build --strict

## serve: live preview on http://127.0.0.1:8000 (restart it after changing hooks/ or plansite/)
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

## edit: the form editor at http://127.0.0.1:8000/admin/ and the live preview together (Ctrl-C stops both)
edit: $(VENV)/.installed
	bash tools/install-editor.sh
	$(BIN)/plansite edit

## preview: like serve, but drafts and embargoed records are shown, marked "draft, not published"
preview: $(VENV)/.installed
	$(BIN)/plansite preview

## test: every test, including the browser checks
test: $(VENV)/.installed-test
	bash tools/install-editor.sh
	$(BIN)/pytest

## fuzz: a larger fuzzing run than make test's, with new random cases (make fuzz FUZZ_CASES=20000)
fuzz: $(VENV)/.installed-test
	$(BIN)/python tests/fuzz_plans.py --cases $(FUZZ_CASES) --deep $$(( $(FUZZ_CASES) / 50 )) --random

## bench: build N synthetic partnerships and compare with plain MkDocs (N=30 for a quick run);
## it measures page and search bytes in Chromium, so it sets up what the tests need
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py --partnerships $(N)

## schema: regenerate the JSON Schemas after changing the models
schema: $(VENV)/.installed
	$(BIN)/plansite schema

clean:
	rm -rf site .site.new-* .site.old-* .cache benchmarks/work
