# The two commands a newcomer needs: `make app` and `make test`. Everything else is set up on demand.
SHELL := /bin/bash
PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
PORT ?= 8866
# Our own Voilà template (no CDN) lives in share/jupyter; Voilà finds it through JUPYTER_PATH.
export JUPYTER_PATH := $(CURDIR)/share/jupyter
CHROMIUM := /usr/bin/chromium
HAPROXY := /usr/sbin/haproxy
BACKENDS ?= 2

.PHONY: app data test bench chromium haproxy serve-many venv clean export update catalogue

venv: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(INSTALLED)

# The build itself skips when the inputs' checksums match the last build (see widgets/build/__main__.py).
data: $(INSTALLED)
	$(PY) -m widgets.build

# Strings in code → the template widgets/locale/briefing.pot → each language's .po (new strings added empty, changed
# ones marked fuzzy): run after adding or changing a _("…") or a page call's text, then translate the .po;
# `make data` compiles it. The mapping (Python files, the notebooks' code cells) is [tool.babel] in pyproject.toml.
LOCALES := widgets/locale
LANGS := fr
catalogue: $(INSTALLED)
	PYTHONPATH=$(CURDIR) $(VENV)/bin/pybabel --quiet extract -F pyproject.toml -o $(LOCALES)/briefing.pot \
		--add-comments=Translators: --project="Mali blockade briefing" --version=1 --sort-by-file .
	for lang in $(LANGS); do \
		if [ -f $(LOCALES)/$$lang/LC_MESSAGES/briefing.po ]; then \
			$(VENV)/bin/pybabel --quiet update -i $(LOCALES)/briefing.pot -d $(LOCALES) -D briefing -l $$lang; \
		else $(VENV)/bin/pybabel init -i $(LOCALES)/briefing.pot -d $(LOCALES) -D briefing -l $$lang; fi; \
	done

# Publish an analyst's batch as the next edition (README: "Update the briefing"). DRY=1 shows what would change.
update: data
	@test -n "$(FROM)" || { echo "usage: make update FROM=<batch folder> [DRY=1]   (template: data/update_template/)"; exit 2; }
	$(PY) -m widgets.editions.update "$(FROM)" $(if $(DRY),--dry-run)

app: data
	@echo "Serving the briefing at http://localhost:$(PORT)/"
	$(PY) -m widgets.serve --port $(PORT) $(if $(PREHEAT),--preheat $(PREHEAT))

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

# Debian's haproxy: the reverse proxy of `make serve-many` and of tests/test_scaleout.py.
haproxy:
	@if [ ! -x $(HAPROXY) ]; then \
		echo "Installing Debian's haproxy for make serve-many and its test"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy; \
	fi

# Several Voilà processes behind haproxy on one machine (deploy/haproxy.cfg, widgets/scaleout.py):
# `make serve-many BACKENDS=3 PORT=8866`; the backends listen on loopback ports PORT+1 ... PORT+BACKENDS.
serve-many: data haproxy
	@echo "Serving the briefing at http://localhost:$(PORT)/ with $(BACKENDS) Voilà processes behind haproxy"
	$(PY) -m widgets.scaleout --port $(PORT) --backends $(BACKENDS)

test: data chromium haproxy
	$(PY) -m pytest

bench: data chromium
	$(PY) -m tests.bench

# Static, self-contained HTML per chapter and for the whole briefing, plus its PDF, in build/export/ (no kernel,
# no network needed to read them).
export: data chromium
	$(PY) -m widgets.export
	for lang in $(LANGS); do $(PY) -m widgets.export --lang $$lang || exit 1; done

clean:
	rm -rf data/processed
