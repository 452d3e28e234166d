# VRS-MSRC: build, run and test. `make help` lists the targets.
# Local overrides (compiler, paths) go in config.mk, which is not tracked.
-include config.mk

CC ?= cc
PREFIX ?= /usr/local
DESTDIR ?=
PORT ?= 8080
OPT ?= -O2 -g

CS_CFLAGS = -I/usr/include/ClearSilver
CS_LIBS = -lneo_cgi -lneo_cs -lneo_utl -lz
PKGS = libmariadb openssl fcgi libxml-2.0
WARN = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2
CFLAGS ?=
ALL_CFLAGS = $(WARN) $(OPT) -pthread -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
	$(CS_CFLAGS) $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
	$(CPPFLAGS) $(CFLAGS)
LIBS = $(CS_LIBS) $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
# libcurl (the OpenSSL flavour, as the rest of the program) sends mail;
# only vrsadm links it.
CURL_LIBS = $(shell pkg-config --libs libcurl 2>/dev/null || echo -lcurl)
SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

# Modules shared by the web program, vrsadm and the unit tests.
CORE = arena auth config csrf datasets db db-access db-exchange db-history db-jurisdiction db-mail db-record db-report \
	db-sharing db-user export form import log mail notify policy record sql util valid
# Modules of the web program only.
WEB = dispatch grid main page-account page-auth page-code page-exchange page-grid page-home \
	page-incident page-kept page-narrative page-period page-pooled page-report page-route record-form record-web \
	history-view page-users refcache req resp review routes session

B = build
CORE_O = $(CORE:%=$(B)/%.o)
WEB_O = $(WEB:%=$(B)/%.o)
UNIT = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test-*.c))

.PHONY: all run stop test unit integration check-templates bench install \
	clean help deps deb fuzz-import

all: $(B)/vrs.fcgi $(B)/vrsadm

help:
	@echo "make            build build/vrs.fcgi and build/vrsadm"
	@echo "make run        install missing Debian packages (as root), build, start"
	@echo "                MariaDB + workers + nginx on 127.0.0.1:\$$PORT (default 8080)"
	@echo "                and an SMTP sink on \$$SMTP_PORT (default 8025; mail in var/run/mail/)"
	@echo "                (var/run/vrsadm is vrsadm with that instance's configuration)"
	@echo "make stop       stop what 'make run' started (data is kept in var/run/)"
	@echo "make test       same set-up on a separate instance, then every test"
	@echo "make unit       unit tests only, under ASan + UBSan"
	@echo "make fuzz-import  fuzz the importer (libFuzzer) for \$$FUZZ_TIME s (default 20)"
	@echo "make bench      benchmarks (tests/bench/): login against nginx; data pages against /account/password; saves under load; exchange"
	@echo "                static and a bare FastCGI responder, grid saves; XML export and import"
	@echo "                against mariadb-dump --xml and xmllint --stream; ratios; the raw"
	@echo "                and gzip weight of each main page"
	@echo "make install    install under \$$DESTDIR\$$PREFIX (default /usr/local)"
	@echo "make deb        build the Debian package into build/deb/"
	@echo "make deps       install the missing Debian packages (root only)"
	@echo "make clean      remove build/ (not var/)"

$(B):
	mkdir -p $(B) $(B)/san $(B)/unit

$(B)/%.o: cgi/%.c cgi/*.h | $(B)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/vrs.fcgi: $(CORE_O) $(WEB_O)
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(LIBS)

$(B)/vrsadm: $(CORE_O) $(B)/vrsadm.o $(B)/vrsadm-demo.o $(B)/vrsadm-exchange.o \
		$(B)/vrsadm-mail.o
	$(CC) $(OPT) $(LDFLAGS) -o $@ $^ $(LIBS) $(CURL_LIBS)

# Sanitizer builds of the same sources, for the unit tests.
$(B)/san/%.o: cgi/%.c cgi/*.h | $(B)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -c $< -o $@

$(B)/unit/%: tests/unit/%.c tests/unit/unit.h $(CORE:%=$(B)/san/%.o) | $(B)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -Icgi -o $@ $< $(CORE:%=$(B)/san/%.o) $(LIBS)

# The fuzz-import unit test includes its harness.
$(B)/unit/test-fuzz-import: tests/fuzz/fuzz-import.c

# The importer's fuzz harness under libFuzzer (clang): `make fuzz-import`
# fuzzes for FUZZ_TIME seconds (leaks checked) on a copy of
# tests/fuzz/import/ and prints
# "fuzz-import: N passed, N failed", or "skipped" without clang+libFuzzer.
FUZZ_CC ?= clang
FUZZ_TIME ?= 20
FUZZ_SAN = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

$(B)/fuzz/%.o: cgi/%.c cgi/*.h | $(B)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -O1 -c $< -o $@

$(B)/fuzz-import: tests/fuzz/fuzz-import.c $(CORE:%=$(B)/fuzz/%.o)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -O1 -DFUZZ_LIBFUZZER \
		-Icgi -o $@ $< $(CORE:%=$(B)/fuzz/%.o) $(LIBS)

fuzz-import:
	@if ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n) { return d[0] + n; }' | \
	    $(FUZZ_CC) -fsanitize=fuzzer -x c - -o /dev/null >/dev/null 2>&1; then \
		echo "fuzz-import: skipped (clang with libFuzzer not installed)"; exit 0; fi; \
	d=$$(mktemp -d) && cp tests/fuzz/import/* "$$d"/ && \
	if $(MAKE) --no-print-directory $(B)/fuzz-import && \
	    $(B)/fuzz-import -max_total_time=$(FUZZ_TIME) -timeout=10 \
		-artifact_prefix=$(B)/fuzz-import- "$$d"; then \
		rm -rf "$$d"; echo "fuzz-import: 1 passed, 0 failed"; \
	else rm -rf "$$d"; echo "fuzz-import: 0 passed, 1 failed"; exit 1; fi

.SECONDARY:

deps:
	@sh etc/dev/stack.sh deps

run: all
	@sh etc/dev/stack.sh run $(PORT)

stop:
	@sh etc/dev/stack.sh stop

unit: $(UNIT:%=$(B)/unit/%)
	@sh tests/run-unit.sh $(UNIT:%=$(B)/unit/%)

check-templates:
	@sh tests/check-templates.sh

test:
	@sh etc/dev/stack.sh deps
	@$(MAKE) --no-print-directory all
	@sh tests/run-all.sh

bench: all
	@sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/lib/vrs-msrc $(DESTDIR)$(PREFIX)/sbin \
		$(DESTDIR)$(PREFIX)/share/vrs-msrc/templates/lang \
		$(DESTDIR)$(PREFIX)/share/vrs-msrc/static \
		$(DESTDIR)$(PREFIX)/share/vrs-msrc/db/migrations \
		$(DESTDIR)/etc/vrs-msrc
	install -m 0755 $(B)/vrs.fcgi $(DESTDIR)$(PREFIX)/lib/vrs-msrc/vrs.fcgi
	install -m 0755 $(B)/vrsadm $(DESTDIR)$(PREFIX)/sbin/vrsadm
	install -m 0644 templates/*.cs templates/*.html \
		$(DESTDIR)$(PREFIX)/share/vrs-msrc/templates/
	install -m 0644 templates/lang/*.hdf \
		$(DESTDIR)$(PREFIX)/share/vrs-msrc/templates/lang/
	install -m 0644 static/* $(DESTDIR)$(PREFIX)/share/vrs-msrc/static/
	install -m 0644 db/migrations/*.sql \
		$(DESTDIR)$(PREFIX)/share/vrs-msrc/db/migrations/
	test -e $(DESTDIR)/etc/vrs-msrc/vrs.conf || \
		install -m 0640 etc/vrs.conf.sample $(DESTDIR)/etc/vrs-msrc/vrs.conf
	@# On a real system the service account's group may read it.
	if [ -z "$(DESTDIR)" ] && getent group vrs-msrc >/dev/null; then \
		chgrp vrs-msrc /etc/vrs-msrc/vrs.conf; fi

VERSION = $(shell sed -n '1s/.*(\(.*\)).*/\1/p' debian/changelog)

# The Debian package, built from a copy of the tracked files so the tree
# stays clean; the .deb lands in build/deb/. Needs debhelper and dpkg-dev.
deb:
	rm -rf $(B)/deb && mkdir -p $(B)/deb/vrs-msrc-$(VERSION)
	git ls-files -z | xargs -0 cp --parents -t $(B)/deb/vrs-msrc-$(VERSION)
	cd $(B)/deb/vrs-msrc-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls $(B)/deb/*.deb

clean:
	rm -rf $(B)
