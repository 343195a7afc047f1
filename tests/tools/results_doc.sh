#!/bin/sh
# results_doc.sh - regenerates docs/results.md from fresh runs (make results-doc;
# minutes on 2 cores, so not part of make test):
#   1. config/default.cfg as shipped: the default comparison table;
#   2. a one-at-a-time sweep (design "oat") of the main illustrative
#      assumptions at 0.5x and 1.5x their defaults (clipped to their ranges),
#      built from config/default.cfg with OAT_REPS replications: the margin
#      order of the models at each swing, and the pairs a swing reorders,
#      starred when the pair's paired 95% interval at that swing excludes 0;
#   3. journeysim explain of chief_customer_officer - siloed and
#      customer_council - siloed: the decomposition tables, and their margin
#      waterfalls copied to docs/img/results_explain_*.png;
#   4. config/examples/fair_comparison.cfg: every model staffed to the same
#      service levels;
#   5. journeysim decide config/default.cfg with the shipped priors: the
#      decision table and what to measure before deciding (EVPPI);
#   6. config/examples/cco_payback.cfg: does a chief customer officer pay
#      back within three years (payback, the cumulative difference by year);
#   7. config/examples/shadow_it_debt.cfg: the margin of shadow IT against
#      IT-led year by year (period_diffs.csv), and its payback.
# Usage: sh tests/tools/results_doc.sh ./journeysim docs/results.md
# Environment: OAT_REPS (default 4), JOBS (default 2), KEEP (a folder to keep the runs in).
set -eu
bin=${1:-./journeysim}
out=${2:-docs/results.md}
reps=${OAT_REPS:-4}
jobs=${JOBS:-2}
tmp=${KEEP:-$(mktemp -d)}
mkdir -p "$tmp"

# The twenty key assumptions (docs/config.md): path, low, high (0.5x and 1.5x the default, clipped to the key's
# range, whole numbers rounded outwards; low < high, so a negative default lists 1.5x first).
params='handoff.p_loss_boundary 0.075 0.225
handoff.loss_data_share 0.25 0.75
handoff.delay_boundary "0.5 d" "1.5 d"
handoff.p_drop_boundary 0.015 0.045
handoff.coordination_relief 0.25 0.75
governance.relief_council_live 0.175 0.525
governance.decision_escalation "22.5 d" "67.5 d"
governance.stage_defects_per_year 2.0 6.0
technology.lead_time.it "20 d" "60 d"
technology.capacity.it 3 8
technology.p_redo.it 0.075 0.225
technology.debt_per_year 0.075 0.225
technology.integration_quality 0.3 0.9
transition.migration_cost 100000.0 300000.0
view.p_per_system 0.025 0.075
experience.repeat 0.4 1.2
renewal.slope 0.3 0.9
renewal.quality_logit 0.5 1.5
policy.threshold_shift.revenue -0.15 -0.05
policy.it_weight.shared 0.25 0.75'

# 1. the default comparison
"$bin" run config/default.cfg -o "$tmp/run" --no-charts --jobs "$jobs" 2>/dev/null |
	sed "s|results in $tmp/run/|results in out/|" > "$tmp/table.txt"

# 2. the sweep file: config/default.cfg with fewer replications, and the sweep group
# (without the priors' @include, which a sweep does not read and which is relative to config/)
sed -e "s/^\( *replications = \)[0-9]*;/\1$reps;/" -e '/^@include "uncertainty\//d' config/default.cfg > "$tmp/oat.cfg"
{
	echo 'sweep = {'
	echo '  design = "oat";'
	echo '  metrics = ["margin", "experience.mean"];'
	echo '  parameters = ('
	echo "$params" | awk '{ low = $2; high = $3; if (NF == 5) { low = $2 " " $3; high = $4 " " $5 }
		printf "    { path = \"%s\"; low = %s; high = %s; }%s\n", $1, low, high, NR < n ? "," : "" }' \
		n="$(echo "$params" | wc -l)"
	echo '  );'
	echo '};'
} >> "$tmp/oat.cfg"
"$bin" sweep "$tmp/oat.cfg" -o "$tmp/oat" --quiet --no-charts --jobs "$jobs"

# 3. why two models differ: the decompositions and their margin waterfalls
img=$(dirname "$out")/img
for a in chief_customer_officer customer_council; do
	"$bin" explain config/default.cfg --contrast "$a-siloed" -o "$tmp/explain_$a" --jobs "$jobs" --format png \
		2>/dev/null | sed "s|results in $tmp/explain_$a/|results in explain/|" > "$tmp/explain_$a.txt"
	for m in margin experience; do
		cp "$tmp/explain_$a/charts/explain_$m.png" "$img/results_explain_${a}_$m.png"
		if command -v pngquant >/dev/null 2>&1; then
			pngquant --force --skip-if-larger --output "$img/results_explain_${a}_$m.png" 64 \
				"$img/results_explain_${a}_$m.png" || true
		fi
	done
done

# 4. a fair comparison: each model staffed to the same service levels
"$bin" run config/examples/fair_comparison.cfg -o "$tmp/fair" --no-charts --jobs "$jobs" 2>/dev/null |
	sed "s|results in $tmp/fair/|results in out/|" > "$tmp/fair.txt"

# 5. the decision under uncertainty, 6. and 7. the two questions over time
"$bin" decide config/default.cfg -o "$tmp/decide" --no-charts --jobs "$jobs" 2>/dev/null |
	sed "s|$tmp/decide|decide/|" > "$tmp/decide.txt"
for ex in cco_payback shadow_it_debt; do
	"$bin" run "config/examples/$ex.cfg" -o "$tmp/$ex" --no-charts --jobs "$jobs" 2>/dev/null |
		sed "s|results in $tmp/$ex/|results in out/|" > "$tmp/$ex.txt"
done
# the rows of a period_diffs.csv metric as a markdown table, divided by $3 (1e6: money in million EUR)
period_table() {
	awk -F, -v metric="$2" -v scale="$3" 'NR > 1 && $7 == metric {
		sig = ($10 > 0 || $11 < 0) ? "yes" : "no"
		printf "| %s | %s | %d-%d%s | %+.2f | %+.2f to %+.2f | %s |\n", $1, $3, $4, $5, $6 == 1 ? " (partial)" : "",
			$9 / scale, $10 / scale, $11 / scale, sig }' "$1/period_diffs.csv"
}
# the cumulative paired margin difference at the first grid day of each whole year (cumulative.csv)
cumulative_table() {
	awk -F, 'NR > 1 && $4 == "margin" {
		if ($1 != s) { s = $1; y = 1 }
		if ($3 >= 365 * y) {
			printf "| %s | %d (day %d) | %+.2f | %+.2f to %+.2f |\n", $1, y, $3, $5 / 1e6, $6 / 1e6, $7 / 1e6
			y++ } }' "$1/cumulative.csv"
}

# the page
{
	cat <<'HEAD'
<!-- generated by tests/tools/results_doc.sh (make results-doc): do not edit by hand -->
# What the default comparison shows, and which assumptions reorder it

`make demo` runs `config/default.cfg`: a mid-size B2B subscription company under each of the seven ownership
presets. The same simulated customers meet every model, so each difference is paired against `siloed`. The
numbers below are the model's output at the shipped defaults, most of which are illustrative
([model.md](model.md) says which and gives the range to consider): read them as what the mechanisms do, not as a
forecast.

## The default comparison

```
HEAD
	cat "$tmp/table.txt"
	cat <<'MID'
```

## One assumption at a time, ±50%

Each row moves one illustrative assumption to half and to one and a half times its default (clipped to its
range), every other input at its default, and ranks the seven models by mean margin. The models are numbered in
the file's order:

MID
	awk -F, 'NR > 1 && $3 == "margin" && $1 == 0 { print "- " ++n ": `" $2 "`" }' "$tmp/oat/summary.csv"
	echo
	printf 'OAT_REPS=%s replications per point; "reorders" lists the pairs whose order differs from the default order,\n' "$reps"
	echo 'starred when the paired 95% interval of their margin difference at that swing excludes 0.'
	echo
	awk -F, -v params="$params" '
	function order(pt,   s, k, t, out) {
		for (s = 1; s <= ns; s++) idx[s] = s
		for (s = 1; s <= ns; s++)
			for (k = s + 1; k <= ns; k++)
				if (mean[pt, idx[k]] > mean[pt, idx[s]]) { t = idx[s]; idx[s] = idx[k]; idx[k] = t }
		out = ""
		for (s = 1; s <= ns; s++) { out = out (s > 1 ? " > " : "") idx[s]; rank[pt, idx[s]] = s }
		return out
	}
	function significant(pt, a, b,   r, d, sum, sq, n, m, sd, h) {
		sum = 0; sq = 0; n = 0
		for (r = 1; r <= nrep; r++) if ((pt, a, r) in val && (pt, b, r) in val) {
			d = val[pt, a, r] - val[pt, b, r]; sum += d; sq += d * d; n++ }
		if (n < 2) return 0
		m = sum / n; sd = sqrt((sq - n * m * m) / (n - 1))
		h = tq[n - 1] * sd / sqrt(n)
		return m - h > 0 || m + h < 0
	}
	BEGIN {
		split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 2.120 2.110 2.101 2.093 2.086", tq, " ")
		np = split(params, lines, "\n")
		for (i = 1; i <= np; i++) { split(lines[i], f, " "); pname[i] = f[1]
			if (split(lines[i], g, " ") == 5) { lo[i] = g[2] " " g[3]; hi[i] = g[4] " " g[5] } else { lo[i] = g[2]; hi[i] = g[3] }
			gsub(/"/, "", lo[i]); gsub(/"/, "", hi[i]) }
	}
	FNR == 1 { file++; next }
	file == 1 && $3 == "margin" { if (!($2 in sid)) { sid[$2] = ++ns }; mean[$1, sid[$2]] = $5 }
	file == 2 && $4 == "margin" { val[$1, sid[$2], $3] = $5; if ($3 > nrep) nrep = $3 }
	END {
		base = order(0)
		print "| assumption | low | high | margin order at low | at high | reorders at low | at high |"
		print "|---|---|---|---|---|---|---|"
		print "| (defaults) | | | " base " | | | |"
		for (i = 1; i <= np; i++) {
			row = "| `" pname[i] "` | " lo[i] " | " hi[i] " |"
			for (side = 1; side <= 2; side++) { pt = 2 * (i - 1) + side; row = row " " order(pt) " |" ; o[side] = pt }
			for (side = 1; side <= 2; side++) {
				pt = o[side]; list = ""
				order(pt)
				for (a = 1; a <= ns; a++) for (b = a + 1; b <= ns; b++)
					if ((rank[0, a] < rank[0, b]) != (rank[pt, a] < rank[pt, b]))
						list = list (list == "" ? "" : ", ") a "/" b (significant(pt, a, b) ? "*" : "")
				row = row " " (list == "" ? "none" : list) " |"
			}
			print row
		}
	}' "$tmp/oat/summary.csv" "$tmp/oat/results.csv"
	cat <<'TAIL'

That the ranking depends on a company's own inputs is expected; the rows say which inputs it depends on. The
mechanisms behind each row are in [model.md](model.md), §3.

## Why two models differ: the gap, part by part

`journeysim explain config/default.cfg --contrast A-siloed` decomposes each paired difference into the parts in
which the two ownership models differ (Shapley values over every subset, on the same simulated customers;
[explain.md](explain.md) says how to read it). A part whose interval includes 0 is not a cause.
TAIL
	for a in chief_customer_officer customer_council; do
		printf '\n### %s - siloed\n\n```\n' "$a"
		cat "$tmp/explain_$a.txt"
		printf '```\n\n![Margin, %s - siloed, part by part](img/results_explain_%s_margin.png)\n' "$a" "$a"
		printf '![Experience, %s - siloed, part by part](img/results_explain_%s_experience.png)\n' "$a" "$a"
	done
	cat <<'FAIR'

## A fair comparison: every model staffed to the same service levels

Above, every model has the same head count. `config/examples/fair_comparison.cfg` instead staffs each model's
sales team, delivery team and contact centre to the same service levels (the fewest servers that meet them,
searched under common random numbers: [staffing.md](staffing.md)), so that no model is charged for slack it does
not need or spared the capacity its policies need:

```
FAIR
	cat "$tmp/fair.txt"
	echo '```'
	cat <<'DECIDE'

## Deciding under uncertainty: the shipped priors

The intervals above are simulation noise only. `journeysim decide config/default.cfg` draws 128 worlds from the
shipped priors of the twenty key assumptions (`config/uncertainty/defaults.cfg`, [priors.md](priors.md)), runs
every model in each world on the same customers, and reports how often each model is best, what choosing it is
expected to cost against the best of each world, and which assumptions are worth measuring before deciding
([decide.md](decide.md) says how to read each part):

```
DECIDE
	cat "$tmp/decide.txt"
	echo '```'
	echo
	echo 'Value of perfect information on each assumption (`evppi.csv`), the largest first:'
	echo
	echo '| assumption | kind | EVPPI, EUR/year | share of the EVPI |'
	echo '|---|---|---|---|'
	awk -F, 'NR > 1 { label = $5; for (i = 6; i < NF; i++) label = label "," $i; gsub(/"/, "", label)
		share = 100 * $3; printf "| %s (`%s`) | %s | %.0f | %s |\n", label, $1, $4, $2,
			share >= 1 ? sprintf("%.0f%%", share) : share > 0 ? "<1%" : "0" }' "$tmp/decide/evppi.csv" |
		head -12
	cat <<'CCO'

## Does a chief customer officer pay back within three years?

`config/examples/cco_payback.cfg` moves today's siloed company to a chief customer officer at the start of the
board's three years, with an illustrative one-off (a change programme, hiring, two integrations), a 180-day ramp
and a productivity dip, then the officer's salary every year; payback is the day after which the cumulative paired
margin difference stays above 0 ([outputs.md](outputs.md)):

```
CCO
	cat "$tmp/cco_payback.txt"
	echo '```'
	echo
	echo 'The cumulative margin difference against today at the end of each year (million EUR, paired 95% interval):'
	echo
	echo '| scenario | year | cumulative difference | 95% interval |'
	echo '|---|---|---|---|'
	cumulative_table "$tmp/cco_payback"
	cat <<'SHADOW'

## Over what horizon does integration debt erase the speed of buying our own tools?

`config/examples/shadow_it_debt.cfg` runs marketing buying its own tools (`cmo_shadow_it`) and the CMO and CIO
aligned on one platform against IT-led (`cio_led`) for six years, results per year:

```
SHADOW
	cat "$tmp/shadow_it_debt.txt"
	echo '```'
	echo
	echo 'Margin against cio_led, year by year (`period_diffs.csv`; million EUR in the year, paired 95% interval):'
	echo
	echo '| scenario | year | days | difference | 95% interval | interval excludes 0 |'
	echo '|---|---|---|---|---|---|'
	period_table "$tmp/shadow_it_debt" margin 1e6
	echo
	echo 'Integration debt against cio_led, year by year (time-average share of the stages'"'"' systems):'
	echo
	echo '| scenario | year | days | difference | 95% interval | interval excludes 0 |'
	echo '|---|---|---|---|---|---|'
	period_table "$tmp/shadow_it_debt" technology.debt 1
} > "$out.tmp"
mv "$out.tmp" "$out"
[ -n "${KEEP:-}" ] || rm -rf "$tmp"
echo "results_doc: wrote $out"
