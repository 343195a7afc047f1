# journeysim - customer-journey ownership simulator
#
#   make demo    install what is missing, build, compare the ownership presets on config/default.cfg into out/
#   make test    install what is missing, build, run every test (also under ASan + UBSan)
#   make results-doc  rerun config/default.cfg and the one-at-a-time sweep into docs/results.md (minutes; not in make test)
#   make bench   engine and journey benchmarks, side by side with the yardstick loop; common random numbers (bench/crn.sh)
#   make fuzz    coverage-guided fuzzing (AFL++) of the loader and the engine, FUZZ_SECONDS=600 (not in make test)
#   make test-cluster  a real one-node Slurm cluster and mpirun on this machine (root; docs/cluster.md)
#   make install PREFIX=/usr/local DESTDIR=
#
# Settings -------------------------------------------------------------------
CC       ?= cc
OPT      ?= -O2
WARN      = -Wall -Wextra -Wshadow -Wconversion -Wmissing-prototypes -Wno-sign-conversion
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
PREFIX   ?= /usr/local
DESTDIR  ?=
PKGS      = gsl libconfig cairo pangocairo glib-2.0
SAN      ?=
MPI      ?=
BUILD    ?= build
VERSION   = 0.1.0

# Debian packages: checked with dpkg-query, the missing ones installed with apt-get.
BUILD_DEBS = gcc make pkg-config libgsl-dev libconfig-dev libcairo2-dev libpango1.0-dev \
             libglib2.0-dev fonts-liberation2
TEST_DEBS  = libcmocka-dev poppler-utils parallel
MPI_DEBS   = libopenmpi-dev openmpi-bin
CLUSTER_DEBS = slurm-wlm munge $(MPI_DEBS)

ifeq ($(SAN),1)
  BUILD    = build-san
  OPT      = -O1 -g -fno-omit-frame-pointer
  SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined
endif
ifeq ($(MPI),1)
  BUILD    = build-mpi
  CC       = mpicc
  MPIFLAGS = -DJOURNEYSIM_MPI
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm -lpthread
ALL_CFLAGS = $(CSTD) $(OPT) $(WARN) $(SANFLAGS) $(MPIFLAGS) -Iinclude $(PKG_CFLAGS) \
             -DJOURNEYSIM_VERSION='"$(VERSION)"' -DJOURNEYSIM_DATADIR='"$(PREFIX)/share/journeysim"' \
             -MMD -MP $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

# Sources: the library (engine, model, experiments, charts) and the command line.
LIB_SRC  = $(sort $(wildcard sim/common/*.c sim/engine/*.c sim/journey/*.c sim/ownership/*.c sim/scenario/*.c \
             sim/experiment/*.c sim/sweep/*.c plots/*.c))
CLI_SRC  = $(sort $(wildcard sim/cli/*.c))
TEST_SRC = $(sort $(wildcard tests/test_*.c))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIBJS    = $(BUILD)/libjourneysim.a

.PHONY: all demo test check-tests test-unit test-san bench fuzz fuzz-harnesses docs results-doc install uninstall clean deps deps-test \
        deps-mpi deps-cluster test-cluster
.DELETE_ON_ERROR:

all: journeysim

# Building -------------------------------------------------------------------
journeysim: $(BUILD)/journeysim
	cp $< $@

$(BUILD)/journeysim: $(CLI_OBJ) $(LIBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIBJS) $(PKG_LIBS)

$(LIBJS): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/testutil.h $(LIBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIBJS) $(PKG_LIBS) $(shell pkg-config --libs cmocka) $(ALL_LDFLAGS)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
$(BUILD)/tests/test_docs: tests/tools/model_doc.h
$(BUILD)/tests/test_prior: tests/tools/prior_doc.h

# Set-up: install missing Debian packages --------------------------------------
define install_debs
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "journeysim: missing Debian packages:$$missing" >&2; \
	       echo "journeysim: run as root or with sudo, or install them: apt-get install$$missing" >&2; exit 1; fi; \
	  echo "journeysim: installing$$missing"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	fi
endef

deps:
	$(call install_debs,$(BUILD_DEBS))
deps-test: deps
	$(call install_debs,$(TEST_DEBS))
deps-mpi: deps
	$(call install_debs,$(MPI_DEBS))
deps-cluster: deps
	$(call install_debs,$(CLUSTER_DEBS))

# The two README commands ------------------------------------------------------
demo: deps
	$(MAKE) --no-print-directory journeysim
	./journeysim run config/default.cfg -o out

test: deps-test
	$(MAKE) --no-print-directory journeysim check-tests
	$(MAKE) --no-print-directory test-san
	@sh tests/summary.sh $(BUILD)/test-results.txt build-san/test-results.txt

# Every test binary runs; the runner's counts are gathered by tests/summary.sh.
check-tests: $(TEST_BIN) journeysim
	@sh tests/run.sh $(BUILD) $(TEST_BIN); s=$$?; sh tests/check_layers.sh $(BUILD)/test-results.txt && exit $$s

# Unit tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
test-san:
	$(MAKE) --no-print-directory SAN=1 JOURNEYSIM_SAN_ONLY_UNIT=1 check-tests-san

check-tests-san: $(TEST_BIN)
	@JOURNEYSIM_SANITIZED=1 sh tests/run.sh $(BUILD) $(TEST_BIN)

# The cluster recipes of docs/cluster.md for real: a one-node Slurm cluster that
# the test starts and stops itself, and mpirun -n 2 on the MPI build (root).
test-cluster: deps-cluster
	$(MAKE) --no-print-directory journeysim
	$(MAKE) --no-print-directory MPI=1 build-mpi/journeysim
	bash tests/cluster/run.sh ./journeysim build-mpi/journeysim

# Benchmarks and long runs: never part of make test -----------------------------
bench: deps
	$(MAKE) --no-print-directory journeysim $(BUILD)/bench/bench_engine
	sh bench/run.sh $(BUILD)
	sh bench/crn.sh ./journeysim
	sh bench/decide.sh ./journeysim

$(BUILD)/bench/bench_engine: bench/bench_engine.c $(LIBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBJS) $(PKG_LIBS) $(ALL_LDFLAGS)

# Coverage-guided fuzzing with AFL++ (tests/fuzz.sh): two harnesses built with
# afl-clang-fast under ASan + UBSan, FUZZ_SECONDS in total split between them.
FUZZ_SECONDS ?= 600
FUZZ_DEBS     = afl++
FUZZ_HARNESS  = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

fuzz: deps
	$(call install_debs,$(FUZZ_DEBS))
	AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1 $(MAKE) --no-print-directory BUILD=build-fuzz CC=afl-clang-fast \
	  OPT="-O1 -g -fno-omit-frame-pointer" fuzz-harnesses
	FUZZ_BUILD=build-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz.sh

fuzz-harnesses: $(FUZZ_HARNESS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz_input.h $(LIBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBJS) $(PKG_LIBS) $(ALL_LDFLAGS)

# docs/config.md's reference tables, rewritten from the parameter schema,
# docs/outputs.md's metric and series tables, from include/metrics.h, and
# docs/model.md from its template (defaults and formulas filled in).
docs: $(LIBJS)
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/schema_doc tests/tools/schema_doc.c $(LIBJS) $(PKG_LIBS)
	sed '/^### run$$/,$$d' docs/config.md > docs/config.md.tmp
	$(BUILD)/schema_doc >> docs/config.md.tmp
	mv docs/config.md.tmp docs/config.md
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/metrics_doc tests/tools/metrics_doc.c $(LIBJS) $(PKG_LIBS)
	sed '/^## Metrics$$/,$$d' docs/outputs.md > docs/outputs.md.tmp
	$(BUILD)/metrics_doc >> docs/outputs.md.tmp
	mv docs/outputs.md.tmp docs/outputs.md
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/model_doc tests/tools/model_doc.c $(LIBJS) $(PKG_LIBS)
	$(BUILD)/model_doc < docs/model.md.in > docs/model.md.tmp
	mv docs/model.md.tmp docs/model.md
	$(CC) $(ALL_CFLAGS) -o $(BUILD)/prior_doc tests/tools/prior_doc.c $(LIBJS) $(PKG_LIBS)
	sed '/^## The shipped priors$$/,$$d' docs/priors.md > docs/priors.md.tmp
	$(BUILD)/prior_doc >> docs/priors.md.tmp
	mv docs/priors.md.tmp docs/priors.md

# docs/results.md from fresh runs of config/default.cfg and the one-at-a-time
# sweep (tests/tools/results_doc.sh; minutes on 2 cores, so not in make test).
results-doc: journeysim
	sh tests/tools/results_doc.sh ./journeysim docs/results.md

# Install -----------------------------------------------------------------------
install: journeysim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/journeysim/presets
	install -m 755 journeysim $(DESTDIR)$(PREFIX)/bin/journeysim
	install -m 644 config/presets/*.cfg $(DESTDIR)$(PREFIX)/share/journeysim/presets/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/journeysim
	rm -rf $(DESTDIR)$(PREFIX)/share/journeysim

clean:
	rm -rf build build-san build-mpi build-fuzz journeysim
