/* SPDX-License-Identifier: MIT */
/* valid.c: validators shared by the page files. */
#include <stdio.h>
#include <string.h>

#include "valid.h"

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				     30, 31 };
	int y, m, d, n = 0;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789-") != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10)
		return 0;
	return y >= 2000 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= mdays[m - 1] && !(m == 2 && d == 29 && !leap(y));
}

int valid_code(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 16 &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n;
}

int valid_list_name(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 16 && strspn(s, "abcdefghijklmnopqrstuvwxyz") == n;
}
