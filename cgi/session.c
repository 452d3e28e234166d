/* SPDX-License-Identifier: MIT */
/* session.c: 256-bit tokens from RAND_bytes, stored only as SHA-256;
 * CSRF tokens are an HMAC keyed by the browser's own secret, masked
 * afresh for every response (csrf.c). */
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "config.h"
#include "csrf.h"
#include "db-user.h"
#include "form.h"
#include "log.h"
#include "resp.h"
#include "session.h"
#include "util.h"

#define SESSION_COOKIE "vrs_session"
#define PRE_COOKIE "vrs_pre"

/* Over HTTPS the cookies carry the __Host- prefix: browsers then accept
 * them only with Secure, Path=/ and no Domain, so a sibling subdomain or a
 * plain-HTTP response cannot plant one (which would defeat the CSRF
 * check of the sign-in form). */
static int secure_cookies(const struct req *req)
{
	return req->https || req->cfg->cookie_secure == COOKIE_SECURE_ALWAYS;
}

static const char *cookie_name(const struct req *req, const char *name)
{
	if (!secure_cookies(req))
		return name;
	return strcmp(name, SESSION_COOKIE) == 0 ? "__Host-" SESSION_COOKIE
						   : "__Host-" PRE_COOKIE;
}
#define TOUCH_AFTER_SECONDS 60

void session_token_hash(const unsigned char raw[32], unsigned char out[32])
{
	unsigned int n = 32;

	if (EVP_Digest(raw, 32, out, &n, EVP_sha256(), NULL) != 1)
		memset(out, 0, 32);	/* matches no stored session */
}

static int cookie_token(struct req *req, const char *name,
			unsigned char raw[32])
{
	const struct param *p = req_param(&req->cookies,
					  cookie_name(req, name));

	return p != NULL && hex_decode(p->value, raw, 32) == 0;
}

/* Queues "name=<hex of raw>" (or a deletion when raw is NULL) with the
 * attributes every cookie of ours carries. */
static void queue_cookie(struct req *req, const char *name,
			 const unsigned char *raw)
{
	const char *secure = secure_cookies(req) ? "; Secure" : "";
	char hex[65];

	name = cookie_name(req, name);
	if (raw == NULL) {
		resp_cookie(req, arena_printf(req->arena,
			"%s=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s",
			name, secure));
		return;
	}
	hex_encode(raw, 32, hex);
	resp_cookie(req, arena_printf(req->arena,
		"%s=%s; Path=/; HttpOnly; SameSite=Lax%s", name, hex, secure));
}

enum status session_load(struct req *req)
{
	unsigned char hash[32];
	struct user *u;
	long long idle = 0;
	int disabled = 0, expired = 0, rc;

	if (!cookie_token(req, SESSION_COOKIE, req->session_raw)) {
		if (req_param(&req->cookies,
			      cookie_name(req, SESSION_COOKIE)) != NULL) {
			req->session_expired = 1;
			queue_cookie(req, SESSION_COOKIE, NULL);
		}
		return ST_OK;
	}
	session_token_hash(req->session_raw, hash);
	u = arena_alloc(req->arena, sizeof(*u));
	rc = db_session_load(req->db, req->arena, hash,
			     req->cfg->session_idle_minutes,
			     req->cfg->session_absolute_hours, u, &disabled,
			     &expired, &idle, &req->ref_gen);
	if (rc < 0)
		return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE : ST_INTERNAL;
	if (rc == DB_NONE || disabled) {
		if (rc == DB_OK && db_session_delete(req->db, hash) < 0)
			return ST_UNAVAILABLE;
		req->session_expired = 1;
		queue_cookie(req, SESSION_COOKIE, NULL);
		return ST_OK;
	}
	if (expired) {
		/* The ended session signs no one in, but it still names its
		 * user for KEPT_FORM_DAYS (then sign-in purges it): a form it
		 * posts late is kept for that user (session_keep_form). Its
		 * cookie stays, so that a page opened in another tab does not
		 * make the form in this one anonymous. */
		req->session_expired = 1;
		req->ended_user_id = u->id;
		return ST_OK;
	}
	/* Session bookkeeping, not user data: no history entry, and at most
	 * one write a minute per session. */
	if (idle >= TOUCH_AFTER_SECONDS &&
	    db_session_touch(req->db, hash) < 0)
		return ST_UNAVAILABLE;
	req->has_session = 1;
	req->user = u;
	return ST_OK;
}

/* HMAC-SHA256(key, label) into out. The MAC context is fetched once per
 * process and re-keyed per call: the one-shot HMAC() fetches the algorithm
 * every time, which cost a sixth of a login page (callgrind). */
static int hmac_raw(const unsigned char key[32], const char *label,
		    unsigned char out[CSRF_TOKEN_BYTES])
{
	static EVP_MAC_CTX *ctx;	/* process-wide, never request data */
	size_t n = 0;

	if (ctx == NULL) {
		EVP_MAC *hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
		OSSL_PARAM params[2];

		params[0] = OSSL_PARAM_construct_utf8_string(
			OSSL_MAC_PARAM_DIGEST, (char *)"SHA256", 0);
		params[1] = OSSL_PARAM_construct_end();
		ctx = hmac ? EVP_MAC_CTX_new(hmac) : NULL;
		EVP_MAC_free(hmac);	/* the context keeps its reference */
		if (ctx == NULL || EVP_MAC_CTX_set_params(ctx, params) != 1) {
			EVP_MAC_CTX_free(ctx);
			ctx = NULL;
			return -1;
		}
	}
	if (EVP_MAC_init(ctx, key, 32, NULL) != 1 ||
	    EVP_MAC_update(ctx, (const unsigned char *)label,
			   strlen(label)) != 1 ||
	    EVP_MAC_final(ctx, out, &n, CSRF_TOKEN_BYTES) != 1 ||
	    n != CSRF_TOKEN_BYTES)
		return -1;
	return 0;
}

/* The unmasked token of this browser: bound to its session when signed
 * in, else to its anonymous cookie. */
static int csrf_token(struct req *req, unsigned char out[CSRF_TOKEN_BYTES])
{
	if (req->has_session)
		return hmac_raw(req->session_raw, "vrs-csrf-session-v1", out);
	return hmac_raw(req->pre_raw, "vrs-csrf-anonymous-v1", out);
}

int session_prepare_csrf(struct req *req)
{
	unsigned char token[CSRF_TOKEN_BYTES];
	int rc;

	if (!req->has_session && !req->has_pre) {
		if (cookie_token(req, PRE_COOKIE, req->pre_raw)) {
			req->has_pre = 1;
		} else {
			if (RAND_bytes(req->pre_raw, 32) != 1)
				return -1;
			req->has_pre = 1;
			queue_cookie(req, PRE_COOKIE, req->pre_raw);
		}
	}
	rc = csrf_token(req, token) == 0 && csrf_mask(token, req->csrf) == 0
		? 0 : -1;
	OPENSSL_cleanse(token, sizeof(token));
	return rc;
}

int session_csrf_valid_ended(struct req *req)
{
	const struct param *sent = req_param(&req->body, "csrf");
	unsigned char expect[CSRF_TOKEN_BYTES], got[CSRF_TOKEN_BYTES];
	int ok;

	if (req->ended_user_id <= 0 || sent == NULL ||
	    csrf_unmask(sent->value, sent->len, got) != 0 ||
	    hmac_raw(req->session_raw, "vrs-csrf-session-v1", expect) != 0)
		return 0;
	ok = CRYPTO_memcmp(expect, got, CSRF_TOKEN_BYTES) == 0;
	OPENSSL_cleanse(expect, sizeof(expect));
	return ok;
}

/* The previous form token is kept as the SHA-256 of its raw bytes
 * (ended_csrf_hash); the form sends it masked. */
int session_csrf_was_previous(struct req *req)
{
	const struct param *sent = req_param(&req->body, "csrf");
	unsigned char hash[32], prev[32], got[32], token[CSRF_TOKEN_BYTES];
	unsigned int n = 32;

	if (!req->has_session || sent == NULL ||
	    csrf_unmask(sent->value, sent->len, token) != 0)
		return 0;
	session_token_hash(req->session_raw, hash);
	if (db_session_prev_csrf(req->db, hash, prev) != DB_OK ||
	    EVP_Digest(token, sizeof(token), got, &n, EVP_sha256(),
		       NULL) != 1)
		return 0;
	return CRYPTO_memcmp(prev, got, 32) == 0;
}

int session_keep_form(struct req *req, const char *route)
{
	unsigned char hash[32];
	size_t len = 0;
	char *body = form_encode_urlencoded(req->arena, &req->body, "csrf",
					    &len);
	long long user_id = req->has_session ? req->user->id :
			    req->ended_user_id;

	if (len > (size_t)req->cfg->max_body_bytes)
		return DB_NONE;	/* re-encoded larger than it came */
	session_token_hash(req->session_raw, hash);
	return db_kept_save(req->db, user_id, hash, req->path, route,
			    body, KEPT_FORM_DAYS);
}

int session_csrf_valid(struct req *req)
{
	const struct param *sent = req_param(&req->body, "csrf");
	unsigned char expect[CSRF_TOKEN_BYTES], got[CSRF_TOKEN_BYTES];
	int ok;

	if (sent == NULL || csrf_unmask(sent->value, sent->len, got) != 0)
		return 0;
	/* A POST without a session must come from a browser that got our
	 * anonymous cookie with the form. */
	if (!req->has_session) {
		if (!cookie_token(req, PRE_COOKIE, req->pre_raw))
			return 0;
		req->has_pre = 1;
	}
	ok = csrf_token(req, expect) == 0 &&
	     CRYPTO_memcmp(expect, got, CSRF_TOKEN_BYTES) == 0;
	OPENSSL_cleanse(expect, sizeof(expect));
	return ok;
}

/* SHA-256 of the form token of the browser's ended session, when it was
 * user_id's: 1 and out filled, else 0. */
static int ended_csrf_hash(struct req *req, long long user_id,
			   unsigned char out[32])
{
	unsigned char token[CSRF_TOKEN_BYTES];
	unsigned int n = 32;
	int ok;

	if (req->ended_user_id != user_id ||
	    hmac_raw(req->session_raw, "vrs-csrf-session-v1", token) != 0)
		return 0;
	ok = EVP_Digest(token, sizeof(token), out, &n, EVP_sha256(),
			NULL) == 1;
	OPENSSL_cleanse(token, sizeof(token));
	return ok;
}

int session_create(struct req *req, long long user_id)
{
	unsigned char raw[32], hash[32], prev[32];
	int has_prev = ended_csrf_hash(req, user_id, prev), rc;

	if (RAND_bytes(raw, sizeof(raw)) != 1)
		return DB_ERROR;
	session_token_hash(raw, hash);
	rc = db_session_insert(req->db, hash, user_id, has_prev ? prev : NULL);
	if (rc != DB_OK)
		return rc;
	req->ended_user_id = 0;
	/* A fresh id at every sign-in: any token planted before is void. */
	memcpy(req->session_raw, raw, 32);
	req->has_session = 1;
	queue_cookie(req, SESSION_COOKIE, raw);
	OPENSSL_cleanse(raw, sizeof(raw));
	return DB_OK;
}

int session_destroy(struct req *req)
{
	unsigned char hash[32];
	int rc = DB_OK;

	if (req->has_session || req->ended_user_id > 0) {
		session_token_hash(req->session_raw, hash);
		rc = db_session_delete(req->db, hash);
	}
	req->has_session = 0;
	req->user = NULL;
	queue_cookie(req, SESSION_COOKIE, NULL);
	return rc;
}
