/* SPDX-License-Identifier: MIT */
/* test-log.c: log lines cannot be forged with control characters. */
#include "unit.h"

#include "log.h"

static void log_all(void)
{
	char out[64];

	CHECK_STR(log_escape(out, sizeof(out), "plain text"), "plain text");
	CHECK_STR(log_escape(out, sizeof(out), "a\nb\r\x1b[31m"),
		  "a\\x0ab\\x0d\\x1b[31m");
	CHECK_STR(log_escape(out, sizeof(out), "back\\slash"),
		  "back\\x5cslash");
	CHECK_STR(log_escape(out, sizeof(out), "\xc3\xb6"), "\\xc3\\xb6");
	CHECK_STR(log_escape(out, 6, "abcdefgh"), "abcde");
	CHECK_STR(log_escape(out, 6, "ab\ncd"), "ab");	/* no half escape */
}

int main(void)
{
	unit_name = "log";
	RUN(log_all);
	return unit_report();
}
