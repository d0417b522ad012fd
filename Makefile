# Two commands set everything up on a fresh clone:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARTICLES ?= $(if $(wildcard ../shared/articles),../shared/articles,tests/data/articles)
STORE  ?= kg-store
CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser demo test clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/kg

install: $(BIN)/kg

# Debian's Chromium for the browser tests (tests/test_browser.py drives it with Playwright)
browser:
	@test -x $(CHROMIUM) || { echo "make: installing Debian chromium for the browser tests" >&2 && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

demo: install
	$(BIN)/kg build $(ARTICLES) --store $(STORE)
	mkdir -p out
	$(BIN)/kg export --store $(STORE) --out out/graph.ttl
	$(BIN)/kg view --store $(STORE) --out out/graph.html
	$(BIN)/kg query people --store $(STORE)
	$(BIN)/kg query roles --store $(STORE)
	$(BIN)/kg query meetings --store $(STORE)

test: install browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(STORE) out
