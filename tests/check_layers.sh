#!/bin/sh
# tests/check_layers.sh [RESULTS] - the architecture of docs/architecture.md, checked on
# the #include lines of sim/, plots/ and include/.
#
# Every header belongs to one module (the table below: a new header must be
# added, or the check fails). A file may include the headers of its own module
# and of the modules below it; a module's internal headers (those outside
# include/) only from its own files. plots/ draws from result files alone: it
# includes nothing of the simulator but the common code. So no dependency
# circle can form between modules, and the engine and the common code include
# nothing from above. One internal header is shared on purpose: the journey's
# state (journey_internal.h) is the contract the mechanisms of sim/ownership/
# plug into, and the mechanisms rank above the journey, which calls them only
# through the hook table.
#
# Prints one line per broken rule and "layers: N passed, M failed"; appends
# "check_layers N M" to RESULTS (tests/run.sh's format) when given.
set -u
cd "$(dirname "$0")/.." || exit 1
results=${1:-}

# module rank: a module may use the modules of lower rank (plots: see below)
modules='
common 0
engine 1
scenario 2
journey 3
ownership 4
experiment 5
sweep 6
plots 6
cli 7
'

# header module internal(1 = not in include/) [a module that may use it too]
headers='
error.h common 0
metrics.h common 0
parallel.h common 0
files.h common 0
csv.h common 0
json.h common 0
sim.h engine 0
pool.h engine 0
rng.h engine 0
dist.h engine 0
scenario.h scenario 0
settings.h scenario 0
ownership.h scenario 0
scenario_internal.h scenario 1
journey.h journey 0
journey_internal.h journey 1 ownership
stages.h journey 1
mechanisms.h ownership 1
experiment.h experiment 0
output.h experiment 0
progress.h experiment 0
explain.h experiment 0
sweep.h sweep 0
prior.h sweep 0
prior_internal.h sweep 1
decision.h sweep 0
sweep_internal.h sweep 1
decide.h sweep 0
analysis.h sweep 1
chart.h plots 0
plot.h plots 1
data.h plots 1
cli.h cli 0
args.h cli 1
findings.h cli 1
load.h cli 1
table.h cli 1
run.h cli 1
explain_cli.h cli 1
'

module_of_file() { # sim/engine/pool.c -> engine; plots/x.c -> plots; include/x.h -> from the table
	case $1 in
	sim/*) echo "$1" | cut -d/ -f2 ;;
	plots/*) echo plots ;;
	include/*) echo "$headers" | awk -v h="$(basename "$1")" '$1 == h {print $2}' ;;
	esac
}

passed=0
failed=0
fail() { echo "layers: $*"; failed=$((failed + 1)); }

for f in $(find include sim plots -name '*.[ch]' | sort); do
	mod=$(module_of_file "$f")
	if [ -z "$mod" ]; then
		fail "$f: a header that belongs to no module (add it to tests/check_layers.sh)"
		continue
	fi
	rank=$(echo "$modules" | awk -v m="$mod" '$1 == m {print $2}')
	ok=1
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
		h=$(basename "$inc")
		line=$(echo "$headers" | awk -v h="$h" '$1 == h')
		if [ -z "$line" ]; then
			fail "$f includes $inc, a header that belongs to no module (add it to tests/check_layers.sh)"
			ok=0
			continue
		fi
		hmod=$(echo "$line" | awk '{print $2}')
		internal=$(echo "$line" | awk '{print $3}')
		also=$(echo "$line" | awk '{print $4}')
		[ "$hmod" = "$mod" ] && continue
		# the journey's state is the contract its mechanisms plug into
		[ "$internal" = 1 ] && [ "$also" = "$mod" ] && continue
		hrank=$(echo "$modules" | awk -v m="$hmod" '$1 == m {print $2}')
		if [ "$internal" = 1 ]; then
			fail "$f ($mod) includes $inc, internal to $hmod"
			ok=0
		elif [ "$mod" = plots ] && [ "$hmod" != common ]; then
			fail "$f (plots) includes $inc of $hmod: charts read result files, not the simulator"
			ok=0
		elif [ "$hrank" -ge "$rank" ]; then
			fail "$f ($mod) includes $inc of $hmod, which is not below it"
			ok=0
		fi
	done
	[ $ok = 1 ] && passed=$((passed + 1))
done

echo "layers: $passed passed, $failed failed"
[ -n "$results" ] && echo "check_layers $passed $failed" >> "$results"
[ "$failed" -eq 0 ]
