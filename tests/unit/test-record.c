/* SPDX-License-Identifier: MIT */
/* test-record.c: value checks of records (record.c). */
#include "unit.h"

#include "record.h"

static void fees(void)
{
	char out[24];

	CHECK(record_parse_fee("1500", out) == 0);
	CHECK_STR(out, "1500.00");
	CHECK(record_parse_fee("1500.5", out) == 0);
	CHECK_STR(out, "1500.50");
	CHECK(record_parse_fee("007.25", out) == 0);
	CHECK_STR(out, "7.25");
	CHECK(record_parse_fee("0.01", out) == 0);
	CHECK_STR(out, "0.01");
	CHECK(record_parse_fee("999999999999.99", out) == 0);
	CHECK(record_parse_fee("0", out) == -2);
	CHECK(record_parse_fee("0.00", out) == -2);
	CHECK(record_parse_fee("000", out) == -2);
	CHECK(record_parse_fee("1000000000000", out) == -3);
	CHECK(record_parse_fee("1000000000000000", out) == -3);
	CHECK(record_parse_fee("1e15", out) == -1);
	CHECK(record_parse_fee("-5", out) == -1);
	CHECK(record_parse_fee("1.234", out) == -1);
	CHECK(record_parse_fee("1.", out) == -1);
	CHECK(record_parse_fee(".5", out) == -1);
	CHECK(record_parse_fee("1,500", out) == -1);
	CHECK(record_parse_fee("", out) == -1);
	CHECK(record_parse_fee(" 5", out) == -1);
}

static void degrees(void)
{
	char out[8];

	/* 1: rounding changed what was typed */
	CHECK(record_parse_degrees("36.149", 90, out) == 1);
	CHECK_STR(out, "36.1");
	CHECK(record_parse_degrees("-5.35", 180, out) == 1);
	CHECK_STR(out, "-5.4");
	CHECK(record_parse_degrees("-0.04", 90, out) == 1);
	CHECK_STR(out, "0.0");
	CHECK(record_parse_degrees("-10.1234", 180, out) == 1);
	CHECK_STR(out, "-10.1");
	CHECK(record_parse_degrees("12.3499999999999", 90, out) == 1);
	CHECK_STR(out, "12.3");
	CHECK(record_parse_degrees("0.05", 90, out) == 1);
	CHECK_STR(out, "0.1");
	CHECK(record_parse_degrees("-179.96", 180, out) == 1);
	CHECK_STR(out, "-180.0");
	CHECK(record_parse_degrees("89.99", 90, out) == 1);
	CHECK_STR(out, "90.0");
	CHECK(record_parse_degrees(" -10.1 ", 180, out) == 0);
	CHECK_STR(out, "-10.1");
	CHECK(record_parse_degrees("10.10000", 180, out) == 0);
	CHECK_STR(out, "10.1");
	CHECK(record_parse_degrees("5.", 90, out) == 0);
	CHECK_STR(out, "5.0");
	CHECK(record_parse_degrees(".5", 90, out) == 0);
	CHECK_STR(out, "0.5");
	CHECK(record_parse_degrees("+007.25", 90, out) == 1);
	CHECK_STR(out, "7.3");
	CHECK(record_parse_degrees("90.00", 90, out) == 0);
	CHECK(record_parse_degrees("90.001", 90, out) == -2);
	CHECK(record_parse_degrees("1000", 180, out) == -2);
	CHECK(record_parse_degrees("99999999999999999999999", 180, out) == -2);
	CHECK(record_parse_degrees("-", 90, out) == -1);
	CHECK(record_parse_degrees(".", 90, out) == -1);
	CHECK(record_parse_degrees("1.2.3", 90, out) == -1);
	CHECK(record_parse_degrees("1,5", 90, out) == -1);
	CHECK(record_parse_degrees("- 5", 90, out) == -1);
	CHECK(record_parse_degrees("90", 90, out) == 0);
	CHECK_STR(out, "90.0");
	CHECK(record_parse_degrees("-180", 180, out) == 0);
	CHECK(record_parse_degrees("90.01", 90, out) == -2);
	CHECK(record_parse_degrees("-181", 180, out) == -2);
	CHECK(record_parse_degrees("nan", 90, out) == -1);
	CHECK(record_parse_degrees("1e2", 180, out) == -1);
	CHECK(record_parse_degrees("12abc", 90, out) == -1);
	CHECK(record_parse_degrees("", 90, out) == -1);
}

static void chains(void)
{
	const char *ok[] = { "AFG", "IRN", "TUR", "GRC" };
	const char *loop[] = { "AFG", "IRN", "TUR", "IRN", "GRC" };
	const char *back[] = { "AFG", "IRN", "AFG" };

	CHECK(record_chain_repeat(ok, 4) == -1);
	CHECK(record_chain_repeat(loop, 5) == 3);
	CHECK(record_chain_repeat(back, 3) == 2);
	CHECK(record_chain_repeat(ok, 1) == -1);
}

static void personal_data(void)
{
	CHECK(record_pii_kind("") == 0);
	CHECK(record_pii_kind("Paid 2500 USD in 2026 for 40 people") == 0);
	CHECK(record_pii_kind("Boat of 12 m, 150000 EUR in total") == 0);
	CHECK(record_pii_kind("contact smuggler@example.org today") == 1);
	CHECK(record_pii_kind("a@b") == 0);
	CHECK(record_pii_kind("@example.org") == 0);
	CHECK(record_pii_kind("passport P1234567 seen") == 2);
	CHECK(record_pii_kind("ID 123456789") == 2);
	CHECK(record_pii_kind("AB123456") == 2);
	CHECK(record_pii_kind("route E40 and A1") == 0);
}

int main(void)
{
	unit_name = "record";
	RUN(fees);
	RUN(degrees);
	RUN(chains);
	RUN(personal_data);
	return unit_report();
}
