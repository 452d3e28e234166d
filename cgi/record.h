/* SPDX-License-Identifier: MIT */
/* record.h: checks on the values of records (routes, incidents,
 * narratives) that need no database: amounts, coordinates, chains of
 * countries, and text that looks like personal data. */
#ifndef VRS_RECORD_H
#define VRS_RECORD_H

#include <stddef.h>

/* A fee: digits with at most two decimals, more than 0 and below 10^12.
 * Writes the canonical text ("1500.5" -> "1500.50") into out (size 24).
 * Returns 0, or -1 ("not a number"), -2 ("0 or less"), -3 ("too large"). */
int record_parse_fee(const char *s, char out[24]);

/* A latitude (max 90) or longitude (max 180) in decimal degrees, with
 * any number of decimals, rounded to 0.1 degree (halves away from zero,
 * on the digits as typed) into out (size 8) ("-33.87" -> "-33.9").
 * Spaces around it are ignored. Returns 0 when nothing was lost, 1 when
 * rounding changed the value, -1 (not a number) or -2 (out of range). */
int record_parse_degrees(const char *s, double max, char out[8]);

/* The index of the first country that appears twice in chain[n], or -1
 * when every country appears once. */
int record_chain_repeat(const char *const *chain, size_t n);

/* What a text seems to contain that a non-nominal record must not:
 * 0 nothing, 1 an e-mail address, 2 a passport or identity number
 * (a letter-and-digit token of 6 to 12 characters with at least 6
 * digits, or 8 to 12 digits alone). */
int record_pii_kind(const char *text);

#endif
