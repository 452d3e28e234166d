/* SPDX-License-Identifier: MIT */
/* csrf.c: masking the form token per response, as Django and Rails do, so
 * that gzip on pages with a token does not open BREACH. */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "csrf.h"
#include "util.h"

int csrf_mask(const unsigned char token[CSRF_TOKEN_BYTES],
	      char out[CSRF_MASKED_HEX + 1])
{
	unsigned char buf[2 * CSRF_TOKEN_BYTES];
	size_t i;

	out[0] = '\0';
	if (RAND_bytes(buf, CSRF_TOKEN_BYTES) != 1)
		return -1;
	for (i = 0; i < CSRF_TOKEN_BYTES; i++)
		buf[CSRF_TOKEN_BYTES + i] = token[i] ^ buf[i];
	hex_encode(buf, sizeof(buf), out);
	OPENSSL_cleanse(buf, sizeof(buf));
	return 0;
}

int csrf_unmask(const char *masked, size_t len,
		unsigned char token[CSRF_TOKEN_BYTES])
{
	unsigned char buf[2 * CSRF_TOKEN_BYTES];
	size_t i;

	memset(token, 0, CSRF_TOKEN_BYTES);
	/* hex_decode measures with strlen: a NUL inside the value must not
	 * pass for its end. */
	if (len != CSRF_MASKED_HEX || strlen(masked) != len ||
	    hex_decode(masked, buf, sizeof(buf)) != 0)
		return -1;
	for (i = 0; i < CSRF_TOKEN_BYTES; i++)
		token[i] = buf[CSRF_TOKEN_BYTES + i] ^ buf[i];
	OPENSSL_cleanse(buf, sizeof(buf));
	return 0;
}
