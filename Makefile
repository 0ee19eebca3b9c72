# The README's two commands: `make site` and `make test`.
# Each first installs the Debian packages that are missing (sudo when not root).

SWIFT       ?= swift
FOLIO       := .build/release/folio
# Debian packages the tool needs at build time, and the ones the tests add.
BUILD_DEBS  := libcmark-gfm-dev libcmark-gfm-extensions-dev libjs-katex fonts-katex libjs-lunr
TEST_DEBS   := chromium
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test deps test-deps build unit check browser lint bench clean

site: deps build
	$(FOLIO) build

test: deps test-deps build unit check browser lint

deps:
	@.ci/install-debs $(BUILD_DEBS) $(if $(shell command -v node),,nodejs)

test-deps:
	@.ci/install-debs $(TEST_DEBS)

build:
	$(SWIFT) build -c release --product folio

unit:
	$(SWIFT) test

check: build
	$(FOLIO) check

browser: build
	@if [ -x Tests/Browser/run ]; then Tests/Browser/run; else echo "browser tests: not built yet"; fi

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

bench: build
	Tests/Benchmarks/bench.sh

clean:
	rm -rf .build
