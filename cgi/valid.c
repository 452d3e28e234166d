/* SPDX-License-Identifier: MIT */
/* valid.c: validators shared by the page files. */
#include <limits.h>
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

/* The length of the group separator at s (one of those valid_whole
 * accepts), or 0. */
static size_t separator(const char *s, size_t left)
{
	if (left >= 1 && (s[0] == ' ' || s[0] == ','))
		return 1;
	if (left >= 2 && (unsigned char)s[0] == 0xc2 &&
	    (unsigned char)s[1] == 0xa0)
		return 2;
	if (left >= 3 && (unsigned char)s[0] == 0xe2 &&
	    (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xaf)
		return 3;
	return 0;
}

int valid_whole(const char *s, size_t len, long long *out)
{
	const char *sep = NULL;
	size_t seplen = 0, i = 0, group = 0, ngroups = 0;
	unsigned long long v = 0;
	int neg = 0, big = 0;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	while (i < len && s[i] == ' ')
		i++;
	if (i < len && s[i] == '-') {
		neg = 1;
		i++;
	}
	while (i < len) {
		size_t n;

		if (s[i] >= '0' && s[i] <= '9') {
			if (v > (ULLONG_MAX - 9) / 10)
				big = 1;
			else
				v = v * 10 + (unsigned)(s[i] - '0');
			group++;
			i++;
			continue;
		}
		n = separator(s + i, len - i);
		if (n == 0 || group == 0)
			return -1;
		/* One kind of separator throughout, after a first group of
		 * one to three digits and then groups of three. */
		if (sep == NULL) {
			sep = s + i;
			seplen = n;
		} else if (n != seplen || memcmp(sep, s + i, n) != 0) {
			return -1;
		}
		if (group > 3 || (ngroups > 0 && group != 3))
			return -1;
		ngroups++;
		group = 0;
		i += n;
	}
	if (group == 0 || (ngroups > 0 && group != 3))
		return -1;
	if (big || v > (unsigned long long)LLONG_MAX)
		return -2;
	*out = neg ? -(long long)v : (long long)v;
	return 0;
}

int valid_decimal(const char *s, size_t len, char *out, size_t size)
{
	const char *dot;
	size_t ilen, i, n = 0;
	long long v;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	while (len > 0 && s[0] == ' ') {
		s++;
		len--;
	}
	dot = memchr(s, '.', len);
	ilen = dot != NULL ? (size_t)(dot - s) : len;
	/* The whole part, its groups checked by valid_whole (which would
	 * also let a space through before the point: not here). */
	if (ilen == 0 || s[ilen - 1] < '0' || s[ilen - 1] > '9' ||
	    valid_whole(s, ilen, &v) == -1)
		return -1;
	if (dot != NULL && (ilen + 1 == len ||
			    strspn(dot + 1, "0123456789") < len - ilen - 1))
		return -1;
	for (i = 0; i < len; i++) {
		if (i < ilen && !(s[i] >= '0' && s[i] <= '9') && s[i] != '-')
			continue;	/* a group separator */
		if (n + 1 >= size)
			return -2;
		out[n++] = s[i];
	}
	out[n] = '\0';
	return 0;
}
