/* SPDX-License-Identifier: MIT */
/* session.h: sign-in sessions and the CSRF tokens bound to them. */
#ifndef VRS_SESSION_H
#define VRS_SESSION_H

#include "req.h"
#include "status.h"

/* Loads the user of the session cookie into req->user. A cookie for an
 * expired, unknown or disabled session is cleared and flagged in
 * req->session_expired. Returns ST_OK or ST_UNAVAILABLE/ST_INTERNAL. */
enum status session_load(struct req *req);

/* Makes req->csrf, the token every form carries: bound to the session
 * when signed in, else to an anonymous cookie that this call sets when
 * absent, and masked with a fresh pad (csrf.h), so it differs in every
 * response. Returns 0, or -1 when RAND_bytes failed (fail closed). */
int session_prepare_csrf(struct req *req);

/* 1 if the POSTed "csrf" field, unmasked, matches the token bound to this
 * browser's session (or anonymous cookie), else 0. Compared in constant
 * time. */
int session_csrf_valid(struct req *req);

/* Creates a session for user_id inside the caller's transaction and
 * queues its cookie. Returns a db_rc, or DB_ERROR if RAND_bytes failed. */
int session_create(struct req *req, long long user_id);

/* Deletes the current session server-side and clears the cookie.
 * Returns a db_rc. */
int session_destroy(struct req *req);

/* SHA-256 of a raw token: the only form in which tokens are stored. */
void session_token_hash(const unsigned char raw[32], unsigned char out[32]);

#endif
