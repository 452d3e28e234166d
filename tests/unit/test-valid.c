/* SPDX-License-Identifier: MIT */
/* test-valid.c: the validators, above all whole numbers as people type
 * them. */
#include "unit.h"

#include "valid.h"

static int whole(const char *s, long long *v)
{
	*v = -12345;
	return valid_whole(s, strlen(s), v);
}

static void test_whole_accepted(void)
{
	static const struct {
		const char *typed;
		long long value;
	} ok[] = {
		{ "0", 0 }, { "7", 7 }, { "1200", 1200 }, { "1 200", 1200 },
		{ "1,200", 1200 }, { "1\xc2\xa0" "200", 1200 },
		{ "1\xe2\x80\xaf" "200", 1200 }, { "12 345 678", 12345678 },
		{ "1,234,567", 1234567 }, { "  42 ", 42 }, { "-5", -5 },
		{ "-1 000", -1000 }, { "007", 7 }, { "999,999,999", 999999999 },
		{ "9223372036854775807", 9223372036854775807LL },
	};
	size_t i;
	long long v;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int rc = whole(ok[i].typed, &v);

		CHECK(rc == 0);
		CHECK(v == ok[i].value);
		if (rc != 0 || v != ok[i].value)
			fprintf(stderr, "  typed '%s'\n", ok[i].typed);
	}
}

static void test_whole_refused(void)
{
	static const char *const bad[] = {
		"", " ", "-", "abc", "12a", "1,20", "1,2000", "12.5", "1.200",
		"1 20", "1  200", "1 200,000", "1,200 000", ",200", "1,",
		"1 ", "1 200 ", "1200 000", "+5", "--5", "- 5", "5-", "1e3",
		"0x10", "\xc2\xa0" "1", "1\xc2" "200", "1\t200", "1_200",
		"\xef\xbc\x91",	/* a full-width digit one */
	};
	size_t i;
	long long v;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* "1 " and "1 200 " lose their trailing space and pass */
		int want = strcmp(bad[i], "1 ") == 0 ||
			   strcmp(bad[i], "1 200 ") == 0 ? 0 : -1;
		int rc = whole(bad[i], &v);

		CHECK(rc == want);
		if (rc != want)
			fprintf(stderr, "  typed '%s': %d\n", bad[i], rc);
	}
	/* a NUL inside is never a digit */
	CHECK(valid_whole("1\0" "2", 3, &v) == -1);
	/* too large for a long long, though well formed */
	CHECK(whole("9223372036854775808", &v) == -2);
	CHECK(whole("99 999 999 999 999 999 999 999", &v) == -2);
	CHECK(v == -12345);
}

static void test_decimal(void)
{
	static const struct {
		const char *typed, *plain;
	} ok[] = {
		{ "5000", "5000" }, { "5 000", "5000" }, { "5,000", "5000" },
		{ "5 000.50", "5000.50" }, { "5\xc2\xa0" "000.5", "5000.5" },
		{ "5\xe2\x80\xaf" "000", "5000" }, { "1,234,567.25", "1234567.25" },
		{ " 12.5 ", "12.5" }, { "0.01", "0.01" }, { "1.234", "1.234" },
	};
	static const char *const bad[] = {
		"", " ", ".", ".5", "5.", "5 .5", "5. 5", "50,00", "5 000,50",
		"5,000.5.0", "5.0,00", "1 2000", "abc", "5e3", "5 000 .5",
		"5\xc2" "000", "1.2a",
	};
	char out[16];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		int rc = valid_decimal(ok[i].typed, strlen(ok[i].typed), out,
				       sizeof(out));

		CHECK(rc == 0 && strcmp(out, ok[i].plain) == 0);
		if (rc != 0 || strcmp(out, ok[i].plain) != 0)
			fprintf(stderr, "  typed '%s': %d\n", ok[i].typed, rc);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = valid_decimal(bad[i], strlen(bad[i]), out,
				       sizeof(out));

		CHECK(rc == -1);
		if (rc != -1)
			fprintf(stderr, "  typed '%s': %d\n", bad[i], rc);
	}
	CHECK(valid_decimal("1.5\0" "0", 5, out, sizeof(out)) == -1);
	CHECK(valid_decimal("123 456 789 012 345.5", 21, out, sizeof(out)) == -2);
}

static void test_dates_codes(void)
{
	CHECK(valid_date("2026-02-28") && !valid_date("2026-02-29"));
	CHECK(valid_date("2028-02-29") && !valid_date("2026-13-01"));
	CHECK(valid_code("XXA") && valid_code("_U") && !valid_code("xx"));
	CHECK(valid_list_name("country") && !valid_list_name("Country"));
}

int main(void)
{
	unit_name = "valid";
	RUN(test_whole_accepted);
	RUN(test_whole_refused);
	RUN(test_decimal);
	RUN(test_dates_codes);
	return unit_report();
}
