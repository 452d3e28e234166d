/* SPDX-License-Identifier: MIT */
/* util.h: small byte helpers shared by several modules. */
#ifndef VRS_UTIL_H
#define VRS_UTIL_H

#include <stddef.h>

struct arena;

/* Writes 2n lowercase hex digits and a NUL into out (size >= 2n+1). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* Decodes exactly 2n hex digits; returns 0, or -1 for anything else. */
int hex_decode(const char *in, unsigned char *out, size_t n);
/* Counts UTF-8 characters; returns -1 if s is not valid UTF-8. */
long utf8_length(const char *s, size_t len);

/* Copies at most max bytes of s into dst (size > max), never cutting a
 * UTF-8 character in two. Returns dst. */
char *utf8_truncate(char *dst, const char *s, size_t max);

/* Turns a-z into A-Z in place (codes are typed in either case). */
void ascii_upcase(char *s);

/* n in decimal into buf (at least 24 bytes), without printf: for the
 * names of the thousands of nodes a grid puts. Returns buf. */
const char *util_num(char *buf, long long n);
/* The n texts of part one after the other, in arena a. */
char *util_join(struct arena *a, const char *const *part, size_t n);

/* Writes one CSV record (RFC 4180: fields with a comma, quote or line
 * break quoted, quotes doubled, CRLF at the end) through put. A field
 * starting with = + - or @ gets a leading apostrophe, so a spreadsheet
 * shows it as text instead of running it as a formula. */
void csv_encode_row(const char *const *v, size_t n,
		    void (*put)(void *ctx, const char *s, size_t len),
		    void *ctx);

/* The first occurrence of needle (nlen > 0 bytes) in hay (hlen bytes),
 * or NULL: memmem, which strict C11 does not declare. */
const char *mem_find(const char *hay, size_t hlen, const char *needle,
		     size_t nlen);

#endif
