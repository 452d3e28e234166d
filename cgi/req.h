/* SPDX-License-Identifier: MIT */
/* req.h: struct req owns everything that belongs to one HTTP request. */
#ifndef VRS_REQ_H
#define VRS_REQ_H

#include <stddef.h>
#include <time.h>

#include <fcgiapp.h>

#include "arena.h"
#include "csrf.h"
#include "status.h"

struct config;
struct db;
struct access_writer;
struct route;
struct _hdf;
struct code_memo;

/* A name=value pair as it arrived, percent-decoded; both strings are in
 * the request arena. has_nul marks a decoded NUL byte. */
struct param {
	const char *name;
	const char *value;
	size_t len;
	int has_nul;
};

struct param_list {
	struct param *items;
	size_t count;
};

/* The signed-in user, loaded by the session gate; arena memory. */
struct user {
	long long id;
	const char *username;
	const char *display_name;
	int role;			/* enum role (policy.h) */
	long long jurisdiction_id;	/* 0 for the secretariat */
	const char *jurisdiction_code;
	const char *jurisdiction_name;
	int password_temporary;		/* set by someone else: change it */
};

enum method { METHOD_GET, METHOD_HEAD, METHOD_POST, METHOD_OTHER };

struct req {
	FCGX_Request *fcgx;		/* borrowed from main's accept loop */
	const struct config *cfg;	/* process-wide, read-only */
	struct db *db;			/* process-wide connection */
	struct access_writer *access;	/* process-wide: the view log's
					 * writer (db-access.h) */
	struct arena *arena;		/* reset by main after each request */
	struct _hdf *hdf;		/* the process's dataset (resp.c) */

	char rid[17];			/* request id shown on error pages */
	struct timespec started;
	enum method method;
	const char *method_name;
	const char *path;		/* PATH_INFO, decoded by the server */
	const char *base;		/* SCRIPT_NAME: prefix for our links */
	int https;
	const char *remote_addr;

	struct param_list query;
	struct param_list body;
	struct param_list cookies;

	const struct route *route;
	const char *args[4];		/* the '*' segments of the route path */
	size_t nargs;
	struct user *user;		/* NULL when not signed in */
	struct code_memo *code_memo;	/* code lists loaded (grid.c) */
	long long ref_gen;		/* the reference generation read with
					 * the session (0: unknown): the
					 * per-process copies (refcache.c)
					 * hold while it is theirs */
	unsigned char session_raw[32];	/* the cookie's token, if any */
	int has_session;
	int session_expired;		/* a cookie came but was not valid */
	long long ended_user_id;	/* user of the ended session it names */
	long long kept_review;		/* kept form shown for review (its id) */
	unsigned char pre_raw[32];	/* anonymous CSRF cookie token */
	int has_pre;
	char csrf[CSRF_MASKED_HEX + 1];	/* masked token forms carry */

	/* response state, owned by resp.c */
	int status;
	int responded;
	const char *allow;		/* methods for a 405 (static) */
	const char *set_cookie[4];
	size_t n_set_cookie;
};

/* Finds the last parameter called name in list; NULL if absent. */
const struct param *req_param(const struct param_list *list,
			      const char *name);

/* Sets up req for one accepted request: method, path, query string and
 * cookies (the body is read by dispatch, after the size gate). Returns
 * ST_OK, or the status to answer a request that cannot be parsed (400s)
 * or a web server that sent no usable PATH_INFO/SCRIPT_NAME (500). */
enum status req_begin(struct req *req);

/* Ends the request's use of req (the arena is reset by main). */
void req_end(struct req *req);

/* The value of a CGI variable; borrowed until req_end. */
const char *req_env(struct req *req, const char *name);

#endif
