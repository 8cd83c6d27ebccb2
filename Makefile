# The README's two commands are `make demo` and `make test`; both set everything up first.
#
# The development environment is installed from a committed lock with hashes
# (requirements/dev.lock), so every fresh clone gets the same releases until someone runs
# `make lock` on purpose. End users installing the wheel get pyproject's lower bounds instead,
# and `make test-latest` shows what they would meet today.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LOCK := requirements/dev.lock
DEMO_OUT ?= demo-output
# Two workers suit the two cores the suite is sized for; `make test JOBS=auto` takes them all.
JOBS ?= 2
# The PDF, terminal and browser tests are the slow ones; the inner loop leaves them out.
FAST := not pdf and not tty and not browser
LOCK_ARGS := pyproject.toml --extra test --universal --generate-hashes --python-version 3.11 \
	--no-header --quiet

.PHONY: setup demo test test-fast test-latest lock lint sysdeps bench clean i18n

# A new venv each time the lock or pyproject changes: what is installed is exactly the lock,
# never the lock on top of whatever an older one left behind.
$(STAMP): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "cxmaturity needs Python 3.11 or newer")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
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
	$(BIN)/pytest -n $(JOBS) --dist worksteal

# The inner loop: lint and every test that needs no PDF, terminal or browser.
test-fast: setup lint
	$(BIN)/pytest -n $(JOBS) --dist worksteal -m "$(FAST)"

# Refresh the pins to today's releases and say what moved. uv lives in its own venv: only
# whoever refreshes the lock needs it.
lock: $(VENV)-lock/bin/uv
	@cp $(LOCK) $(LOCK).before 2>/dev/null || : > $(LOCK).before
	$(VENV)-lock/bin/uv pip compile $(LOCK_ARGS) --upgrade -o $(LOCK)
	@diff <(grep -E '^[A-Za-z0-9]' $(LOCK).before | sed 's/ .*//' | sort) \
	      <(grep -E '^[A-Za-z0-9]' $(LOCK) | sed 's/ .*//' | sort) | sed -n 's/^[<>] /  &/p' \
	  | sed 's/<  /  was /; s/>  /  now /' || true
	@rm -f $(LOCK).before

# Add what pyproject newly asks for, keeping every other pin as it is.
lock-add: $(VENV)-lock/bin/uv
	$(VENV)-lock/bin/uv pip compile $(LOCK_ARGS) -o $(LOCK)

$(VENV)-lock/bin/uv:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet --disable-pip-version-check 'uv>=0.9'

# Drift on purpose: today's releases, no lock, the whole suite. Run it before `make lock`,
# and at least once a month, so a newcomer's clone is never the first to meet a new release.
test-latest: sysdeps
	rm -rf $(VENV)-latest
	$(PYTHON) -m venv $(VENV)-latest
	$(VENV)-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade -e '.[test]'
	$(VENV)-latest/bin/python -m pip freeze --exclude-editable > $(VENV)-latest/versions.txt
	$(VENV)-latest/bin/pytest -n $(JOBS) --dist worksteal -p no:cacheprovider

# Extract the marked strings with Babel, update each .po, compile the committed .mo files.
i18n: setup
	$(BIN)/python tools/catalogues.py

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(VENV)-lock $(VENV)-latest $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache dist build
