/* SPDX-License-Identifier: MIT */
/* valid.h: validators for values with a shape: dates, codes, whole
 * numbers and decimal amounts. */
#ifndef VRS_VALID_H
#define VRS_VALID_H

#include <stddef.h>

/* 1 if s is a YYYY-MM-DD date that exists, years 2000 to 2100. */
int valid_date(const char *s);
/* 1 if s is a code of 1 to 16 characters A-Z, 0-9 and _. */
int valid_code(const char *s);
/* 1 if s names a code list: 1 to 16 characters a-z. */
int valid_list_name(const char *s);

/* Reads a whole number as people type it: an optional '-', then digits,
 * either all together ("1200") or in groups of three after the first
 * group of one to three, separated throughout by the same one of: a
 * space, a comma, a no-break space (U+00A0) or a narrow no-break space
 * (U+202F): "1 200", "1,200,000". Spaces around it are ignored. s holds
 * len bytes (it may hold a NUL, which makes it wrong). Returns 0 with the
 * value in *out, -1 when it is not such a number ("1,20", "12.5", "abc",
 * ""), or -2 when it is one but too large for a long long. */
int valid_whole(const char *s, size_t len, long long *out);
/* Reads a decimal amount as people type it: a whole number as
 * valid_whole reads it (digit groups included: "5 000", "5,000"), then
 * optionally '.' and one or more digits ("5 000.50"); spaces around it
 * are ignored. Writes it without separators ("5000.50") to out, of size
 * bytes. Returns 0, -1 when it is not such an amount, or -2 when it is
 * one but does not fit in out. */
int valid_decimal(const char *s, size_t len, char *out, size_t size);

#endif
