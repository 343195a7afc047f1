#!/bin/sh
# bench/run.sh BUILD_DIR - the engine benchmark of issue 3 section 7 (make bench).
#
#  1. the tandem (4 pools x 3 servers, rho 0.8) on journeysim's engine and on the
#     yardstick loop (../shared/yardstick/tandem_limit.c), and the full journey
#     (every scenario of config/default.cfg, BENCH_JOURNEY_REPS replications each,
#     when the journey is linked in), alternately, RUNS times each, N customers:
#     the medians, and the ratios engine/yardstick (customers/s) and
#     journey/engine (events/s: the engine's events, actions run, over the wall
#     time of journey_run, set-up and results included; docs/engine.md);
#  2. the engine's peak RSS at N/10 and at N customers (it must not grow with N);
#
# Environment: BENCH_N (default 1e7), BENCH_RUNS (3), BENCH_SEED (12345),
# BENCH_JOURNEY_REPS (2), CC, YARDSTICK_DIR (where tandem_limit.c is, if not in
# ../shared/yardstick or ../shared).
# Without BUILD_DIR/bench/bench_engine (make bench builds it), a tandem-only
# engine benchmark is compiled here from the engine's sources.
set -u
cd "$(dirname "$0")/.." || exit 1
build=${1:-build}
n=${BENCH_N:-1e7}
runs=${BENCH_RUNS:-3}
jreps=${BENCH_JOURNEY_REPS:-2}
seed=${BENCH_SEED:-12345}
cc=${CC:-cc}
mkdir -p "$build/bench" || exit 1

die() { echo "bench: $*" >&2; exit 1; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; } # value of key=value on a line
median() { sort -g | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }

# The engine.
engine=$build/bench/bench_engine
if [ ! -x "$engine" ]; then
	engine=$build/bench/bench_engine_tandem
	echo "bench: $build/bench/bench_engine not built; compiling a tandem-only one"
	# shellcheck disable=SC2046
	$cc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -DBENCH_NO_JOURNEY -Iinclude \
		$(pkg-config --cflags gsl) -o "$engine" bench/bench_engine.c sim/engine/*.c \
		$(pkg-config --libs gsl) -lm -lpthread || die "cannot build $engine"
fi

# The yardstick, built as its README says.
yard_src=
for d in "${YARDSTICK_DIR:-}" ../shared/yardstick ../shared; do
	[ -n "$d" ] && [ -f "$d/tandem_limit.c" ] && { yard_src=$d/tandem_limit.c; break; }
done
yard=
if [ -n "$yard_src" ]; then
	# shellcheck disable=SC2046
	if $cc -O2 -DUSE_GSL -o "$build/bench/tandem_limit" "$yard_src" $(pkg-config --cflags --libs gsl); then
		yard=$build/bench/tandem_limit
	else
		echo "bench: cannot build the yardstick $yard_src" >&2
	fi
else
	echo "bench: yardstick tandem_limit.c not found (set YARDSTICK_DIR); engine only" >&2
fi

echo "== tandem: 4 pools x 3 servers, exp. service 2.4 d, arrivals 1.0/d (rho 0.8), N=$n; journey: config/default.cfg, every scenario x $jreps; $runs runs each, alternately =="
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
journey=0
[ -f config/default.cfg ] && journey=1
i=1
while [ "$i" -le "$runs" ]; do
	"$engine" tandem "$n" "$seed" > "$tmp/e" || die "engine run failed"
	cat "$tmp/e"
	field cust_per_s < "$tmp/e" >> "$tmp/engine"
	field events_per_s < "$tmp/e" >> "$tmp/engine_events"
	if [ -n "$yard" ]; then
		"$yard" tandem "$n" "$seed" > "$tmp/y" || die "yardstick run failed"
		cat "$tmp/y"
		field cust_per_s < "$tmp/y" >> "$tmp/yard"
	fi
	if [ "$journey" = 1 ]; then
		"$engine" journey config/default.cfg "$jreps" > "$tmp/j"
		rc=$?
		case $rc in
		0)
			cat "$tmp/j"
			field events_per_s < "$tmp/j" >> "$tmp/journey"
			;;
		69) echo "bench: journey benchmark skipped (the journey is not linked into $engine)"; journey=0 ;;
		*) echo "bench: journey benchmark skipped (exit status $rc)"; journey=0 ;;
		esac
	fi
	i=$((i + 1))
done
e_med=$(median < "$tmp/engine")
e_ev=$(median < "$tmp/engine_events")
echo "engine    median customers/s: $e_med (target >= 2000000), events/s: $e_ev"
if [ -n "$yard" ]; then
	y_med=$(median < "$tmp/yard")
	echo "yardstick median customers/s: $y_med"
	awk -v e="$e_med" -v y="$y_med" 'BEGIN {printf "ratio engine/yardstick: %.2f (target >= 0.9)\n", e / y}'
fi
if [ "$journey" = 1 ] && [ -s "$tmp/journey" ]; then
	j_ev=$(median < "$tmp/journey")
	echo "journey   median events/s: $j_ev"
	awk -v j="$j_ev" -v e="$e_ev" 'BEGIN {printf "ratio journey/engine events/s: %.2f (target >= 0.6)\n", j / e}'
fi

echo "== memory: peak RSS at N/10 and N customers (target <= 8 MB, flat) =="
small=$(awk -v n="$n" 'BEGIN {printf "%.0f", n / 10}')
large=$(awk -v n="$n" 'BEGIN {printf "%.0f", n}')
for m in "$small" "$large"; do
	"$engine" tandem "$m" "$seed" > "$tmp/m" || die "engine run failed"
	echo "N=$m peak_rss_kb=$(field peak_rss_kb < "$tmp/m") peak_customers=$(field peak_customers < "$tmp/m") mean_sojourn=$(field mean_sojourn < "$tmp/m") (theory 19.955)"
done

echo "== sweep: 100 points x 2 scenarios x 4 replications, --jobs 1 vs --jobs 2 (target >= 1.8x) =="
if [ -x ./journeysim ] && [ -f tests/data/sweep/scaling.cfg ]; then
	for j in 1 2; do
		t0=$(date +%s.%N)
		./journeysim sweep tests/data/sweep/scaling.cfg -o "$tmp/sweep$j" --jobs "$j" -q --no-charts ||
			die "sweep with --jobs $j failed"
		t1=$(date +%s.%N)
		echo "$t0 $t1" | awk -v j="$j" '{printf "jobs=%s wall_s=%.2f\n", j, $2 - $1}' | tee -a "$tmp/sweep_times"
	done
	awk -F'[= ]' '{t[NR] = $4} END {printf "speed-up --jobs 2 / --jobs 1: %.2fx\n", t[1] / t[2]}' "$tmp/sweep_times"
	if cmp -s "$tmp/sweep1/results.csv" "$tmp/sweep2/results.csv" && cmp -s "$tmp/sweep1/summary.csv" "$tmp/sweep2/summary.csv"; then
		echo "results identical for --jobs 1 and --jobs 2"
	else
		die "results differ between --jobs 1 and --jobs 2"
	fi
else
	echo "bench: sweep benchmark skipped (no ./journeysim)"
fi
exit 0
