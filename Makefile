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

.PHONY: site serve preview test fuzz bench schema clean

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

## site: build the public site into site/ from the plans under plans/
site: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

## serve: live preview on http://127.0.0.1:8000 (restart it after changing hooks/ or plansite/)
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve

## preview: like serve, but drafts and embargoed records are shown, marked "draft, not published"
preview: $(VENV)/.installed
	$(BIN)/plansite preview

## test: every test, including the browser checks
test: $(VENV)/.installed-test
	$(BIN)/pytest

## fuzz: a larger fuzzing run than make test's, with new random cases (make fuzz FUZZ_CASES=20000)
fuzz: $(VENV)/.installed-test
	$(BIN)/python tests/fuzz_plans.py --cases $(FUZZ_CASES) --deep $$(( $(FUZZ_CASES) / 50 )) --random

## bench: build N synthetic partnerships and compare with plain MkDocs (N=30 for a quick run)
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py --partnerships $(N)

## schema: regenerate the JSON Schemas after changing the models
schema: $(VENV)/.installed
	$(BIN)/plansite schema

clean:
	rm -rf site .site.new-* .site.old-* .cache benchmarks/work
