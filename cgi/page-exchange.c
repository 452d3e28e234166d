/* SPDX-License-Identifier: MIT */
/* page-exchange.c: the XML exchange on the web. The secretariat's page
 * (exports with their manifests, the SDMX structure, the log of exports
 * and imports), and a state's upload: check the file, show what would
 * change, apply it on confirmation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db-exchange.h"
#include "db-history.h"
#include "db-jurisdiction.h"
#include "db-record.h"
#include "db-report.h"
#include "export.h"
#include "form.h"
#include "import.h"
#include "pages.h"
#include "report.h"
#include "resp.h"
#include "util.h"

/* ---- the secretariat's page ------------------------------------------- */

struct list_ctx {
	struct req *req;
	long long n;
};

static void put_period(void *ctx, const struct period *p)
{
	struct list_ctx *l = ctx;

	resp_set_item(l->req, "Page.Periods", l->n++, "code", p->code);
}

static void put_jurisdiction(void *ctx, const char *code, const char *name,
			     const char *kind)
{
	struct list_ctx *l = ctx;

	(void)kind;
	resp_set_item(l->req, "Page.Jurisdictions", l->n, "code", code);
	resp_set_item(l->req, "Page.Jurisdictions", l->n++, "name", name);
}

static void put_export(void *ctx, const struct export_row *r)
{
	struct list_ctx *l = ctx;
	const char *list = "Page.Exports";

	resp_set_item_int(l->req, list, l->n, "id", r->id);
	resp_set_item(l->req, list, l->n, "created", r->created);
	resp_set_item(l->req, list, l->n, "actor", r->actor);
	resp_set_item(l->req, list, l->n, "format", r->format);
	resp_set_item(l->req, list, l->n, "filters", r->filters);
	resp_set_item_int(l->req, list, l->n, "submissions", r->submissions);
	resp_set_item_int(l->req, list, l->n, "bytes", r->bytes);
	resp_set_item(l->req, list, l->n, "sha256", r->sha256);
	resp_set_item(l->req, list, l->n++, "status", r->status);
}

static void put_import(void *ctx, const struct import_row *r)
{
	struct list_ctx *l = ctx;
	const char *list = "Page.Imports";

	resp_set_item_int(l->req, list, l->n, "id", r->id);
	resp_set_item(l->req, list, l->n, "created", r->created);
	resp_set_item(l->req, list, l->n, "actor", r->actor);
	resp_set_item(l->req, list, l->n, "jcode", r->jcode);
	resp_set_item(l->req, list, l->n, "period", r->period);
	resp_set_item_int(l->req, list, l->n, "version", r->version);
	resp_set_item(l->req, list, l->n, "filename", r->filename);
	resp_set_item_int(l->req, list, l->n, "bytes", r->bytes);
	resp_set_item(l->req, list, l->n, "mode", r->mode);
	resp_set_item(l->req, list, l->n, "status", r->status);
	resp_set_item_int(l->req, list, l->n, "problems", r->problems);
	resp_set_item_int(l->req, list, l->n, "expired", r->expired);
	resp_set_item(l->req, list, l->n++, "summary", r->summary);
}

static enum status render_exchange(struct req *req, int status)
{
	struct list_ctx l = { req, 0 };
	size_t i;
	int rc = db_period_list(req->db, put_period, &l);

	l.n = 0;
	if (rc == DB_OK)
		rc = db_jurisdiction_list(req->db, put_jurisdiction, &l);
	l.n = 0;
	if (rc == DB_OK)
		rc = db_export_list(req->db, put_export, &l);
	l.n = 0;
	if (rc == DB_OK)
		rc = db_import_list(req->db, put_import, &l);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	for (i = 0; export_parts[i] != NULL; i++)
		resp_set_item(req, "Page.Parts", (long long)i, "key",
			      export_parts[i]);
	resp_set(req, "Page.Formats.0", "vrs");
	resp_set(req, "Page.Formats.1", "sdmx");
	resp_set(req, "Page.Formats.2", "csv");
	return resp_render(req, status, "exchange.cs");
}

/* GET /exchange */
enum status page_exchange(struct req *req)
{
	resp_set(req, "Form.format.value", "vrs");
	return render_exchange(req, 200);
}

/* Bytes of a download go out as they come; the headers go with the
 * first of them, once the export has its id (the file's name). */
struct web_sink {
	struct req *req;
	const char *ctype;
	const char *prefix, *suffix;
	const struct export_result *res;	/* an export's, or NULL */
	int started;
};

static int web_write(void *ctx, const char *buf, size_t len)
{
	struct web_sink *w = ctx;

	if (!w->started) {
		/* An export's name is the one its manifest gives. */
		const char *name = w->res != NULL ? w->res->data_file :
			arena_printf(w->req->arena, "%s%s", w->prefix,
				     w->suffix);

		resp_stream_begin(w->req, w->ctype, name);
		w->started = 1;
	}
	return resp_stream_write(w->req, buf, len);
}

/* Collects every "name" parameter of the form (checkbox groups). */
static size_t form_all(struct req *req, const char *name, const char **out,
		       size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < req->body.count && n < max; i++)
		if (strcmp(req->body.items[i].name, name) == 0 &&
		    !req->body.items[i].has_nul)
			out[n++] = req->body.items[i].value;
	return n;
}

/* The form's choices kept for a re-render: Form.<name>.<value> = 1. */
static void keep_checked(struct req *req, const char *name,
			 const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		resp_set(req, arena_printf(req->arena, "Form.%s.checked.%s",
					   name, v[i]), "1");
}

/* POST /exchange/export: the file, streamed. */
enum status page_exchange_export(struct req *req)
{
	const struct param *fmt_p = req_param(&req->body, "format");
	const char *fmt = fmt_p ? fmt_p->value : "";
	struct actor who = { req->user->id, req->user->username };
	struct export_filter f = { 0 };
	struct export_result res;
	struct web_sink w = { .req = req, .res = &res };
	struct export_sink sink = { .write = web_write, .ctx = &w };
	struct period per;
	long long jid;
	size_t i, errors = 0;
	enum export_format format = EXPORT_VRS;
	int rc;

	f.nperiods = form_all(req, "period", f.periods, EXPORT_MAX_FILTER);
	f.njurisdictions = form_all(req, "jurisdiction", f.jurisdictions,
				    EXPORT_MAX_FILTER);
	f.nparts = form_all(req, "dataset", f.parts, 7);
	f.any_status = req_param(&req->body, "all_statuses") != NULL;
	for (i = 0; i < f.nperiods; i++)
		if ((rc = db_period_by_code(req->db, f.periods[i], &per)) !=
		    DB_OK) {
			if (rc != DB_NONE)
				return resp_db_failure(rc);
			resp_field_error(req, "period", "unknown_period");
			errors++;
			break;
		}
	for (i = 0; i < f.njurisdictions; i++)
		if ((rc = db_jurisdiction_by_code(req->db, f.jurisdictions[i],
						  &jid, NULL, 0)) != DB_OK) {
			if (rc != DB_NONE)
				return resp_db_failure(rc);
			resp_field_error(req, "jurisdiction",
					 "unknown_jurisdiction");
			errors++;
			break;
		}
	for (i = 0; i < f.nparts; i++)
		if (!export_part_known(f.parts[i])) {
			resp_field_error(req, "dataset", "unknown_dataset");
			errors++;
			break;
		}
	if (strcmp(fmt, "sdmx") == 0) {
		format = EXPORT_SDMX;
	} else if (strcmp(fmt, "csv") == 0) {
		format = EXPORT_CSV;
		if (f.nparts != 1 && !resp_has_error(req, "dataset")) {
			resp_field_error(req, "dataset", "csv_one_dataset");
			errors++;
		}
	} else if (strcmp(fmt, "vrs") != 0) {
		resp_field_error(req, "format", "choose_format");
		errors++;
	}
	if (errors > 0) {
		resp_set(req, "Form.format.value", fmt);
		keep_checked(req, "period", f.periods, f.nperiods);
		keep_checked(req, "jurisdiction", f.jurisdictions,
			     f.njurisdictions);
		keep_checked(req, "dataset", f.parts, f.nparts);
		resp_set(req, "Form.all_statuses.value",
			 f.any_status ? "1" : "");
		resp_set_int(req, "Form.errors", (long long)errors);
		return render_exchange(req, 422);
	}
	w.prefix = format == EXPORT_CSV ?
		arena_printf(req->arena, "vrs-%s", f.parts[0]) :
		format == EXPORT_SDMX ? "vrs-sdmx" : "vrs-export";
	w.suffix = format == EXPORT_CSV ? ".csv" : ".xml";
	w.ctype = format == EXPORT_CSV ? "text/csv; charset=utf-8" :
		"application/xml; charset=utf-8";
	rc = export_run(req->db, req->arena, &who, format, &f,
			arena_printf(req->arena, "%s-{id}%s", w.prefix,
				     w.suffix),
			&sink, &res);
	/* Once bytes went out, a failure shows as an unclosed file and a
	 * manifest marked failed; before that (the database failed before
	 * the first byte), as an error page. */
	if (!w.started)
		return rc == 0 ? ST_INTERNAL : ST_UNAVAILABLE;
	return ST_OK;
}

/* Output collected in memory: manifests are small. */
struct mem_sink {
	struct req *req;
	char *buf;
	size_t len, cap;
};

static int mem_write(void *ctx, const char *buf, size_t len)
{
	struct mem_sink *m = ctx;

	if (m->len + len + 1 > m->cap) {
		size_t cap = (m->cap + len + 1) * 2;
		char *grown = arena_alloc(m->req->arena, cap);

		if (m->len > 0)
			memcpy(grown, m->buf, m->len);
		m->buf = grown;
		m->cap = cap;
	}
	memcpy(m->buf + m->len, buf, len);
	m->len += len;
	return 0;
}

static long long id_arg(struct req *req, size_t i)
{
	char *end;
	long long id;

	if (req->nargs <= i)
		return 0;
	id = strtoll(req->args[i], &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

/* GET /exchange/export/<id>/manifest.xml */
enum status page_exchange_manifest(struct req *req)
{
	struct mem_sink m = { .req = req };
	struct export_sink sink = { .write = mem_write, .ctx = &m };
	long long id = id_arg(req, 0);
	int rc;

	if (id == 0)
		return ST_NOT_FOUND;
	rc = export_write_manifest(req->db, id, &sink);
	if (rc == 1)
		return ST_NOT_FOUND;
	if (rc != 0)
		return ST_UNAVAILABLE;
	return resp_download(req, "application/xml; charset=utf-8",
			     arena_printf(req->arena,
					  "vrs-export-%lld.manifest.xml", id),
			     m.buf, m.len);
}

/* GET /exchange/sdmx-structure.xml */
enum status page_exchange_structure(struct req *req)
{
	struct web_sink w = { .req = req, .prefix = "vrs-sdmx-structure",
			      .suffix = ".xml",
			      .ctype = "application/xml; charset=utf-8" };
	struct export_sink sink = { .write = web_write, .ctx = &w };
	int rc = export_write_sdmx_structure(req->db, req->hdf, &sink);

	if (!w.started)
		return rc == 0 ? ST_INTERNAL : ST_UNAVAILABLE;
	return ST_OK;
}

/* ---- a state's upload ---------------------------------------------------- */

static void put_problems(struct req *req, const char *list,
			 const struct import_problem *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		resp_set_item_int(req, list, (long long)i, "line", p[i].line);
		resp_set_item(req, list, (long long)i, "key", p[i].key);
		resp_set_item(req, list, (long long)i, "detail", p[i].detail);
	}
}

/* The words of text ("documents harm") as list.0, list.1, ... */
static void put_words(struct req *req, const char *list, const char *text)
{
	char *copy = arena_strdup(req->arena, text), *save = NULL, *w;
	long long n = 0;

	for (w = strtok_r(copy, " ", &save); w != NULL;
	     w = strtok_r(NULL, " ", &save))
		resp_set(req, arena_printf(req->arena, "%s.%lld", list, n++), w);
}

static void put_summary(struct req *req, const struct import_summary *s)
{
	resp_set_int(req, "Page.Sum.cells_new", s->cells_new);
	resp_set_int(req, "Page.Sum.cells_changed", s->cells_changed);
	resp_set_int(req, "Page.Sum.cells_same", s->cells_same);
	resp_set_int(req, "Page.Sum.cells_removed", s->cells_removed);
	resp_set_int(req, "Page.Sum.routes_added", s->routes_added);
	resp_set_int(req, "Page.Sum.routes_removed", s->routes_removed);
	resp_set_int(req, "Page.Sum.incidents_added", s->incidents_added);
	resp_set_int(req, "Page.Sum.incidents_removed", s->incidents_removed);
	resp_set_int(req, "Page.Sum.routes_twice", s->routes_twice);
	resp_set_int(req, "Page.Sum.incidents_twice", s->incidents_twice);
	resp_set(req, "Page.Sum.narrative", s->narrative ? "1" : "");
	resp_set_int(req, "Page.Sum.values", s->values);
	put_words(req, "Page.Sum.NilSet", s->nil_set);
	put_words(req, "Page.Sum.NilCleared", s->nil_cleared);
	resp_set(req, "Page.Sum.version", s->version);
	resp_set(req, "Page.Sum.status", s->status);
	resp_set(req, "Page.Sum.sharing", s->sharing);
}

static enum status render_import(struct req *req, const struct submission *s,
				 int status)
{
	report_put_submission(req, s);
	resp_set_int(req, "Page.MaxMB",
		     (req->cfg->max_upload_bytes + 1048575) / 1048576);
	resp_set(req, "Page.Schema", VRS_SCHEMA_FILE);
	resp_set(req, "Page.Namespace", VRS_NS);
	return resp_render(req, status, "import.cs");
}

/* The upload form, with the draft's last uploads beneath it. */
static enum status render_form(struct req *req, const struct submission *s,
			       int status)
{
	struct list_ctx l = { req, 0 };
	int rc = db_import_list_sub(req->db, s->id, put_import, &l);

	return rc == DB_OK ? render_import(req, s, status) :
		resp_db_failure(rc);
}

/* GET /submission/<id>/import */
enum status page_import_form(struct req *req)
{
	struct submission s;
	enum status st = report_load(req, &s, SUB_EDIT);

	if (st != ST_OK)
		return st;
	resp_set(req, "Form.mode.value", "merge");
	return render_form(req, &s, 200);
}

static struct import_target target_of(struct req *req,
				      const struct submission *s)
{
	struct import_target t = { s->id, req->user->jurisdiction_code,
				   s->period, s->starts, s->ends };

	return t;
}

/* Records an upload's outcome in the log and the history, in one
 * transaction; chunks (when checked) hold the file for the confirmation. */
static int log_upload(struct req *req, const struct submission *s,
		      const char *base_records, const char *filename,
		      const char *data, size_t len, const char *mode,
		      const struct import_report *r, const char *status,
		      long long *id)
{
	struct actor who = { req->user->id, req->user->username };
	struct import_row row = { 0 };
	char detail[1400];
	unsigned long long expired = 0;
	size_t off;
	long long n = 0;
	int rc = db_begin(req->db);

	snprintf(row.actor, sizeof(row.actor), "%s", req->user->username);
	row.submission_id = s->id;
	utf8_truncate(row.filename, filename, sizeof(row.filename) - 1);
	row.bytes = (long long)len;
	snprintf(row.sha256, sizeof(row.sha256), "%s", r->sha256);
	snprintf(row.mode, sizeof(row.mode), "%s", mode);
	row.base_version = s->row_version;
	snprintf(row.base_records, sizeof(row.base_records), "%s",
		 base_records);
	snprintf(row.status, sizeof(row.status), "%s", status);
	row.problems = (long long)r->nproblems + r->more;
	/* A refused file changes nothing: its log row says no changes. */
	if (strcmp(status, "checked") == 0)
		import_summary_text(&r->sum, strcmp(mode, "replace") == 0 ?
				    IMPORT_REPLACE : IMPORT_MERGE, row.summary,
				    sizeof(row.summary));
	/* Each upload also clears the ones left unconfirmed for a day. */
	if (rc == DB_OK)
		rc = db_import_expire(req->db, &expired);
	if (rc == DB_OK && expired > 0) {
		snprintf(detail, sizeof(detail), "%llu unconfirmed uploads "
			 "older than a day dropped", expired);
		rc = db_history_append(req->db, &who, "import.expire",
				       "import", 0, detail);
	}
	if (rc == DB_OK)
		rc = db_import_insert(req->db, &row, id);
	for (off = 0; rc == DB_OK && strcmp(status, "checked") == 0 &&
	     off < len; off += IMPORT_CHUNK_BYTES)
		rc = db_import_put_chunk(req->db, *id, n++, data + off,
					 len - off < IMPORT_CHUNK_BYTES ?
					 len - off : IMPORT_CHUNK_BYTES);
	snprintf(detail, sizeof(detail), "submission %lld; %s; %s; "
		 "sha256=%s; %lld problems; %s", s->id, filename, mode,
		 r->sha256, row.problems, row.summary);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who,
				       strcmp(status, "checked") == 0 ?
				       "import.check" : "import.refused",
				       "import", *id, detail);
	return db_end(req->db, rc);
}

/* POST /submission/<id>/import (multipart): check the file. */
enum status page_import_check(struct req *req)
{
	struct submission s;
	const struct param *file = req_param(&req->body, "file");
	const struct param *name = req_param(&req->body, "file.filename");
	const struct param *mode_p = req_param(&req->body, "mode");
	const char *mode = mode_p && strcmp(mode_p->value, "replace") == 0 ?
		"replace" : "merge";
	struct import_report *r = arena_alloc(req->arena, sizeof(*r));
	struct import_target t;
	char records[DRAFT_STATE_SIZE];
	long long id = 0;
	enum status st = report_load(req, &s, SUB_EDIT);
	int rc;

	if (st != ST_OK)
		return st;
	resp_set(req, "Form.mode.value", mode);
	if (file == NULL || name == NULL || file->len == 0) {
		resp_field_error(req, "file", file && name ? "empty_file" :
				 "choose_file");
		resp_set_int(req, "Form.errors", 1);
		return render_form(req, &s, 422);
	}
	/* The draft's state as the check sees it, kept with the upload. */
	rc = db_draft_records_state(req->db, s.id, records, sizeof(records));
	if (rc != DB_OK)
		return resp_db_failure(rc);
	t = target_of(req, &s);
	rc = import_run(req->db, req->arena, &t, strcmp(mode, "replace") == 0 ?
			IMPORT_REPLACE : IMPORT_MERGE, file->value, file->len,
			0, NULL, r);
	if (rc < 0)
		return resp_db_failure(r->db_rc != DB_OK ? r->db_rc : DB_ERROR);
	resp_set(req, "Page.Filename", name->value);
	resp_set(req, "Page.Sha256", r->sha256);
	put_summary(req, &r->sum);
	put_problems(req, "Page.Problems", r->problems, r->nproblems);
	resp_set_int(req, "Page.More", r->more);
	put_problems(req, "Page.Warnings", r->warnings, r->nwarnings);
	rc = log_upload(req, &s, records, name->value, file->value, file->len,
			mode, r, rc == 0 ? "checked" : "refused", &id);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	/* A checked file is kept: its summary has an address of its own, so
	 * reloading it never sends the file again. */
	if (r->nproblems == 0)
		return resp_redirect(req, arena_printf(req->arena,
			"/submission/%lld/import/%lld", s.id, id));
	resp_set(req, "Page.Step", "refused");
	return render_import(req, &s, 422);
}

struct chunks {
	char *buf;
	size_t len, cap;
};

static void take_chunk(void *ctx, const char *data, size_t len)
{
	struct chunks *c = ctx;

	if (c->len + len <= c->cap) {
		memcpy(c->buf + c->len, data, len);
		c->len += len;
	}
}

/* The upload row of the request's /submission/<id>/import/<import>, of
 * draft s: ST_OK, or what to answer. */
static enum status get_upload(struct req *req, const struct submission *s,
			      struct import_row *row)
{
	long long id = id_arg(req, 1);
	int rc;

	if (id == 0)
		return ST_NOT_FOUND;
	rc = db_import_get(req->db, id, s->id, row);
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	return rc == DB_OK ? ST_OK : resp_db_failure(rc);
}

/* An upload that no longer waits: applied, dropped, or too old. */
static int upload_gone(const struct import_row *row)
{
	return strcmp(row->status, "checked") != 0 || row->expired;
}

/* What became of an upload that no longer waits: applied (with what it
 * did), dropped, or too old. */
static enum status render_gone(struct req *req, const struct submission *s,
			       const struct import_row *row, int status)
{
	struct import_summary sum;

	resp_set(req, "Page.Was", row->status);
	if (status == 200 && strcmp(row->status, "applied") == 0 &&
	    import_summary_parse(row->summary, &sum) == 0) {
		put_summary(req, &sum);
		resp_set(req, "Page.Step", "applied");
	} else if (status == 200 && strcmp(row->status, "dropped") == 0) {
		resp_set(req, "Page.Step", "dropped");
	} else {
		resp_set(req, "Page.Step", strcmp(row->status, "checked") !=
			 0 ? "done" : "expired");
	}
	return render_import(req, s, status);
}

/* 1 if the draft changed since the upload was checked: a cell (its
 * version) or a record or the narrative (base_records); -1 on a db
 * failure (in *rc). */
static int upload_outdated(struct req *req, const struct submission *s,
			   const struct import_row *row, int *rc)
{
	char now[sizeof(row->base_records)];

	if (s->row_version != row->base_version)
		return 1;
	*rc = db_draft_records_state(req->db, s->id, now, sizeof(now));
	if (*rc != DB_OK)
		return -1;
	return strcmp(now, row->base_records) != 0;
}

/* The pass over an upload's kept file: checking, or writing (apply, in
 * the caller's transaction). As import_run. */
static int run_kept(struct req *req, const struct submission *s,
		    const struct import_row *row, int apply,
		    const struct actor *who, struct import_report *r)
{
	struct import_target t = target_of(req, s);
	struct chunks c = { .cap = (size_t)row->bytes };
	int rc;

	c.buf = arena_alloc(req->arena, c.cap + 1);
	rc = db_import_chunks(req->db, row->id, take_chunk, &c);
	if (rc != DB_OK) {
		r->db_rc = rc;
		return -1;
	}
	return import_run(req->db, req->arena, &t,
			  strcmp(row->mode, "replace") == 0 ? IMPORT_REPLACE :
			  IMPORT_MERGE, c.buf, c.len, apply, who, r);
}

static enum status render_problems(struct req *req,
				   const struct submission *s,
				   const struct import_report *r, int status)
{
	put_problems(req, "Page.Problems", r->problems, r->nproblems);
	resp_set_int(req, "Page.More", r->more);
	resp_set(req, "Page.Step", "refused");
	return render_import(req, s, status);
}

/* GET /submission/<id>/import/<import>: what a checked file would change,
 * checked again against the draft as it is now, with the buttons to apply
 * or drop it; or what became of it. */
enum status page_import_show(struct req *req)
{
	struct import_report *r = arena_alloc(req->arena, sizeof(*r));
	struct import_row row;
	struct submission s;
	enum status st = report_load(req, &s, SUB_EDIT);
	int rc;

	if (st == ST_OK)
		st = get_upload(req, &s, &row);
	if (st != ST_OK)
		return st;
	resp_set(req, "Page.Filename", row.filename);
	resp_set(req, "Form.mode.value", row.mode);
	if (upload_gone(&row))
		return render_gone(req, &s, &row, 200);
	resp_set_int(req, "Page.ImportId", row.id);
	switch (upload_outdated(req, &s, &row, &rc)) {
	case -1:
		return resp_db_failure(rc);
	case 1:
		/* Applying would be refused: offer to check it again. */
		resp_set(req, "Page.Step", "outdated");
		return render_import(req, &s, 200);
	}
	rc = run_kept(req, &s, &row, 0, NULL, r);
	if (rc < 0)
		return resp_db_failure(r->db_rc != DB_OK ? r->db_rc : DB_ERROR);
	if (rc > 0)	/* something changed since the check: a code, say */
		return render_problems(req, &s, r, 200);
	resp_set(req, "Page.Sha256", r->sha256);
	put_summary(req, &r->sum);
	put_problems(req, "Page.Warnings", r->warnings, r->nwarnings);
	resp_set(req, "Page.Step", "checked");
	return render_import(req, &s, 200);
}

/* Where an upload's page is: each action ends there (a reload of it
 * never posts again). */
static enum status to_upload(struct req *req, const struct submission *s,
			     const struct import_row *row, const char *done)
{
	return resp_redirect_done(req, arena_printf(req->arena,
		"/submission/%lld/import/%lld", s->id, row->id), done);
}

/* Checks a waiting upload again against the draft as it is now: it
 * waits on with a new summary, or is refused with its problems. In the
 * caller's transaction, which this ends. */
static enum status recheck(struct req *req, const struct submission *s,
			   const struct import_row *row,
			   const struct actor *who)
{
	struct import_report *r = arena_alloc(req->arena, sizeof(*r));
	char records[sizeof(row->base_records)], summary[1001], detail[1500];
	int pass = run_kept(req, s, row, 0, NULL, r), rc = DB_OK;

	if (pass < 0) {
		db_rollback(req->db);
		return resp_db_failure(r->db_rc != DB_OK ? r->db_rc : DB_ERROR);
	}
	import_summary_text(&r->sum, strcmp(row->mode, "replace") == 0 ?
			    IMPORT_REPLACE : IMPORT_MERGE, summary,
			    sizeof(summary));
	if (pass == 0)
		rc = db_draft_records_state(req->db, s->id, records,
					    sizeof(records));
	if (rc == DB_OK)
		rc = pass == 0 ? db_import_rebase(req->db, row->id,
						  s->row_version, records,
						  summary) :
			db_import_finish(req->db, row->id, "refused");
	snprintf(detail, sizeof(detail), "submission %lld; %s checked again: "
		 "%s", s->id, row->filename, pass == 0 ? summary : "refused");
	if (rc == DB_OK)
		rc = db_history_append(req->db, who, "import.recheck",
				       "import", row->id, detail);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	return pass == 0 ? to_upload(req, s, row, "upload_rechecked") :
		render_problems(req, s, r, 422);
}

/* POST /submission/<id>/import/<import>: apply, drop, or check again a
 * waiting file; anything else is refused. */
enum status page_import_confirm(struct req *req)
{
	struct actor who = { req->user->id, req->user->username };
	const struct param *action = req_param(&req->body, "action");
	const char *act = action != NULL ? action->value : "";
	struct import_report *r = arena_alloc(req->arena, sizeof(*r));
	struct import_row row;
	struct submission s;
	char detail[1500], summary[1001];
	enum status st;
	int rc, outdated;

	if (strcmp(act, "apply") != 0 && strcmp(act, "drop") != 0 &&
	    strcmp(act, "recheck") != 0)
		return ST_BAD_REQUEST;
	st = report_load(req, &s, SUB_EDIT);
	if (st != ST_OK)
		return st;
	rc = db_begin(req->db);
	/* The draft's lock before any read of this transaction: a record or
	 * narrative save that held it has committed, and the reads below
	 * (its state, the pass) see it. A draft no longer editable
	 * (submitted meanwhile) has nothing left to apply to. */
	if (rc == DB_OK && strcmp(act, "drop") != 0)
		rc = db_sub_lock_editable(req->db, s.id);
	if (rc != DB_OK) {
		db_rollback(req->db);
		return rc == DB_NONE ? ST_CONFLICT : resp_db_failure(rc);
	}
	/* The upload row stays locked to the end. */
	st = get_upload(req, &s, &row);
	if (st != ST_OK || upload_gone(&row)) {
		db_rollback(req->db);
		return st != ST_OK ? st : render_gone(req, &s, &row, 409);
	}
	if (strcmp(act, "recheck") == 0)
		return recheck(req, &s, &row, &who);
	if (strcmp(act, "drop") == 0) {
		rc = db_import_finish(req->db, row.id, "dropped");
		snprintf(detail, sizeof(detail), "submission %lld; %s dropped",
			 s.id, row.filename);
		if (rc == DB_OK)
			rc = db_history_append(req->db, &who, "import.drop",
					       "import", row.id, detail);
		rc = db_end(req->db, rc);
		return rc == DB_OK ? to_upload(req, &s, &row, "upload_dropped") :
			resp_db_failure(rc);
	}
	/* The draft must be as it was when the file was checked, cells,
	 * records and narrative: the summary the officer confirmed is then
	 * what happens. If not, the upload waits on, to be checked again. */
	rc = db_sub_bump(req->db, s.id, row.base_version);
	outdated = rc == DB_OK ? upload_outdated(req, &s, &row, &rc) : 0;
	if (rc == DB_NONE || outdated == 1) {
		db_rollback(req->db);
		resp_set(req, "Page.Filename", row.filename);
		resp_set_int(req, "Page.ImportId", row.id);
		resp_set(req, "Page.Step", "outdated");
		return render_import(req, &s, 409);
	}
	if (rc != DB_OK) {
		db_rollback(req->db);
		return resp_db_failure(rc);
	}
	rc = run_kept(req, &s, &row, 1, &who, r);
	if (rc != 0) {
		db_rollback(req->db);
		return rc < 0 ? resp_db_failure(r->db_rc) :
			render_problems(req, &s, r, 422);
	}
	import_summary_text(&r->sum, strcmp(row.mode, "replace") == 0 ?
			    IMPORT_REPLACE : IMPORT_MERGE, summary,
			    sizeof(summary));
	rc = db_import_applied(req->db, row.id, summary);
	snprintf(detail, sizeof(detail), "submission %lld; %s; sha256=%s; %s",
		 s.id, row.filename, r->sha256, summary);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "import.confirm",
				       "import", row.id, detail);
	rc = db_end(req->db, rc);
	return rc == DB_OK ? to_upload(req, &s, &row, "upload_applied") :
			     resp_db_failure(rc);
}
