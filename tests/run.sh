#!/bin/sh
# Runs every test binary given, prints its output, and appends its counts to
# BUILD/test-results.txt ("name passed failed"). Exit status: 1 if any failed.
# With JOURNEYSIM_SANITIZED=1 (the ASan + UBSan build) only unit tests run:
# tests whose name starts with test_cli_ drive ./journeysim and run once, in
# the normal build.
build=$1; shift
results=$build/test-results.txt
: > "$results"
status=0
for t in "$@"; do
	name=$(basename "$t")
	case "$name" in test_cli_*) [ "${JOURNEYSIM_SANITIZED:-0}" = 1 ] && continue ;; esac
	out=$build/tests/$name.log
	JOURNEYSIM_BIN=./journeysim "$t" > "$out" 2>&1
	rc=$?
	cat "$out"
	passed=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
	failed=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {print s+0}')
	if [ $rc -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "$name: exited with status $rc" >&2; fi
	echo "$name $passed $failed" >> "$results"
	[ "$failed" -eq 0 ] || status=1
done
exit $status
