# ParoleDesk: `make demo` and `make test` do all set-up on a fresh Debian/Ubuntu clone.
# The newest Python the machine offers from 3.13 down to 3.11 (PySide6 6.12 needs a workaround
# for its reference-count bug only on 3.11: ui/pyside_refcount.py); PYTHON=python3.11 to choose.
# pyenv's shims run only the selected version, so its other versions are looked up by path.
PYTHON ?= $(shell for v in 3.13 3.12; do \
	  if python$$v -c '' 2>/dev/null; then echo python$$v; exit 0; fi; \
	  for p in $$(pyenv root 2>/dev/null)/versions/$$v.*/bin/python$$v; do \
	    if [ -x "$$p" ] && "$$p" -c '' 2>/dev/null; then echo "$$p"; exit 0; fi; \
	  done; \
	done; echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Libraries the PySide6 wheels load (read off ldd): offscreen first, then a real X window.
QT_SYSTEM_LIBS := libegl1 libgl1 libglib2.0-0 libfontconfig1 libxkbcommon0 libdbus-1-3 \
	libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 \
	libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
# Tools the tests use to read the packet as a viewer prints it (pdftotext, pdftoppm), and
# LibreOffice Writer, which makes office documents (.docx, .doc, .odt, .rtf, .txt) into pages.
TEST_TOOLS := poppler-utils libreoffice-writer-nogui

.PHONY: demo test system-libs venv benchmark clean

demo: system-libs $(STAMP)
	$(BIN)/paroledesk demo

test: system-libs $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

benchmark: system-libs $(STAMP)
	$(BIN)/python benchmarks/run_export.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/open_case.py

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Installs only what is missing, and only as root on a Debian-like system; otherwise it
# says what to install and carries on (the case and packet layers need no Qt).
system-libs:
	@command -v dpkg-query >/dev/null 2>&1 || exit 0; \
	missing=""; \
	for pkg in $(QT_SYSTEM_LIBS) $(TEST_TOOLS); do \
		dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing system packages (Qt libraries, poppler-utils, LibreOffice Writer):$$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	else \
		echo "Install these system packages as root (Qt libraries, poppler-utils, LibreOffice Writer):$$missing"; \
	fi

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
