/* SPDX-License-Identifier: MIT */
/* csrf.h: the form token, masked afresh for every response (BREACH). */
#ifndef VRS_CSRF_H
#define VRS_CSRF_H

#include <stddef.h>

#define CSRF_TOKEN_BYTES 32
/* hex(pad || token XOR pad): two token lengths, two hex digits a byte. */
#define CSRF_MASKED_HEX (4 * CSRF_TOKEN_BYTES)

/* Writes hex(pad || (token XOR pad)) with a fresh pad from RAND_bytes
 * into out (CSRF_MASKED_HEX digits and a NUL). The same token thus never
 * shows the same bytes twice, so a compressed page that also reflects
 * what a user typed cannot be used to guess it byte by byte. Returns 0,
 * or -1 when RAND_bytes failed (out is then an empty string: fail
 * closed). */
int csrf_mask(const unsigned char token[CSRF_TOKEN_BYTES],
	      char out[CSRF_MASKED_HEX + 1]);

/* Recovers the token from a masked value of len bytes, as sent back by a
 * form, into token. Returns 0, or -1 when the value is not
 * CSRF_MASKED_HEX hex digits (token is then zeroed). Comparing the
 * result with the expected token is the caller's, in constant time. */
int csrf_unmask(const char *masked, size_t len,
		unsigned char token[CSRF_TOKEN_BYTES]);

#endif
