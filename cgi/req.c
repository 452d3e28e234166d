/* SPDX-License-Identifier: MIT */
/* req.c: turning the FastCGI parameters into struct req. */
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include "config.h"
#include "form.h"
#include "log.h"
#include "req.h"

const char *req_env(struct req *req, const char *name)
{
	return FCGX_GetParam(name, req->fcgx->envp);
}

static enum method method_of(const char *m)
{
	if (m == NULL)
		return METHOD_OTHER;
	if (strcmp(m, "GET") == 0)
		return METHOD_GET;
	if (strcmp(m, "HEAD") == 0)
		return METHOD_HEAD;
	if (strcmp(m, "POST") == 0)
		return METHOD_POST;
	return METHOD_OTHER;
}

/* SCRIPT_NAME goes into our links and Location headers: only a plain
 * path prefix is accepted. */
static int safe_base(const char *b)
{
	if (b[0] == '\0')
		return 1;
	if (b[0] != '/' || strstr(b, "//") != NULL)
		return 0;
	for (; *b != '\0'; b++)
		if (!((*b >= 'a' && *b <= 'z') || (*b >= 'A' && *b <= 'Z') ||
		      (*b >= '0' && *b <= '9') || strchr("/-_.~", *b)))
			return 0;
	return 1;
}

enum status req_begin(struct req *req)
{
	static unsigned long served;	/* per worker; only names requests */
	const char *qs, *https;

	clock_gettime(CLOCK_MONOTONIC, &req->started);
	/* Unique across workers and restarts: pid, start second, count. It
	 * is a reference for the help desk, not a secret. */
	snprintf(req->rid, sizeof(req->rid), "%05x%06lx%05lx",
		 (unsigned)getpid() & 0xfffff,
		 (unsigned long)time(NULL) & 0xffffff, ++served & 0xfffff);
	req->method_name = req_env(req, "REQUEST_METHOD");
	req->method = method_of(req->method_name);
	req->path = req_env(req, "PATH_INFO");
	req->base = req_env(req, "SCRIPT_NAME");
	if (req->base == NULL)
		req->base = "";
	/* Links are built as base + "/path"; a base of "/" would double it. */
	if (strcmp(req->base, "/") == 0)
		req->base = "";
	https = req_env(req, "HTTPS");
	req->https = https != NULL && strcmp(https, "on") == 0;
	req->remote_addr = req_env(req, "REMOTE_ADDR");
	form_parse_cookies(req->arena, req_env(req, "HTTP_COOKIE"),
			   &req->cookies);
	qs = req_env(req, "QUERY_STRING");
	if (qs == NULL)
		qs = "";
	if (req->path == NULL || req->path[0] != '/') {
		log_msg(req->rid, "PATH_INFO missing: check the web server "
			"configuration (see INSTALL)");
		return ST_MISCONFIGURED;
	}
	if (!safe_base(req->base)) {
		log_msg(req->rid, "SCRIPT_NAME refused: %s", req->base);
		req->base = "";
		return ST_MISCONFIGURED;
	}
	switch (form_parse_urlencoded(req->arena, qs, strlen(qs),
				      (size_t)req->cfg->max_fields,
				      (size_t)req->cfg->max_field_bytes,
				      &req->query)) {
	case FORM_OK:
		return ST_OK;
	case FORM_TOO_MANY:
		return ST_TOO_MANY_FIELDS;
	case FORM_TOO_LONG:
		return ST_FIELD_TOO_LONG;
	default:
		return ST_BAD_ENCODING;
	}
}

void req_end(struct req *req)
{
	/* Everything else belongs to the arena, which main resets. */
	req->user = NULL;
}
