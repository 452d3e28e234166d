/* SPDX-License-Identifier: MIT */
/* auth.c: PBKDF2-HMAC-SHA256 through EVP_KDF; parameters live beside the
 * hash so the cost can be raised later without breaking old hashes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "auth.h"
#include "util.h"

#define SALT_LEN 16
#define DK_LEN 32
#define SCHEME "pbkdf2-sha256"

static int pbkdf2(const char *pw, const unsigned char *salt, size_t saltlen,
		  long iterations, unsigned char *dk, size_t dklen)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "PBKDF2", NULL);
	EVP_KDF_CTX *ctx = NULL;
	OSSL_PARAM params[5];
	unsigned int iter = (unsigned int)iterations;
	int rc = -1;

	if (kdf == NULL)
		goto out;
	ctx = EVP_KDF_CTX_new(kdf);
	if (ctx == NULL)
		goto out;
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
		(void *)pw, strlen(pw));
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
		(void *)salt, saltlen);
	params[2] = OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iter);
	params[3] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
		(char *)"SHA256", 0);
	params[4] = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(ctx, dk, dklen, params) == 1)
		rc = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return rc;
}

int auth_hash(const char *pw, long iterations, char *out, size_t outsz)
{
	unsigned char salt[SALT_LEN], dk[DK_LEN];
	char salthex[2 * SALT_LEN + 1], dkhex[2 * DK_LEN + 1];
	int n;

	if (RAND_bytes(salt, sizeof(salt)) != 1 ||
	    pbkdf2(pw, salt, sizeof(salt), iterations, dk, sizeof(dk)) != 0)
		return -1;
	hex_encode(salt, sizeof(salt), salthex);
	hex_encode(dk, sizeof(dk), dkhex);
	OPENSSL_cleanse(dk, sizeof(dk));
	n = snprintf(out, outsz, SCHEME "$%ld$%s$%s", iterations, salthex,
		     dkhex);
	return n > 0 && (size_t)n < outsz ? 0 : -1;
}

int auth_verify(const char *pw, const char *stored, long *iterations)
{
	unsigned char salt[SALT_LEN], want[DK_LEN], got[DK_LEN];
	char copy[AUTH_HASH_MAX], *iter_s, *salt_s, *dk_s, *end;
	long iter;
	int rc;

	if (strlen(stored) >= sizeof(copy))
		return -1;
	strcpy(copy, stored);
	if (strncmp(copy, SCHEME "$", sizeof(SCHEME)) != 0)
		return -1;
	iter_s = copy + sizeof(SCHEME);
	salt_s = strchr(iter_s, '$');
	if (salt_s == NULL)
		return -1;
	*salt_s++ = '\0';
	dk_s = strchr(salt_s, '$');
	if (dk_s == NULL)
		return -1;
	*dk_s++ = '\0';
	iter = strtol(iter_s, &end, 10);
	if (*end != '\0' || iter < 1 || iter > 100000000 ||
	    hex_decode(salt_s, salt, sizeof(salt)) != 0 ||
	    hex_decode(dk_s, want, sizeof(want)) != 0)
		return -1;
	if (iterations != NULL)
		*iterations = iter;
	if (pbkdf2(pw, salt, sizeof(salt), iter, got, sizeof(got)) != 0)
		return -1;
	rc = CRYPTO_memcmp(got, want, sizeof(got)) == 0 ? 1 : 0;
	OPENSSL_cleanse(got, sizeof(got));
	return rc;
}

void auth_waste(const char *pw, long iterations)
{
	static const unsigned char salt[SALT_LEN];
	unsigned char dk[DK_LEN];

	(void)pbkdf2(pw, salt, sizeof(salt), iterations, dk, sizeof(dk));
}

const char *auth_password_problem(const char *pw)
{
	long n = utf8_length(pw, strlen(pw));

	if (n < 0)
		return "bad_chars";
	if (n < 12)
		return "password_short";
	if (n > 128)
		return "password_long";
	return NULL;
}
