# Producer Academy: `make run` serves the academy, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run test setup test-setup lint messages translations system-python browser fonts

run: setup fonts
	$(BIN)/flask db upgrade
	$(BIN)/flask lms import courses/ quizzes/
	$(BIN)/flask lms demo
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: test-setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest

setup: $(VENV)/.installed translations

test-setup: setup $(VENV)/.installed-test browser

$(VENV)/.installed: setup.cfg pyproject.toml | system-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian splits venv out of python3; install it when a fresh machine lacks it.
system-python:
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv)

# Certificates embed a CJK TrueType font (LMS_CERTIFICATE_FONT can point at another).
fonts:
	@test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-wqy-microhei)

# Browser tests drive Debian's Chromium; never a browser downloaded by Playwright.
browser: fonts
	@command -v chromium >/dev/null || \
		($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --domain lms --directory lms/translations --statistics

# For developers: refresh the catalogue after changing user-facing strings.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract --mapping babel.cfg --keywords _l --keywords lazy_gettext \
		--no-location --sort-output --project "Producer Academy" --output lms/translations/lms.pot .
	$(BIN)/pybabel update --domain lms --input-file lms/translations/lms.pot \
		--output-dir lms/translations --no-fuzzy-matching
