#!/bin/sh
# bench/decide.sh [JOURNEYSIM] - the decision benchmark (issue 14; part of make bench):
# DECIDE_WORLDS (256) worlds x the 7 scenarios of config/default.cfg x DECIDE_REPS (4)
# replications, on 1 and on 2 jobs; prints the wall time and the seconds per replication
# (worlds x scenarios x replications journey runs), and the CPU seconds per replication (user +
# system, from /usr/bin/time when present: robust on a shared, loaded machine), and checks that
# both runs wrote the same bytes. The priors: the shipped ones (config/uncertainty/defaults.cfg) when they exist, else
# two uniform priors on handoff parameters. DECIDE_HORIZON ("3 y", the default config's)
# shortens each run for a quick look; DECIDE_JOBS ("1 2") the job counts.
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-./journeysim}
worlds=${DECIDE_WORLDS:-256}
reps=${DECIDE_REPS:-4}
jobs_list=${DECIDE_JOBS:-1 2}
[ -x "$bin" ] || { echo "decide bench: $bin not built (make journeysim)" >&2; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# config/default.cfg (which @includes the shipped priors) plus an uncertainty group of the
# benchmark's size; the @include needs the priors beside the copy
cfg=$tmp/decide.cfg
{
	cat config/default.cfg
	if [ -f config/uncertainty/defaults.cfg ]; then
		mkdir -p "$tmp/uncertainty" && cp config/uncertainty/defaults.cfg "$tmp/uncertainty/"
		grep -q '^@include "uncertainty/defaults.cfg"' config/default.cfg ||
			echo '@include "uncertainty/defaults.cfg"'
		echo "uncertainty = { worlds = $worlds; replications = $reps; };"
	else
		echo "uncertainty = { worlds = $worlds; replications = $reps; params = ("
		echo '  { path = "handoff.delay_boundary"; dist = "uniform"; min = 0.25; max = 3.0; },'
		echo '  { path = "handoff.p_loss_boundary"; dist = "uniform"; min = 0.05; max = 0.3; }'
		echo '); };'
	fi
} > "$cfg"
[ -n "${DECIDE_HORIZON:-}" ] && sed -i "s/^\( *horizon = \)\"[^\"]*\";/\1\"$DECIDE_HORIZON\";/" "$cfg"
scenarios=$(grep -c 'ownership = "' config/default.cfg)
runs=$((worlds * scenarios * reps))
echo "decide bench: $worlds worlds x $scenarios scenarios x $reps replications = $runs journey runs" \
	"(horizon $(sed -n 's/^ *horizon = "\([^"]*\)".*/\1/p' "$cfg" | head -1))"
first=""
for j in $jobs_list; do
	out=$tmp/jobs$j
	timer=""
	[ -x /usr/bin/time ] && timer="/usr/bin/time -f %U+%S -o $tmp/cpu$j"
	start=$(date +%s.%N)
	$timer "$bin" decide "$cfg" -o "$out" --jobs "$j" --quiet --no-charts ||
		{ echo "decide bench: decide --jobs $j failed" >&2; exit 1; }
	end=$(date +%s.%N)
	cpu=$( [ -f "$tmp/cpu$j" ] && tail -1 "$tmp/cpu$j" | awk -F+ '{print $1 + $2}' || echo "")
	awk -v s="$start" -v e="$end" -v n="$runs" -v j="$j" -v c="$cpu" -v l="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)" \
		'BEGIN { t = e - s; printf "  --jobs %s: %.1f s, %.2f ms per replication (%.1f replications/s)", j, t, 1000 * t / n, n / t
		         if (c != "") printf "; CPU %.1f s, %.2f ms per replication", c, 1000 * c / n
		         printf " (load average %s)\n", l }'
	if [ -z "$first" ]; then
		first=$out
	else
		for f in worlds.csv results.csv summary.csv decision.csv; do
			cmp -s "$first/$f" "$out/$f" || { echo "decide bench: $f differs between job counts" >&2; exit 1; }
		done
	fi
done
echo "  same bytes on every job count"
