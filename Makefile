# The two commands the README starts with: `make edition` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

# Debian packages: pango for WeasyPrint, book fonts for the print edition (Noto for the scripts
# Libertine and DejaVu lack: Arabic, Hebrew, Syriac, Devanagari, CJK ...),
# poppler-utils for page images, Chromium for the browser tests, strace (fault injection) for the deposit tests.
SYSTEM_PACKAGES      := libpango-1.0-0 libpangoft2-1.0-0 fonts-linuxlibertine fonts-dejavu-core fonts-noto-core fonts-noto-cjk poppler-utils
TEST_SYSTEM_PACKAGES := chromium jing strace time tar neovim
BENCH_SYSTEM_PACKAGES := jing hyperfine

.PHONY: edition test bench system-deps test-system-deps venv install install-test basemap pages clean

edition: install
	$(BIN)/teikit build --all

test: install-test
	$(BIN)/python -m pytest -n auto --dist worksteal

bench: install-test
	@$(MAKE) --no-print-directory apt PKGS="$(BENCH_SYSTEM_PACKAGES)"
	$(BIN)/python -m benchmarks

pages: install-test
	$(BIN)/python -m benchmarks.page_images build/pages

# Installs only what is missing, so repeated runs stay quick and offline-friendly.
apt:
	@missing=""; for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

system-deps:
	@$(MAKE) --no-print-directory apt PKGS="$(SYSTEM_PACKAGES)"

test-system-deps: system-deps
	@$(MAKE) --no-print-directory apt PKGS="$(TEST_SYSTEM_PACKAGES)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

venv: $(BIN)/python

# The map's land outlines: Natural Earth as the npm package world-atlas ships it, kept in the
# environment (teikit reads it from there at build time; nothing is fetched while building).
BASEMAP_DIR := $(VENV)/share/teikit
BASEMAP     := world-atlas@2.0.2

install: system-deps venv basemap
	$(PIP) install -q -e .

install-test: test-system-deps venv basemap
	$(PIP) install -q -e '.[test,dask]'

basemap: venv
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory apt PKGS="npm"
	@test -f $(BASEMAP_DIR)/node_modules/world-atlas/land-50m.json || \
	  npm install --silent --no-save --no-audit --no-fund --prefix $(BASEMAP_DIR) $(BASEMAP)

clean:
	rm -rf build .cache dist
