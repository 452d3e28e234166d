/* SPDX-License-Identifier: MIT */
/* routes.c: THE route table. Each row says what a URL needs before its
 * handler may run; dispatch.c enforces it. */
#include <string.h>

#include "arena.h"
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
	  .handler = page_auth_logout,
	  .flags = ROUTE_LOGIN | ROUTE_TEMP_PASSWORD | ROUTE_SIGN_OUT,
	  .action = ACT_OWN_ACCOUNT, .name = "logout" },
	{ .path = "/account/password", .method = METHOD_GET,
	  .handler = page_account_password_form,
	  .flags = ROUTE_LOGIN | ROUTE_TEMP_PASSWORD,
	  .action = ACT_OWN_ACCOUNT, .name = "password-form" },
	{ .path = "/account/password", .method = METHOD_POST,
	  .handler = page_account_password,
	  .flags = ROUTE_LOGIN | ROUTE_TEMP_PASSWORD,
	  .action = ACT_OWN_ACCOUNT, .name = "password" },
	/* Forms kept when their session had ended (ROUTE_KEEP). */
	{ .path = "/kept", .method = METHOD_GET,
	  .handler = page_kept_list, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "kept" },
	{ .path = "/kept/discard", .method = METHOD_POST,
	  .handler = page_kept_discard, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "kept-discard" },
	{ .path = "/account/notifications", .method = METHOD_GET,
	  .handler = page_account_notify_form, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "notify-form" },
	{ .path = "/account/notifications", .method = METHOD_POST,
	  .handler = page_account_notify, .flags = ROUTE_LOGIN,
	  .action = ACT_OWN_ACCOUNT, .name = "notify" },
	{ .path = "/admin/periods", .method = METHOD_GET,
	  .handler = page_period_list, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "periods" },
	{ .path = "/admin/periods", .method = METHOD_POST,
	  .handler = page_period_create, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "period-create" },
	{ .path = "/admin/periods/status", .method = METHOD_POST,
	  .handler = page_period_status, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "period-status" },
	{ .path = "/admin/codes", .method = METHOD_GET,
	  .handler = page_code_list, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "codes" },
	{ .path = "/admin/codes", .method = METHOD_POST,
	  .handler = page_code_add, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "code-add" },
	{ .path = "/admin/codes/end", .method = METHOD_POST,
	  .handler = page_code_end, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "code-end" },
	/* Accounts: which ones a user may touch is decided per account by
	 * policy_manage_user(). */
	{ .path = "/admin/users", .method = METHOD_GET,
	  .handler = page_users_list, .flags = ROUTE_LOGIN,
	  .action = ACT_NATIONAL_USERS, .name = "users" },
	{ .path = "/admin/users", .method = METHOD_POST,
	  .handler = page_users_create, .flags = ROUTE_LOGIN,
	  .action = ACT_NATIONAL_USERS, .name = "user-create" },
	{ .path = "/admin/users/lock", .method = METHOD_POST,
	  .handler = page_users_lock, .flags = ROUTE_LOGIN,
	  .action = ACT_NATIONAL_USERS, .name = "user-lock" },
	{ .path = "/admin/users/unlock", .method = METHOD_POST,
	  .handler = page_users_unlock, .flags = ROUTE_LOGIN,
	  .action = ACT_NATIONAL_USERS, .name = "user-unlock" },
	{ .path = "/admin/users/reset", .method = METHOD_POST,
	  .handler = page_users_reset, .flags = ROUTE_LOGIN,
	  .action = ACT_NATIONAL_USERS, .name = "user-reset" },
	/* Sharing: which periods and datasets are open to a user is
	 * decided per request by policy_pooled(). */
	{ .path = "/sharing", .method = METHOD_GET,
	  .handler = page_sharing, .flags = ROUTE_LOGIN,
	  .action = ACT_POOLED, .name = "sharing" },
	{ .path = "/pooled", .method = METHOD_GET,
	  .handler = page_pooled_totals, .flags = ROUTE_LOGIN,
	  .action = ACT_POOLED, .name = "pooled" },
	{ .path = "/pooled/trends", .method = METHOD_GET,
	  .handler = page_pooled_trends, .flags = ROUTE_LOGIN,
	  .action = ACT_POOLED, .name = "pooled-trends" },
	{ .path = "/pooled/routes", .method = METHOD_GET,
	  .handler = page_pooled_routes, .flags = ROUTE_LOGIN,
	  .action = ACT_POOLED, .name = "pooled-routes" },
	{ .path = "/pooled/narratives", .method = METHOD_GET,
	  .handler = page_pooled_narratives, .flags = ROUTE_LOGIN,
	  .action = ACT_POOLED, .name = "pooled-narratives" },
	{ .path = "/admin/sharing", .method = METHOD_GET,
	  .handler = page_sharing_settings, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "sharing-settings" },
	{ .path = "/admin/sharing", .method = METHOD_POST,
	  .handler = page_sharing_settings_save, .flags = ROUTE_LOGIN,
	  .action = ACT_ADMIN, .name = "sharing-settings-save" },
	/* The XML exchange: the secretariat's exports and log. */
	{ .path = "/exchange", .method = METHOD_GET,
	  .handler = page_exchange, .flags = ROUTE_LOGIN,
	  .action = ACT_EXPORT, .name = "exchange" },
	{ .path = "/exchange/export", .method = METHOD_POST,
	  .handler = page_exchange_export, .flags = ROUTE_LOGIN,
	  .action = ACT_EXPORT, .name = "export" },
	{ .path = "/exchange/export/*/manifest.xml", .method = METHOD_GET,
	  .handler = page_exchange_manifest, .flags = ROUTE_LOGIN,
	  .action = ACT_EXPORT, .name = "export-manifest" },
	{ .path = "/exchange/sdmx-structure.xml", .method = METHOD_GET,
	  .handler = page_exchange_structure, .flags = ROUTE_LOGIN,
	  .action = ACT_EXPORT, .name = "sdmx-structure" },
	/* Reporting. Which submission a user may touch, and how, is
	 * decided per submission by policy_submission(). */
	{ .path = "/report", .method = METHOD_GET,
	  .handler = page_report_dashboard, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "report" },
	{ .path = "/report/start", .method = METHOD_POST,
	  .handler = page_report_start, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "report-start" },
	{ .path = "/submission/*", .method = METHOD_GET,
	  .handler = page_submission_show, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission" },
	{ .path = "/submission/*/review", .method = METHOD_GET,
	  .handler = page_submission_review, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-review" },
	{ .path = "/submission/*/history", .method = METHOD_GET,
	  .handler = page_submission_history, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-history" },
	{ .path = "/submission/*/csv", .method = METHOD_GET,
	  .handler = page_submission_csv, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-csv" },
	{ .path = "/submission/*/submit", .method = METHOD_POST,
	  .handler = page_submission_submit, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-submit" },
	{ .path = "/submission/*/return", .method = METHOD_POST,
	  .handler = page_submission_return, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-return" },
	{ .path = "/submission/*/accept", .method = METHOD_POST,
	  .handler = page_submission_accept, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-accept" },
	{ .path = "/submission/*/reopen", .method = METHOD_POST,
	  .handler = page_submission_reopen, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-reopen" },
	{ .path = "/submission/*/sharing", .method = METHOD_POST,
	  .handler = page_submission_sharing, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "submission-sharing" },
	/* Records: listed before the grids' catch-all route below. */
#define RECORD_ROUTES(kind, pre) \
	{ .path = "/submission/*/" kind, .method = METHOD_GET, \
	  .handler = pre##_list, .flags = ROUTE_LOGIN, \
	  .action = ACT_REPORT, .name = kind }, \
	{ .path = "/submission/*/" kind ".csv", .method = METHOD_GET, \
	  .handler = pre##_csv, .flags = ROUTE_LOGIN, \
	  .action = ACT_REPORT, .name = kind "-csv" }, \
	{ .path = "/submission/*/" kind "/new", .method = METHOD_GET, \
	  .handler = pre##_new, .flags = ROUTE_LOGIN, \
	  .action = ACT_REPORT, .name = kind "-new" }, \
	{ .path = "/submission/*/" kind "/new", .method = METHOD_POST, \
	  .handler = pre##_save, .flags = ROUTE_LOGIN | ROUTE_KEEP, \
	  .action = ACT_REPORT, .name = kind "-create" }, \
	{ .path = "/submission/*/" kind "/*", .method = METHOD_GET, \
	  .handler = pre##_show, .flags = ROUTE_LOGIN, \
	  .action = ACT_REPORT, .name = kind "-show" }, \
	{ .path = "/submission/*/" kind "/*", .method = METHOD_POST, \
	  .handler = pre##_save, .flags = ROUTE_LOGIN | ROUTE_KEEP, \
	  .action = ACT_REPORT, .name = kind "-save" }, \
	{ .path = "/submission/*/" kind "/*/delete", .method = METHOD_POST, \
	  .handler = pre##_delete, .flags = ROUTE_LOGIN, \
	  .action = ACT_REPORT, .name = kind "-delete" }
	RECORD_ROUTES("routes", page_route),
	RECORD_ROUTES("incidents", page_incident),
#undef RECORD_ROUTES
	/* Uploads: the policy decides per submission (SUB_EDIT). */
	{ .path = "/submission/*/import", .method = METHOD_GET,
	  .handler = page_import_form, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "import-form" },
	{ .path = "/submission/*/import", .method = METHOD_POST,
	  .handler = page_import_check, .flags = ROUTE_LOGIN | ROUTE_UPLOAD,
	  .action = ACT_REPORT, .name = "import-check" },
	{ .path = "/submission/*/import/*", .method = METHOD_GET,
	  .handler = page_import_show, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "import-show" },
	{ .path = "/submission/*/import/*", .method = METHOD_POST,
	  .handler = page_import_confirm, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "import-confirm" },
	{ .path = "/submission/*/narrative", .method = METHOD_GET,
	  .handler = page_narrative_show, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "narrative" },
	{ .path = "/submission/*/narrative", .method = METHOD_POST,
	  .handler = page_narrative_save, .flags = ROUTE_LOGIN | ROUTE_KEEP,
	  .action = ACT_REPORT, .name = "narrative-save" },
	{ .path = "/submission/*/*", .method = METHOD_GET,
	  .handler = page_grid_show, .flags = ROUTE_LOGIN,
	  .action = ACT_REPORT, .name = "grid" },
	{ .path = "/submission/*/*", .method = METHOD_POST,
	  .handler = page_grid_save, .flags = ROUTE_LOGIN | ROUTE_KEEP,
	  .action = ACT_REPORT, .name = "grid-save" },
};

const struct route *route_sibling(const struct route *r, enum method m)
{
	size_t i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		if (routes[i].method == m &&
		    strcmp(routes[i].path, r->path) == 0)
			return &routes[i];
	return NULL;
}

/* Matches path against pattern; fills args with the '*' segments
 * (arena copies). Returns 1 on a match. */
static int match(struct req *req, const char *pattern, const char *path,
		 const char **args, size_t *nargs)
{
	*nargs = 0;
	while (*pattern != '\0' && *path != '\0') {
		if (pattern[0] == '*' && (pattern[1] == '/' ||
					  pattern[1] == '\0')) {
			size_t n = strcspn(path, "/");

			if (n == 0 || *nargs == 4)
				return 0;
			args[(*nargs)++] = arena_strndup(req->arena, path, n);
			path += n;
			pattern++;
		} else if (*pattern++ != *path++) {
			return 0;
		}
	}
	return *pattern == '\0' && *path == '\0';
}

const struct route *route_find(struct req *req, enum status *st,
			       const char **allow)
{
	enum method m = req->method == METHOD_HEAD ? METHOD_GET : req->method;
	const char *pattern = NULL, *args[4];
	int has_get = 0, has_post = 0;
	const struct route *found = NULL;
	size_t i, nargs = 0;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (pattern == NULL) {
			if (!match(req, routes[i].path, req->path, args,
				   &nargs))
				continue;
			pattern = routes[i].path;
		} else if (strcmp(routes[i].path, pattern) != 0) {
			continue;
		}
		has_get |= routes[i].method == METHOD_GET;
		has_post |= routes[i].method == METHOD_POST;
		if (routes[i].method == m && found == NULL)
			found = &routes[i];
	}
	if (found != NULL) {
		memcpy(req->args, args, sizeof(args));
		req->nargs = nargs;
		return found;
	}
	if (pattern == NULL) {
		*st = ST_NOT_FOUND;
		return NULL;
	}
	*st = ST_METHOD;
	*allow = has_get && has_post ? "GET, HEAD, POST" :
		 has_get ? "GET, HEAD" : "POST";
	return NULL;
}
