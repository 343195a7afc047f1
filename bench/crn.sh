#!/bin/sh
# bench/crn.sh [JOURNEYSIM] - how much common random numbers sharpen comparisons (issue 11; part of make bench).
#
# The default company (config/default.cfg) under these scenarios, against "siloed":
#   seats7     siloed with 7 instead of 4 contact-centre seats
#   sellers27  siloed with 27 instead of 26 sellers
#   every other ownership preset
# run twice with independent streams (master seeds S and S + 1), CRN_REPS replications
# (20) over CRN_HORIZON (2 y) each. For margin and experience.mean, and each contrast:
#   paired    half-width  t * sd(X_i - base_i) / sqrt(n)         (run S: the same customers)
#   unpaired  half-width  t * sqrt((sd(X')^2 + sd(base)^2) / n)  (X' from run S + 1: independent)
#   gain      (unpaired / paired)^2, the variance reduction; both use t for n - 1 degrees
#             of freedom, so t cancels
#   reps_100k replications a paired half-width of EUR 100k on margin needs (t for n - 1
#             degrees of freedom, at least 2)
# Goals (issue 11): seats7 and sellers27 >= 100x on both; every preset >= 20x on margin
# and >= 10x on experience.
#
# Environment: CRN_CONFIG (config/default.cfg: the company), CRN_REPS (20), CRN_HORIZON ("2 y"), CRN_SEED (20261125), CRN_JOBS (2), CRN_KEEP (a
# folder to keep the two runs' results in, for a closer look; default: a temporary one).
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-./journeysim}
reps=${CRN_REPS:-20}
horizon=${CRN_HORIZON:-2 y}
seed=${CRN_SEED:-20261125}
jobs=${CRN_JOBS:-2}
[ -x "$bin" ] || { echo "crn: $bin not built (make journeysim)" >&2; exit 1; }
if [ -n "${CRN_KEEP:-}" ]; then
	tmp=$CRN_KEEP
	mkdir -p "$tmp" || exit 1
else
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT INT TERM
fi

# config/default.cfg with its scenario list replaced by the contrasts
{
	awk '/^scenarios[ \t]*=/ {skip = 1} !skip {print} skip && /^\);/ {skip = 0}' "${CRN_CONFIG:-config/default.cfg}"
	echo 'scenarios = ('
	echo '  { name = "siloed"; ownership = "siloed"; },'
	echo '  { name = "seats7"; ownership = "siloed"; company = { service = { pool = { servers = 7; }; }; }; },'
	echo '  { name = "sellers27"; ownership = "siloed"; company = { sales = { pool = { servers = 27; }; }; }; },'
	for p in cmo_shadow_it cio_led marketing_technologist cmo_cio_aligned chief_customer_officer; do
		echo "  { name = \"$p\"; ownership = \"$p\"; },"
	done
	echo '  { name = "customer_council"; ownership = "customer_council"; }'
	echo ');'
} > "$tmp/crn.cfg"

for k in 0 1; do
	"$bin" run "$tmp/crn.cfg" -o "$tmp/out$k" --seed $((seed + k)) --reps "$reps" --horizon "$horizon" \
		--jobs "$jobs" --quiet --no-charts || { echo "crn: run $k failed" >&2; exit 1; }
done

echo "== common random numbers: variance reduction against siloed ($reps replications, $horizon, seeds $seed / $((seed + 1))) =="
awk -F, -v base=siloed '
function tq(nu,   z) { # 97.5% quantile of Student t (Cornish-Fisher; within 1e-3 for nu >= 3)
	z = 1.959964
	return z + (z^3 + z) / (4 * nu) + (5 * z^5 + 16 * z^3 + 3 * z) / (96 * nu^2) \
		+ (3 * z^7 + 19 * z^5 + 17 * z^3 - 15 * z) / (384 * nu^3)
}
function var(s, ss, n) { return (ss - s * s / n) / (n - 1) }
FNR == 1 { run++; next }
$3 == "margin" || $3 == "experience.mean" {
	key = $1 SUBSEP $2 SUBSEP $3
	v[run, key] = $4
	if (run == 1 && !(($1) in seen)) { seen[$1] = 1; order[++ns] = $1 }
	if (run == 1 && $2 > nrep) nrep = $2
}
END {
	split("margin experience.mean", ms, " ")
	printf "%-24s %12s %12s %8s %12s %12s %8s %10s\n", "contrast", "margin_pair", "margin_unp", "gain", \
		"exp_pair", "exp_unp", "gain", "reps_100k"
	for (k = 1; k <= ns; k++) {
		x = order[k]
		if (x == base)
			continue
		line = sprintf("%-24s", x)
		for (mi = 1; mi <= 2; mi++) {
			m = ms[mi]
			sd = ssd = sx = ssx = sb = ssb = 0
			for (i = 1; i <= nrep; i++) {
				d = v[1, x SUBSEP i SUBSEP m] - v[1, base SUBSEP i SUBSEP m]
				sd += d; ssd += d * d
				a = v[2, x SUBSEP i SUBSEP m]; sx += a; ssx += a * a
				b = v[1, base SUBSEP i SUBSEP m]; sb += b; ssb += b * b
			}
			t = tq(nrep - 1)
			vp = var(sd, ssd, nrep)
			hp = t * sqrt(vp / nrep)
			hu = t * sqrt((var(sx, ssx, nrep) + var(sb, ssb, nrep)) / nrep)
			gain = hp > 0 ? sprintf("%.0fx", (hu / hp)^2) : "exact"
			line = line sprintf(" %12.4g %12.4g %8s", hp, hu, gain)
			if (m == "margin") {
				n = 2
				while (n < 1e6 && tq(n - 1) * sqrt(vp / n) > 1e5)
					n++
				need = n
			}
		}
		print line sprintf(" %10d", need)
	}
	print "(goals: seats7, sellers27 >= 100x on both; presets >= 20x on margin, >= 10x on experience)"
}' "$tmp/out0/replications.csv" "$tmp/out1/replications.csv"
