#!/bin/sh
# fuzz.sh - coverage-guided fuzzing with AFL++ (make fuzz; not part of make
# test). Two harnesses, built by make fuzz with afl-clang-fast under
# AddressSanitizer and UBSan (AFL_USE_ASAN=1 AFL_USE_UBSAN=1):
#
#   fuzz_load   loads and validates a scenario file (journeysim check)
#   fuzz_run    loads it and runs a tiny simulation of each scenario (one
#               replication, a short horizon, capped work): the samplers and
#               the engine meet the fuzzed parameters too
#
# The corpus is every shipped and test config (config/, tests/), copied and
# minimised (afl-cmin) here at run time: nothing of it is kept in the repo
# but tests/fuzz/config.dict, the words of the format and extreme numbers.
# Each input is loaded from a folder of its own (FUZZ_DIR) that holds only the
# files the corpus @includes, so a fuzzed @include can reach nothing else.
#
# Every config of the corpus is run through each harness once first (AFL++
# skips a seed that crashes). FUZZ_SECONDS (default 600) are split between the
# harnesses. Printed per
# harness, from AFL++'s fuzzer_stats: executions, edges (coverage), crashes,
# hangs. Every crash or hang is kept in fuzz-findings/ (the input, and the log
# of running it again) and makes the script fail.
#
#   make fuzz FUZZ_SECONDS=120
set -u
build=${FUZZ_BUILD:-build-fuzz}
seconds=${FUZZ_SECONDS:-600}
findings=${FUZZ_FINDINGS:-fuzz-findings}
harnesses="fuzz_load fuzz_run"
timeout_ms=2000
for h in $harnesses; do
	[ -x "$build/fuzz/$h" ] || { echo "fuzz: $build/fuzz/$h is missing (make fuzz builds it)" >&2; exit 1; }
done
command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing (Debian package afl++)" >&2; exit 1; }
case $seconds in '' | *[!0-9]*) echo "fuzz: FUZZ_SECONDS must be a whole number, got '$seconds'" >&2; exit 1 ;; esac
each=$((seconds / 2))
[ "$each" -ge 1 ] || each=1

# in the build folder: afl-cmin refuses to work in /tmp
work="$(pwd)/$build/fuzz-work"
rm -rf "$work"
mkdir -p "$work" || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p "$findings" "$work/all" "$work/dir"

# the include pieces of the corpus, and nothing else, beside every input
cp config/validation/neutral.cfg "$work/dir/"
cp -r tests/bad/inc tests/data/scenario/parts "$work/dir/"
FUZZ_DIR="$work/dir"
JOURNEYSIM_PRESETS="$(pwd)/config/presets"
AFL_NO_UI=1
AFL_SKIP_CPUFREQ=1
AFL_NO_AFFINITY=1
AFL_FAST_CAL=1
AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export FUZZ_DIR JOURNEYSIM_PRESETS AFL_NO_UI AFL_SKIP_CPUFREQ AFL_NO_AFFINITY AFL_FAST_CAL \
	AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES

# every config once (by content), named after where it comes from
find config tests -name '*.cfg' | sort | while read -r f; do
	cp "$f" "$work/all/$(printf '%s' "$f" | tr '/' '_')"
done
n_all=$(ls "$work/all" | wc -l)

stat_of() { # key file: a value of fuzzer_stats (0 when missing)
	v=$(sed -n "s/^$1 *: *//p" "$2" | head -1)
	echo "${v:-0}"
}

failed=0
keep_finding() { # harness kind id file: into $findings, with the log of running it again (symbolised)
	keep="$findings/$1-$2-$3.cfg"
	cp "$4" "$keep"
	ASAN_OPTIONS=symbolize=1:detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
		timeout 10 "$build/fuzz/$1" "$keep" >"${keep%.cfg}.log" 2>&1
	echo "fuzz: $1: kept $keep (exit $? when run again; log beside it)"
	failed=1
}
for h in $harnesses; do
	bin="$build/fuzz/$h"
	in="$work/in-$h"
	out="$work/out-$h"
	# afl-fuzz and afl-cmin skip a seed that crashes: every config of the corpus is run once first
	for f in "$work/all"/*; do
		timeout 10 "$bin" "$f" >/dev/null 2>&1
		case $? in 0 | 2 | 3) ;; *) keep_finding "$h" seed "$(basename "$f" .cfg)" "$f" ;; esac
	done
	if ! afl-cmin -i "$work/all" -o "$in" -m none -t "$timeout_ms" -- "$bin" @@ >"$work/cmin-$h.log" 2>&1 ||
		[ -z "$(ls "$in" 2>/dev/null)" ]; then
		rm -rf "$in"
		cp -r "$work/all" "$in"
	fi
	echo "fuzz: $h: $(ls "$in" | wc -l) of $n_all configs in its corpus, ${each}s"
	afl-fuzz -i "$in" -o "$out" -x tests/fuzz/config.dict -m none -t "$timeout_ms+" -V "$each" -- "$bin" @@ \
		>"$work/afl-$h.log" 2>&1
	rc=$?
	stats="$out/default/fuzzer_stats"
	if [ ! -f "$stats" ]; then
		echo "fuzz: $h: afl-fuzz did not run (exit $rc):" >&2
		tail -20 "$work/afl-$h.log" >&2
		failed=1
		continue
	fi
	crashes=$(stat_of saved_crashes "$stats")
	[ "$crashes" = 0 ] && crashes=$(stat_of unique_crashes "$stats")
	hangs=$(stat_of saved_hangs "$stats")
	[ "$hangs" = 0 ] && hangs=$(stat_of unique_hangs "$stats")
	echo "fuzz: $h: $(stat_of execs_done "$stats") executions, $(stat_of edges_found "$stats") edges" \
		"($(stat_of bitmap_cvg "$stats") of the map), $crashes crashes, $hangs hangs"
	for kind in crashes hangs; do
		for f in "$out/default/$kind"/id*; do
			[ -f "$f" ] || continue
			keep_finding "$h" "$kind" "$(basename "$f" | sed 's/^id:\([0-9]*\).*/\1/')" "$f"
		done
	done
done
if [ "$failed" -ne 0 ]; then
	echo "fuzz: findings (or a harness that did not run): see above and $findings/" >&2
	exit 1
fi
echo "fuzz: no crash and no hang in ${seconds}s"
