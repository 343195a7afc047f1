/*
 * test_docs.c - docs/model.md is what its template renders (tests/tools/
 * model_doc.h): a default, a formula or the template changed without `make
 * docs` fails here, and so does a placeholder that names nothing.
 */
#include <string.h>

#include "testutil.h"
#include "tools/model_doc.h"

static char *render_file(const char *path)
{
	char *in = test_read_file(path, NULL);
	if (!in)
		fail_msg("%s is missing", path);
	char err[256] = "";
	char *out = model_doc_render(in, err, sizeof err);
	free(in);
	if (!out)
		fail_msg("%s: %s", path, err);
	return out;
}

static void test_model_md_agrees(void **state)
{
	(void)state;
	char *want = render_file("docs/model.md.in");
	char *doc = test_read_file("docs/model.md", NULL);
	if (!doc)
		fail_msg("docs/model.md is missing");
	if (strcmp(doc, want) != 0) {
		size_t i = 0;
		while (doc[i] && doc[i] == want[i])
			i++;
		size_t line = 1;
		for (size_t k = 0; k < i; k++)
			line += doc[k] == '\n';
		fail_msg("docs/model.md differs from its template at line %zu: run `make docs`", line);
	}
	/* the drift the issue found stays fixed: the renewal example follows the formula */
	assert_non_null(strstr(doc, "p(4) = 0.398"));
	free(doc);
	free(want);
}

static char *render_text(const char *in, char *err, size_t len)
{
	err[0] = 0;
	return model_doc_render(in, err, len);
}

static void test_placeholders(void **state)
{
	(void)state;
	char err[256];
	char *out = render_text("a {{default:handoff.p_loss_boundary}} b {{default:run.horizon}}", err, sizeof err);
	assert_non_null(out);
	assert_string_equal(out, "a 0.15 b 3 y");
	free(out);
	out = render_text("{{num:service.initial_customers}} {{mean:marketing.touch_spacing}}", err, sizeof err);
	assert_non_null(out);
	assert_string_equal(out, "3,000 7 d");
	free(out);
	/* the simulator's own renewal chance, at the defaults */
	out = render_text("{{calc:renewal(4)}} {{pct:renewal(9)}}", err, sizeof err);
	assert_non_null(out);
	assert_string_equal(out, "0.398 93.0%");
	free(out);
	/* issue 12's derived values: council relief by cadence (ownership_relief),
	 * M1's two parts of loss, IT's work per change, the platform's cost */
	out = render_text("{{calc:council_relief(30)}} {{calc:council_relief(7)}} {{calc:loss_coordinated(0)}} "
			  "{{calc:loss_shared(0)}} {{calc:it_change_days(1)}} {{calc:platform_cost(4)}}",
			  err, sizeof err);
	assert_non_null(out);
	assert_string_equal(out, "0.216 0.325 0.112 0.0825 43.5 450,000");
	free(out);
	/* a generated table carries the schema's defaults */
	out = render_text("{{groups:policy.}}", err, sizeof err);
	assert_non_null(out);
	assert_non_null(strstr(out, "| `policy.threshold_shift` | 0.05 | -0.1 | 0 |"));
	free(out);
	/* unknown keys, formulas and kinds fail, naming the line */
	static const char *const bad[] = {"x\n{{default:no.such_key}}", "{{calc:no_such_formula(1)}}",
					  "{{calc:renewal(4}}", "{{nosuchkind:handoff.p_loss_boundary}}",
					  "{{table:no_such_group.}}", "{{default:handoff.p_loss_boundary"};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		out = render_text(bad[k], err, sizeof err);
		if (out)
			fail_msg("%s rendered as %s", bad[k], out);
		assert_non_null(strstr(err, "unknown placeholder"));
	}
	out = render_text("x\n{{default:no.such_key}}", err, sizeof err);
	assert_null(out);
	assert_non_null(strstr(err, "line 2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_md_agrees),
		cmocka_unit_test(test_placeholders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
