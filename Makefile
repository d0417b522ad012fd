# Two commands set everything up on a fresh clone:  make demo   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ARTICLES ?= $(if $(wildcard ../shared/articles),../shared/articles,tests/data/articles)
STORE  ?= kg-store

.PHONY: install demo test clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(BIN)/kg

install: $(BIN)/kg

demo: install
	$(BIN)/kg build $(ARTICLES) --store $(STORE)
	mkdir -p out
	$(BIN)/kg export --store $(STORE) --out out/graph.ttl
	$(BIN)/kg view --store $(STORE) --out out/graph.html
	$(BIN)/kg query people --store $(STORE)
	$(BIN)/kg query roles --store $(STORE)
	$(BIN)/kg query meetings --store $(STORE)

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(STORE) out
