#!/bin/sh
# run-all.sh: every test behind `make test`. Starts the private "test"
# instance (its own MariaDB, workers and nginx, apart from `make run`'s),
# runs the template check, the unit tests under ASan+UBSan and the
# integration tests, stops the instance, and ends with "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${VRS_TEST_PORT:-18080}
export VRS_TEST_PORT=$PORT
PASSED=0
FAILED=0
SKIPPED=0
OUT=$ROOT/var/test-results
mkdir -p "$OUT"

count() {	# count FILE: add the "N passed, N failed" lines found in FILE
	eval "$(awk '/^[A-Za-z-]*:? ?[0-9]+ passed, [0-9]+ failed/ {
		for (i = 1; i <= NF; i++) {
			if ($(i+1) ~ /^passed/) p += $i
			if ($(i+1) ~ /^failed/) f += $i
			if ($(i+1) ~ /^skipped/) s += $i
		} } END { printf "p=%d f=%d s=%d\n", p, f, s }' "$1")"
	PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
}

step() { printf '\n== %s\n' "$*"; }

step "template escaping check"
if sh tests/check-templates.sh > "$OUT/templates.txt" 2>&1; then
	echo "templates: 1 passed, 0 failed" >> "$OUT/templates.txt"
else
	echo "templates: 0 passed, 1 failed" >> "$OUT/templates.txt"
fi
cat "$OUT/templates.txt"; count "$OUT/templates.txt"

step "unit tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
make --no-print-directory unit > "$OUT/unit.txt" 2>&1
rc=$?
cat "$OUT/unit.txt" | grep -v '^cc ' | tail -40
count "$OUT/unit.txt"
[ $rc = 0 ] || grep -q "failed" "$OUT/unit.txt" || FAILED=$((FAILED + 1))

step "fuzzing the importer (libFuzzer, 20 s)"
make --no-print-directory fuzz-import > "$OUT/fuzz-import.txt" 2>&1
rc=$?
grep -E '^(fuzz-import:|Done |SUMMARY|artifact_prefix)' "$OUT/fuzz-import.txt"
count "$OUT/fuzz-import.txt"
[ $rc = 0 ] || grep -q "failed" "$OUT/fuzz-import.txt" || FAILED=$((FAILED + 1))

step "starting the test instance on 127.0.0.1:$PORT"
# A low PBKDF2 cost keeps the suite fast; production keeps 600,000.
# nginx allows 2m so the program's own 1 MiB limit is what the tests meet.
# max_fields is lowered so the query-string limit test fits in a URL.
# Pooled views are sealed every second, so the access log tests see seals.
if ! sh etc/dev/stack.sh up test "$PORT" "pbkdf2_iterations = 1000
workers = 3
max_fields = 800
access_seal_seconds = 1" 2m; then
	echo "stack: 0 passed, 1 failed"
	FAILED=$((FAILED + 1))
else
	step "integration tests (nginx -> FastCGI -> MariaDB; Apache; Chromium)"
	/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/integration \
		-o junit_family=xunit2 --junitxml="$OUT/junit.xml" 2>&1 |
		tee "$OUT/integration.txt" | tail -60
	eval "$(/usr/bin/python3 - "$OUT/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
try:
    r = ET.parse(sys.argv[1]).getroot()
    s = r if r.tag == "testsuite" else r.find("testsuite")
    t, f, e, k = (int(s.get(x, 0)) for x in ("tests", "failures", "errors", "skipped"))
    print("p=%d f=%d s=%d" % (t - f - e - k, f + e, k))
except Exception:
    print("p=0 f=1 s=0")
PY
)"
	PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
fi
sh etc/dev/stack.sh stop test > /dev/null 2>&1

echo
if [ "$SKIPPED" -gt 0 ]; then
	echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
	echo "$PASSED passed, $FAILED failed"
fi
[ "$FAILED" = 0 ]
