# Two commands set everything up on a fresh clone:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARTICLES ?= $(if $(wildcard ../shared/articles),../shared/articles,tests/data/articles)
STORE  ?= kg-store
CHROMIUM := /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install lock browser demo test clean

# The whole dependency tree is pinned in requirements.lock (made by `make lock` from pyproject.toml):
# install exactly that, then kg itself without resolving anything again, then check the result.
$(BIN)/kg: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $(BIN)/kg

install: $(BIN)/kg

# Re-resolve the lock after changing a pin in pyproject.toml (pip-tools in a venv of its own)
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools==7.6.2
	.venv-lock/bin/pip-compile --quiet --all-extras --strip-extras --no-emit-index-url \
	  --no-emit-find-links --no-emit-trusted-host --output-file=requirements.lock pyproject.toml

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
