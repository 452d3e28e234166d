/* SPDX-License-Identifier: MIT */
/* resp.h: the only way out to the browser: headers, pages, redirects. */
#ifndef VRS_RESP_H
#define VRS_RESP_H

#include <stddef.h>

#include "form.h"
#include "req.h"
#include "status.h"

struct config;
struct _neo_err;

/* Loads the language file and the fallback page; once per process.
 * Returns 0, or -1 with a reason in err. */
int resp_init(const struct config *cfg, char *err, size_t errsz);
void resp_shutdown(void);

/* Points req->hdf at the process's dataset (escaping mode, template path,
 * language) and adds the site values. Returns 0 or -1 (out of memory). */
int resp_hdf_begin(struct req *req);
/* Removes everything the request put into the dataset. */
void resp_hdf_end(struct req *req);

/* The language-file key of a role: HDF names cannot hold '-', so
 * "data-entry" is Lang.role.data_entry. Arena memory. */
const char *resp_role_key(struct req *req, int role);

/* The status for a failed db_* call: 503 when the database is
 * unreachable, else 500. */
enum status resp_db_failure(int rc);

/* Page data for the template. Values are copied. */
void resp_set(struct req *req, const char *name, const char *value);
/* The value put at name in this request, or "". */
const char *resp_get(struct req *req, const char *name);
/* Logs a ClearSilver error (never shown to the browser) and frees it. */
void resp_neoerr(struct req *req, struct _neo_err *err, const char *what);
void resp_set_int(struct req *req, const char *name, long long value);
/* Sets <list>.<index>.<field>, the shape of every list a page shows. */
void resp_set_item(struct req *req, const char *list, long long index,
		   const char *field, const char *value);
void resp_set_item_int(struct req *req, const char *list, long long index,
		       const char *field, long long value);

/* Long lists (a grid's cells) set their fields relative to a node:
 * resp_set walks the dotted path from the root at every call. */
struct _hdf;
/* The node at name below parent (NULL: the root), created if missing;
 * NULL only when out of memory (logged). */
struct _hdf *resp_node(struct req *req, struct _hdf *parent,
		       const char *name);
/* Sets name (relative, e.g. "v") below node; a NULL node does nothing. */
void resp_node_set(struct req *req, struct _hdf *node, const char *name,
		   const char *value);
void resp_node_set_int(struct req *req, struct _hdf *node, const char *name,
		       long long value);
/* The node at name (dotted, starting "Ref.") of the process-wide page
 * data that is the same for every request and kept between requests
 * (refcache.c's code lists), created. Never request data. NULL after a
 * logged error. */
struct _hdf *resp_ref_node(const char *name);
/* Removes every "Ref." node (when what they copy has changed). */
void resp_ref_clear(void);

/* Makes name (a page's, e.g. "Codes.country") a link to target, a
 * "Ref." node: the template reads the kept nodes, and the request
 * removes only its link. */
void resp_ref_link(struct req *req, const char *name, const char *target);

/* Adds a Set-Cookie header to the coming response; the string must live
 * until the response is sent (arena memory). */
void resp_cookie(struct req *req, const char *cookie);

/* Renders templates/<tpl> (a constant, never input) with status and sends
 * it. Nothing is sent until the page rendered completely; a failed
 * render becomes the 500 page. Returns ST_OK. */
enum status resp_render(struct req *req, int status, const char *tpl);

/* Sends body as a download (Content-Disposition: attachment) of type
 * ctype named filename (both built by code, never input). Returns ST_OK. */
enum status resp_download(struct req *req, const char *ctype,
			  const char *filename, const char *body, size_t len);

/* Starts a streamed download: status 200 and the headers, without a
 * length; the body follows through resp_stream_write. For responses too
 * large to build in memory (exports). Returns ST_OK. */
enum status resp_stream_begin(struct req *req, const char *ctype,
			      const char *filename);
/* Writes len bytes of a streamed body. Returns 0, or -1 when the client
 * is gone. */
int resp_stream_write(struct req *req, const char *buf, size_t len);

/* 303 See Other to path (an internal path built by code, like "/"). */
enum status resp_redirect(struct req *req, const char *path);
/* The same, saying what happened: "?done=<done>" (or "&done=") is added,
 * and the next page shows Lang.done.<done> as a status notice. done must
 * be one of the fixed keys of resp.c (else abort: a bug). */
enum status resp_redirect_done(struct req *req, const char *path,
			       const char *done);
/* key itself when it is one of those notices, else NULL. */
const char *resp_done_key(const char *key);

/* The text at key (e.g. "Lang.err.required") of the language file, or
 * fallback. Borrowed until the request ends. */
const char *resp_text(struct req *req, const char *key, const char *fallback);

/* Renders the error page for st, with the request id. */
void resp_error(struct req *req, enum status st);

/* The HTTP code for st. */
int resp_http_code(enum status st);

/* Adds a line to the error summary at the top of the form
 * (Form.Problems.N: id, text): text (a message from the language file)
 * links to the element with that id. A second problem for the same id is
 * dropped. Returns N, for the caller to add details under it, or -1. */
long long resp_problem(struct req *req, const char *id, const char *text);
/* The id of field's input on the page (arena memory): "f-<field>", and
 * for a row's field "<name>.<i>" "f-<name>-<i>" with each '_' a '-'
 * ("person_cit.0" is "f-person-cit-0"). */
const char *resp_field_id(struct req *req, const char *field);
/* Puts the message Lang.err.<key> as Form.<field>.error, and into the
 * error summary linking to the field. */
void resp_field_error(struct req *req, const char *field, const char *key);
/* The same with the message's "%s" placeholders filled, in order, with
 * the n values of args (dates, names: never words of a language). */
void resp_field_error_args(struct req *req, const char *field,
			   const char *key, const char *const *args, size_t n);
/* 1 if Form.<field>.error is set. */
int resp_has_error(struct req *req, const char *field);
/* Puts each field's value (unless secret) and error message under
 * Form.<name>.value / .error (each error also into the error summary),
 * and the error count under Form.errors. */
void resp_form(struct req *req, const struct field_spec *specs, size_t n,
	       const struct field_value *vals);

#endif
