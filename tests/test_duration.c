/*
 * test_duration.c - the duration parser of scenario files: units, spaces,
 * decimals, bad strings, negatives, and the printer's exact round trip.
 */
#include <math.h>

#include "testutil.h"

#include "../sim/scenario/scenario_internal.h"
#include "scenario.h"

static double parse_ok(const char *text)
{
	double d = -1;
	char why[128] = "";
	if (duration_parse(text, &d, why, sizeof why) != 0)
		fail_msg("\"%s\" should parse, got: %s", text, why);
	return d;
}

static void parse_bad(const char *text, const char *why_part)
{
	double d = 12345;
	char why[128] = "";
	if (duration_parse(text, &d, why, sizeof why) == 0)
		fail_msg("\"%s\" should be refused, parsed as %g", text, d);
	assert_true(why[0] != 0);
	if (why_part && !strstr(why, why_part))
		fail_msg("\"%s\": reason \"%s\" lacks \"%s\"", text, why, why_part);
	assert_true(d == 12345); /* untouched on error */
}

static void test_units(void **state)
{
	(void)state;
	assert_true(parse_ok("3 d") == 3.0);
	assert_true(parse_ok("2 w") == 14.0);
	assert_true(parse_ok("1 y") == 365.0);
	assert_true(parse_ok("2 h") == 2.0 / 24.0);
	assert_true(parse_ok("45 min") == 45.0 / 1440.0);
	assert_true(parse_ok("90 s") == 90.0 / 86400.0);
	/* long names and case */
	assert_true(parse_ok("3 days") == 3.0);
	assert_true(parse_ok("1 day") == 1.0);
	assert_true(parse_ok("2 hours") == 2.0 / 24.0);
	assert_true(parse_ok("2 H") == 2.0 / 24.0);
	assert_true(parse_ok("5 minutes") == 5.0 / 1440.0);
	assert_true(parse_ok("1 week") == 7.0);
	assert_true(parse_ok("2 years") == 730.0);
	assert_true(parse_ok("30 sec") == 30.0 / 86400.0);
	/* a month is a twelfth of the 365-day year: four "3 mo" periods make a year */
	assert_true(fabs(parse_ok("3 mo") - 91.25) < 1e-12);
	assert_true(fabs(4 * parse_ok("3 months") - 365.0) < 1e-12);
	assert_true(fabs(parse_ok("1 month") - 365.0 / 12) < 1e-12);
}

static void test_plain_numbers_are_days(void **state)
{
	(void)state;
	assert_true(parse_ok("3") == 3.0);
	assert_true(parse_ok("0") == 0.0);
	assert_true(parse_ok("0.25") == 0.25);
	assert_true(parse_ok("+4") == 4.0);
}

static void test_spaces(void **state)
{
	(void)state;
	assert_true(parse_ok("2h") == 2.0 / 24.0);
	assert_true(parse_ok("  2 h  ") == 2.0 / 24.0);
	assert_true(parse_ok("2\th") == 2.0 / 24.0);
	assert_true(parse_ok("1d") == 1.0);
}

static void test_decimals(void **state)
{
	(void)state;
	assert_true(parse_ok("1.5 h") == 1.5 / 24.0);
	assert_true(parse_ok("1.5 d") == 1.5);
	assert_true(parse_ok(".5 d") == 0.5);
	assert_true(parse_ok("2. d") == 2.0);
	assert_true(parse_ok("1e1 d") == 10.0);
	assert_true(parse_ok("2.5e-1 w") == 0.25 * 7.0);
}

static void test_bad_strings(void **state)
{
	(void)state;
	parse_bad("", "empty");
	parse_bad("   ", "empty");
	parse_bad("abc", "number");
	parse_bad("h", "number");
	parse_bad("2 parsecs", "unknown unit");
	parse_bad("2 m", "unknown unit"); /* minutes or months? neither */
	parse_bad("2 h 30 min", "after the unit");
	parse_bad("2 h x", "after the unit");
	parse_bad("1..5 d", NULL);
	parse_bad("nan", "number");
	parse_bad("inf", "number");
	parse_bad("0x10 d", NULL);
	parse_bad("1e999 d", "too large");
	parse_bad(". d", "number");
}

static void test_negatives(void **state)
{
	(void)state;
	parse_bad("-1 d", "negative");
	parse_bad(" -2", "negative");
	parse_bad("-0.5 h", "negative");
	parse_bad("+-1 d", NULL);
}

/* duration_format writes a string that parses back to exactly the same days. */
static void test_format_round_trip(void **state)
{
	(void)state;
	const double values[] = {0, 1, 1.5, 7, 14, 365, 1095, 90, 0.1, 2.0 / 24, 4.0 / 24, 45.0 / 1440,
				 90.0 / 86400, 1.0 / 3, 100.5, 1e-9, 123456.789, 0.3, 2.5 / 24};
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		char buf[64];
		duration_format(values[i], buf, sizeof buf);
		double back = parse_ok(buf);
		if (back != values[i])
			fail_msg("%.17g -> \"%s\" -> %.17g", values[i], buf, back);
	}
	char buf[64];
	duration_format(1.5, buf, sizeof buf);
	assert_string_equal(buf, "1.5 d");
	duration_format(45.0 / 1440, buf, sizeof buf);
	assert_string_equal(buf, "45 min");
	duration_format(1095, buf, sizeof buf);
	assert_string_equal(buf, "3 y");
	duration_format(7, buf, sizeof buf);
	assert_string_equal(buf, "1 w");
	duration_format(91.25, buf, sizeof buf); /* months are read, never written */
	assert_string_equal(buf, "2190 h");
	duration_format(2.0 / 24, buf, sizeof buf);
	assert_string_equal(buf, "2 h");
	duration_format(0, buf, sizeof buf);
	assert_string_equal(buf, "0 d");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_plain_numbers_are_days),
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_decimals),
		cmocka_unit_test(test_bad_strings),
		cmocka_unit_test(test_negatives),
		cmocka_unit_test(test_format_round_trip),
	};
	return cmocka_run_group_tests_name("duration", tests, NULL, NULL);
}
