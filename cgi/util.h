/* SPDX-License-Identifier: MIT */
/* util.h: small byte helpers shared by several modules. */
#ifndef VRS_UTIL_H
#define VRS_UTIL_H

#include <stddef.h>

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

#endif
