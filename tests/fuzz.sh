#!/bin/sh
# fuzz.sh - long randomised runs of the scenario loader (make fuzz; not part
# of make test). Takes every shipped and test scenario file, mutates it at
# random (bytes changed, lines dropped or doubled, numbers replaced by extreme
# values) and feeds it to `journeysim check` built with AddressSanitizer and
# UBSan. Every input must end in exit status 0 (valid), 78 (bad config) or 66
# (cannot open an include): anything else - a crash, a sanitizer report, a
# hang - is a finding, and the input is kept in fuzz-findings/.
#
#   make fuzz                  (FUZZ_ROUNDS=2000 by default)
#   FUZZ_ROUNDS=20000 FUZZ_SEED=7 make fuzz
set -u
bin=${FUZZ_BIN:-build-san/journeysim}
rounds=${FUZZ_ROUNDS:-2000}
seed=${FUZZ_SEED:-1}
[ -x "$bin" ] || { echo "fuzz: $bin is missing (make fuzz builds it)" >&2; exit 1; }
LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
mkdir -p fuzz-findings
find config tests/data tests/bad -name '*.cfg' | sort > "$work/corpus"
n=$(wc -l < "$work/corpus")
findings=0
i=0
while [ "$i" -lt "$rounds" ]; do
	i=$((i + 1))
	src=$(awk -v k=$(( (i * 7919 + seed) % n + 1 )) 'NR == k' "$work/corpus")
	dir=$(dirname "$src")
	# the mutant sits beside its source, so its @includes still resolve
	mutant="$dir/.fuzz-$$-$i.cfg"
	awk -v seed="$((seed * 100003 + i))" '
		BEGIN { srand(seed); split("0 -1 1e308 -1e308 2147483648 99999999999 0.5 nan \"\" \"1 x\" [] {} ()", v, " ") }
		{
			r = rand()
			if (r < 0.04) next                                    # drop a line
			if (r < 0.08) { print; print; next }                  # double a line
			if (r < 0.20) { gsub(/[0-9]+(\.[0-9]+)?/, v[int(rand() * 13) + 1]) }  # extreme numbers
			if (r < 0.26 && length($0) > 0) {                     # flip one character
				p = int(rand() * length($0)) + 1
				c = substr("{}()[];=,\"@#x9 .", int(rand() * 16) + 1, 1)
				$0 = substr($0, 1, p - 1) c substr($0, p + 1)
			}
			print
		}' "$src" > "$mutant"
	timeout 20 "$bin" check "$mutant" > "$work/out" 2>&1
	rc=$?
	case $rc in
	0 | 66 | 78) grep -q "Sanitizer\|runtime error" "$work/out" && rc=999 ;;
	esac
	case $rc in
	0 | 66 | 78) rm -f "$mutant" ;;
	*)
		findings=$((findings + 1))
		mv "$mutant" "fuzz-findings/round-$i.cfg"
		cp "$work/out" "fuzz-findings/round-$i.log"
		echo "fuzz: round $i ($src): exit $rc, kept in fuzz-findings/round-$i.cfg"
		;;
	esac
done
echo "fuzz: $rounds mutants of $n files, $findings findings"
[ "$findings" -eq 0 ]
