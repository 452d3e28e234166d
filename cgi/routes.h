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
};

struct route {
	const char *path;		/* exact match on PATH_INFO */
	enum method method;		/* GET also answers HEAD */
	enum status (*handler)(struct req *req);
	unsigned flags;
	enum action action;		/* asked of policy_allows */
	const char *name;		/* for the log line */
};

/* Looks up path and method. Returns the route, or NULL with *st set to
 * ST_NOT_FOUND or ST_METHOD (then *allow names the allowed methods). */
const struct route *route_find(const char *path, enum method m,
			       enum status *st, const char **allow);

#endif
