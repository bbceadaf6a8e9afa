# addon-doctor - the only build.  `make` needs a C11 compiler and libc.
#   make              ./addon-doctor (optimised)
#   make check        every test, under ASan+UBSan, ending "N passed, N failed, N skipped"
#   make asan         build/asan/addon-doctor only
#   make clean

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64 \
           -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wformat=2 -Wno-format-nonliteral
SAN      = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC     := $(sort $(wildcard src/*/*.c))
DATA    := $(sort $(wildcard data/*.tsv data/*.json))
OBJ     := $(SRC:src/%.c=build/obj/%.o) build/obj/gen/data.o
ASANOBJ := $(SRC:src/%.c=build/asan/%.o) build/asan/gen/data.o
HDR     := $(wildcard src/*/*.h) build/gen/data.h

all: addon-doctor

addon-doctor: $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

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
	$(CC) $(SAN) -o $@ $(ASANOBJ)

build/asan/gen/data.o: build/gen/data.c
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -c -o $@ $<

build/asan/%.o: src/%.c $(HDR)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -Ibuild/gen $(SAN) -c -o $@ $<

check: addon-doctor build/asan/addon-doctor
	tests/run.sh

clean:
	rm -rf build addon-doctor

.PHONY: all asan check clean
