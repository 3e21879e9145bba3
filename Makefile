# Beyond Detox. Two commands matter:  make serve  and  make test.  See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1


.PHONY: portability prebuild
.PHONY: help venv serve serve-live build handouts lint test test-fast browser links links-external benchmarks lock clean published-urls

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtualenv: install python3-venv (apt-get install -y python3-venv)"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

venv: $(VENV)/.installed ## create .venv from the pinned requirements

serve: build ## build both languages, print the PDF handouts (needs Chromium) and serve the site on http://127.0.0.1:8000 (Spanish at /es/)
	@# The handouts are part of the published site; without a browser, serve the rest (serve_site.py says so).
	@if $(PY) scripts/ensure_browser.py; then $(PY) scripts/make_handouts.py; fi
	$(PY) scripts/serve_site.py --port 8000

serve-live: venv ## live-reloading preview of the English pages while you write (mkdocs serve)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: venv ## build the site into site/ (fails on any warning)
	$(PY) scripts/build_site.py

handouts: venv browser build ## print the PDF handouts (key points of each article, the discharge sheet) into site/handouts/
	$(PY) scripts/make_handouts.py

published-urls: build ## add new pages to data/published-urls.txt (addresses must never break)
	$(PY) scripts/published_urls.py --add

lint: venv ## editorial checks on docs/ and data/ (articles, references, glossary, help lines and services, translations)
	$(PY) scripts/lint_content.py
	$(PY) scripts/translations.py
	$(PY) scripts/update_resources.py validate

browser: venv ## make sure a Chromium is installed for the browser tests
	@$(PY) scripts/ensure_browser.py

links: build ## check every internal link of the built site
	$(PY) scripts/check_links.py --site site

links-external: build ## also check outbound links (needs the internet)
	$(PY) scripts/check_links.py --site site --external --report reports/links.md --csv reports/links.csv

test: venv browser build handouts lint ## everything: build, handouts, content checks, the whole test suite with browser tests
	$(PY) -m pytest

benchmarks: venv build ## print size and speed figures (not pass/fail)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

prebuild: venv ## write the pages with the hooks' work done into .cache/prebuilt/ (for a builder without MkDocs hooks)
	$(PY) scripts/prebuild.py

portability: venv browser ## build the content with Zensical in a temp folder, finish it, and report what does not carry over (not part of make test)
	$(PY) scripts/portability.py

lock: ## re-pin requirements.txt from requirements.in
	$(PYTHON) -m venv /tmp/bd-lock && /tmp/bd-lock/bin/pip install -q -r requirements.in && { echo "# Pinned lock of requirements.in (Python 3.11). Regenerate with: make lock"; /tmp/bd-lock/bin/pip freeze; } > requirements.txt

clean: ## remove built files
	rm -rf site .cache reports
