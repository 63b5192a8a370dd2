# yoke — build, run, test, bench.
#
#   make          build bin/yoked, bin/yoke, bin/yokectl (installs missing Debian packages first)
#   make run      build, load the demo plant into ./var if empty, start yoked, open a station terminal
#   make test     build with AddressSanitizer+UBSan and run every test; ends with "N passed, N failed"
#   make bench    throughput/latency against a raw ZeroMQ+LMDB baseline (not a test)
#   make fuzz     run each fuzz target for a bounded time (clang, libFuzzer)
#   make man      the manual pages yoked(8), yoke(1), yokectl(1), yoke-defs(5) in build/man/
#   make install  programs, manual pages, catalogues and yoked's systemd unit under PREFIX
#                 (/usr/local; DESTDIR for a staging tree); make uninstall removes them
#
# Sources are found by wildcard; objects go under build/<mode>/.

MODE     ?= release
CC       ?= cc
WARN      = -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Werror
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
GEN       = build/gen
INCLUDES  = -I. -I$(GEN)
# The barcode readers of shared/scan/ (zbar, libdmtx) as pkg-config names
# them (the plain -l names when pkg-config or a .pc is not there yet).
SCAN_PC   = libdmtx zbar
SCAN_LIBS := $(shell pkg-config --libs $(SCAN_PC) 2>/dev/null || echo -ldmtx -lzbar)
SCAN_CFLAGS := $(shell pkg-config --cflags $(SCAN_PC) 2>/dev/null)
LIBS      = -llmdb -lzmq -lsodium -lcurl -lprotobuf-c -lqrencode -lpng $(SCAN_LIBS) -lncursesw -lm -lpthread
# yoke-bridge's MQTT client; the tests' broker helper (tests/lib/mqtt.c) too.
MQTT_LIBS = -lmosquitto

ifeq ($(MODE),san)
  OPT     = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  LDOPT   = -fsanitize=address,undefined
  BIN     = build/san/bin
else
  OPT     = -O2 -g
  LDOPT   =
  BIN     = bin
endif

OBJ       = build/$(MODE)
CFLAGS   += $(CSTD) $(OPT) $(WARN) $(INCLUDES) $(SCAN_CFLAGS) -MMD -MP
# Generated protobuf-c code is not ours to fix; it still gets -Wall -Werror.
GENFLAGS  = $(CSTD) $(OPT) -Wall -Werror $(INCLUDES) -MMD -MP

PROTOS    = $(wildcard proto/*.proto)
PROTO_C   = $(patsubst %.proto,$(GEN)/%.pb-c.c,$(PROTOS))
PROTO_H   = $(PROTO_C:.c=.h)

LIB_SRC   = $(wildcard shared/*.c shared/*/*.c) $(wildcard proto/*.c)
SRV_SRC   = $(filter-out server/yoked.c,$(wildcard server/*.c server/*/*.c))
YOKE_SRC  = $(wildcard terminal/*.c)
CTL_SRC   = $(wildcard terminal/ctl/*.c)
BRIDGE_SRC = $(wildcard bridge/*.c)
TLIB_SRC  = $(wildcard tests/lib/*.c)
UNIT_SRC  = $(wildcard tests/unit/test_*.c)
IT_SRC    = $(wildcard tests/integration/it_*.c)
BENCH_SRC = $(wildcard tests/bench/*.c)

LIB_OBJ   = $(LIB_SRC:%.c=$(OBJ)/%.o) $(PROTO_C:$(GEN)/%.c=$(OBJ)/gen/%.o)
SRV_OBJ   = $(SRV_SRC:%.c=$(OBJ)/%.o)
YOKE_OBJ  = $(YOKE_SRC:%.c=$(OBJ)/%.o)
CTL_OBJ   = $(CTL_SRC:%.c=$(OBJ)/%.o)
BRIDGE_OBJ = $(BRIDGE_SRC:%.c=$(OBJ)/%.o)
TLIB_OBJ  = $(TLIB_SRC:%.c=$(OBJ)/%.o)

LIBYOKE   = $(OBJ)/libyoke.a
LIBYOKED  = $(OBJ)/libyoked.a
LIBTEST   = $(OBJ)/libtest.a
# The terminal's pieces without its main, for the unit tests of its logic.
LIBTERM   = $(OBJ)/libterm.a
TERM_OBJ  = $(filter-out $(OBJ)/terminal/yoke.o,$(YOKE_OBJ))
# yokectl's pieces without its main, likewise.
LIBCTL    = $(OBJ)/libctl.a
CTLLIB_OBJ = $(filter-out $(OBJ)/terminal/ctl/ctl.o,$(CTL_OBJ))

UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(OBJ)/tests/%)
IT_BIN    = $(IT_SRC:tests/integration/%.c=$(OBJ)/tests/%)
BENCH_BIN = $(BENCH_SRC:tests/bench/%.c=$(OBJ)/bench/%)
# yoke-bridge (bridge/yoke-bridge.c): equipment data from MQTT to yoked.
PROGRAMS  = $(BIN)/yoked $(BIN)/yoke $(BIN)/yokectl $(BIN)/yoke-bridge

# Message catalogues: po/<lang>/*.po, one part per program area (shared,
# server, terminal, ctl), merged into one text domain "yoke" and compiled
# beside the programs' bin/ (bin/../share/locale, where i18n.c looks).
LANGS     = zh_CN
LOCALE    = $(BIN)/../share/locale
CATALOGS  = $(LANGS:%=$(LOCALE)/%/LC_MESSAGES/yoke.mo)

.PHONY: all deps run test tests bench fuzz clean man install uninstall FORCE
.SECONDARY:

all: deps $(PROGRAMS) $(CATALOGS)

# Debian packages the build, the demo and the tests need. Installed only
# when missing (as root, with apt-get update first).
# gettext: the catalogue tools; locales: zh_CN.UTF-8 (generated below, as
# the language of a thread needs its system locale).
# go-md2man: the manual pages from their Markdown in docs/ (make man).
# libmosquitto-dev, mosquitto: yoke-bridge's MQTT client, and the broker
# the equipment tests start on loopback.
# libzbar-dev, libdmtx-dev: the barcode readers (shared/scan/, labels).
# chromium: it_report_html renders yokectl's HTML report headless.
# python3-jsonschema: it_export checks the EPCIS documents against GS1's
# schema (tests/data/epcis/) with /usr/bin/python3.
DEB_PKGS = build-essential pkg-config libncurses-dev libzmq3-dev libsodium-dev liblmdb-dev libqrencode-dev \
           libzbar-dev libdmtx-dev libpng-dev protobuf-c-compiler libprotobuf-c-dev tmux clang \
           libclang-rt-14-dev gettext locales man-db groff-base go-md2man \
           libcurl4-openssl-dev python3-aiosmtpd libmosquitto-dev mosquitto \
           python3-jsonschema chromium
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing missing packages:" $$missing; \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: run as root (apt-get) or install:" $$missing; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@if ! locale -a 2>/dev/null | grep -qix 'zh_CN.utf-\{0,1\}8'; then \
	  if [ "$$(id -u)" != 0 ]; then echo "make deps: run as root, or: localedef -i zh_CN -f UTF-8 zh_CN.UTF-8"; exit 1; fi; \
	  echo "generating the zh_CN.UTF-8 locale"; localedef -i zh_CN -f UTF-8 zh_CN.UTF-8; \
	fi

# The GS1 AI table and code lists, generated from the GS1 syntax dictionary
# and the lists in assets/gs1/ (README.md there) with awk, which every Debian
# system has: a new GS1 release is a new copy of the dictionary file.
GS1_DICT  = $(GEN)/shared/gs1/gs1_dict.inc
GS1_CODES = $(GEN)/shared/gs1/gs1_codes.inc
GS1_AWK   = shared/gs1/gen/gs1_dict.awk
$(GS1_DICT): assets/gs1/gs1-syntax-dictionary.txt $(GS1_AWK)
	@mkdir -p $(dir $@)
	awk -v part=table -f $(GS1_AWK) $< >$@.tmp && mv $@.tmp $@
$(GS1_CODES): assets/gs1/iso3166-1.txt assets/gs1/iso4217.txt assets/gs1/packagetype.txt $(GS1_AWK)
	@mkdir -p $(dir $@)
	awk -v part=codes -f $(GS1_AWK) $(filter %.txt,$^) >$@.tmp && mv $@.tmp $@
$(OBJ)/shared/gs1/gs1_ai.o: $(GS1_DICT)
$(OBJ)/shared/gs1/gs1_lint_codes.o: $(GS1_CODES)

$(GEN)/%.pb-c.c $(GEN)/%.pb-c.h: %.proto
	@mkdir -p $(GEN)
	protoc-c --c_out=$(GEN) $(PROTOS)

# The commit and date --version prints (shared/version.h); rewritten only
# when they change, so a build without changes rebuilds nothing.
BUILD_COMMIT := $(shell git describe --always --dirty 2>/dev/null || echo unknown)
BUILD_DATE   := $(shell date -u +%Y-%m-%d)
$(GEN)/build_info.h: FORCE
	@mkdir -p $(GEN)
	@printf '#define YOKE_BUILD_COMMIT "%s"\n#define YOKE_BUILD_DATE "%s"\n' '$(BUILD_COMMIT)' '$(BUILD_DATE)' \
	    >$@.tmp && if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(OBJ)/shared/version.o: $(GEN)/build_info.h
FORCE:

$(OBJ)/gen/%.o: $(GEN)/%.c | $(PROTO_H)
	@mkdir -p $(dir $@)
	$(CC) $(GENFLAGS) -c $< -o $@

$(OBJ)/%.o: %.c | $(PROTO_H)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIBYOKE): $(LIB_OBJ)
	@rm -f $@; ar rcs $@ $^
$(LIBYOKED): $(SRV_OBJ)
	@rm -f $@; ar rcs $@ $^
$(LIBTEST): $(TLIB_OBJ)
	@rm -f $@; ar rcs $@ $^
$(LIBTERM): $(TERM_OBJ)
	@rm -f $@; ar rcs $@ $^
$(LIBCTL): $(CTLLIB_OBJ)
	@rm -f $@; ar rcs $@ $^

$(BIN)/yoked: $(OBJ)/server/yoked.o $(LIBYOKED) $(LIBYOKE)
	@mkdir -p $(BIN)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS)
$(BIN)/yoke: $(YOKE_OBJ) $(LIBYOKE)
	@mkdir -p $(BIN)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS)
$(BIN)/yokectl: $(CTL_OBJ) $(LIBYOKE)
	@mkdir -p $(BIN)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS)
$(BIN)/yoke-bridge: $(BRIDGE_OBJ) $(LIBYOKE)
	@mkdir -p $(BIN)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS) $(MQTT_LIBS)

$(OBJ)/tests/%: $(OBJ)/tests/unit/%.o $(LIBTEST) $(LIBTERM) $(LIBCTL) $(LIBYOKED) $(LIBYOKE)
	@mkdir -p $(dir $@)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS) $(MQTT_LIBS)
$(OBJ)/tests/%: $(OBJ)/tests/integration/%.o $(LIBTEST) $(LIBYOKED) $(LIBYOKE)
	@mkdir -p $(dir $@)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS) $(MQTT_LIBS)
$(OBJ)/bench/%: $(OBJ)/tests/bench/%.o $(LIBTEST) $(LIBYOKED) $(LIBYOKE)
	@mkdir -p $(dir $@)
	$(CC) $(LDOPT) -o $@ $^ $(LIBS) $(MQTT_LIBS)

.SECONDEXPANSION:
$(LOCALE)/%/LC_MESSAGES/yoke.mo: $$(wildcard po/$$*/*.po)
	@mkdir -p $(dir $@) $(OBJ)/po
	msgcat --force-po --use-first -o $(OBJ)/po/$*.po $^
	msgfmt --check -o $@ $(OBJ)/po/$*.po

tests: $(PROGRAMS) $(CATALOGS) $(UNIT_BIN) $(IT_BIN)

# Manual pages. Their source is Markdown in docs/, the same text people read
# in the repository: docs/man/<name>.<section>.md, and docs/definitions.md
# for yoke-defs(5). go-md2man turns it into man(7) roff. Markdown rather than
# mdoc: the definition file format was already a Markdown document that
# engineers read beside their .def files, and one source readable in both
# places cannot drift; mdoc would make the docs a rendering of the pages.
# A source's first line ("# yoked(8) - ...") is its title on the web; the
# page's title line (name, section, date of the source's last commit, yoke
# version) is written here instead. "'\" t" asks man for tbl (tables); .nh
# after .TH (which turns hyphenation on again) keeps paths and options whole,
# .ad l spares long options wide gaps. go-md2man 2.0.2 breaks a table whose
# cells wrap, so the pages use lists. tests/checks/man.sh renders each page.
MAN_PAGES = yoked.8 yoke.1 yokectl.1 yoke-defs.5 yoke-bridge.8
MAN_OUT   = build/man
YOKE_VERSION := $(shell sed -n 's/^.define YOKE_VERSION "\(.*\)"/\1/p' shared/version.h)
define man_page
	@mkdir -p $(MAN_OUT)
	@page=$(notdir $@); name=$${page%.*}; section=$${page##*.}; \
	case $$section in 1) manual="User Commands";; 5) manual="File Formats";; *) manual="System Administration";; esac; \
	date=$$(git log -1 --format=%cs -- $< 2>/dev/null); \
	{ echo "% $$(echo "$$name" | tr a-z A-Z) $$section \"$${date:-$(BUILD_DATE)}\" \"yoke $(YOKE_VERSION)\" \"$$manual\""; \
	  echo; sed '1{/^# /d;}' $<; } | go-md2man >$@.tmp && \
	{ printf '%s\n' "'\\\" t"; sed 's/^\(\.TH .*\)$$/\1\n.nh\n.ad l/' $@.tmp; } >$@ && rm -f $@.tmp
endef
man: $(MAN_PAGES:%=$(MAN_OUT)/%)
$(MAN_OUT)/yoke-defs.5: docs/definitions.md shared/version.h
	$(man_page)
$(MAN_OUT)/%: docs/man/%.md shared/version.h
	$(man_page)

# make install: the programs of MODE (bin/ for release), the manual pages,
# the compiled catalogues and yoked's systemd unit, under PREFIX and below
# DESTDIR when given (a package's staging tree). It builds only what is
# missing or out of date, as any target does. The catalogues go to
# PREFIX/share/locale, where i18n.c looks (bin/../share/locale). The unit goes
# where systemd finds units of a local install, PREFIX/lib/systemd/system
# (/usr/local/lib/systemd/system; /usr/lib/systemd/system for PREFIX=/usr),
# with its ExecStart pointing at PREFIX/bin; UNITDIR overrides the place.
# make uninstall removes exactly the files install writes (INSTALLED); the
# directories stay, as others may share them.
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
MANDIR    = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale
UNITDIR  ?= $(PREFIX)/lib/systemd/system
man_path  = $(MANDIR)/man$(subst .,,$(suffix $(1)))/$(1)
INSTALLED = $(PROGRAMS:$(BIN)/%=$(BINDIR)/%) $(foreach p,$(MAN_PAGES),$(call man_path,$(p))) \
            $(LANGS:%=$(LOCALEDIR)/%/LC_MESSAGES/yoke.mo) $(UNITDIR)/yoked.service
install: $(PROGRAMS) $(CATALOGS) man
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" \
	    $(sort $(foreach f,$(INSTALLED),$(if $(filter $(MANDIR)/% $(LOCALEDIR)/%,$(f)),"$(DESTDIR)$(dir $(f))")))
	install -m 0755 $(PROGRAMS) "$(DESTDIR)$(BINDIR)/"
	$(foreach p,$(MAN_PAGES),install -m 0644 $(MAN_OUT)/$(p) "$(DESTDIR)$(call man_path,$(p))" &&) true
	$(foreach l,$(LANGS),install -m 0644 $(LOCALE)/$(l)/LC_MESSAGES/yoke.mo \
	    "$(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/yoke.mo" &&) true
	sed 's|@BINDIR@|$(BINDIR)|g' assets/systemd/yoked.service >"$(DESTDIR)$(UNITDIR)/yoked.service"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/yoked.service"
uninstall:
	rm -f $(INSTALLED:%="$(DESTDIR)%")

# Demo: a fresh data directory gets the demo plant and one work order.
DATA ?= var
PORT ?= 7700
STATION ?= SMT-1
run: all
	@sh tests/lib/demo.sh "$(DATA)" "$(PORT)" "$(STATION)"

test: deps
	@$(MAKE) --no-print-directory MODE=san tests
	@sh tests/run.sh build/san

bench: deps
	@$(MAKE) --no-print-directory MODE=release all $(BENCH_BIN)
	@sh tests/bench/run.sh build/release

FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_SECONDS ?= 20
fuzz: deps $(PROTO_H) $(GS1_DICT) $(GS1_CODES)
	@sh tests/fuzz/run.sh "$(FUZZ_SECONDS)" $(FUZZ_SRC)

clean:
	rm -rf build bin share

-include $(shell find build -name '*.d' 2>/dev/null)
