/* SPDX-License-Identifier: MIT */
/* record.c: value checks of records that need no database. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "record.h"

int record_parse_fee(const char *s, char out[24])
{
	size_t ints = strspn(s, "0123456789"), decs = 0;
	const char *p = s + ints;

	if (ints == 0)
		return -1;
	if (*p == '.') {
		decs = strspn(p + 1, "0123456789");
		if (decs == 0 || decs > 2)
			return -1;
		p += 1 + decs;
	}
	if (*p != '\0')
		return -1;
	while (ints > 1 && *s == '0') {	/* "007" is 7 */
		s++;
		ints--;
	}
	if (ints > 12)
		return -3;
	memcpy(out, s, ints);
	out[ints] = '.';
	out[ints + 1] = decs > 0 ? s[ints + 1] : '0';
	out[ints + 2] = decs > 1 ? s[ints + 2] : '0';
	out[ints + 3] = '\0';
	if (strspn(out, "0.") == strlen(out))
		return -2;
	return 0;
}

int record_parse_degrees(const char *s, double max, char out[8])
{
	size_t len = strlen(s), ints, decs = 0, i;
	long whole = 0, tenths, limit = (long)max;
	int neg = 0, beyond = 0, up = 0, over = 0;
	const char *frac = "";

	/* Read as text, not as a double, so that rounding is to the digits
	 * typed: halves away from zero, -5.35 is -5.4 and 12.3499999 is
	 * 12.3 (0.1 degree is about 11 km, never a house). */
	while (len > 0 && s[len - 1] == ' ')
		len--;
	while (len > 0 && *s == ' ') {
		s++;
		len--;
	}
	if (len > 0 && (*s == '-' || *s == '+')) {
		neg = *s == '-';
		s++;
		len--;
	}
	ints = strspn(s, "0123456789");
	if (ints > len)
		ints = len;
	if (ints < len && s[ints] == '.') {
		frac = s + ints + 1;
		decs = strspn(frac, "0123456789");
		if (ints + 1 + decs > len)
			decs = len - ints - 1;
		if (ints + 1 + decs != len)
			return -1;
	} else if (ints != len) {
		return -1;
	}
	if (ints + decs == 0)
		return -1;
	for (i = 0; i < ints; i++) {
		whole = whole * 10 + (s[i] - '0');
		if (whole > limit) {
			over = 1;
			break;
		}
	}
	for (i = 1; i < decs; i++)
		beyond |= frac[i] != '0';
	if (over || whole > limit ||
	    (whole == limit && (decs > 0 && (frac[0] != '0' || beyond))))
		return -2;
	tenths = whole * 10 + (decs > 0 ? frac[0] - '0' : 0);
	up = decs > 1 && frac[1] >= '5';
	tenths += up;
	if (tenths == 0)
		neg = 0;	/* no "-0.0" */
	{
		/* at most "-180.0": whole <= limit <= 180 */
		char buf[32];
		int n = snprintf(buf, sizeof(buf), "%s%ld.%ld", neg ? "-" : "",
				 tenths / 10, tenths % 10);

		if (n < 0 || n > 7)
			return -2;
		memcpy(out, buf, (size_t)n + 1);
	}
	return beyond ? 1 : 0;
}

int record_chain_repeat(const char *const *chain, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(chain[i], chain[j]) == 0)
				return (int)i;
	return -1;
}

static int looks_like_email(const char *t)
{
	const char *at;

	for (at = strchr(t, '@'); at != NULL; at = strchr(at + 1, '@')) {
		const char *dot;
		size_t before = 0;

		while (at - before > t && !isspace((unsigned char)at[-1 - (long)before]))
			before++;
		dot = at + 1;
		while (*dot != '\0' && !isspace((unsigned char)*dot) && *dot != '.')
			dot++;
		if (before > 0 && dot > at + 1 && *dot == '.' &&
		    isalnum((unsigned char)dot[1]))
			return 1;
	}
	return 0;
}

static int looks_like_document_number(const char *t)
{
	while (*t != '\0') {
		size_t len = 0, digits = 0, letters = 0;

		while (isalnum((unsigned char)t[len])) {
			if (isdigit((unsigned char)t[len]))
				digits++;
			else
				letters++;
			len++;
		}
		if (len >= 6 && len <= 12 &&
		    ((letters > 0 && digits >= 6) ||
		     (letters == 0 && digits >= 8)))
			return 1;
		t += len > 0 ? len : 1;
	}
	return 0;
}

int record_pii_kind(const char *text)
{
	if (looks_like_email(text))
		return 1;
	if (looks_like_document_number(text))
		return 2;
	return 0;
}
