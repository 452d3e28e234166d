/* SPDX-License-Identifier: MIT */
/* dispatch.c: the one gate: route -> session -> body limits -> sign-in ->
 * CSRF -> access policy -> handler. Handlers never repeat these checks. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "db-user.h"
#include "dispatch.h"
#include "form.h"
#include "log.h"
#include "policy.h"
#include "resp.h"
#include "routes.h"
#include "session.h"

/* Reads the body up to max bytes. CONTENT_LENGTH, when given, is checked
 * before reading anything; when absent (mod_proxy_fcgi streams chunked
 * bodies) we read until EOF and stop at the cap. */
static enum status read_body(struct req *req, size_t max, char **body,
			     size_t *len)
{
	size_t want, got = 0;
	const char *cl = req_env(req, "CONTENT_LENGTH");
	char *buf;
	int n;

	if (cl != NULL && *cl != '\0') {
		char *end;
		unsigned long long v;

		errno = 0;
		v = strtoull(cl, &end, 10);
		if (errno != 0 || *end != '\0' || cl[0] == '-')
			return ST_BAD_REQUEST;
		if (v > max)
			return ST_TOO_LARGE;
		want = (size_t)v;
		buf = arena_alloc(req->arena, want + 1);
		while (got < want && (n = FCGX_GetStr(buf + got,
				(int)(want - got), req->fcgx->in)) > 0)
			got += (size_t)n;
		if (got != want)
			return ST_BAD_REQUEST;
	} else {
		buf = arena_alloc(req->arena, max + 2);
		while (got <= max && (n = FCGX_GetStr(buf + got,
				(int)(max + 1 - got), req->fcgx->in)) > 0)
			got += (size_t)n;
		if (got > max)
			return ST_TOO_LARGE;
	}
	buf[got] = '\0';
	*body = buf;
	*len = got;
	return ST_OK;
}

/* Upload routes take a multipart body as large as a file may be, plus
 * room for the form around it; every other route a urlencoded one. */
#define UPLOAD_FORM_BYTES 65536

static enum status parse_body(struct req *req, int upload)
{
	const char *ctype = req_env(req, "CONTENT_TYPE");
	static const char urlenc[] = "application/x-www-form-urlencoded";
	static const char multipart[] = "multipart/form-data";
	const struct config *cfg = req->cfg;
	size_t max = upload ? (size_t)cfg->max_upload_bytes +
		UPLOAD_FORM_BYTES : (size_t)cfg->max_body_bytes;
	enum status st;
	char *body = NULL;
	size_t len = 0;
	int rc;

	st = read_body(req, max, &body, &len);
	if (st != ST_OK)
		return st;
	if (upload && ctype != NULL &&
	    strncmp(ctype, multipart, sizeof(multipart) - 1) == 0)
		rc = form_parse_multipart(req->arena, ctype, body, len,
					  (size_t)cfg->max_fields,
					  (size_t)cfg->max_field_bytes,
					  (size_t)cfg->max_upload_bytes,
					  &req->body);
	else if (len > 0 && (ctype == NULL ||
			     strncmp(ctype, urlenc, sizeof(urlenc) - 1) != 0))
		return ST_BAD_CONTENT_TYPE;
	else
		rc = form_parse_urlencoded(req->arena, body, len,
					   (size_t)cfg->max_fields,
					   (size_t)cfg->max_field_bytes,
					   &req->body);
	switch (rc) {
	case FORM_OK:
		return ST_OK;
	case FORM_TOO_MANY:
		return ST_TOO_MANY_FIELDS;
	case FORM_TOO_LONG:
		return ST_FIELD_TOO_LONG;
	case FORM_FILE_TOO_LARGE:
		return ST_TOO_LARGE;
	default:
		return ST_BAD_ENCODING;
	}
}

/* Values every page may show: who is signed in, the form token. */
static void set_page_context(struct req *req)
{
	const struct user *u = req->user;

	resp_set(req, "Page.Csrf", req->csrf);
	if (u == NULL)
		return;
	/* What the last change did, after its redirect (a fixed key). */
	if (req->method == METHOD_GET) {
		const struct param *done = req_param(&req->query, "done");

		if (done != NULL && resp_done_key(done->value) != NULL)
			resp_set(req, "Page.Done", done->value);
	}
	resp_set(req, "User.Name", u->display_name);
	resp_set(req, "User.Username", u->username);
	resp_set(req, "User.Role", resp_role_key(req, u->role));
	resp_set(req, "User.Jurisdiction.Code", u->jurisdiction_code);
	resp_set(req, "User.Jurisdiction.Name", u->jurisdiction_name);
	/* The menu offers what the policy allows; templates never decide. */
	if (policy_allows(u, ACT_REPORT))
		resp_set(req, "Nav.report", "1");
	if (policy_allows(u, ACT_POOLED))
		resp_set(req, "Nav.pooled", "1");
	if (policy_allows(u, ACT_ADMIN))
		resp_set(req, "Nav.periods", "1");
}

/* For a page refused before its route's checks (404, 405, a broken
 * query): who is signed in, so that its header shows the navigation as on
 * every other page. A failure leaves the page signed out; the refusal
 * stands either way. */
static void load_viewer(struct req *req)
{
	if (session_load(req) != ST_OK) {
		req->user = NULL;
		req->has_session = 0;
		return;
	}
	if (req->has_session && session_prepare_csrf(req) != 0) {
		req->user = NULL;
		return;
	}
	set_page_context(req);
}

/* A data-entry form posted after its session ended: kept for the ended
 * session's user when it carries that session's own form token (so it was
 * shown to that session, in this browser), to be offered back after the
 * next sign-in. The answer is the session-expired page either way. */
static enum status keep_late_form(struct req *req, const struct route *route)
{
	int rc;

	if (!(route->flags & ROUTE_KEEP) || req->ended_user_id <= 0 ||
	    !session_csrf_valid_ended(req))
		return ST_SESSION_EXPIRED;
	rc = session_keep_form(req, route->name);
	if (rc == DB_OK)
		resp_set(req, "Error.Kept", "1");
	else
		log_msg(req->rid, "late form of user %lld not kept (%d)",
			req->ended_user_id, rc);
	return ST_SESSION_EXPIRED;
}

/* A POST whose form token is not its session's. A data-entry form opened
 * before the user signed in again in this browser (in another tab, after
 * the session ended) carries the ended session's token: it is kept, as
 * above. Anything else is refused as before. */
static enum status csrf_refused(struct req *req, const struct route *route)
{
	int rc;

	if (!(route->flags & ROUTE_KEEP) || !session_csrf_was_previous(req))
		return ST_CSRF;
	rc = session_keep_form(req, route->name);
	if (rc == DB_OK)
		resp_set(req, "Error.Kept", "1");
	else
		log_msg(req->rid, "form of user %lld not kept (%d)",
			req->user->id, rc);
	return ST_CSRF;
}

/* Sign-out pressed after the session had ended: the ended session (kept
 * for a week so late forms can be kept) goes too, with its cookie, when the
 * form carries its own token; else a shared browser would keep taking late
 * forms for the user who left. */
static enum status sign_out_ended(struct req *req)
{
	int rc;

	if (req->ended_user_id <= 0 || !session_csrf_valid_ended(req))
		return ST_SESSION_EXPIRED;
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = session_destroy(req);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE : ST_INTERNAL;
	return resp_redirect(req, "/login?bye=1");
}

/* The id in a "kept" parameter, or 0. */
static long long kept_id(const struct param_list *list)
{
	const struct param *p = req_param(list, "kept");
	char *end;
	long long id;

	if (p == NULL || p->len == 0 || p->len > 18 || p->value[0] < '1' ||
	    p->value[0] > '9')
		return 0;
	id = strtoll(p->value, &end, 10);
	return *end == '\0' ? id : 0;
}

/* GET <path>?kept=ID of a ROUTE_KEEP form: the kept form runs through the
 * form's own save handler in review mode (req->kept_review), which shows
 * it filled in as it was posted and writes nothing. A kept form that is
 * not this user's, or not this page's, is ignored: the page shows as
 * usual. */
static enum status review_kept(struct req *req, const struct route *post,
			       long long id)
{
	const struct config *cfg = req->cfg;
	char *path = NULL, *body = NULL;
	int rc = db_kept_get(req->db, req->arena, id, req->user->id,
			     (size_t)cfg->max_body_bytes, &path, &body);

	if (rc < 0)
		return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE : ST_INTERNAL;
	if (rc == DB_NONE || strcmp(path, req->path) != 0)
		return req->route->handler(req);
	if (form_parse_urlencoded(req->arena, body, strlen(body),
				  (size_t)cfg->max_fields,
				  (size_t)cfg->max_field_bytes,
				  &req->body) != FORM_OK)
		return req->route->handler(req);
	req->kept_review = id;
	resp_set_int(req, "Page.Kept.id", id);
	resp_set(req, "Page.Kept.review", "1");
	return post->handler(req);
}

static enum status gate(struct req *req, enum status parsed)
{
	const struct route *route, *post;
	enum status st = ST_OK;
	const char *allow = NULL;
	long long kept;

	if (parsed != ST_OK) {
		if (parsed != ST_MISCONFIGURED)
			load_viewer(req);
		return parsed;
	}
	route = route_find(req, &st, &allow);
	if (route == NULL) {
		req->allow = allow;
		load_viewer(req);
		return st;
	}
	req->route = route;
	/* The session first, so that a refused body's page knows who is
	 * signed in. */
	if ((st = session_load(req)) != ST_OK)
		return st;
	if (req->method == METHOD_POST &&
	    (st = parse_body(req, (route->flags & ROUTE_UPLOAD) != 0)) !=
	    ST_OK) {
		set_page_context(req);
		return st;
	}
	if ((route->flags & ROUTE_LOGIN) && req->user == NULL) {
		if (req->method == METHOD_POST && (route->flags & ROUTE_SIGN_OUT))
			return sign_out_ended(req);
		if (req->method == METHOD_POST)
			return keep_late_form(req, route);
		return resp_redirect(req, req->session_expired ?
				     "/login?expired=1" : "/login");
	}
	if (session_prepare_csrf(req) != 0)
		return ST_INTERNAL;
	set_page_context(req);
	if (req->method == METHOD_POST && !session_csrf_valid(req))
		return csrf_refused(req, route);
	/* A password someone else set: its owner chooses one first. */
	if ((route->flags & ROUTE_LOGIN) && req->user->password_temporary &&
	    !(route->flags & ROUTE_TEMP_PASSWORD))
		return resp_redirect(req, "/account/password");
	if (!policy_allows(req->user, route->action))
		return ST_FORBIDDEN;
	if (req->method != METHOD_POST && req->user != NULL &&
	    (kept = kept_id(&req->query)) > 0 &&
	    (post = route_sibling(route, METHOD_POST)) != NULL &&
	    (post->flags & ROUTE_KEEP) && policy_allows(req->user,
							 post->action))
		return review_kept(req, post, kept);
	if (req->method == METHOD_POST && (route->flags & ROUTE_KEEP) &&
	    (kept = kept_id(&req->body)) > 0) {
		/* Saving a kept form under review: the form carries its id,
		 * and once saved (the handler redirects) it is kept no
		 * more. */
		resp_set_int(req, "Page.Kept.id", kept);
		st = route->handler(req);
		if (st == ST_OK && req->status == 303 &&
		    db_kept_delete(req->db, kept, req->user->id) < 0)
			log_msg(req->rid, "kept form %lld not deleted", kept);
		return st;
	}
	return route->handler(req);
}

void dispatch(struct req *req)
{
	enum status parsed = req_begin(req);
	long long trips = db_round_trips(req->db);
	struct timespec end;
	enum status st;
	long ms;

	if (resp_hdf_begin(req) != 0) {
		resp_error(req, ST_INTERNAL);
	} else {
		st = gate(req, parsed);
		/* A handler must end what it began; if not, nothing of it
		 * may reach the next request's transaction. */
		if (db_in_transaction(req->db)) {
			log_msg(req->rid, "bug: transaction left open by %s",
				req->route ? req->route->name : "-");
			db_rollback(req->db);
		}
		if (st != ST_OK)
			resp_error(req, st);
		if (!req->responded)
			resp_error(req, ST_INTERNAL);
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (end.tv_sec - req->started.tv_sec) * 1000 +
	     (end.tv_nsec - req->started.tv_nsec) / 1000000;
	log_msg(req->rid,
		"user=%s method=%s path=%s route=%s status=%d ms=%ld sql=%lld",
		req->user ? req->user->username : "-",
		req->method_name ? req->method_name : "-",
		req->path ? req->path : "-",
		req->route ? req->route->name : "-", req->status, ms,
		db_round_trips(req->db) - trips);
	resp_hdf_end(req);
	req_end(req);
}
