/* SPDX-License-Identifier: MIT */
/* resp.c: every byte sent to the browser goes through here, with the
 * security headers added and ClearSilver's HTML escaping switched on. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "policy.h"
#include "resp.h"

/* Process-wide, built once by resp_init: the dataset every page renders
 * from (escaping mode, template path and language), and each template
 * parsed once (a parse costs several times a render). Request data goes
 * under other top-level names, and resp_hdf_end removes every such name
 * after each request, so nothing of one request reaches the next. */
static HDF *base;
static const char *const base_names[] = { "Config", "hdf", "Lang", "Ref",
					  NULL };
static struct {
	const char *name;	/* a constant from a page file */
	CSPARSE *cs;
} parsed[48];
static size_t n_parsed;
static char *fallback_page;
static size_t fallback_len;
static char template_dir[300];

static const struct {
	int code;
	const char *key;	/* Lang.error.<key>.title / .text */
} statuses[] = {
	[ST_OK] = { 200, "ok" },
	[ST_BAD_REQUEST] = { 400, "bad_request" },
	[ST_BAD_ENCODING] = { 400, "bad_encoding" },
	[ST_TOO_MANY_FIELDS] = { 400, "too_many_fields" },
	[ST_FIELD_TOO_LONG] = { 400, "field_too_long" },
	[ST_BAD_CONTENT_TYPE] = { 415, "bad_content_type" },
	[ST_SESSION_EXPIRED] = { 401, "session_expired" },
	[ST_FORBIDDEN] = { 403, "forbidden" },
	[ST_CSRF] = { 403, "csrf" },
	[ST_NOT_FOUND] = { 404, "not_found" },
	[ST_METHOD] = { 405, "method" },
	[ST_CONFLICT] = { 409, "conflict" },
	[ST_TOO_LARGE] = { 413, "too_large" },
	[ST_INTERNAL] = { 500, "internal" },
	[ST_MISCONFIGURED] = { 500, "internal" },
	[ST_UNAVAILABLE] = { 503, "unavailable" },
};

_Static_assert(sizeof(statuses) / sizeof(statuses[0]) == ST__MAX,
	       "every status needs a code and a text");

static const char *reason(int code)
{
	switch (code) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	}
	return "";
}

void resp_neoerr(struct req *req, NEOERR *err, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_string(err, &s);
	log_msg(req ? req->rid : NULL, "template %s: %s", what,
		s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

int resp_init(const struct config *cfg, char *err, size_t errsz)
{
	char path[400];
	NEOERR *nerr;
	FILE *f;
	long n;

	snprintf(template_dir, sizeof(template_dir), "%s/templates",
		 cfg->share_dir);
	snprintf(path, sizeof(path), "%s/lang/en.hdf", template_dir);
	nerr = hdf_init(&base);
	/* Must be set before any cs_init reads it: every var: is escaped. */
	if (nerr == STATUS_OK)
		nerr = hdf_set_value(base, "Config.VarEscapeMode", "html");
	if (nerr == STATUS_OK)
		nerr = hdf_set_value(base, "hdf.loadpaths.0", template_dir);
	if (nerr == STATUS_OK)
		nerr = hdf_read_file(base, path);
	if (nerr != STATUS_OK) {
		STRING s;

		string_init(&s);
		nerr_error_string(nerr, &s);
		snprintf(err, errsz, "%s: %s", path, s.buf ? s.buf : "?");
		string_clear(&s);
		nerr_ignore(&nerr);
		return -1;
	}
	/* The page of last resort, for when even error.cs cannot render. */
	snprintf(path, sizeof(path), "%s/fallback.html", template_dir);
	f = fopen(path, "re");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, errsz, "%s: cannot read", path);
		if (f)
			fclose(f);
		return -1;
	}
	fallback_page = malloc((size_t)n);
	if (fallback_page == NULL ||
	    fread(fallback_page, 1, (size_t)n, f) != (size_t)n) {
		snprintf(err, errsz, "%s: cannot read", path);
		fclose(f);
		return -1;
	}
	fallback_len = (size_t)n;
	fclose(f);
	return 0;
}

void resp_shutdown(void)
{
	size_t i;

	for (i = 0; i < n_parsed; i++)
		cs_destroy(&parsed[i].cs);
	n_parsed = 0;
	if (base != NULL)
		hdf_destroy(&base);
	free(fallback_page);
	fallback_page = NULL;
}

/* Removes every top-level node that is not part of the base dataset,
 * one at a time until none is left. */
static void clear_request_data(void)
{
	for (;;) {
		HDF *node;
		size_t k;
		char *name;
		NEOERR *err;

		for (node = hdf_obj_child(base); node != NULL;
		     node = hdf_obj_next(node)) {
			for (k = 0; base_names[k] != NULL; k++)
				if (strcmp(hdf_obj_name(node),
					   base_names[k]) == 0)
					break;
			if (base_names[k] == NULL)
				break;
		}
		if (node == NULL)
			return;
		name = strdup(hdf_obj_name(node));
		if (name == NULL)
			abort();
		err = hdf_remove_tree(base, name);
		free(name);
		if (err != STATUS_OK)
			abort();	/* request data would stay: never */
		/* ClearSilver 0.10.5 keeps, per node, the last child it found
		 * and that child's predecessor (last_hp, last_hs) to speed up
		 * the next lookup, and hdf_remove_tree does not forget them:
		 * the next hdf_set_value then reads the freed node (valgrind
		 * shows it; in production it crashed a worker now and then). */
		base->last_hp = NULL;
		base->last_hs = NULL;
	}
}

void resp_hdf_end(struct req *req)
{
	clear_request_data();
	req->hdf = NULL;
}

int resp_hdf_begin(struct req *req)
{
	HDF *hdf = base;
	NEOERR *err;

	clear_request_data();	/* in case a request ended abnormally */
	err = hdf_set_value(hdf, "Site.Base", req->base);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Site.Static", req->cfg->static_url);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Request.Id", req->rid);
	if (err != STATUS_OK) {
		resp_neoerr(req, err, "setup");
		clear_request_data();
		return -1;
	}
	req->hdf = hdf;
	return 0;
}

void resp_set(struct req *req, const char *name, const char *value)
{
	NEOERR *err = hdf_set_value(req->hdf, name, value ? value : "");

	if (err != STATUS_OK)
		resp_neoerr(req, err, name);
}

HDF *resp_ref_node(const char *name)
{
	HDF *node = NULL;
	NEOERR *err = hdf_get_node(base, name, &node);

	if (err != STATUS_OK) {
		resp_neoerr(NULL, err, name);
		return NULL;
	}
	return node;
}

void resp_ref_clear(void)
{
	NEOERR *err;

	if (base == NULL || hdf_get_obj(base, "Ref") == NULL)
		return;
	err = hdf_remove_tree(base, "Ref");
	if (err != STATUS_OK)
		abort();	/* stale data would stay: never */
	/* As in clear_request_data: forget the lookup hints. */
	base->last_hp = NULL;
	base->last_hs = NULL;
}

const char *resp_get(struct req *req, const char *name)
{
	return hdf_get_value(req->hdf, name, "");
}

void resp_set_int(struct req *req, const char *name, long long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", value);
	resp_set(req, name, buf);
}

void resp_set_item(struct req *req, const char *list, long long index,
		   const char *field, const char *value)
{
	char name[160];

	snprintf(name, sizeof(name), "%s.%lld.%s", list, index, field);
	resp_set(req, name, value);
}

void resp_set_item_int(struct req *req, const char *list, long long index,
		       const char *field, long long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", value);
	resp_set_item(req, list, index, field, buf);
}

HDF *resp_node(struct req *req, HDF *parent, const char *name)
{
	HDF *node = NULL;
	NEOERR *err = hdf_get_node(parent != NULL ? parent : req->hdf, name,
				   &node);

	if (err != STATUS_OK) {
		resp_neoerr(req, err, name);
		return NULL;
	}
	return node;
}

void resp_node_set(struct req *req, HDF *node, const char *name,
		   const char *value)
{
	NEOERR *err;

	if (node == NULL)
		return;
	err = hdf_set_value(node, name, value ? value : "");
	if (err != STATUS_OK)
		resp_neoerr(req, err, name);
}

void resp_node_set_int(struct req *req, HDF *node, const char *name,
		       long long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", value);
	resp_node_set(req, node, name, buf);
}

void resp_ref_link(struct req *req, const char *name, const char *target)
{
	NEOERR *err = hdf_set_symlink(req->hdf, name, target);

	if (err != STATUS_OK)
		resp_neoerr(req, err, name);
}

const char *resp_role_key(struct req *req, int role)
{
	char *key = arena_strdup(req->arena, role_name((enum role)role));
	char *p;

	for (p = key; *p != '\0'; p++)
		if (*p == '-')
			*p = '_';
	return key;
}

enum status resp_db_failure(int rc)
{
	return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE : ST_INTERNAL;
}

void resp_cookie(struct req *req, const char *cookie)
{
	if (strpbrk(cookie, "\r\n") != NULL ||
	    req->n_set_cookie >= sizeof(req->set_cookie) /
				 sizeof(req->set_cookie[0]))
		abort();	/* cookies are built by code: this is a bug */
	req->set_cookie[req->n_set_cookie++] = cookie;
}

/* Writes the status line and headers, the fixed security headers
 * included, then the body (not for HEAD). */
static void send_typed(struct req *req, int code, const char *location,
		       const char *ctype, const char *filename,
		       const char *body, size_t len)
{
	char head[4096];
	size_t i;
	int n;

	n = snprintf(head, sizeof(head),
		"Status: %d %s\r\n"
		"Content-Type: %s\r\n"
		"Content-Security-Policy: default-src 'none'; "
		"style-src 'self'; img-src 'self'; form-action 'self'; "
		"frame-ancestors 'none'; base-uri 'none'\r\n"
		"X-Content-Type-Options: nosniff\r\n"
		"X-Frame-Options: DENY\r\n"
		"Referrer-Policy: same-origin\r\n"
		/* Every page carries a form token or private data. */
		"Cache-Control: no-store\r\n",
		code, reason(code), ctype);
	/* (size_t)-1: a streamed body, whose length is not known yet. */
	if (len != (size_t)-1 && n > 0 && (size_t)n < sizeof(head))
		n += snprintf(head + n, sizeof(head) - (size_t)n,
			      "Content-Length: %lu\r\n", (unsigned long)len);
	if (filename != NULL && n > 0 && (size_t)n < sizeof(head))
		n += snprintf(head + n, sizeof(head) - (size_t)n,
			      "Content-Disposition: attachment; "
			      "filename=\"%s\"\r\n", filename);
	if (location != NULL && n > 0 && (size_t)n < sizeof(head))
		n += snprintf(head + n, sizeof(head) - (size_t)n,
			      "Location: %s%s\r\n", req->base, location);
	if (req->allow != NULL && n > 0 && (size_t)n < sizeof(head))
		n += snprintf(head + n, sizeof(head) - (size_t)n,
			      "Allow: %s\r\n", req->allow);
	for (i = 0; i < req->n_set_cookie && n > 0 &&
	     (size_t)n < sizeof(head); i++)
		n += snprintf(head + n, sizeof(head) - (size_t)n,
			      "Set-Cookie: %s\r\n", req->set_cookie[i]);
	if (n <= 0 || (size_t)n + 2 >= sizeof(head))
		abort();	/* headers are built by code: this is a bug */
	memcpy(head + n, "\r\n", 2);
	n += 2;
	FCGX_PutStr(head, n, req->fcgx->out);
	if (req->method != METHOD_HEAD && len > 0 && len != (size_t)-1)
		FCGX_PutStr(body, (int)len, req->fcgx->out);
	req->status = code;
	req->responded = 1;
}

static void send_response(struct req *req, int code, const char *location,
			  const char *body, size_t len)
{
	send_typed(req, code, location, "text/html; charset=utf-8", NULL, body,
		   len);
}

enum status resp_download(struct req *req, const char *ctype,
			  const char *filename, const char *body, size_t len)
{
	if (strpbrk(ctype, "\r\n") || strpbrk(filename, "\r\n\"\\"))
		abort();	/* built by code: this is a bug */
	send_typed(req, 200, NULL, ctype, filename, body, len);
	return ST_OK;
}

enum status resp_stream_begin(struct req *req, const char *ctype,
			      const char *filename)
{
	if (strpbrk(ctype, "\r\n") || strpbrk(filename, "\r\n\"\\"))
		abort();	/* built by code: this is a bug */
	send_typed(req, 200, NULL, ctype, filename, NULL, (size_t)-1);
	return ST_OK;
}

int resp_stream_write(struct req *req, const char *buf, size_t len)
{
	if (req->method == METHOD_HEAD)
		return 0;
	while (len > 0) {
		int chunk = len > 65536 ? 65536 : (int)len;

		if (FCGX_PutStr(buf, chunk, req->fcgx->out) != chunk)
			return -1;
		buf += chunk;
		len -= (size_t)chunk;
	}
	return 0;
}

/* Appends s to the page being rendered. The engine calls this for every
 * piece of text and every value (16,000 times on an editable grid), so
 * it grows the STRING's buffer itself (malloc'd, as string_clear frees
 * it): half the instructions of string_append. */
static NEOERR *collect(void *ctx, char *s)
{
	STRING *out = ctx;
	size_t n = strlen(s);

	if ((size_t)out->len + n + 1 > (size_t)out->max) {
		size_t max = out->max > 0 ? (size_t)out->max : 32768;
		char *buf;

		while ((size_t)out->len + n + 1 > max)
			max *= 2;
		if (max > INT_MAX || (buf = realloc(out->buf, max)) == NULL)
			return nerr_raise(NERR_NOMEM, "the page is too large");
		out->buf = buf;
		out->max = (int)max;
	}
	memcpy(out->buf + out->len, s, n + 1);
	out->len += (int)n;
	return STATUS_OK;
}

/* The parse of tpl, made on first use and kept for the process. */
static CSPARSE *parse(struct req *req, const char *tpl)
{
	CSPARSE *cs = NULL;
	NEOERR *err;
	size_t i;

	for (i = 0; i < n_parsed; i++)
		if (strcmp(parsed[i].name, tpl) == 0)
			return parsed[i].cs;
	if (n_parsed == sizeof(parsed) / sizeof(parsed[0]))
		abort();	/* more templates than slots: raise the size */
	err = cs_init(&cs, base);
	if (err == STATUS_OK)
		err = cgi_register_strfuncs(cs);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, tpl);
	if (err != STATUS_OK) {
		resp_neoerr(req, err, tpl);
		cs_destroy(&cs);
		return NULL;
	}
	parsed[n_parsed].name = tpl;
	parsed[n_parsed++].cs = cs;
	return cs;
}

/* Renders tpl into memory. Returns 0, or -1 after logging why. */
static int render(struct req *req, const char *tpl, STRING *out)
{
	CSPARSE *cs = parse(req, tpl);
	NEOERR *err;

	if (cs == NULL)
		return -1;
	err = cs_render(cs, out, collect);
	if (err != STATUS_OK) {
		resp_neoerr(req, err, tpl);
		return -1;
	}
	return 0;
}

enum status resp_render(struct req *req, int status, const char *tpl)
{
	STRING out;

	if (req->responded)
		return ST_OK;
	string_init(&out);
	if (req->hdf == NULL || render(req, tpl, &out) != 0) {
		string_clear(&out);
		resp_error(req, ST_INTERNAL);
		return ST_OK;
	}
	send_response(req, status, NULL, out.buf, (size_t)out.len);
	string_clear(&out);
	return ST_OK;
}

/* The notices a page may show after a change ("?done=<key>"): a fixed
 * list, each a key of Lang.done; never text from the request. */
static const char *const done_keys[] = {
	"started", "submitted", "returned", "accepted", "reopened",
	"sharing_level", "row_added", "row_removed", "period_created",
	"period_opened", "period_locked", "period_planned", "account_created",
	"account_locked", "account_unlocked", "password_reset", "code_added",
	"code_ended", "upload_applied", "upload_dropped", "upload_rechecked",
	"coords_rounded",
};

const char *resp_done_key(const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < sizeof(done_keys) / sizeof(*done_keys);
	     i++)
		if (strcmp(done_keys[i], key) == 0)
			return done_keys[i];
	return NULL;
}

enum status resp_redirect_done(struct req *req, const char *path,
			       const char *done)
{
	if (resp_done_key(done) == NULL)
		abort();	/* a key missing from done_keys: a bug */
	return resp_redirect(req, arena_printf(req->arena, "%s%cdone=%s", path,
					       strchr(path, '?') ? '&' : '?',
					       done));
}

enum status resp_redirect(struct req *req, const char *path)
{
	if (strpbrk(path, "\r\n") != NULL || path[0] != '/')
		abort();	/* redirects go to internal paths only */
	send_response(req, 303, path, "", 0);
	return ST_OK;
}

const char *resp_text(struct req *req, const char *key, const char *fallback)
{
	(void)req;
	return hdf_get_value(base, key, fallback);
}

int resp_http_code(enum status st)
{
	return (unsigned)st < ST__MAX ? statuses[st].code : 500;
}

void resp_error(struct req *req, enum status st)
{
	int code = resp_http_code(st);
	char key[80];
	STRING out;

	if (req->responded)
		return;
	if (st >= ST__MAX)
		st = ST_INTERNAL;
	snprintf(key, sizeof(key), "%d", code);
	string_init(&out);
	if (req->hdf != NULL) {
		resp_set(req, "Error.Code", key);
		resp_set(req, "Error.Kind", statuses[st].key);
		if (render(req, "error.cs", &out) == 0) {
			send_response(req, code, NULL, out.buf,
				      (size_t)out.len);
			string_clear(&out);
			return;
		}
	}
	string_clear(&out);
	send_response(req, code, NULL, fallback_page, fallback_len);
}

long long resp_problem(struct req *req, const char *id, const char *text)
{
	HDF *list = hdf_get_obj(req->hdf, "Form.Problems"), *p;
	long long n = 0;

	for (p = list ? hdf_obj_child(list) : NULL; p; p = hdf_obj_next(p)) {
		if (strcmp(hdf_get_value(p, "id", ""), id) == 0)
			return -1;	/* one line per field */
		n++;
	}
	resp_set_item(req, "Form.Problems", n, "id", id);
	resp_set_item(req, "Form.Problems", n, "text", text);
	return n;
}

const char *resp_field_id(struct req *req, const char *field)
{
	char *id = arena_printf(req->arena, "f-%s", field), *c;

	if (strchr(field, '.') != NULL)
		for (c = id; *c != '\0'; c++)
			if (*c == '_' || *c == '.')
				*c = '-';
	return id;
}

/* A field's line in the error summary, named by the field: "leg_to.2"
 * is field leg_to, row 3 (Lang.label.leg_to, in the template). */
static void field_problem(struct req *req, const char *field,
			  const char *text)
{
	const char *dot = strchr(field, '.');
	long long at = resp_problem(req, resp_field_id(req, field), text);

	if (at < 0)
		return;
	resp_set_item(req, "Form.Problems", at, "field", dot == NULL ? field :
		      arena_strndup(req->arena, field, (size_t)(dot - field)));
	if (dot != NULL)
		resp_set_item_int(req, "Form.Problems", at, "n",
				  atoll(dot + 1) + 1);
}

void resp_field_error_args(struct req *req, const char *field,
			   const char *key, const char *const *args, size_t n)
{
	char name[160], lang[160];
	const char *text, *at;
	char *out = "";
	size_t k = 0;

	snprintf(lang, sizeof(lang), "Lang.err.%s", key);
	snprintf(name, sizeof(name), "Form.%s.error", field);
	text = hdf_get_value(req->hdf, lang, key);
	/* macros.cs fmt's placeholders, filled here so that the field's
	 * message and the error summary's line say the same */
	while (k < n && (at = strstr(text, "%s")) != NULL) {
		out = arena_printf(req->arena, "%s%.*s%s", out,
				   (int)(at - text), text, args[k++]);
		text = at + 2;
	}
	if (k > 0)
		text = arena_printf(req->arena, "%s%s", out, text);
	resp_set(req, name, text);
	field_problem(req, field, text);
}

void resp_field_error(struct req *req, const char *field, const char *key)
{
	resp_field_error_args(req, field, key, NULL, 0);
}

int resp_has_error(struct req *req, const char *field)
{
	char name[160];

	snprintf(name, sizeof(name), "Form.%s.error", field);
	return hdf_get_value(req->hdf, name, NULL) != NULL;
}

void resp_form(struct req *req, const struct field_spec *specs, size_t n,
	       const struct field_value *vals)
{
	char name[128];
	size_t i, errors = 0;

	for (i = 0; i < n; i++) {
		if (specs[i].type != FIELD_SECRET) {
			snprintf(name, sizeof(name), "Form.%s.value",
				 specs[i].name);
			resp_set(req, name, vals[i].str);
		}
		if (vals[i].error != NULL) {
			char key[128];

			snprintf(key, sizeof(key), "Lang.err.%s",
				 vals[i].error);
			snprintf(name, sizeof(name), "Form.%s.error",
				 specs[i].name);
			resp_set(req, name, hdf_get_value(req->hdf, key,
							  vals[i].error));
			field_problem(req, specs[i].name,
				      resp_get(req, name));
			errors++;
		}
	}
	resp_set_int(req, "Form.errors", (long long)errors);
}
