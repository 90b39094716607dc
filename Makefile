# The two commands of the README: `make map` and `make test`. Both create .venv if absent.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
ASSETS := tests/browser/node_modules/.installed-$(shell cat tests/browser/package.json | cksum | cut -d' ' -f1)

.PHONY: map test lint install browser browser-assets clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## The main job on the shipped dataset: validate it and write the overview map.
map: $(STAMP)
	$(BIN)/corridormap validate --quiet
	$(BIN)/corridormap map --out output/corridormap.html

## The whole suite: unit, CLI, data, packaging, browser and doctests, then ruff and mypy.
test: $(STAMP) browser
	$(BIN)/python -m pytest
	$(MAKE) lint

lint: $(STAMP)
	$(BIN)/ruff check corridormap tests scripts benchmarks conftest.py
	$(BIN)/ruff format --check corridormap tests scripts benchmarks conftest.py
	$(BIN)/mypy

## What the browser tests need: Chromium (Debian's package, when run as root) and, for the
## CDN-mode test, the front-end packages --cdn maps load, from the npm registry. Without root, the browser tests
## skip with a message unless CORRIDORMAP_REQUIRE_BROWSER is set.
browser: browser-assets
	@if [ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: Chromium not found and not root: browser tests will skip (apt-get install chromium)"; fi

browser-assets: $(ASSETS)

$(ASSETS): tests/browser/package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix tests/browser && rm -f tests/browser/node_modules/.installed-* && touch $@; \
	else echo "note: npm not found: browser tests will skip"; fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules
