/* SPDX-License-Identifier: MIT */
/* routes.c: THE route table. Each row says what a URL needs before its
 * handler may run; dispatch.c enforces it. */
#include <string.h>

#include "pages.h"
#include "routes.h"

static const struct route routes[] = {
	{ .path = "/", .method = METHOD_GET, .handler = page_home,
	  .flags = ROUTE_LOGIN, .action = ACT_HOME, .name = "home" },
	{ .path = "/login", .method = METHOD_GET,
	  .handler = page_auth_login_form, .flags = ROUTE_ANON_FORM,
	  .action = ACT_PUBLIC, .name = "login-form" },
	{ .path = "/login", .method = METHOD_POST,
	  .handler = page_auth_login, .flags = ROUTE_ANON_FORM,
	  .action = ACT_PUBLIC, .name = "login" },
	{ .path = "/logout", .method = METHOD_POST,
	  .handler = page_auth_logout, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "logout" },
	{ .path = "/account/password", .method = METHOD_GET,
	  .handler = page_account_password_form, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "password-form" },
	{ .path = "/account/password", .method = METHOD_POST,
	  .handler = page_account_password, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "password" },
};

const struct route *route_find(const char *path, enum method m,
			       enum status *st, const char **allow)
{
	const struct route *found = NULL;
	int has_get = 0, has_post = 0;
	size_t i;

	if (m == METHOD_HEAD)
		m = METHOD_GET;
	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (strcmp(routes[i].path, path) != 0)
			continue;
		has_get |= routes[i].method == METHOD_GET;
		has_post |= routes[i].method == METHOD_POST;
		if (routes[i].method == m)
			found = &routes[i];
	}
	if (found != NULL)
		return found;
	if (!has_get && !has_post) {
		*st = ST_NOT_FOUND;
		return NULL;
	}
	*st = ST_METHOD;
	*allow = has_get && has_post ? "GET, HEAD, POST" :
		 has_get ? "GET, HEAD" : "POST";
	return NULL;
}
