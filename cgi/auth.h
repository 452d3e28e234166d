/* SPDX-License-Identifier: MIT */
/* auth.h: password hashing and verification with OpenSSL's PBKDF2. */
#ifndef VRS_AUTH_H
#define VRS_AUTH_H

#include <stddef.h>

/* Big enough for "pbkdf2-sha256$<iter>$<32 hex>$<64 hex>". */
#define AUTH_HASH_MAX 160

/* Hashes pw with a fresh 16-byte salt from RAND_bytes into out as
 * "pbkdf2-sha256$ITER$SALTHEX$HASHHEX". Returns 0, or -1 if OpenSSL
 * failed (then out must not be used: we fail closed). */
int auth_hash(const char *pw, long iterations, char *out, size_t outsz);

/* Checks pw against a stored hash. Returns 1 on a match, 0 on a mismatch,
 * -1 for a malformed hash or an OpenSSL failure. *iterations (if not
 * NULL) receives the stored count, so callers can re-hash old ones. */
int auth_verify(const char *pw, const char *stored, long *iterations);

/* Spends the same time as auth_verify at this cost, for unknown users,
 * so the response time does not tell which usernames exist. */
void auth_waste(const char *pw, long iterations);

/* Password rule: 12 to 128 characters (not bytes), valid UTF-8, no
 * composition rules. Returns NULL if acceptable, else a message key. */
const char *auth_password_problem(const char *pw);

#endif
