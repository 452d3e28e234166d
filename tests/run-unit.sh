#!/bin/sh
# run-unit.sh: runs each unit test binary (built with ASan + UBSan).
set -u
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
rc=0
for t in "$@"; do
	"$t" || { echo "$(basename "$t"): exited with status $?"; rc=1; }
done
exit $rc
