/* finding.c - what a title may claim. A difference is stated only when the
 * 95% interval of the paired difference excludes zero; everything else is
 * "no significant difference" or "cannot be told apart". The headline names
 * the best scenario on the declared objective (objective.c). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "plot.h"

int plot_significant(const struct plot_stat *d)
{
	return isfinite(d->mean) && isfinite(d->lo) && isfinite(d->hi) && (d->lo > 0 || d->hi < 0);
}

static void append(char *buf, size_t len, const char *text)
{
	size_t n = strlen(buf);
	if (n < len)
		snprintf(buf + n, len - n, "%s%s", n ? ", " : "", text);
}

int plot_change_phrase(const struct plot_results *r, size_t s, const char *metric, const char *word, char *buf,
		       size_t len)
{
	struct plot_stat d = plot_results_diff(r, s, metric), b = plot_results_get(r, 0, metric);
	if (!plot_significant(&d))
		return 0;
	const char *unit = plot_results_unit(r, metric);
	char num[64], text[160];
	int money = plot_unit_is_money(unit, r->run.currency);
	if (money && strcmp(metric, "margin") != 0 && isfinite(b.mean) && fabs(b.mean) > 1e-9) {
		double pct = d.mean / fabs(b.mean) * 100;
		snprintf(text, sizeof text, "%s %s%%", word, plot_fmt_signed(num, sizeof num, pct, fabs(pct) < 1 ? 1 : 0));
	} else if (money) {
		const char *slash = strchr(unit, '/');
		snprintf(text, sizeof text, "%s %s%s", word,
			 plot_fmt_money(num, sizeof num, d.mean, r->run.currency, 1), slash ? slash : "");
	} else if (strncmp(unit, "points", 6) == 0) {
		snprintf(text, sizeof text, "%s %s points", word,
			 plot_fmt_signed(num, sizeof num, d.mean, plot_digits_for(d.mean) > 1 ? 1 : plot_digits_for(d.mean)));
	} else if (strcmp(unit, "share") == 0) {
		snprintf(text, sizeof text, "%s %s pp", word, plot_fmt_signed(num, sizeof num, d.mean * 100, 1));
	} else {
		/* "open defects −4.3", not "open defects −4.3 defects" */
		int say_unit = *unit && !strstr(word, unit);
		snprintf(text, sizeof text, "%s %s%s%s", word,
			 plot_fmt_signed(num, sizeof num, d.mean, plot_digits_for(d.mean) > 1 ? 1 : plot_digits_for(d.mean)),
			 say_unit ? " " : "", say_unit ? unit : "");
	}
	append(buf, len, text);
	return 1;
}

size_t plot_headline_scenario(const struct plot_results *r)
{
	return r->n_rank ? r->rank[0].scen : 0;
}

size_t plot_headline_runner_up(const struct plot_results *r)
{
	return r->n_rank > 1 ? r->rank[1].scen : plot_headline_scenario(r);
}

void plot_in_sentence(char *buf, size_t len, const char *label)
{
	snprintf(buf, len, "%s", label);
	if (buf[0] && buf[1] && isupper((unsigned char)buf[0]) && islower((unsigned char)buf[1]))
		buf[0] = (char)tolower((unsigned char)buf[0]);
}

/* An amount of metric in the words of a title: "€1.7M/year", "0.42 points". */
static const char *amount(const struct plot_results *r, const char *metric, double v, int digits, char *buf,
			  size_t len, int per)
{
	const char *unit = plot_results_unit(r, metric);
	char num[64];
	if (plot_unit_is_money(unit, r->run.currency)) {
		const char *slash = strchr(unit, '/');
		snprintf(buf, len, "%s%s", plot_fmt_money(num, sizeof num, v, r->run.currency, 0), slash && per ? slash : "");
	} else {
		/* "points (0-10)" -> "points" */
		int n = (int)strcspn(unit, " (");
		snprintf(buf, len, "%s%s%.*s", plot_fmt(num, sizeof num, v, digits), n && per ? " " : "", per ? n : 0, unit);
	}
	return buf;
}

void plot_gap_text(const struct plot_results *r, const struct plot_rank *q, const char *next, char *buf, size_t len)
{
	/* the gap as the amount by which the leader is ahead, whichever
	 * direction is better, and its interval the same way round */
	const char *m = r->objective.metric;
	double g = q->gap.mean * r->objective.better;
	double lo = (r->objective.better > 0 ? q->gap.lo : -q->gap.hi), hi = (r->objective.better > 0 ? q->gap.hi : -q->gap.lo);
	int digits = plot_digits_for(fmax(fabs(g), fmax(fabs(lo), fabs(hi))));
	if (digits < 1 && fabs(g) < 10)
		digits = 1;
	char a[96], b[96], c[96];
	amount(r, m, g, digits, a, sizeof a, 1);
	char ahead[256] = "";
	if (next)
		snprintf(ahead, sizeof ahead, " ahead of %s", next);
	if (isfinite(lo) && isfinite(hi))
		snprintf(buf, len, "%s%s (95%% interval %s to %s)", a, ahead, amount(r, m, lo, digits, b, sizeof b, 0),
			 amount(r, m, hi, digits, c, sizeof c, 0));
	else
		snprintf(buf, len, "%s%s", a, ahead);
}

void plot_headline(const struct plot_results *r, char *buf, size_t len)
{
	char num[64];
	if (r->n_scen == 1) {
		struct plot_stat e = plot_results_get(r, 0, "experience.mean"), m = plot_results_get(r, 0, "margin");
		char m_txt[64];
		snprintf(buf, len, "%s: experience %s points, margin %s a year (one scenario, nothing to compare)",
			 r->label[0], plot_fmt(num, sizeof num, e.mean, 1),
			 plot_fmt_money(m_txt, sizeof m_txt, m.mean, r->run.currency, 0));
		return;
	}
	const char *obj = r->objective.text;
	if (r->n_rank < 2) {
		snprintf(buf, len, "%zu scenarios compared; %s is not in summary.csv, so none can be ranked on it", r->n_scen,
			 obj);
		return;
	}
	/* the best on the objective and the gap to the runner-up: a win only
	 * when the paired interval of that gap excludes 0 */
	const struct plot_rank *q = &r->rank[0];
	char next[160], gap[256];
	plot_in_sentence(next, sizeof next, r->label[r->rank[1].scen]);
	plot_gap_text(r, q, q->significant == 0 ? NULL : next, gap, sizeof gap);
	if (q->significant == 1)
		snprintf(buf, len, "%s is best on %s, %s", r->label[q->scen], obj, gap);
	else if (q->significant == 0)
		snprintf(buf, len, "%s and %s cannot be told apart on %s: a gap of %s", r->label[q->scen], next, obj, gap);
	else
		snprintf(buf, len, "%s has the best mean %s, %s; differences not tested (%s)", r->label[q->scen], obj, gap,
			 r->have_diffs ? "no paired replications" : "diffs.csv is missing");
}

void plot_count_claim(char *buf, size_t len, const char *scen, const char *base, const char *metric, int better,
		      size_t up, size_t down, size_t total, const char *where)
{
	const char *good = better ? "better" : "higher", *bad = better ? "worse" : "lower";
	char at[64], rest[64] = "";
	if (up == 0 && down == 0) {
		snprintf(buf, len, "No significant difference between %s and %s on %s at any of %zu %s", scen, base, metric,
			 total, where);
		return;
	}
	size_t lead = up ? up : down;
	if (lead == total)
		snprintf(at, sizeof at, "all %zu", total);
	else
		snprintf(at, sizeof at, "%zu of %zu", lead, total);
	if (up && down)
		snprintf(rest, sizeof rest, ", %s at %zu", bad, down);
	snprintf(buf, len, "%s is significantly %s than %s on %s at %s %s%s", scen, up ? good : bad, base, metric, at,
		 where, rest);
}

void plot_ci_note(const struct plot_results *r, const char *what, int noise, char *buf, size_t len)
{
	unsigned n = plot_results_max_n(r);
	int varies = 0;
	for (size_t i = 0; i < r->n_scen * r->n_metric; i++)
		varies |= isfinite(r->summary[i].sd) && r->summary[i].sd > 0;
	if (n <= 1)
		snprintf(buf, len, "One replication: no confidence interval can be computed, so none is shown.");
	else if (!varies)
		snprintf(buf, len, "%s: 95%% confidence intervals over %u replications, which do not vary (zero-width "
				   "intervals).",
			 what, n);
	else if (!noise)
		snprintf(buf, len, "%s: 95%% confidence intervals over %u replications.", what, n);
	else if (strncmp(r->interval_note, "95% intervals: ", 15) == 0)
		snprintf(buf, len, "%s: 95%% confidence intervals over %u replications, %s.", what, n, r->interval_note + 15);
	else
		snprintf(buf, len, "%s: 95%% confidence intervals over %u replications. %s.", what, n, r->interval_note);
}
