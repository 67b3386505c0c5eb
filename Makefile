# opal — Opper model aliases as code.
#   make demo    build, start the emulator, validate → plan → apply → smoke → plan on examples/
#   make test    the whole test suite (what CI runs)
SWIFT   ?= swift
PREFIX  ?= /usr/local
CONFIG  ?= debug
BIN      = .build/$(CONFIG)/opal

.PHONY: all build test test-release demo install format lint clean deps bench fuzz soak help

all: build

help:
	@echo "make build | test | test-release | demo | install PREFIX=... | format | lint | clean | bench | fuzz SECONDS=N | soak"

# libyaml (and pkg-config to find it) come from Debian's packages; installed only when missing.
deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product opal

# The suite (debug), then what users install: the release binary, end to end at 250 / 1,000 /
# 10,000 aliases (scripts/release-e2e.py), and the toolchain's known -O miscompile
# (docs/compiler-miscompile.md). CI also runs `make test-release`.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build -c release --product opal
	@scripts/check-miscompile.sh
	@python3 scripts/release-e2e.py --opal .build/release/opal

# The whole suite built optimised, because a compiler bug showed only at -O (issue 10).
# (`swift test` builds it: only `swift test` compiles the package's modules for @testable import.)
test-release: deps
	$(SWIFT) test -c release

demo: build
	@scripts/demo.sh $(BIN)

install: deps
	$(SWIFT) build -c release --product opal
	install -d $(PREFIX)/bin
	install -m 755 .build/release/opal $(PREFIX)/bin/opal

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Sources Tests

lint:
	$(SWIFT) format lint --recursive --parallel Package.swift Sources Tests

# libFuzzer + ASan on the config loader, one core; SECONDS=N (default 60). See docs/reliability.md.
fuzz: deps
	@scripts/fuzz.sh $(or $(SECONDS),60)

# Fault soak: apply → verify cycles under random emulator faults for SOAK_SECONDS (default 120);
# SOAK_SEED=N repeats a run's configs and fault seeds. Prints the counts; see docs/reliability.md.
soak: deps
	@SOAK_SEED=$(SOAK_SEED) scripts/soak.sh $(or $(SOAK_SECONDS),120)

# SPEC §10 and §16: whole-process medians against their anchors (BENCH_QUICK=1: a quick smoke
# run of every row), then package-benchmark's in-process
# figures; the table goes to stdout and Benchmarks/results/latest.md (see BENCHMARKS.md).
bench: deps
	$(SWIFT) build -c release --product opal
	@scripts/bench.sh

clean:
	rm -rf .build .build-*
