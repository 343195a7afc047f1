/*
 * journal.c - the append-only journal of a sweep (DIR/journal).
 *
 * Text, one item per line, so that a torn write can only ever damage the last
 * line and a person can read it:
 *
 *   journeysim-sweep-journal 1
 *   version 0.1.0                      the header: every field that
 *   config config/sweeps/x.cfg         identifies the sweep, one per line
 *   ...
 *   end 5f0e3c2a9b1d7e44               FNV-1a 64 of the header lines above
 *   R 17;0.5,24;1.25,,3 0a1b2c3d4e5f6071
 *
 * A record "R point;parameter values;values hash" holds one finished point:
 * the values of every scenario, replication and metric (in that nesting, NaN
 * as an empty field) in the shortest form that reads back to the same double,
 * and the FNV-1a 64 hash of everything between "R " and the hash. The header
 * is written to a temporary file, fsync'd and linked into place, so a journal
 * either does not exist or has an intact header: a header that is cut short
 * or does not match its "end" hash is damage, refused (EX_DATAERR) and never
 * rewritten. Each record is appended with one write, then fflush and fsync. A
 * record without its line break or with a wrong hash can only be the last one
 * (a crash mid-write): it is ignored, and cut off before a resumed sweep
 * appends.
 *
 * One writer per folder: the process that writes DIR/journal (a sweep, or a
 * merge into DIR) holds an exclusive flock on it from before it touches
 * anything until it is done (sweep_folder_lock). A new journal is locked
 * before it is linked into place (link, not rename: it fails when another
 * process got there first), so there is no moment at which a second process
 * could find it unlocked.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "sweep_internal.h"

#define FNV_OFFSET 0xcbf29ce484222325u
#define FNV_PRIME 0x100000001b3u

static const char *const kind_names[] = {"list", "range_step", "range_count", "bounds"};

static uint64_t fnv_add(uint64_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* ---- the header ---- */

static void put_num(FILE *fp, double v)
{
	char buf[40];
	fputs(csv_format_number(buf, sizeof buf, v), fp);
}

/* A decide's priors, groups, hash and worlds: "prior DIST A B C" per
 * parameter, "group NAME j,j", "decision SHA256", "world v v ..." per world
 * (tab-separated), so that a resume or a merge has the decision from the
 * journal alone. */
static void worlds_header_write(FILE *m, const struct sweep_plan *p)
{
	const struct sweep_worlds *w = &p->worlds;
	for (size_t j = 0; j < p->n_params; j++) {
		fprintf(m, "prior %s", w->dist[j]);
		const double abc[3] = {w->dist_a[j], w->dist_b[j], w->dist_c[j]};
		for (size_t i = 0; i < 3; i++) {
			fputc('\t', m);
			put_num(m, abc[i]);
		}
		fputc('\n', m);
	}
	for (size_t g = 0; g < w->n_groups; g++) {
		fprintf(m, "group %s\t", w->group_name[g]);
		for (size_t i = 0; i < w->group_size[g]; i++)
			fprintf(m, "%s%zu", i ? "," : "", w->group_member[g][i]);
		fputc('\n', m);
	}
	fprintf(m, "decision %s\n", w->sha256);
	for (size_t i = 0; i < p->n_points; i++) {
		fputs("world", m);
		for (size_t j = 0; j < p->n_params; j++) {
			fputc(j ? '\t' : ' ', m);
			put_num(m, sweep_point_value(p, i, j));
		}
		fputc('\n', m);
	}
}

int journal_header_write(FILE *fp, const struct sweep_plan *p)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (!m)
		return -1;
	fprintf(m, "%s\n", JOURNAL_MAGIC);
	fprintf(m, "version %s\n", p->version);
	fprintf(m, "config %s\n", p->config);
	fprintf(m, "config_sha256 %s\n", p->config_sha256);
	fprintf(m, "resolved_sha256 %s\n", p->resolved_sha256);
	fprintf(m, "design %s\n", sweep_design_names[p->design]);
	fprintf(m, "seeds %s\n", p->seeds_per_point ? "per_point" : "common");
	fprintf(m, "seed %llu\n", (unsigned long long)p->seed);
	fprintf(m, "replications %u\n", p->replications);
	fputs("horizon ", m);
	put_num(m, p->horizon);
	fputs("\nwarmup ", m);
	put_num(m, p->warmup);
	if (p->n_periods) { /* sweep.periods = true */
		fprintf(m, "\nperiods %zu\nperiod ", p->n_periods);
		put_num(m, p->period);
	}
	fprintf(m, "\ncurrency %s\n", p->currency);
	fprintf(m, "points %zu\n", p->n_points);
	fprintf(m, "shard %u/%u\n", p->shard_k, p->shard_n);
	for (size_t s = 0; s < p->n_scenarios; s++)
		fprintf(m, "scenario %s\n", p->scenarios[s]);
	for (size_t k = 0; k < p->n_metrics; k++)
		fprintf(m, "metric %s\n", metric_table[p->metrics[k]].name);
	/* what the sweep is asked (merge writes it again; no point depends on it) */
	if (p->objective[0])
		fprintf(m, "objective %s\n", p->objective);
	if (p->focus >= 0)
		fprintf(m, "focus %s\n", metric_table[p->focus].name);
	if (p->contrast[0] >= 0)
		fprintf(m, "contrast %d %d\n", p->contrast[0], p->contrast[1]);
	for (size_t j = 0; j < p->n_params; j++) {
		const struct sweep_param *prm = &p->params[j];
		fprintf(m, "param %s\t%s\t%d\t%d\t%s\t", prm->path, prm->unit, prm->integer, prm->duration,
			kind_names[prm->kind]);
		const double nums[] = {prm->from, prm->to, prm->step, prm->low, prm->high, prm->base};
		for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
			put_num(m, nums[i]);
			fputc('\t', m);
		}
		fprintf(m, "%u\t%d\t%zu", prm->count, prm->base_given, prm->n_levels);
		for (size_t i = 0; i < prm->n_levels; i++) {
			fputc('\t', m);
			put_num(m, prm->levels[i]);
		}
		fputc('\n', m);
	}
	if (p->design == SWEEP_WORLDS)
		worlds_header_write(m, p);
	if (fclose(m) != 0) {
		free(text);
		return -1;
	}
	int ok = fwrite(text, 1, len, fp) == len &&
		 fprintf(fp, "end %016llx\n", (unsigned long long)fnv_add(FNV_OFFSET, text, len)) > 0;
	free(text);
	return ok ? 0 : -1;
}

/* Damage is reported, never repaired: the header identifies the sweep, and a
 * guess at what it said could resume the wrong one. */
static int bad_header(const char *path, size_t line, const char *what, struct js_error *err)
{
	return js_error_set(err, EX_DATAERR,
			    "%s:%zu: not a valid sweep journal header (%s); it is left as it is: remove it (or use "
			    "another -o folder) to start over",
			    path, line, what);
}

static double num_of(const char *s)
{
	return *s ? strtod(s, NULL) : NAN;
}

/* "path unit integer duration kind from to step low high base count
 * base_given n_levels level...", tab-separated (empty fields allowed). */
static int header_param(struct sweep_plan *p, char *rest)
{
	if (p->n_params >= SWEEP_PARAM_MAX)
		return -1;
	struct sweep_param *prm = &p->params[p->n_params++];
	char *f[14];
	size_t n = 0;
	while (n < 14 && rest)
		f[n++] = strsep(&rest, "\t");
	if (n < 14)
		return -1;
	snprintf(prm->path, sizeof prm->path, "%s", f[0]);
	snprintf(prm->unit, sizeof prm->unit, "%s", f[1]);
	prm->integer = atoi(f[2]);
	prm->duration = atoi(f[3]);
	size_t k = 0;
	while (k < 4 && strcmp(f[4], kind_names[k]) != 0)
		k++;
	if (k == 4)
		return -1;
	prm->kind = (enum sweep_values)k;
	prm->from = num_of(f[5]);
	prm->to = num_of(f[6]);
	prm->step = num_of(f[7]);
	prm->low = num_of(f[8]);
	prm->high = num_of(f[9]);
	prm->base = num_of(f[10]);
	prm->count = (unsigned)strtoul(f[11], NULL, 10);
	prm->base_given = atoi(f[12]);
	size_t levels = strtoul(f[13], NULL, 10);
	if (levels > SWEEP_POINTS_MAX)
		return -1;
	prm->n_levels = levels;
	prm->levels = levels ? malloc(levels * sizeof *prm->levels) : NULL;
	if (levels && !prm->levels)
		return -1;
	for (size_t i = 0; i < levels; i++) {
		char *v = rest ? strsep(&rest, "\t") : NULL;
		if (!v || !*v)
			return -1;
		prm->levels[i] = strtod(v, NULL);
	}
	return rest ? -1 : 0;
}

/* The lines worlds_header_write adds. 1: not one of them. */
static int worlds_field(struct sweep_plan *p, const char *key, char *val)
{
	struct sweep_worlds *w = &p->worlds;
	char *f;
	if (strcmp(key, "prior") == 0) {
		if (w->n_dist >= SWEEP_PARAM_MAX || !(f = strsep(&val, "\t")))
			return -1;
		snprintf(w->dist[w->n_dist], sizeof w->dist[0], "%s", f);
		double *abc[3] = {&w->dist_a[w->n_dist], &w->dist_b[w->n_dist], &w->dist_c[w->n_dist]};
		for (size_t i = 0; i < 3; i++) {
			if (!(f = strsep(&val, "\t")))
				return -1;
			*abc[i] = num_of(f);
		}
		w->n_dist++;
		return val ? -1 : 0;
	}
	if (strcmp(key, "group") == 0) {
		if (w->n_groups >= SWEEP_GROUPS_MAX || !(f = strsep(&val, "\t")) || !val)
			return -1;
		size_t g = w->n_groups++;
		snprintf(w->group_name[g], NAME_LEN, "%s", f);
		while ((f = strsep(&val, ",")) && *f) {
			size_t j = strtoul(f, NULL, 10);
			if (j >= SWEEP_PARAM_MAX || w->group_size[g] >= SWEEP_PARAM_MAX)
				return -1;
			w->group_member[g][w->group_size[g]++] = j;
		}
		return 0;
	}
	if (strcmp(key, "decision") == 0) {
		snprintf(w->sha256, sizeof w->sha256, "%s", val);
		return 0;
	}
	if (strcmp(key, "world") == 0) {
		if (p->n_params == 0 || p->n_points == 0 || p->n_points > SWEEP_POINTS_MAX || w->n_read >= p->n_points)
			return -1;
		if (!p->points && !(p->points = malloc(p->n_points * p->n_params * sizeof *p->points)))
			return -1;
		for (size_t j = 0; j < p->n_params; j++) {
			if (!(f = strsep(&val, "\t")) || !*f)
				return -1;
			p->points[w->n_read * p->n_params + j] = strtod(f, NULL);
		}
		w->n_read++;
		return val ? -1 : 0;
	}
	return 1;
}

static int header_field(struct sweep_plan *p, char *key, char *val)
{
	int wf = worlds_field(p, key, val);
	if (wf <= 0)
		return wf;
	if (strcmp(key, "version") == 0) {
		snprintf(p->version, sizeof p->version, "%s", val);
	} else if (strcmp(key, "config") == 0) {
		snprintf(p->config, sizeof p->config, "%s", val);
	} else if (strcmp(key, "config_sha256") == 0) {
		snprintf(p->config_sha256, sizeof p->config_sha256, "%s", val);
	} else if (strcmp(key, "resolved_sha256") == 0) {
		snprintf(p->resolved_sha256, sizeof p->resolved_sha256, "%s", val);
	} else if (strcmp(key, "design") == 0) {
		size_t d = 0;
		while (d < SWEEP_DESIGN_COUNT && strcmp(val, sweep_design_names[d]) != 0)
			d++;
		if (d == SWEEP_DESIGN_COUNT)
			return -1;
		p->design = (enum sweep_design)d;
	} else if (strcmp(key, "seeds") == 0) {
		p->seeds_per_point = strcmp(val, "per_point") == 0;
	} else if (strcmp(key, "seed") == 0) {
		p->seed = strtoull(val, NULL, 10);
	} else if (strcmp(key, "replications") == 0) {
		p->replications = (unsigned)strtoul(val, NULL, 10);
	} else if (strcmp(key, "horizon") == 0) {
		p->horizon = num_of(val);
	} else if (strcmp(key, "warmup") == 0) {
		p->warmup = num_of(val);
	} else if (strcmp(key, "periods") == 0) {
		p->n_periods = strtoul(val, NULL, 10);
	} else if (strcmp(key, "period") == 0) {
		p->period = num_of(val);
	} else if (strcmp(key, "currency") == 0) {
		snprintf(p->currency, sizeof p->currency, "%s", val);
	} else if (strcmp(key, "points") == 0) {
		p->n_points = strtoul(val, NULL, 10);
	} else if (strcmp(key, "shard") == 0) {
		if (sscanf(val, "%u/%u", &p->shard_k, &p->shard_n) != 2)
			return -1;
	} else if (strcmp(key, "scenario") == 0) {
		if (p->n_scenarios >= SCENARIO_MAX)
			return -1;
		snprintf(p->scenarios[p->n_scenarios++], NAME_LEN, "%s", val);
	} else if (strcmp(key, "metric") == 0) {
		int m = metric_find(val);
		if (m < 0 || p->n_metrics >= METRIC_COUNT)
			return -1;
		p->metrics[p->n_metrics++] = m;
	} else if (strcmp(key, "param") == 0) {
		return header_param(p, val);
	} else if (strcmp(key, "objective") == 0) {
		snprintf(p->objective, sizeof p->objective, "%s", val);
	} else if (strcmp(key, "focus") == 0) {
		if ((p->focus = metric_find(val)) < 0)
			return -1;
	} else if (strcmp(key, "contrast") == 0) {
		if (sscanf(val, "%d %d", &p->contrast[0], &p->contrast[1]) != 2 || p->contrast[0] < 0 ||
		    p->contrast[1] < 0 || p->contrast[0] >= SCENARIO_MAX || p->contrast[1] >= SCENARIO_MAX)
			return -1;
	} else {
		return -1;
	}
	return 0;
}

int journal_header_read(FILE *fp, const char *path, struct sweep_plan *p, off_t *end, int *torn,
			struct js_error *err)
{
	memset(p, 0, sizeof *p);
	p->focus = p->contrast[0] = p->contrast[1] = -1;
	*torn = 0;
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t n;
	uint64_t h = FNV_OFFSET;
	int rc = -1, done = 0;
	while (!done && (n = getline(&line, &cap, fp)) > 0) {
		no++;
		if (line[n - 1] != '\n')
			break; /* torn */
		if (no == 1) {
			if (strcmp(line, JOURNAL_MAGIC "\n") != 0) {
				bad_header(path, no, "it does not start with \"" JOURNAL_MAGIC "\"", err);
				goto out;
			}
			h = fnv_add(h, line, (size_t)n);
			continue;
		}
		if (strncmp(line, "end ", 4) == 0) {
			char want[32];
			snprintf(want, sizeof want, "end %016llx\n", (unsigned long long)h);
			if (strcmp(line, want) != 0) {
				bad_header(path, no, "damaged: its lines do not match their checksum", err);
				goto out;
			}
			done = 1;
			break;
		}
		h = fnv_add(h, line, (size_t)n);
		line[n - 1] = 0;
		char *sp = strchr(line, ' ');
		if (!sp || (*sp = 0, header_field(p, line, sp + 1) != 0)) {
			bad_header(path, no, "a line it cannot read", err);
			goto out;
		}
	}
	if (!done) { /* cannot come from a crash: the header is linked into place whole */
		*torn = 1;
		bad_header(path, no, "cut short before its \"end\" line", err);
		goto out;
	}
	*end = ftello(fp);
	if (p->n_scenarios == 0 || p->n_metrics == 0 || p->n_params == 0 || p->replications == 0 ||
	    p->shard_n == 0 || p->shard_k == 0 || p->shard_k > p->shard_n) {
		bad_header(path, no, "a field is missing", err);
		goto out;
	}
	if (p->design == SWEEP_WORLDS && (p->worlds.n_read != p->n_points || p->worlds.n_dist != p->n_params)) {
		bad_header(path, no, "its worlds do not match its points", err);
		goto out;
	}
	size_t points = p->n_points;
	if (sweep_design_build(p, err) != 0)
		goto out;
	if (p->n_points != points) {
		bad_header(path, no, "its points do not match its design", err);
		goto out;
	}
	rc = 0;
out:
	free(line);
	return rc;
}

int journal_check_same(const struct sweep_plan *j, const struct sweep_plan *p, const char *path,
		       struct js_error *err)
{
	static const char fix[] = "remove it (or use another -o folder) to start over";
	if (strcmp(j->config_sha256, p->config_sha256) != 0)
		return js_error_set(err, EX_DATAERR,
				    "%s: written for another version of the config (sha256 %.12s..., %s now has "
				    "%.12s...): %s",
				    path, j->config_sha256, p->config, p->config_sha256, fix);
	if (strcmp(j->resolved_sha256, p->resolved_sha256) != 0)
		return js_error_set(err, EX_DATAERR,
				    "%s: written for other scenarios (an @included file or a preset changed since): %s",
				    path, fix);
	if (strcmp(j->version, p->version) != 0)
		return js_error_set(err, EX_DATAERR, "%s: written by journeysim %s, this is %s: %s", path, j->version,
				    p->version, fix);
	if (j->design != p->design)
		return js_error_set(err, EX_DATAERR, "%s: written for a %s design, this sweep is %s: %s", path,
				    sweep_design_names[j->design], sweep_design_names[p->design], fix);
	if (strcmp(j->worlds.sha256, p->worlds.sha256) != 0)
		return js_error_set(err, EX_DATAERR,
				    "%s: written for another decision (its priors or their worlds differ: sha256 %.12s..., "
				    "now %.12s...): %s",
				    path, j->worlds.sha256, p->worlds.sha256, fix);
	if (j->shard_k != p->shard_k || j->shard_n != p->shard_n)
		return js_error_set(err, EX_DATAERR,
				    "%s: written for shard %u/%u, this run is shard %u/%u: resume it with --shard %u/%u, "
				    "or %s",
				    path, j->shard_k, j->shard_n, p->shard_k, p->shard_n, j->shard_k, j->shard_n, fix);
	int same = j->seed == p->seed && j->replications == p->replications && j->n_points == p->n_points &&
		   j->n_scenarios == p->n_scenarios && j->n_metrics == p->n_metrics && j->n_params == p->n_params &&
		   j->seeds_per_point == p->seeds_per_point && j->n_periods == p->n_periods;
	for (size_t k = 0; same && k < p->n_metrics; k++)
		same = j->metrics[k] == p->metrics[k];
	for (size_t s = 0; same && s < p->n_scenarios; s++)
		same = strcmp(j->scenarios[s], p->scenarios[s]) == 0;
	for (size_t i = 0; same && i < p->n_points * p->n_params; i++)
		same = j->points[i] == p->points[i];
	if (!same)
		return js_error_set(err, EX_DATAERR, "%s: written for another sweep (seed, points or metrics differ): %s",
				    path, fix);
	return 0;
}

/* ---- records ---- */

static int grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 4096;
	while (n < need)
		n *= 2;
	char *b = realloc(*buf, n);
	if (!b)
		return -1;
	*buf = b;
	*cap = n;
	return 0;
}

size_t journal_record_format(char **buf, size_t *cap, const struct sweep_plan *p, size_t point,
			     const double *values)
{
	size_t nv = plan_values_per_point(p);
	/* 25 bytes per number at most ("-1.2345678901234567e-300") and a separator */
	size_t need = 64 + (nv + p->n_params) * 26;
	if (grow(buf, cap, need))
		return 0;
	char *b = *buf, num[40];
	size_t o = (size_t)snprintf(b, *cap, "R %zu;", point);
	for (size_t j = 0; j < p->n_params; j++) {
		o += (size_t)snprintf(b + o, *cap - o, "%s%s", j ? "," : "",
				      csv_format_number(num, sizeof num, sweep_point_value(p, point, j)));
	}
	b[o++] = ';';
	for (size_t i = 0; i < nv; i++) {
		if (i)
			b[o++] = ',';
		size_t l = strlen(csv_format_number(num, sizeof num, values[i]));
		memcpy(b + o, num, l);
		o += l;
	}
	uint64_t h = fnv_add(FNV_OFFSET, b + 2, o - 2);
	o += (size_t)snprintf(b + o, *cap - o, " %016llx\n", (unsigned long long)h);
	return o;
}

/* One number up to a separator; "" is NaN. */
static int parse_num(char **q, char stop, double *v)
{
	char *s = *q;
	if (*s == stop || *s == ',' || *s == ';' || *s == 0) {
		*v = NAN;
		*q = s;
		return 0;
	}
	char *end;
	*v = strtod(s, &end);
	if (end == s)
		return -1;
	*q = end;
	return 0;
}

int journal_record_parse(char *line, size_t len, const struct sweep_plan *p, size_t *point, double *values)
{
	if (len < 20 || line[0] != 'R' || line[1] != ' ' || line[len - 17] != ' ')
		return -1;
	char *hash = line + len - 16, *end;
	uint64_t want = strtoull(hash, &end, 16);
	if (end != line + len || fnv_add(FNV_OFFSET, line + 2, len - 19) != want)
		return -1;
	line[len - 17] = 0;
	char *q = line + 2;
	unsigned long long pt = strtoull(q, &end, 10);
	if (end == q || *end != ';' || pt >= p->n_points)
		return -1;
	q = end + 1;
	for (size_t j = 0; j < p->n_params; j++) {
		double x;
		if ((j && *q++ != ',') || parse_num(&q, ';', &x) || x != sweep_point_value(p, (size_t)pt, j))
			return -1;
	}
	if (*q++ != ';')
		return -1;
	size_t nv = plan_values_per_point(p);
	for (size_t i = 0; i < nv; i++) {
		double v;
		if ((i && *q++ != ',') || parse_num(&q, ',', &v))
			return -1;
		if (values)
			values[i] = v;
	}
	if (*q != 0)
		return -1;
	*point = (size_t)pt;
	return 0;
}

int journal_scan(FILE *fp, const char *path, const struct sweep_plan *p, off_t start, journal_record_fn fn,
		 void *ctx, off_t *good_end, int *torn, struct js_error *err)
{
	if (fseeko(fp, start, SEEK_SET) != 0)
		return js_error_set(err, EX_IOERR, "%s: cannot seek: %s", path, strerror(errno));
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	off_t at = start, bad = -1;
	int rc = 0;
	*torn = 0;
	*good_end = start;
	while ((n = getline(&line, &cap, fp)) > 0) {
		size_t pt;
		int ok = line[n - 1] == '\n' && journal_record_parse(line, (size_t)n - 1, p, &pt, NULL) == 0;
		if (ok && bad >= 0) {
			rc = js_error_set(err, EX_DATAERR,
					  "%s: damaged at byte %lld, with intact records after it: remove it to start over",
					  path, (long long)bad);
			break;
		}
		if (!ok) {
			bad = at;
		} else {
			if (fn && (rc = fn(ctx, pt, at, err)) != 0)
				break;
			*good_end = at + n;
		}
		at += n;
	}
	if (rc == 0 && ferror(fp))
		rc = js_error_set(err, EX_IOERR, "%s: cannot read: %s", path, strerror(errno));
	if (rc == 0 && bad >= 0)
		*torn = 1;
	free(line);
	return rc;
}

int journal_read_at(FILE *fp, const char *path, const struct sweep_plan *p, off_t offset, size_t point,
		    double *values, char **line, size_t *cap, struct js_error *err)
{
	if (fseeko(fp, offset, SEEK_SET) != 0)
		return js_error_set(err, EX_IOERR, "%s: cannot seek: %s", path, strerror(errno));
	ssize_t n = getline(line, cap, fp);
	size_t got;
	if (n <= 0 || (*line)[n - 1] != '\n' || journal_record_parse(*line, (size_t)n - 1, p, &got, values) != 0 ||
	    got != point)
		return js_error_set(err, EX_DATAERR, "%s: the record of point %zu changed while reading", path, point);
	return 0;
}

int journal_append(FILE *fp, const char *path, const char *rec, size_t len, struct js_error *err)
{
	if (fwrite(rec, 1, len, fp) != len || fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		return js_error_set(err, EX_IOERR, "%s: cannot write: %s", path, strerror(errno));
	return 0;
}

/* ---- the one-writer lock ---- */

static int in_use(const char *dir, const char *path, struct js_error *err)
{
	return js_error_set(err, EX_TEMPFAIL,
			    "%s is in use: another journeysim sweep or merge is writing into it (it holds the lock on "
			    "%s); wait for it to finish, or use another -o folder",
			    dir, path);
}

/* An exclusive lock on fd, without waiting: EX_TEMPFAIL when another process
 * holds it. */
static int lock_journal(int fd, const char *dir, const char *path, struct js_error *err)
{
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return 0;
	if (errno == EWOULDBLOCK)
		return in_use(dir, path, err);
	return js_error_set(err, EX_IOERR, "%s: cannot lock: %s", path, strerror(errno));
}

static int fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc;
}

/* A new journal holding only the header, locked (*fd_out) before it is
 * linked into place. 1 when another process put a journal there first
 * (nothing is left behind then). */
static int journal_create(const char *dir, const char *path, const struct sweep_plan *p, int *fd_out,
			  struct js_error *err)
{
	char tmp[OUT_PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s/.journal-%ld.tmp", dir, (long)getpid()) >= (int)sizeof tmp)
		return js_error_set(err, EX_CANTCREAT, "%s: path too long", dir);
	int fd = open(tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return js_error_set(err, EX_CANTCREAT, "%s: cannot create: %s", tmp, strerror(errno));
	int dfd = flock(fd, LOCK_EX | LOCK_NB) == 0 ? dup(fd) : -1;
	FILE *fp = dfd >= 0 ? fdopen(dfd, "wb") : NULL;
	if (!fp && dfd >= 0)
		close(dfd);
	int ok = fp && journal_header_write(fp, p) == 0 && fflush(fp) == 0 && fsync(fileno(fp)) == 0;
	if (fp)
		ok = fclose(fp) == 0 && ok;
	int e = errno, linked = 0;
	if (ok) {
		linked = link(tmp, path) == 0;
		e = errno;
		/* a file system without hard links: rename, which cannot refuse an existing journal */
		if (!linked && e != EEXIST && access(path, F_OK) != 0)
			linked = rename(tmp, path) == 0;
	}
	unlink(tmp);
	if (!linked) {
		close(fd);
		if (ok && e == EEXIST)
			return 1;
		return js_error_set(err, EX_CANTCREAT, "%s: cannot write: %s", path, strerror(e));
	}
	fsync_dir(dir);
	*fd_out = fd;
	return 0;
}

int sweep_folder_lock(const char *dir, const struct sweep_plan *p, struct sweep_folder_lock *lk,
		      struct js_error *err)
{
	char path[OUT_PATH_MAX];
	lk->fd = -1;
	lk->created = 0;
	if (path_join(path, sizeof path, dir, JOURNAL_NAME, err) != 0)
		return -1;
	/* a retry only when another process created the journal between our open and our link */
	for (int tries = 0; tries < 4; tries++) {
		int fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC);
		if (fd >= 0) {
			struct stat sb;
			if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
				close(fd);
				return js_error_set(err, EX_NOINPUT, "%s: not a regular file", path);
			}
			if (lock_journal(fd, dir, path, err) != 0) {
				close(fd);
				return -1;
			}
			lk->fd = fd;
			return 0;
		}
		if (errno != ENOENT)
			return js_error_set(err, EX_NOINPUT, "%s: cannot open: %s", path, strerror(errno));
		int rc = journal_create(dir, path, p, &fd, err);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			lk->fd = fd;
			lk->created = 1;
			return 0;
		}
	}
	return in_use(dir, path, err);
}

void sweep_folder_unlock(struct sweep_folder_lock *lk)
{
	if (lk->fd >= 0)
		close(lk->fd); /* releases the flock */
	lk->fd = -1;
}

/* ---- opening ---- */

struct mark_ctx {
	unsigned char *done;
	size_t n;
};

static int mark_done(void *ctx, size_t point, off_t offset, struct js_error *err)
{
	(void)offset;
	(void)err;
	struct mark_ctx *m = ctx;
	if (!m->done[point]) {
		m->done[point] = 1;
		m->n++;
	}
	return 0;
}

int journal_open(const char *dir, const struct sweep_plan *p, int resume, unsigned char *done, FILE **out,
		 char *path, size_t path_len, struct js_error *err)
{
	*out = NULL;
	if (path_join(path, path_len, dir, JOURNAL_NAME, err) != 0)
		return -1;
	FILE *fp = fopen(path, "rb");
	if (!fp && errno != ENOENT)
		return js_error_set(err, EX_NOINPUT, "%s: cannot open: %s", path, strerror(errno));
	if (fp) {
		struct sweep_plan j;
		off_t start, good_end;
		int torn, torn_tail;
		int rc = journal_header_read(fp, path, &j, &start, &torn, err);
		struct mark_ctx m = {done, 0};
		if (rc == 0 && (rc = journal_check_same(&j, p, path, err)) == 0)
			rc = journal_scan(fp, path, &j, start, mark_done, &m, &good_end, &torn_tail, err);
		sweep_plan_fini(&j);
		fclose(fp);
		if (rc != 0)
			return -1;
		/* a journal of this sweep without records (sweep_folder_lock made it) holds nothing to lose */
		if (!resume && m.n > 0)
			return js_error_set(err, EX_CANTCREAT,
					    "%s exists (%zu of the %zu points journaled): add --resume to continue that "
					    "sweep, or remove it (or use another -o folder) to start over",
					    path, m.n, p->n_points);
		if (torn_tail && truncate(path, good_end) != 0)
			return js_error_set(err, EX_IOERR, "%s: cannot cut off its torn last record: %s", path,
					    strerror(errno));
	} else {
		/* no sweep_folder_lock before (a caller of the library alone): made now, unlocked */
		int fd;
		int rc = journal_create(dir, path, p, &fd, err);
		if (rc > 0)
			return in_use(dir, path, err);
		if (rc < 0)
			return -1;
		close(fd);
	}
	fp = fopen(path, "ab");
	if (!fp)
		return js_error_set(err, EX_CANTCREAT, "%s: cannot open for appending: %s", path, strerror(errno));
	*out = fp;
	return 0;
}
