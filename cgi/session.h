/* SPDX-License-Identifier: MIT */
/* session.h: sign-in sessions and the CSRF tokens bound to them. */
#ifndef VRS_SESSION_H
#define VRS_SESSION_H

#include "req.h"
#include "status.h"

/* How long an ended session still names its user, and how long a form
 * it posted is kept for that user (Lang.kept.intro says it in words). */
#define KEPT_FORM_DAYS 7

/* Loads the user of the session cookie into req->user. A cookie for an
 * unknown or disabled session is cleared and flagged in
 * req->session_expired; for a session past its idle or absolute limit,
 * req->session_expired is set and req->ended_user_id names its user (the
 * cookie stays). Returns ST_OK or ST_UNAVAILABLE/ST_INTERNAL. */
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

/* 1 if the POSTed "csrf" field is the form token of the ended session
 * that req->ended_user_id came from (the form was shown to that session),
 * else 0. */
int session_csrf_valid_ended(struct req *req);

/* 1 if the POSTed "csrf" field is the form token of the ended session
 * that this browser had, of the same user, before signing in to the
 * current one (a form still open from before), else 0. */
int session_csrf_was_previous(struct req *req);

/* Keeps the POSTed form (without its token) for the signed-in user, or
 * else for req->ended_user_id, bound to the session's hash and req->path,
 * for KEPT_FORM_DAYS. Call only after session_csrf_valid_ended or
 * session_csrf_was_previous. Returns a db_rc; DB_NONE when the form is too
 * large to keep, or the user already has KEPT_FORMS_MAX kept forms. */
int session_keep_form(struct req *req, const char *route);

/* Creates a session for user_id inside the caller's transaction and
 * queues its cookie. When the browser's ended session was user_id's, the
 * new one remembers that session's form token (session_csrf_was_previous). Returns a db_rc, or DB_ERROR if RAND_bytes failed. */
int session_create(struct req *req, long long user_id);

/* Deletes the current session (or the ended one the cookie names)
 * server-side and clears the cookie.
 * Returns a db_rc. */
int session_destroy(struct req *req);

/* SHA-256 of a raw token: the only form in which tokens are stored. */
void session_token_hash(const unsigned char raw[32], unsigned char out[32]);

#endif
