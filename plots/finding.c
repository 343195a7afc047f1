/* finding.c - what a title may claim. A difference is stated only when the
 * 95% interval of the paired difference against the baseline (diffs.csv)
 * excludes zero; everything else is "no significant difference". */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "plot.h"

static const char *const headline_kpis[] = {"experience.mean", "cost.total", "revenue.total", "margin"};

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
	size_t best = 0;
	double best_score = 0, best_exp = -INFINITY;
	for (size_t s = 1; s < r->n_scen; s++) {
		double score = 0;
		for (size_t k = 0; k < sizeof headline_kpis / sizeof *headline_kpis; k++) {
			struct plot_stat d = plot_results_diff(r, s, headline_kpis[k]);
			if (!plot_significant(&d))
				continue;
			score += 1;
			if (d.mean * metric_better_find(headline_kpis[k]) > 0)
				score += 2;
		}
		struct plot_stat e = plot_results_diff(r, s, "experience.mean");
		double exp_gain = isfinite(e.mean) ? e.mean : -INFINITY;
		if (score > best_score || (score == best_score && score > 0 && exp_gain > best_exp)) {
			best = s;
			best_score = score;
			best_exp = exp_gain;
		}
	}
	return best;
}

void plot_in_sentence(char *buf, size_t len, const char *label)
{
	snprintf(buf, len, "%s", label);
	if (buf[0] && buf[1] && isupper((unsigned char)buf[0]) && islower((unsigned char)buf[1]))
		buf[0] = (char)tolower((unsigned char)buf[0]);
}

void plot_headline(const struct plot_results *r, char *buf, size_t len)
{
	char base[256], num[64], parts[512] = "";
	plot_in_sentence(base, sizeof base, r->label[0]);
	if (r->n_scen == 1) {
		struct plot_stat e = plot_results_get(r, 0, "experience.mean"), m = plot_results_get(r, 0, "margin");
		char m_txt[64];
		snprintf(buf, len, "%s: experience %s points, margin %s a year (one scenario, nothing to compare)",
			 r->label[0], plot_fmt(num, sizeof num, e.mean, 1),
			 plot_fmt_money(m_txt, sizeof m_txt, m.mean, r->run.currency, 0));
		return;
	}
	if (!r->have_diffs) {
		snprintf(buf, len, "%zu scenarios compared; differences not tested (diffs.csv is missing)", r->n_scen);
		return;
	}
	size_t s = plot_headline_scenario(r);
	if (s == 0) {
		snprintf(buf, len, "No significant difference in experience, cost, revenue or margin vs %s", base);
		return;
	}
	static const char *const words[] = {"experience", "cost", "revenue", "margin"};
	int count = 0;
	for (size_t k = 0; k < 4 && count < 3; k++) {
		/* revenue only when margin is not there to say it */
		if (k == 2) {
			struct plot_stat md = plot_results_diff(r, s, "margin");
			if (plot_significant(&md))
				continue;
		}
		count += plot_change_phrase(r, s, headline_kpis[k], words[k], parts, sizeof parts);
	}
	snprintf(buf, len, "%s: %s vs %s", r->label[s], parts, base);
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

void plot_ci_note(const struct plot_results *r, const char *what, char *buf, size_t len)
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
	else
		snprintf(buf, len, "%s: 95%% confidence intervals over %u replications.", what, n);
}
