# addon-doctor - the only build.  `make` needs a C11 compiler and libc.
#   make              ./addon-doctor (optimised)
#   make check        every test, under ASan+UBSan, ending "N passed, N failed, N skipped"
#                     (V=1: every line of every test; JOBS=N: test files at once)
#   make asan         build/asan/addon-doctor only
#   make clean
# Builds run one job per CPU unless the command line says otherwise
# (`make -j1` for one at a time).

# The default -j: GNU make 4.3 takes a -j given on the command line over
# this one (and hides it from MAKEFLAGS here); 4.4 shows it, hence the
# filter.  Only the top-level make (a sub-make shares its parent's jobs),
# and not with clean among the goals (`make clean all` would run both at once).
ifeq ($(MAKELEVEL)$(filter -j% --jobs%,$(MAKEFLAGS))$(filter clean,$(MAKECMDGOALS)),0)
NPROC := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
MAKEFLAGS += -j$(NPROC)
endif

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 \
           -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wformat=2 -Wno-format-nonliteral
SAN      = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

# Optional: libarchive (Debian libarchive-dev) for scan --image; without it
# --image says the build has no image support and everything else is the same.
# Only src/image/ sees it; the wasm and fuzz builds never do.
HAVE_LIBARCHIVE := $(shell pkg-config --exists libarchive 2>/dev/null && echo yes)
ifeq ($(HAVE_LIBARCHIVE),yes)
IMAGE_FLAGS := -DAD_HAVE_LIBARCHIVE $(shell pkg-config --cflags libarchive)
IMAGE_LIBS  := $(shell pkg-config --libs libarchive)
endif
build/obj/image/%.o build/asan/image/%.o: WARN += $(IMAGE_FLAGS)

SRC     := $(sort $(wildcard src/*/*.c))
DATA    := $(sort $(wildcard data/*.tsv data/*.json))
OBJ     := $(SRC:src/%.c=build/obj/%.o) build/obj/gen/data.o
ASANOBJ := $(SRC:src/%.c=build/asan/%.o) build/asan/gen/data.o
HDR     := $(wildcard src/*/*.h) build/gen/data.h

all: addon-doctor example

# The version has one home, npm/package.json (npm needs it there); cli/main.c
# gets it as AD_VERSION for --version.
AD_VERSION := $(shell sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' npm/package.json)
VERSIONED  := build/obj/cli/main.o build/asan/cli/main.o build/wasm/cli/main.o
$(VERSIONED): npm/package.json
$(VERSIONED): WARN += -DAD_VERSION='"$(AD_VERSION)"'

addon-doctor: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS) $(IMAGE_LIBS)

build/embed: tools/embed.c
	@mkdir -p build
	$(CC) -O1 -o $@ tools/embed.c

build/gen/data.c build/gen/data.h: build/embed $(DATA)
	@mkdir -p build/gen
	build/embed build/gen/data.c build/gen/data.h $(DATA)

build/obj/gen/data.o: build/gen/data.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

build/obj/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Ibuild/gen $(CFLAGS) -c -o $@ $<

asan: build/asan/addon-doctor

build/asan/addon-doctor: $(ASANOBJ)
	$(CC) $(SAN) -o $@ $(ASANOBJ) $(IMAGE_LIBS)

build/asan/gen/data.o: build/gen/data.c
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -c -o $@ $<

build/asan/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Ibuild/gen $(SAN) -c -o $@ $<

# tests/run.sh runs the test files JOBS at a time (default: one per CPU) and
# prints one line per file; V=1 prints every line.
check: addon-doctor build/asan/addon-doctor
	V='$(V)' JOBS='$(JOBS)' tests/run.sh

clean:
	rm -rf build addon-doctor

.PHONY: all asan check clean

# --- the example project scanned by `./addon-doctor` in this tree (issue 4) --
# examples/build.sh compiles examples/src into examples/demo/node_modules;
# build/CACHEDIR.TAG makes scans skip test fixtures under build/.
example: examples/demo/node_modules/.built build/CACHEDIR.TAG

examples/demo/node_modules/.built: examples/build.sh $(wildcard examples/src/*.c)
	sh examples/build.sh examples/demo && touch $@

build/CACHEDIR.TAG:
	@mkdir -p build
	printf 'Signature: 8a477f597d28d172789f06886806bc55\n# addon-doctor build output: scans skip it\n' >$@

.PHONY: example

# --- fuzzing (clang + libFuzzer) --------------------------------------------
#   make fuzz FUZZ_SECONDS=60     run every target for that long each
FUZZ_SECONDS ?= 10
FUZZCC       ?= clang
FUZZFLAGS     = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS  = parse elf macho pe json check explain lib nodebin ldcache
FUZZOBJ      := $(filter-out build/fuzz/cli/%,$(SRC:src/%.c=build/fuzz/%.o)) build/fuzz/gen/data.o

build/fuzz/gen/data.o: build/gen/data.c
	@mkdir -p $(dir $@)
	$(FUZZCC) $(FUZZFLAGS) -c -o $@ $<

build/fuzz/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(FUZZCC) $(WARN) -Ibuild/gen $(FUZZFLAGS) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_parse.c $(FUZZOBJ)
	$(FUZZCC) -std=c11 -Isrc -Ibuild/gen -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-DFUZZ_TARGET=$$(case $* in parse) echo 0;; elf) echo 1;; macho) echo 2;; pe) echo 3;; json) echo 4;; esac) \
		-o $@ tests/fuzz/fuzz_parse.c $(FUZZOBJ)

# the loader on a fuzzed addon, and explain's message parser: their own sources;
# lib, nodebin, ldcache: the fuzzed bytes are what an addon is loaded against
# (a library it needs, the node executable, ld.so.cache), fuzz_addon.h the addon
build/fuzz/fuzz_check build/fuzz/fuzz_explain build/fuzz/fuzz_lib build/fuzz/fuzz_nodebin build/fuzz/fuzz_ldcache: \
		build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_addon.h $(FUZZOBJ)
	$(FUZZCC) -std=c11 -Isrc -Ibuild/gen -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-o $@ tests/fuzz/fuzz_$*.c $(FUZZOBJ)

fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

.PHONY: fuzz fuzz-build

# --- WebAssembly (WASI) build for `npx addon-doctor` (issue 6) ---------------
# Same sources, no mmap anywhere (io/rfile.c reads with pread), so both builds
# share every code path.  Needs Debian's wasi-libc and libclang-rt-14-dev-wasm32.
WASMCC       ?= clang
WASI_SYSROOT ?= /usr
WASMFLAGS     = --target=wasm32-wasi --sysroot=$(WASI_SYSROOT) -O2 -include src/util/compat.h
WASMOBJ      := $(SRC:src/%.c=build/wasm/%.o) build/wasm/gen/data.o
# wasm-ld gives 64 KiB of stack by default, less than the native code was
# written for (64 KiB read buffers live on the stack): real paths overflowed
# it.  8 MiB, like a Linux main thread; --stack-first puts the stack below
# the data so an overflow traps instead of corrupting memory.
WASM_STACK   ?= 8388608

wasm: npm/addon-doctor.wasm

npm/addon-doctor.wasm: $(WASMOBJ)
	$(WASMCC) $(WASMFLAGS) -Wl,--strip-debug -Wl,-z,stack-size=$(WASM_STACK) -Wl,--stack-first -o $@ $(WASMOBJ)

build/wasm/gen/data.o: build/gen/data.c
	@mkdir -p $(dir $@)
	$(WASMCC) $(WASMFLAGS) -c -o $@ $<

build/wasm/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(WASMCC) $(WARN) -Ibuild/gen $(WASMFLAGS) -c -o $@ $<

.PHONY: wasm

# --- install ------------------------------------------------------------------
#   make install PREFIX=/usr/local [DESTDIR=...]
PREFIX ?= /usr/local

build/addon-doctor.1: addon-doctor tools/gen-man.sh
	@mkdir -p build
	sh tools/gen-man.sh ./addon-doctor >$@

man: build/addon-doctor.1

install: addon-doctor build/addon-doctor.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 addon-doctor $(DESTDIR)$(PREFIX)/bin/addon-doctor
	install -m 644 build/addon-doctor.1 $(DESTDIR)$(PREFIX)/share/man/man1/addon-doctor.1
	install -m 644 tools/addon-doctor.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/addon-doctor

.PHONY: man install
