/* SPDX-License-Identifier: MIT */
/* routes.h: the route table's shape. */
#ifndef VRS_ROUTES_H
#define VRS_ROUTES_H

#include "policy.h"
#include "req.h"
#include "status.h"

enum route_flag {
	ROUTE_LOGIN = 1 << 0,		/* needs a signed-in user */
	ROUTE_ANON_FORM = 1 << 1,	/* renders a form before sign-in */
	ROUTE_UPLOAD = 1 << 2,		/* takes a multipart file upload */
	ROUTE_KEEP = 1 << 3,		/* a data-entry form: posted after its
					 * session ended, it is kept for its
					 * user (and offered back as
					 * GET <path>?kept=ID) */
	ROUTE_TEMP_PASSWORD = 1 << 4,	/* open to a user whose password is
					 * temporary (all others redirect to
					 * the change-password page) */
	ROUTE_SIGN_OUT = 1 << 5,	/* sign-out: also ends a session that
					 * already ended, so its cookie goes */
};

struct route {
	const char *path;		/* PATH_INFO; a '*' segment matches any
					 * one segment, given to the handler in
					 * req->args */
	enum method method;		/* GET also answers HEAD */
	enum status (*handler)(struct req *req);
	unsigned flags;
	enum action action;		/* asked of policy_allows */
	const char *name;		/* for the log line */
};

/* Looks up path and method; the first pattern that matches the path
 * decides. Returns the route (with the '*' segments copied into
 * req->args), or NULL with *st set to ST_NOT_FOUND or ST_METHOD (then
 * *allow names the allowed methods). */
const struct route *route_find(struct req *req, enum status *st,
			       const char **allow);

/* The route with the same path pattern as r and method m; NULL if none. */
const struct route *route_sibling(const struct route *r, enum method m);

#endif
