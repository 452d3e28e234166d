/* SPDX-License-Identifier: MIT */
/* unit.h: the smallest test harness that prints "N passed, N failed". */
#ifndef VRS_UNIT_H
#define VRS_UNIT_H

#include <stdio.h>
#include <string.h>

/* Checks count inside the current test; tests are what the report counts. */
static int unit_passed, unit_failed, tests_passed, tests_failed;
static const char *unit_name = "unit";

/* Runs one test function; it fails if any of its checks failed. */
#define RUN(fn) do { \
	int before_ = unit_failed; \
	fn(); \
	if (unit_failed == before_) \
		tests_passed++; \
	else { \
		tests_failed++; \
		fprintf(stderr, "%s: %s FAILED\n", unit_name, #fn); \
	} \
} while (0)

/* One check; a failure prints where and what, and the run goes on. */
#define CHECK(cond) do { \
	if (cond) { \
		unit_passed++; \
	} else { \
		unit_failed++; \
		fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, \
			#cond); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) { \
		unit_passed++; \
	} else { \
		unit_failed++; \
		fprintf(stderr, "%s:%d: FAILED: %s is \"%s\", want \"%s\"\n", \
			__FILE__, __LINE__, #got, g_ ? g_ : "(null)", \
			w_ ? w_ : "(null)"); \
	} \
} while (0)

static int unit_report(void)
{
	printf("%s: %d passed, %d failed  (%d checks)\n", unit_name,
	       tests_passed, tests_failed, unit_passed + unit_failed);
	return tests_failed == 0 ? 0 : 1;
}

#endif
