# The README's two commands are `make demo` and `make test`; both set everything up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_OUT ?= demo-output

.PHONY: setup demo test lint sysdeps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "cxmaturity needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/cxmaturity demo --out $(DEMO_OUT)

# pdftoppm (poppler-utils) and tmux are what the tests use to look at PDFs and drive the survey;
# chromium and chromium-driver drive the workshop pages in a real browser.
sysdeps:
	@command -v pdftoppm >/dev/null && command -v tmux >/dev/null && command -v chromium >/dev/null \
	  && command -v chromedriver >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils tmux \
	      chromium chromium-driver >/dev/null; \
	  else \
	    echo "please install poppler-utils, tmux, chromium and chromium-driver" \
	      "(e.g. sudo apt-get install poppler-utils tmux chromium chromium-driver)"; exit 1; \
	  fi; }
	@# Optional: lets WeasyPrint subset fonts (smaller PDFs); installed only where we may.
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || { [ "$$(id -u)" != 0 ] || \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || true; }

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: setup sysdeps lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache dist build
