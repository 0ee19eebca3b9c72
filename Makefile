# The README's two commands: `make site` and `make test`.
# Each first installs the Debian packages that are missing (sudo when not root).

SWIFT       ?= swift
# One build serves `make site` and `make test`, so a fresh clone compiles Folio once: SwiftPM's
# release configuration without optimisation, testing enabled. From nothing it compiles faster
# than the debug configuration (whole modules; 45.8 s against 48.6 s here; an optimised build
# takes 111 s), and it runs faster: in a debug build swift-argument-parser checks every
# command's declaration on each run, so a rebuild with nothing to do took 0.06 s against 0.04 s.
# `make bench` and `make install` build the optimised binary in a folder of their own.
BUILD       := -c release -Xswiftc -Onone -Xswiftc -enable-testing
FOLIO       := .build/release/folio
OPTIMISED   := --scratch-path .build/optimised -c release
# Debian packages the tool needs at build time, and the ones the tests add.
BUILD_DEBS  := libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev libcurl4-openssl-dev libjs-katex fonts-katex libjs-lunr binaryen
TEST_DEBS   := chromium chromium-driver python3-venv default-jre-headless nginx

.PHONY: site test deps test-deps folio build unit check browser lint bench peer clean install

# The site first, then `folio serve`'s server (folio-serve), which writing the site does not need.
site: deps folio
	$(FOLIO) build
	$(SWIFT) build $(BUILD) --product folio-serve

test: deps test-deps lint unit check browser

deps:
	@.ci/install-debs $(BUILD_DEBS) $(if $(shell command -v node),,nodejs)

test-deps:
	@.ci/install-debs $(TEST_DEBS)

folio:
	$(SWIFT) build $(BUILD) --product folio

# `folio serve` runs folio-serve, beside folio.
build: folio
	$(SWIFT) build $(BUILD) --product folio-serve

# The live-preview tests are async and wait on a server; they run on their own, so that the
# synchronous build tests (which hold the test runner's threads while chapters compile)
# cannot starve them on a 2-core machine.
unit:
	$(SWIFT) build $(BUILD) --build-tests
	$(SWIFT) test $(BUILD) --skip-build --skip FolioServerTests
	$(SWIFT) test $(BUILD) --skip-build --filter FolioServerTests

# folio check on the book: every cell runs as declared, outputs match, links resolve, site/ is fresh.
check: build
	$(FOLIO) check

# Real headless chromium against the committed site, from file://.
browser:
	Tests/Browser/run site --min-live 4

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

# Side by side with the peer book in ../shared/anchors: its Jupyter Book is installed (from
# PyPI, the versions its requirements.txt pins) into a venv under .build the first time.
ANCHORS     ?= ../shared/anchors
PEER_VENV   ?= .build/peer-venv

bench: deps peer
	$(SWIFT) build $(OPTIMISED) --product folio
	$(SWIFT) build $(OPTIMISED) --product folio-serve
	PEER_VENV=$(abspath $(PEER_VENV)) ANCHORS=$(abspath $(ANCHORS)) FOLIO=.build/optimised/release/folio Tests/Benchmarks/bench.sh

peer:
	@.ci/install-debs python3-venv
	@if [ -f $(ANCHORS)/requirements.txt ] && [ ! -x $(PEER_VENV)/bin/jupyter-book ]; then \
	  echo "installing the peer's Jupyter Book into $(PEER_VENV)"; \
	  python3 -m venv $(PEER_VENV) && $(PEER_VENV)/bin/pip install -q -r $(ANCHORS)/requirements.txt; \
	fi

clean:
	rm -rf .build

# An installed folio: the optimised binary and its resources in PREFIX/bin, the runtime sources
# every book links (FolioProtocol, FolioRuntime, FolioPlot) in PREFIX/share/folio/Sources. It
# works from any folder, on any book, without this checkout.
PREFIX      ?= /usr/local

install: deps
	$(SWIFT) build $(OPTIMISED) --product folio
	$(SWIFT) build $(OPTIMISED) --product folio-serve
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/folio/Sources
	install -m 755 .build/optimised/release/folio .build/optimised/release/folio-serve $(DESTDIR)$(PREFIX)/bin/
	rm -rf $(DESTDIR)$(PREFIX)/bin/Folio_FolioCore.resources
	cp -R .build/optimised/release/Folio_FolioCore.resources $(DESTDIR)$(PREFIX)/bin/
	for module in FolioProtocol FolioRuntime FolioPlot; do \
	  rm -rf $(DESTDIR)$(PREFIX)/share/folio/Sources/$$module; \
	  cp -R Sources/$$module $(DESTDIR)$(PREFIX)/share/folio/Sources/; \
	done
