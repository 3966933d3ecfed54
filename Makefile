# Makefile: the one entry point — build, test, run, stop, install, bench.
# SPDX-License-Identifier: MIT

CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
PKGS    := libcurl json-c libmariadb libsodium gumbo libxml-2.0 zlib

CSTD     = -std=c11 -D_GNU_SOURCE
WARN     = -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla
CFLAGS  ?= -O2 -g
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS  = $(CSTD) $(WARN) $(CFLAGS) -Ilib $(PKG_CFLAGS) -MMD -MP
LDLIBS      = $(PKG_LIBS) -lfcgi -lhpdf -lm -lpthread

# B is the build root; `make asan` re-enters with B=$(ASAN_B) (build/asan).
B        ?= build
SANFLAGS ?=

LIB_SRC   := $(shell find lib -name '*.c' | sort)
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/obj/%.o)
FCGI_SRC  := $(wildcard fcgi/*.c)
RUN_SRC   := $(wildcard runner/*.c)
CLI_SRC   := $(wildcard cli/*.c)
TEST_SRC  := $(wildcard tests/unit/test_*.c)
TEST_BIN  := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
BINS      := $(B)/bin/siteaudit $(B)/bin/siteaudit-fcgi $(B)/bin/siteaudit-runner

.PHONY: all asan unit unit-asan test run stop install clean bench fuzz fuzz-build
all: $(BINS) $(TEST_BIN)

$(B)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SANFLAGS) -c $< -o $@

$(B)/lib/libsiteaudit.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(B)/bin/siteaudit: $(CLI_SRC:%.c=$(B)/obj/%.o) $(B)/lib/libsiteaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(B)/bin/siteaudit-fcgi: $(FCGI_SRC:%.c=$(B)/obj/%.o) $(B)/lib/libsiteaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

$(B)/bin/siteaudit-runner: $(RUN_SRC:%.c=$(B)/obj/%.o) $(B)/lib/libsiteaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

# Each tests/unit/test_X.c is its own cmocka program linked against the library.
$(B)/tests/%: $(B)/obj/tests/unit/%.o $(B)/lib/libsiteaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# ASAN_B: where `make asan` builds (parallel checkouts: make asan ASAN_B=build/x-asan).
ASAN_B ?= build/asan
asan:
	$(MAKE) B=$(ASAN_B) CFLAGS="-O1 -g -fno-omit-frame-pointer" \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" all

unit: all
	scripts/run-unit $(B)/tests

unit-asan: asan
	scripts/run-unit build/asan/tests

test:
	scripts/deps
	scripts/test-all

run:
	scripts/deps
	$(MAKE) all
	scripts/stack up var

stop:
	scripts/stack down var

# In-process benchmark drivers (bench/*.c), built on demand by `make bench`.
$(B)/bench/%: $(B)/obj/bench/%.o $(B)/lib/libsiteaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -o $@ $^ $(LDLIBS)

# bench/table runs every executable bench/* script and ends with one summary
# table (docs/benchmarks.md); BENCH_QUICK=1 for shorter settings.
bench: all $(patsubst bench/%.c,$(B)/bench/%,$(wildcard bench/*.c))
	B=$(B) bench/table

# libFuzzer harnesses (fuzz/fuzz_*.c, docs/fuzzing.md). scripts/fuzz re-enters
# with CC=clang B=build/fuzz and the fuzzer-no-link sanitizers to build them
# (fuzz-build), then runs each for FUZZ_SECONDS with its seed corpus.
FUZZ_SECONDS ?= 600
$(B)/bin/fuzz_%: $(B)/obj/fuzz/fuzz_%.o $(B)/lib/libsiteaudit.a
	@mkdir -p $(dir $@)
	$(CC) $(SANFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz-build: $(patsubst fuzz/%.c,$(B)/bin/%,$(wildcard fuzz/fuzz_*.c))

fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz

install: all
	scripts/install "$(DESTDIR)" "$(PREFIX)" "$(B)"

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
