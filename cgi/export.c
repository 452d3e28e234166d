/* SPDX-License-Identifier: MIT */
/* export.c: the exports, streamed with xmlTextWriter into a sink that
 * hashes and counts the bytes. One submission's cells at a time are
 * read, so memory stays flat however many submissions an export holds.
 * Everything is ordered and no clock is read inside the data, so the
 * same filters over the same versions give the same bytes. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>
#include <libxml/xmlwriter.h>
#include <openssl/evp.h>

#include "arena.h"
#include "datasets.h"
#include "db-exchange.h"
#include "db-history.h"
#include "db-jurisdiction.h"
#include "db-record.h"
#include "db-report.h"
#include "export.h"
#include "util.h"

const char *const export_parts[] = {
	"flows", "documents", "smugglers", "harm", "routes", "incidents",
	"narrative", NULL
};

int export_part_known(const char *code)
{
	size_t i;

	for (i = 0; export_parts[i] != NULL; i++)
		if (strcmp(export_parts[i], code) == 0)
			return 1;
	return 0;
}

/* ---- the writer ---------------------------------------------------- */

struct xw {
	xmlTextWriterPtr w;
	struct export_sink *sink;
	int err;			/* a write failed: stop early */
	int db_rc;			/* the first failed db_* call */
	long long values;
};

/* Every byte of an export passes here: hashed, counted, written. */
static int sink_put(struct export_sink *s, const char *buf, size_t len)
{
	if (s->failed)
		return -1;
	EVP_DigestUpdate(s->md, buf, len);
	s->bytes += len;
	if (s->write(s->ctx, buf, len) != 0) {
		s->failed = 1;
		return -1;
	}
	return 0;
}

static int sink_begin(struct export_sink *s)
{
	s->bytes = 0;
	s->failed = 0;
	s->md = EVP_MD_CTX_new();
	return s->md != NULL &&
	       EVP_DigestInit_ex(s->md, EVP_sha256(), NULL) == 1 ? 0 : -1;
}

/* The SHA-256 into hex; 0, or -1 if hashing failed. */
static int sink_end(struct export_sink *s, char hex[65])
{
	unsigned char md[32];
	unsigned int mdlen = 0;

	hex[0] = '\0';
	if (s->md == NULL)
		return -1;
	EVP_DigestFinal_ex(s->md, md, &mdlen);
	EVP_MD_CTX_free(s->md);
	s->md = NULL;
	if (mdlen != 32)
		return -1;
	hex_encode(md, 32, hex);
	return 0;
}

static int sink_io_write(void *ctx, const char *buf, int len)
{
	if (len < 0 || sink_put(ctx, buf, (size_t)len) != 0)
		return -1;
	return len;
}

static int sink_io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

static int writer_open(struct xw *x, struct export_sink *s)
{
	xmlOutputBufferPtr ob;

	memset(x, 0, sizeof(*x));
	x->sink = s;
	x->db_rc = DB_OK;
	if (sink_begin(s) != 0)
		return -1;
	ob = xmlOutputBufferCreateIO(sink_io_write, sink_io_close, s, NULL);
	if (ob == NULL)
		return -1;
	x->w = xmlNewTextWriter(ob);	/* owns ob from here */
	if (x->w == NULL) {
		xmlOutputBufferClose(ob);
		return -1;
	}
	if (xmlTextWriterSetIndent(x->w, 1) < 0 ||
	    xmlTextWriterSetIndentString(x->w, BAD_CAST "  ") < 0 ||
	    xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL) < 0)
		x->err = 1;
	return 0;
}

/* Ends the document; the SHA-256 goes into hex. Returns 0, or -1 when
 * anything failed on the way. A failed export is left unclosed, so the
 * truncated file is not well-formed and cannot pass for a whole one. */
static int writer_close(struct xw *x, char hex[65])
{
	int failed = x->err || x->sink->failed || x->db_rc != DB_OK;

	if (x->w != NULL) {
		if (!failed && xmlTextWriterEndDocument(x->w) < 0)
			failed = 1;
		xmlFreeTextWriter(x->w);	/* flushes, then closes */
		x->w = NULL;
	}
	if (sink_end(x->sink, hex) != 0)
		failed = 1;
	return failed || x->sink->failed ? -1 : 0;
}

static void start(struct xw *x, const char *name)
{
	if (!x->err && xmlTextWriterStartElement(x->w, BAD_CAST name) < 0)
		x->err = 1;
}

static void end(struct xw *x)
{
	if (!x->err && xmlTextWriterEndElement(x->w) < 0)
		x->err = 1;
}

static void attr(struct xw *x, const char *name, const char *value)
{
	if (!x->err && xmlTextWriterWriteAttribute(x->w, BAD_CAST name,
						   BAD_CAST value) < 0)
		x->err = 1;
}

/* The attribute, unless value is empty (an optional one not given). */
static void attr_opt(struct xw *x, const char *name, const char *value)
{
	if (value != NULL && value[0] != '\0')
		attr(x, name, value);
}

static void attr_ll(struct xw *x, const char *name, long long value)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", value);
	attr(x, name, buf);
}

static void text_element(struct xw *x, const char *name, const char *text)
{
	if (!x->err && xmlTextWriterWriteElement(x->w, BAD_CAST name,
						 BAD_CAST text) < 0)
		x->err = 1;
}

/* An element holding only an attribute: <name id="value"/>. */
static void empty_with(struct xw *x, const char *name, const char *a,
		       const char *value)
{
	start(x, name);
	attr(x, a, value);
	end(x);
}

static void note_db(struct xw *x, int rc)
{
	if (rc != DB_OK && x->db_rc == DB_OK)
		x->db_rc = rc;
}

/* ---- choosing the submissions --------------------------------------- */

struct pick {
	struct arena *a;
	const struct export_filter *f;
	struct export_sub *subs;
	size_t n, cap;
};

static int in_list(const char *const *list, size_t n, const char *v)
{
	size_t i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

static void pick_sub(void *ctx, const struct export_sub *s)
{
	struct pick *p = ctx;

	if (!in_list(p->f->periods, p->f->nperiods, s->period) ||
	    !in_list(p->f->jurisdictions, p->f->njurisdictions, s->jcode))
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		struct export_sub *grown = arena_alloc(p->a,
						       cap * sizeof(*grown));

		if (p->n > 0)
			memcpy(grown, p->subs, p->n * sizeof(*grown));
		p->subs = grown;
		p->cap = cap;
	}
	p->subs[p->n++] = *s;
}

static int want_part(const struct export_filter *f, const char *part)
{
	return in_list(f->parts, f->nparts, part);
}

void export_filter_text(const struct export_filter *f, char *out, size_t n)
{
	size_t i, used = 0;
	int k;

	out[0] = '\0';
#define APPEND(fmt, v) do { \
		k = snprintf(out + used, n - used, fmt, v); \
		if (k < 0 || (size_t)k >= n - used) return; \
		used += (size_t)k; \
	} while (0)
	APPEND("status=%s", f->any_status ? "any" : "accepted");
	for (i = 0; i < f->nperiods; i++)
		APPEND(" period=%s", f->periods[i]);
	for (i = 0; i < f->njurisdictions; i++)
		APPEND(" jurisdiction=%s", f->jurisdictions[i]);
	for (i = 0; i < f->nparts; i++)
		APPEND(" dataset=%s", f->parts[i]);
#undef APPEND
}

/* ---- the VRS exchange format ---------------------------------------- */

/* The code lists the file's codes come from. */
static const struct {
	const char *id, *standard;
} code_lists[] = {
	{ "COUNTRY", "ISO 3166-1 alpha-3, with XXA, XXB, XXC, XXX and _U" },
	{ "CURRENCY", "ISO 4217" },
	{ "SEX", "VRS-MSRC" }, { "AGE", "VRS-MSRC" },
	{ "BORDER", "VRS-MSRC" }, { "PLACE", "VRS-MSRC" },
	{ "TRANSPORT", "VRS-MSRC" }, { "DOCTYPE", "VRS-MSRC" },
	{ "FRAUD", "Smuggling of Migrants Protocol, article 3(c)" },
	{ "STAGE", "VRS-MSRC" }, { "ROLE", "VRS-MSRC" },
	{ "OUTCOME", "VRS-MSRC" }, { "FEESCOPE", "VRS-MSRC" },
	{ "SOURCE", "VRS-MSRC" }, { "CONFIDENCE", "VRS-MSRC" },
	{ "FOLLOWUP", "VRS-MSRC" },
};

struct row_key {
	const char *ds, *tbl, *row;
};

struct rows_ctx {
	struct arena *a;
	struct row_key *items;
	size_t n, cap;
};

static void collect_row(void *ctx, const char *ds, const char *tbl,
			const char *row)
{
	struct rows_ctx *r = ctx;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct row_key *grown = arena_alloc(r->a,
						    cap * sizeof(*grown));

		if (r->n > 0)
			memcpy(grown, r->items, r->n * sizeof(*grown));
		r->items = grown;
		r->cap = cap;
	}
	/* Consecutive rows share their dataset and table: kept once. */
	r->items[r->n].ds = r->n > 0 && strcmp(r->items[r->n - 1].ds, ds) == 0 ?
		r->items[r->n - 1].ds : arena_strdup(r->a, ds);
	r->items[r->n].tbl = r->n > 0 &&
		strcmp(r->items[r->n - 1].tbl, tbl) == 0 ?
		r->items[r->n - 1].tbl : arena_strdup(r->a, tbl);
	r->items[r->n++].row = arena_strdup(r->a, row);
}

/* A submission's cells, read in one statement, in (dataset, tbl, row,
 * col) order. */
struct cell_rec {
	const char *ds, *tbl, *row, *col;
	long long value;
	char flag[2];
};

struct cells_ctx {
	struct arena *a;
	struct cell_rec *items;
	size_t n, cap;
};

static void collect_cell(void *ctx, const char *ds, const char *tbl,
			 const char *row, const char *col, long long value,
			 const char *flag)
{
	struct cells_ctx *c = ctx;
	struct cell_rec *prev = c->n > 0 ? &c->items[c->n - 1] : NULL;
	struct cell_rec *x;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct cell_rec *grown = arena_alloc(c->a,
						     cap * sizeof(*grown));

		if (c->n > 0)
			memcpy(grown, c->items, c->n * sizeof(*grown));
		c->items = grown;
		c->cap = cap;
		prev = c->n > 0 ? &c->items[c->n - 1] : NULL;
	}
	x = &c->items[c->n++];
	x->ds = prev && strcmp(prev->ds, ds) == 0 ? prev->ds :
		arena_strdup(c->a, ds);
	x->tbl = prev && strcmp(prev->tbl, tbl) == 0 ? prev->tbl :
		arena_strdup(c->a, tbl);
	x->row = prev && strcmp(prev->row, row) == 0 ? prev->row :
		arena_strdup(c->a, row);
	x->col = arena_strdup(c->a, col);
	x->value = value;
	x->flag[0] = flag[0];
	x->flag[1] = '\0';
}

/* Merges the picked rows (some without cells) with the cells, both in
 * (table, row) order, into Table/Row/Cell elements. */
struct table_writer {
	struct xw *x;
	struct rows_ctx *rows;
	size_t next_row;
	char tbl[65], row[65];
	int in_table, in_row;
};

static int key_cmp(const char *t1, const char *r1, const char *t2,
		   const char *r2)
{
	int c = strcmp(t1, t2);

	return c != 0 ? c : strcmp(r1, r2);
}

static void open_row(struct table_writer *t, const char *tbl,
		     const char *row)
{
	if (t->in_table && strcmp(t->tbl, tbl) != 0) {
		if (t->in_row)
			end(t->x);
		end(t->x);
		t->in_row = t->in_table = 0;
	}
	if (!t->in_table) {
		start(t->x, "Table");
		attr(t->x, "id", tbl);
		snprintf(t->tbl, sizeof(t->tbl), "%s", tbl);
		t->in_table = 1;
	}
	if (t->in_row && strcmp(t->row, row) != 0) {
		end(t->x);
		t->in_row = 0;
	}
	if (!t->in_row) {
		start(t->x, "Row");
		attr(t->x, "code", row);
		snprintf(t->row, sizeof(t->row), "%s", row);
		t->in_row = 1;
	}
}

/* Opens the picked rows that sort before (tbl, row) and skips the one
 * equal to it. tbl NULL: all that remain. */
static void rows_before(struct table_writer *t, const char *tbl,
			const char *row)
{
	struct rows_ctx *r = t->rows;

	while (t->next_row < r->n) {
		const struct row_key *k = &r->items[t->next_row];
		int c = tbl == NULL ? -1 : key_cmp(k->tbl, k->row, tbl, row);

		if (c > 0)
			break;
		t->next_row++;
		if (c < 0)
			open_row(t, k->tbl, k->row);
	}
}

static void vrs_cell(void *ctx, const char *tbl, const char *row,
		     const char *col, long long value, const char *flag)
{
	struct table_writer *t = ctx;

	rows_before(t, tbl, row);
	open_row(t, tbl, row);
	start(t->x, "Cell");
	attr(t->x, "col", col);
	if (value >= 0)
		attr_ll(t->x, "value", value);
	attr(t->x, "flag", flag);
	end(t->x);
	t->x->values++;
}

struct nil_flags {
	int nil[8];			/* by index in export_parts */
};

static void collect_nil(void *ctx, const char *ds, int nil,
			const char *reason)
{
	struct nil_flags *n = ctx;
	size_t i;

	(void)reason;
	for (i = 0; export_parts[i] != NULL; i++)
		if (strcmp(export_parts[i], ds) == 0)
			n->nil[i] = nil;
}

static int part_index(const char *part)
{
	int i;

	for (i = 0; export_parts[i] != NULL; i++)
		if (strcmp(export_parts[i], part) == 0)
			return i;
	return 0;
}

static void start_part(struct xw *x, const char *element,
		       const struct nil_flags *nil, const char *part)
{
	start(x, element);
	if (strcmp(element, "Dataset") == 0)
		attr(x, "id", part);
	if (nil->nil[part_index(part)])
		attr(x, "nilReturn", "true");
}

/* The dataset ds of a submission whose rows and cells are loaded: its
 * stretch of each (both are sorted by dataset first). */
static void write_dataset(struct xw *x, const struct rows_ctx *all_rows,
			  const struct cells_ctx *cells, const char *ds,
			  const struct nil_flags *nil)
{
	struct rows_ctx rows = { 0 };
	struct table_writer t = { .x = x, .rows = &rows };
	size_t i, b;

	for (b = 0; b < all_rows->n && strcmp(all_rows->items[b].ds, ds); b++)
		;
	for (i = b; i < all_rows->n && !strcmp(all_rows->items[i].ds, ds); i++)
		;
	rows.items = all_rows->items + b;
	rows.n = i - b;
	start_part(x, "Dataset", nil, ds);
	for (i = 0; i < cells->n; i++) {
		const struct cell_rec *c = &cells->items[i];

		if (strcmp(c->ds, ds) == 0)
			vrs_cell(&t, c->tbl, c->row, c->col, c->value,
				 c->flag);
	}
	rows_before(&t, NULL, NULL);
	if (t.in_row)
		end(x);
	if (t.in_table)
		end(x);
	end(x);
}

static void vrs_route(void *ctx, const struct route *r)
{
	struct xw *x = ctx;
	size_t i;

	start(x, "Route");
	attr(x, "origin", r->origin);
	attr(x, "destination", r->destination);
	attr_opt(x, "migrants", r->migrants);
	attr_opt(x, "feeAmount", r->fee_amount);
	attr_opt(x, "feeCurrency", r->fee_currency);
	attr_opt(x, "feeScope", r->fee_scope);
	attr(x, "source", r->source);
	attr(x, "confidence", r->confidence);
	for (i = 0; i < r->nlegs; i++) {
		start(x, "Leg");
		attr(x, "to", r->legs[i].to);
		attr(x, "mode", r->legs[i].mode);
		end(x);
	}
	if (r->note[0] != '\0')
		text_element(x, "Note", r->note);
	end(x);
	x->values++;
}

static void vrs_incident(void *ctx, const struct incident *r)
{
	struct xw *x = ctx;
	size_t i;

	start(x, "Incident");
	attr(x, "date", r->occurred_on);
	attr_opt(x, "area", r->area);
	attr_opt(x, "lat", r->lat);
	attr_opt(x, "lon", r->lon);
	attr(x, "border", r->border);
	attr(x, "transport", r->transport);
	attr(x, "dead", r->dead);
	attr(x, "missing", r->missing);
	attr(x, "smugglers", r->smugglers);
	attr(x, "followUp", r->follow_up);
	if (r->vessel[0] != '\0')
		text_element(x, "Vessel", r->vessel);
	if (r->concealment[0] != '\0')
		text_element(x, "Concealment", r->concealment);
	for (i = 0; i < r->npersons; i++) {
		start(x, "Persons");
		attr(x, "citizenship", r->persons[i].citizenship);
		attr(x, "count", r->persons[i].persons);
		end(x);
	}
	if (r->note[0] != '\0')
		text_element(x, "Note", r->note);
	end(x);
	x->values++;
}

/* The narrative's elements, in narrative_keys order. */
static const char *const narrative_elements[NARR_COUNT] = {
	"Trends", "ModusOperandi", "LegalChanges"
};

static void write_narrative(struct xw *x, struct db *db, struct arena *a,
			    long long sub)
{
	struct narrative n = { 0 };
	int i, rc;

	for (i = 0; i < NARR_COUNT; i++)
		n.text[i] = arena_alloc(a, NARRATIVE_MAX_CHARS * 4 + 1);
	rc = db_narrative_get(db, sub, &n);
	note_db(x, rc);
	if (rc != DB_OK || n.row_version == 0)
		return;
	start(x, "Narrative");
	for (i = 0; i < NARR_COUNT; i++) {
		start(x, narrative_elements[i]);
		attr(x, "share", n.share[i]);
		if (!x->err && n.text[i][0] != '\0' &&
		    xmlTextWriterWriteString(x->w, BAD_CAST n.text[i]) < 0)
			x->err = 1;
		end(x);
		x->values++;
	}
	end(x);
}

static void write_submission(struct xw *x, struct db *db, struct arena *a,
			     const struct export_filter *f,
			     const struct export_sub *s)
{
	struct nil_flags nil = { { 0 } };
	struct rows_ctx rows = { .a = a };
	struct cells_ctx cells = { .a = a };
	size_t i;

	start(x, "Submission");
	attr(x, "jurisdiction", s->jcode);
	attr(x, "period", s->period);
	attr_ll(x, "version", s->version);
	attr(x, "status", s->status);
	attr(x, "sharingLevel", s->level);
	attr(x, "created", s->created);
	attr(x, "updated", s->updated);
	attr_opt(x, "submitted", s->submitted);
	attr_opt(x, "accepted", s->accepted);
	note_db(x, db_sd_list(db, s->id, collect_nil, &nil));
	/* Every dataset's rows and cells in two statements, then each
	 * dataset from its stretch. */
	note_db(x, db_row_list_all(db, s->id, collect_row, &rows));
	note_db(x, db_cell_list_all(db, s->id, collect_cell, &cells));
	for (i = 0; i < n_datasets && !x->err; i++)
		if (want_part(f, datasets[i].key))
			write_dataset(x, &rows, &cells, datasets[i].key, &nil);
	if (want_part(f, "routes")) {
		start_part(x, "Routes", &nil, "routes");
		note_db(x, db_route_all(db, s->id, vrs_route, x));
		end(x);
	}
	if (want_part(f, "incidents")) {
		start_part(x, "Incidents", &nil, "incidents");
		note_db(x, db_incident_all(db, s->id, vrs_incident, x));
		end(x);
	}
	if (want_part(f, "narrative"))
		write_narrative(x, db, a, s->id);
	end(x);
}

/* ---- submissions rendered on helper threads --------------------------- */

/* Half of an export's time is the database's and half is writing XML.
 * Helper threads, each with its own connection, write submissions into
 * buffers while this thread hands the finished ones to the sink in their
 * order: the database answers one thread while the other writes. At most
 * RENDER_SLOTS submissions wait, and RENDER_THREADS are being written, so
 * memory does not grow with the number of submissions, only with the
 * largest of them. The bytes of a submission do not depend on the thread
 * that wrote it. A helper that cannot connect (max_connections reached,
 * say) leaves the work to the others, or to this thread. */
#define RENDER_THREADS 2
#define RENDER_SLOTS 4
#define RENDER_KEEP (1 << 20)	/* a slot's buffer kept for the next */

struct fragment {
	char *bytes;
	size_t len, cap;
	long long values;
	int err, db_rc, ready;
};

struct render {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct fragment slots[RENDER_SLOTS];
	size_t next;			/* the next submission to claim */
	size_t emitted;			/* submissions handed to the sink */
	int live;			/* helpers claiming submissions */
	int stop;
	struct db *db;			/* the caller's; helpers open their own */
	const struct export_filter *f;
	const struct pick *p;
};

struct renderer {
	pthread_t thread;
	int started;
	struct render *r;
	struct fragment *out;		/* where the bytes go; NULL: dropped */
};

static int fragment_write(void *ctx, const char *buf, int len)
{
	struct renderer *w = ctx;
	struct fragment *fr = w->out;
	size_t cap;
	char *grown;

	if (len < 0)
		return -1;
	if (fr == NULL)
		return len;
	if (fr->len + (size_t)len > fr->cap) {
		for (cap = fr->cap ? fr->cap : 65536; cap < fr->len + len;)
			cap *= 2;
		if ((grown = realloc(fr->bytes, cap)) == NULL)
			return -1;
		fr->bytes = grown;
		fr->cap = cap;
	}
	memcpy(fr->bytes + fr->len, buf, (size_t)len);
	fr->len += (size_t)len;
	return len;
}

/* A writer whose next element is indented as a Submission is in the
 * whole file: it believes it is inside Exchange, after a sibling. */
static xmlTextWriterPtr fragment_writer(struct renderer *w)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(fragment_write, NULL,
							w, NULL);
	xmlTextWriterPtr tw = ob != NULL ? xmlNewTextWriter(ob) : NULL;

	if (ob != NULL && tw == NULL)
		xmlOutputBufferClose(ob);
	if (tw != NULL &&
	    (xmlTextWriterSetIndent(tw, 1) < 0 ||
	     xmlTextWriterSetIndentString(tw, BAD_CAST "  ") < 0 ||
	     xmlTextWriterStartElement(tw, BAD_CAST "Exchange") < 0 ||
	     xmlTextWriterStartElement(tw, BAD_CAST "Periods") < 0 ||
	     xmlTextWriterEndElement(tw) < 0 || xmlTextWriterFlush(tw) < 0)) {
		xmlFreeTextWriter(tw);
		tw = NULL;
	}
	return tw;
}

/* The next submission to write, or 0 when there is none or the export
 * stopped. Waits while RENDER_SLOTS are taken. */
static int claim(struct render *r, size_t *i)
{
	int got;

	pthread_mutex_lock(&r->mu);
	while (!r->stop && r->next < r->p->n &&
	       r->next >= r->emitted + RENDER_SLOTS)
		pthread_cond_wait(&r->cv, &r->mu);
	got = !r->stop && r->next < r->p->n;
	if (got)
		*i = r->next++;
	pthread_mutex_unlock(&r->mu);
	return got;
}

static void *renderer_main(void *arg)
{
	struct renderer *w = arg;
	struct render *r = w->r;
	struct arena scratch = { 0 };
	struct xw x = { .db_rc = DB_OK };
	struct db *db;
	size_t i;

	db_thread_begin();
	db = db_open_another(r->db);
	x.w = db_connected(db) ? fragment_writer(w) : NULL;
	/* Without a connection or a writer this helper takes no part. */
	while (x.w != NULL && claim(r, &i)) {
		struct fragment *fr = &r->slots[i % RENDER_SLOTS];

		fr->len = 0;
		w->out = fr;
		x.values = 0;
		if (!x.err && x.db_rc == DB_OK) {
			write_submission(&x, db, &scratch, r->f, &r->p->subs[i]);
			if (xmlTextWriterFlush(x.w) < 0)
				x.err = 1;
		}
		w->out = NULL;
		/* What one submission needs is freed before the next. */
		arena_reset(&scratch);
		pthread_mutex_lock(&r->mu);
		fr->values = x.values;
		fr->err = x.err;
		fr->db_rc = x.db_rc;
		fr->ready = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
	pthread_mutex_lock(&r->mu);
	r->live--;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	if (x.w != NULL)
		xmlFreeTextWriter(x.w);	/* its open wrapper goes nowhere */
	arena_free(&scratch);
	db_close(db);
	db_thread_end();
	return NULL;
}

/* Every picked submission, in order, after what x has written so far. */
static void render_submissions(struct xw *x, struct db *db,
			       const struct export_filter *f,
			       const struct pick *p)
{
	struct render r = { .db = db, .f = f, .p = p };
	struct renderer w[RENDER_THREADS];
	struct arena scratch = { 0 };
	size_t i = 0, k;

	if (p->n == 0 || x->err)
		return;
	/* The file so far reaches the sink before the first submission. */
	if (xmlTextWriterFlush(x->w) < 0) {
		x->err = 1;
		return;
	}
	xmlInitParser();	/* libxml2 sets itself up before any thread */
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	pthread_mutex_lock(&r.mu);
	for (k = 0; k < RENDER_THREADS && k < p->n; k++) {
		w[k] = (struct renderer){ .r = &r };
		w[k].started = pthread_create(&w[k].thread, NULL,
					      renderer_main, &w[k]) == 0;
		r.live += w[k].started;
	}
	pthread_mutex_unlock(&r.mu);
	for (i = 0; i < p->n && !x->err && x->db_rc == DB_OK; i++) {
		struct fragment *fr = &r.slots[i % RENDER_SLOTS];
		int ready;

		pthread_mutex_lock(&r.mu);
		while (!fr->ready && r.live > 0)
			pthread_cond_wait(&r.cv, &r.mu);
		ready = fr->ready;
		pthread_mutex_unlock(&r.mu);
		if (!ready)
			break;	/* no helper left: this thread goes on */
		x->err |= fr->err;
		note_db(x, fr->db_rc);
		if (!x->err && x->db_rc == DB_OK &&
		    sink_put(x->sink, fr->bytes, fr->len) != 0)
			x->err = 1;
		x->values += fr->values;
		if (fr->cap > RENDER_KEEP) {
			free(fr->bytes);
			fr->bytes = NULL;
			fr->cap = 0;
		}
		pthread_mutex_lock(&r.mu);
		fr->ready = 0;
		r.emitted++;
		pthread_cond_broadcast(&r.cv);
		pthread_mutex_unlock(&r.mu);
	}
	pthread_mutex_lock(&r.mu);
	r.stop = 1;
	pthread_cond_broadcast(&r.cv);
	pthread_mutex_unlock(&r.mu);
	for (k = 0; k < RENDER_THREADS && k < p->n; k++)
		if (w[k].started)
			pthread_join(w[k].thread, NULL);
	/* What no helper wrote (none could connect): written here, with
	 * the caller's connection, one submission at a time. */
	for (; i < p->n && !x->err && x->db_rc == DB_OK; i++) {
		write_submission(x, db, &scratch, f, &p->subs[i]);
		arena_reset(&scratch);
	}
	arena_free(&scratch);
	for (k = 0; k < RENDER_SLOTS; k++)
		free(r.slots[k].bytes);
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
}

static int period_cmp(const void *a, const void *b)
{
	const struct export_sub *const *p = a, *const *q = b;
	int c = strcmp((*p)->starts, (*q)->starts);

	return c != 0 ? c : strcmp((*p)->period, (*q)->period);
}

static void write_vrs(struct xw *x, struct db *db, struct arena *a,
		      const struct export_filter *f, const struct pick *p)
{
	const struct export_sub **periods;
	size_t i, j, np = 0;

	start(x, "Exchange");
	attr(x, "xmlns", VRS_NS);
	attr(x, "schemaVersion", "1.0");
	start(x, "CodeLists");
	for (i = 0; i < sizeof(code_lists) / sizeof(code_lists[0]); i++) {
		start(x, "CodeList");
		attr(x, "id", code_lists[i].id);
		attr(x, "standard", code_lists[i].standard);
		end(x);
	}
	end(x);
	if (p->n > 0) {
		/* Submissions come by jurisdiction: each code once. */
		start(x, "Jurisdictions");
		for (i = 0; i < p->n; i++) {
			if (i > 0 && strcmp(p->subs[i - 1].jcode,
					    p->subs[i].jcode) == 0)
				continue;
			start(x, "Jurisdiction");
			attr(x, "code", p->subs[i].jcode);
			attr(x, "name", p->subs[i].jname);
			end(x);
		}
		end(x);
		periods = arena_alloc(a, p->n * sizeof(*periods));
		for (i = 0; i < p->n; i++) {
			for (j = 0; j < np; j++)
				if (strcmp(periods[j]->period,
					   p->subs[i].period) == 0)
					break;
			if (j == np)
				periods[np++] = &p->subs[i];
		}
		qsort(periods, np, sizeof(*periods), period_cmp);
		start(x, "Periods");
		for (i = 0; i < np; i++) {
			start(x, "Period");
			attr(x, "code", periods[i]->period);
			attr(x, "start", periods[i]->starts);
			attr(x, "end", periods[i]->ends);
			end(x);
		}
		end(x);
	}
	render_submissions(x, db, f, p);
	end(x);
}

/* ---- SDMX-ML 2.1 ------------------------------------------------------ */

#define SDMX_MESSAGE "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
#define SDMX_STRUCTURE \
	"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure"
#define SDMX_GENERIC \
	"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
#define SDMX_COMMON "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common"
#define SDMX_AGENCY "VRS_MSRC"
#define SDMX_DSD "DSD_VRS_MSRC"
#define SDMX_CONCEPTS "CS_VRS_MSRC"

/* The dimensions of the one data structure, in key order. A table uses
 * some of them; the others are _Z (not applicable). */
enum {
	DIM_AREA, DIM_INDICATOR, DIM_CITIZENSHIP, DIM_ISSUER, DIM_SEX,
	DIM_AGE, DIM_PLACE, DIM_BORDER, DIM_DOCTYPE, DIM_FRAUD, DIM_STAGE,
	DIM_ROLE, DIM_TRANSPORT, DIM_OUTCOME, DIM_TIME, N_DIMS
};

static const struct {
	const char *id;
	const char *list;		/* code list in the database */
	const char *codelist;		/* its SDMX id */
} dims[N_DIMS] = {
	[DIM_AREA] = { "REF_AREA", NULL, "CL_AREA" },
	[DIM_INDICATOR] = { "INDICATOR", NULL, "CL_INDICATOR" },
	[DIM_CITIZENSHIP] = { "CITIZENSHIP", "country", "CL_COUNTRY" },
	[DIM_ISSUER] = { "ISSUER", "country", "CL_COUNTRY" },
	[DIM_SEX] = { "SEX", "sex", "CL_SEX" },
	[DIM_AGE] = { "AGE", "age", "CL_AGE" },
	[DIM_PLACE] = { "PLACE", "place", "CL_PLACE" },
	[DIM_BORDER] = { "BORDER", "border", "CL_BORDER" },
	[DIM_DOCTYPE] = { "DOC_TYPE", "doctype", "CL_DOC_TYPE" },
	[DIM_FRAUD] = { "FRAUD_TYPE", "fraud", "CL_FRAUD_TYPE" },
	[DIM_STAGE] = { "STAGE", "stage", "CL_STAGE" },
	[DIM_ROLE] = { "ROLE", "role", "CL_ROLE" },
	[DIM_TRANSPORT] = { "TRANSPORT", "transport", "CL_TRANSPORT" },
	[DIM_OUTCOME] = { "OUTCOME", "outcome", "CL_OUTCOME" },
	[DIM_TIME] = { "TIME_PERIOD", NULL, NULL },
};

/* The dimension a table's code list fills: countries are citizenships,
 * except the issuing states of fraudulent documents. */
static int dim_of(const char *table, const char *list)
{
	int i;

	if (strcmp(list, "country") == 0)
		return strcmp(table, "by_issuer") == 0 ? DIM_ISSUER :
			DIM_CITIZENSHIP;
	for (i = DIM_SEX; i < DIM_TIME; i++)
		if (strcmp(dims[i].list, list) == 0)
			return i;
	return -1;
}

static const struct table_def *find_table(const struct dataset_def *ds,
					  const char *key)
{
	size_t i;

	for (i = 0; i < ds->ntables; i++)
		if (strcmp(ds->tables[i].key, key) == 0)
			return &ds->tables[i];
	return NULL;
}

/* FLOWS_IRR_ENTRY for table irr_entry of flows. */
static void indicator_id(const char *ds, const char *tbl, char *out,
			 size_t n)
{
	snprintf(out, n, "%s_%s", ds, tbl);
	ascii_upcase(out);
}

static void sdmx_header(struct xw *x, const char *id, const char *prepared)
{
	start(x, "message:Header");
	text_element(x, "message:ID", id);
	text_element(x, "message:Test", "false");
	text_element(x, "message:Prepared", prepared);
	empty_with(x, "message:Sender", "id", SDMX_AGENCY);
}

static void sdmx_ref(struct xw *x, const char *id, int with_version)
{
	start(x, "Ref");
	attr(x, "agencyID", SDMX_AGENCY);
	attr(x, "id", id);
	if (with_version)
		attr(x, "version", "1.0");
	end(x);
}

static void generic_value(struct xw *x, const char *id, const char *value)
{
	start(x, "generic:Value");
	attr(x, "id", id);
	attr(x, "value", value);
	end(x);
}

struct obs_writer {
	struct xw *x;
	const struct dataset_def *ds;
	const struct export_sub *s;
	const struct export_filter *f;
};

/* One observation per cell; confidential cells never leave. */
static void sdmx_cell(void *ctx, const char *tbl, const char *row,
		      const char *col, long long value, const char *flag)
{
	struct obs_writer *o = ctx;
	struct xw *x = o->x;
	const struct table_def *t = find_table(o->ds, tbl);
	const char *key[N_DIMS];
	char indicator[64], cols[2][17], num[24];
	const char *status;
	int i, d;

	if (t == NULL || flag[0] == 'C')
		return;
	for (i = 0; i < N_DIMS; i++)
		key[i] = "_Z";
	indicator_id(o->ds->key, tbl, indicator, sizeof(indicator));
	key[DIM_AREA] = o->s->jcode;
	key[DIM_INDICATOR] = indicator;
	key[DIM_TIME] = o->s->period;
	if ((d = dim_of(tbl, t->row_list)) >= 0)
		key[d] = row;
	cols[0][0] = cols[1][0] = '\0';
	if (sscanf(col, "%16[^.].%16s", cols[0], cols[1]) < 1)
		return;
	for (i = 0; i < 2 && t->col_lists[i] != NULL; i++)
		if ((d = dim_of(tbl, t->col_lists[i])) >= 0)
			key[d] = cols[i];
	/* SDMX's observation status: A normal, E estimated, O missing,
	 * M missing because it cannot exist (our Z). */
	status = flag[0] == 'E' ? "E" : flag[0] == 'M' ? "O" :
		 flag[0] == 'Z' ? "M" : "A";
	start(x, "generic:Obs");
	start(x, "generic:ObsKey");
	for (i = 0; i < N_DIMS; i++)
		generic_value(x, dims[i].id, key[i]);
	end(x);
	start(x, "generic:ObsValue");
	if (value >= 0)
		snprintf(num, sizeof(num), "%lld", value);
	else
		snprintf(num, sizeof(num), "NaN");
	attr(x, "value", num);
	end(x);
	start(x, "generic:Attributes");
	generic_value(x, "OBS_STATUS", status);
	generic_value(x, "OBS_CONF", "F");
	end(x);
	end(x);
	x->values++;
}

/* A cell of any dataset (one statement per submission): the wanted
 * datasets' go to sdmx_cell. */
static void sdmx_any_cell(void *ctx, const char *ds, const char *tbl,
			  const char *row, const char *col, long long value,
			  const char *flag)
{
	struct obs_writer *o = ctx;

	if (o->ds == NULL || strcmp(o->ds->key, ds) != 0)
		o->ds = dataset_find(ds);
	if (o->ds != NULL && want_part(o->f, ds))
		sdmx_cell(o, tbl, row, col, value, flag);
}

static void write_sdmx_data(struct xw *x, struct db *db,
			    const struct export_filter *f,
			    const struct pick *p)
{
	const char *prepared = "2000-01-01T00:00:00Z";
	size_t i;

	/* The newest change of what it holds, not the clock: the same
	 * versions give the same bytes. */
	for (i = 0; i < p->n; i++)
		if (strcmp(p->subs[i].updated, prepared) > 0)
			prepared = p->subs[i].updated;
	start(x, "message:GenericData");
	attr(x, "xmlns:message", SDMX_MESSAGE);
	attr(x, "xmlns:generic", SDMX_GENERIC);
	attr(x, "xmlns:common", SDMX_COMMON);
	sdmx_header(x, "VRS_MSRC_DATA", prepared);
	start(x, "message:Structure");
	attr(x, "structureID", SDMX_DSD);
	attr(x, "dimensionAtObservation", "AllDimensions");
	start(x, "common:Structure");
	sdmx_ref(x, SDMX_DSD, 1);
	end(x);
	end(x);
	end(x);			/* Header */
	start(x, "message:DataSet");
	attr(x, "structureRef", SDMX_DSD);
	for (i = 0; i < p->n && !x->err && x->db_rc == DB_OK; i++) {
		struct obs_writer o = { x, NULL, &p->subs[i], f };

		note_db(x, db_cell_list_all(db, p->subs[i].id, sdmx_any_cell,
					    &o));
	}
	end(x);
	end(x);
}

/* ---- the SDMX structure message -------------------------------------- */

static const char *lang_text(struct _hdf *lang, const char *key,
			     const char *fallback)
{
	const char *v = lang ? hdf_get_value(lang, key, NULL) : NULL;

	return v != NULL && v[0] != '\0' ? v : fallback;
}

static void sdmx_name(struct xw *x, const char *name)
{
	start(x, "common:Name");
	attr(x, "xml:lang", "en");
	if (!x->err && xmlTextWriterWriteString(x->w, BAD_CAST name) < 0)
		x->err = 1;
	end(x);
}

static void sdmx_code(struct xw *x, const char *id, const char *name)
{
	start(x, "structure:Code");
	attr(x, "id", id);
	sdmx_name(x, name);
	end(x);
}

static void start_codelist(struct xw *x, struct _hdf *lang, const char *id)
{
	char key[64];

	snprintf(key, sizeof(key), "Lang.sdmx.cl.%s", id);
	start(x, "structure:Codelist");
	attr(x, "id", id);
	attr(x, "agencyID", SDMX_AGENCY);
	attr(x, "version", "1.0");
	sdmx_name(x, lang_text(lang, key, id));
}

struct codes_writer {
	struct xw *x;
	int has_z;
};

static void code_item(void *ctx, const char *code, const char *label,
		      const char *from, const char *to)
{
	struct codes_writer *c = ctx;

	(void)from;
	(void)to;
	if (strcmp(code, "_Z") == 0)
		c->has_z = 1;
	sdmx_code(c->x, code, label);
}

static void jurisdiction_item(void *ctx, const char *code, const char *name,
			      const char *kind)
{
	(void)kind;
	sdmx_code(ctx, code, name);
}

static void write_codelists(struct xw *x, struct db *db, struct _hdf *lang)
{
	static const char *const status_codes[] = { "A", "E", "O", "M" };
	static const char *const conf_codes[] = { "F", "C" };
	char key[96], id[64];
	size_t i, j;
	int d;

	start(x, "structure:Codelists");
	start_codelist(x, lang, "CL_AREA");
	note_db(x, db_jurisdiction_list(db, jurisdiction_item, x));
	end(x);
	start_codelist(x, lang, "CL_INDICATOR");
	for (i = 0; i < n_datasets; i++)
		for (j = 0; j < datasets[i].ntables; j++) {
			indicator_id(datasets[i].key,
				     datasets[i].tables[j].key, id,
				     sizeof(id));
			snprintf(key, sizeof(key), "Lang.ds.%s.%s",
				 datasets[i].key, datasets[i].tables[j].key);
			sdmx_code(x, id, lang_text(lang, key, id));
		}
	end(x);
	/* Each code list once (CL_COUNTRY serves two dimensions), with
	 * every code ever valid, so older data still finds its codes. */
	for (d = DIM_CITIZENSHIP; d < DIM_TIME; d++) {
		struct codes_writer c = { x, 0 };

		if (d == DIM_ISSUER)
			continue;
		start_codelist(x, lang, dims[d].codelist);
		note_db(x, db_codes_of_list(db, dims[d].list, code_item, &c));
		if (!c.has_z)
			sdmx_code(x, "_Z", lang_text(lang, "Lang.sdmx.na",
						     "_Z"));
		end(x);
	}
	start_codelist(x, lang, "CL_OBS_STATUS");
	for (i = 0; i < 4; i++) {
		snprintf(key, sizeof(key), "Lang.sdmx.status.%s",
			 status_codes[i]);
		sdmx_code(x, status_codes[i], lang_text(lang, key,
							status_codes[i]));
	}
	end(x);
	start_codelist(x, lang, "CL_OBS_CONF");
	for (i = 0; i < 2; i++) {
		snprintf(key, sizeof(key), "Lang.sdmx.conf.%s", conf_codes[i]);
		sdmx_code(x, conf_codes[i], lang_text(lang, key,
						      conf_codes[i]));
	}
	end(x);
	end(x);
}

static const char *const extra_concepts[] = {
	"OBS_VALUE", "OBS_STATUS", "OBS_CONF"
};

static void write_concepts(struct xw *x, struct _hdf *lang)
{
	char key[64];
	size_t i;

	start(x, "structure:Concepts");
	start(x, "structure:ConceptScheme");
	attr(x, "id", SDMX_CONCEPTS);
	attr(x, "agencyID", SDMX_AGENCY);
	attr(x, "version", "1.0");
	sdmx_name(x, lang_text(lang, "Lang.sdmx.concepts", SDMX_CONCEPTS));
	for (i = 0; i < N_DIMS + 3; i++) {
		const char *id = i < N_DIMS ? dims[i].id :
			extra_concepts[i - N_DIMS];

		snprintf(key, sizeof(key), "Lang.sdmx.concept.%s", id);
		start(x, "structure:Concept");
		attr(x, "id", id);
		sdmx_name(x, lang_text(lang, key, id));
		end(x);
	}
	end(x);
	end(x);
}

static void concept_identity(struct xw *x, const char *id)
{
	start(x, "structure:ConceptIdentity");
	start(x, "Ref");
	attr(x, "agencyID", SDMX_AGENCY);
	attr(x, "maintainableParentID", SDMX_CONCEPTS);
	attr(x, "maintainableParentVersion", "1.0");
	attr(x, "id", id);
	end(x);
	end(x);
}

static void enumeration(struct xw *x, const char *codelist)
{
	start(x, "structure:LocalRepresentation");
	start(x, "structure:Enumeration");
	sdmx_ref(x, codelist, 1);
	end(x);
	end(x);
}

static void write_dsd(struct xw *x, struct _hdf *lang)
{
	int i;

	start(x, "structure:DataStructures");
	start(x, "structure:DataStructure");
	attr(x, "id", SDMX_DSD);
	attr(x, "agencyID", SDMX_AGENCY);
	attr(x, "version", "1.0");
	sdmx_name(x, lang_text(lang, "Lang.sdmx.dsd", SDMX_DSD));
	start(x, "structure:DataStructureComponents");
	start(x, "structure:DimensionList");
	attr(x, "id", "DimensionDescriptor");
	for (i = 0; i < N_DIMS; i++) {
		start(x, i == DIM_TIME ? "structure:TimeDimension" :
		      "structure:Dimension");
		attr(x, "id", dims[i].id);
		attr_ll(x, "position", i + 1);
		concept_identity(x, dims[i].id);
		if (i == DIM_TIME) {
			start(x, "structure:LocalRepresentation");
			empty_with(x, "structure:TextFormat", "textType",
				   "ObservationalTimePeriod");
			end(x);
		} else {
			enumeration(x, dims[i].codelist);
		}
		end(x);
	}
	end(x);
	start(x, "structure:AttributeList");
	attr(x, "id", "AttributeDescriptor");
	for (i = 0; i < 2; i++) {
		start(x, "structure:Attribute");
		attr(x, "id", i == 0 ? "OBS_STATUS" : "OBS_CONF");
		attr(x, "assignmentStatus", i == 0 ? "Mandatory" :
		     "Conditional");
		concept_identity(x, i == 0 ? "OBS_STATUS" : "OBS_CONF");
		enumeration(x, i == 0 ? "CL_OBS_STATUS" : "CL_OBS_CONF");
		start(x, "structure:AttributeRelationship");
		start(x, "structure:PrimaryMeasure");
		empty_with(x, "Ref", "id", "OBS_VALUE");
		end(x);
		end(x);
		end(x);
	}
	end(x);
	start(x, "structure:MeasureList");
	attr(x, "id", "MeasureDescriptor");
	start(x, "structure:PrimaryMeasure");
	attr(x, "id", "OBS_VALUE");
	concept_identity(x, "OBS_VALUE");
	end(x);
	end(x);
	end(x);			/* DataStructureComponents */
	end(x);
	end(x);
}

int export_write_sdmx_structure(struct db *db, struct _hdf *lang,
				struct export_sink *sink)
{
	struct xw x;
	char hex[65];

	if (writer_open(&x, sink) != 0) {
		writer_close(&x, hex);
		return -1;
	}
	start(&x, "message:Structure");
	attr(&x, "xmlns:message", SDMX_MESSAGE);
	attr(&x, "xmlns:structure", SDMX_STRUCTURE);
	attr(&x, "xmlns:common", SDMX_COMMON);
	/* A fixed time: the structure changes only with the code lists. */
	sdmx_header(&x, "VRS_MSRC_DSD", "2026-01-01T00:00:00Z");
	end(&x);
	start(&x, "message:Structures");
	write_codelists(&x, db, lang);
	write_concepts(&x, lang);
	write_dsd(&x, lang);
	end(&x);
	end(&x);
	return writer_close(&x, hex);
}

/* ---- CSV: one dataset a file ------------------------------------------ */

struct csv_writer {
	struct xw *x;			/* for its sink, counts and errors */
	const struct export_sub *s;
	const char *ds;
};

static void csv_put(void *ctx, const char *s, size_t len)
{
	struct xw *x = ctx;

	if (!x->err && len > 0 && sink_put(x->sink, s, len) != 0)
		x->err = 1;
}

/* A record: the submission's four columns, then the n values. */
static void csv_record(struct csv_writer *c, const char *const *v, size_t n)
{
	const char *row[24];
	char version[24];
	size_t i;

	snprintf(version, sizeof(version), "%lld", c->s->version);
	row[0] = c->s->jcode;
	row[1] = c->s->period;
	row[2] = version;
	row[3] = c->s->status;
	for (i = 0; i < n && i < 20; i++)
		row[4 + i] = v[i];
	csv_encode_row(row, 4 + i, csv_put, c->x);
	c->x->values++;
}

static void csv_cell(void *ctx, const char *tbl, const char *row,
		     const char *col, long long value, const char *flag)
{
	struct csv_writer *c = ctx;
	char num[24] = "";
	const char *v[6] = { c->ds, tbl, row, col, num, flag };

	if (value >= 0)
		snprintf(num, sizeof(num), "%lld", value);
	csv_record(c, v, 6);
}

static void csv_route(void *ctx, const struct route *r)
{
	struct csv_writer *c = ctx;
	char legs[ROUTE_MAX_LEGS * 36 + 1] = "";
	size_t i, used = 0;

	for (i = 0; i < r->nlegs && used < sizeof(legs); i++)
		used += (size_t)snprintf(legs + used, sizeof(legs) - used,
					 "%s%s:%s", i ? " " : "",
					 r->legs[i].to, r->legs[i].mode);
	const char *v[] = { r->origin, legs, r->destination, r->migrants,
			    r->fee_amount, r->fee_currency, r->fee_scope,
			    r->source, r->confidence, r->note };
	csv_record(c, v, sizeof(v) / sizeof(v[0]));
}

static void csv_incident(void *ctx, const struct incident *r)
{
	struct csv_writer *c = ctx;
	char persons[INCIDENT_MAX_PERSONS * 30 + 1] = "";
	size_t i, used = 0;

	for (i = 0; i < r->npersons && used < sizeof(persons); i++)
		used += (size_t)snprintf(persons + used,
					 sizeof(persons) - used, "%s%s:%s",
					 i ? " " : "",
					 r->persons[i].citizenship,
					 r->persons[i].persons);
	const char *v[] = { r->occurred_on, r->area, r->lat, r->lon,
			    r->border, r->transport, r->vessel,
			    r->concealment, persons, r->dead, r->missing,
			    r->smugglers, r->follow_up, r->note };
	csv_record(c, v, sizeof(v) / sizeof(v[0]));
}

static void write_csv(struct xw *x, struct db *db, struct arena *a,
		      const char *part, const struct pick *p)
{
	static const char *const head_cells[] = {
		"dataset", "table", "row", "column", "value", "flag" };
	static const char *const head_routes[] = {
		"origin", "legs", "destination", "migrants", "fee_amount",
		"fee_currency", "fee_scope", "source", "confidence", "note" };
	static const char *const head_incidents[] = {
		"date", "area", "lat", "lon", "border", "transport", "vessel",
		"concealment", "persons", "dead", "missing", "smugglers",
		"follow_up", "note" };
	static const char *const head_narrative[] = { "part", "share",
						       "text" };
	const char *const *head = head_cells;
	const char *row[24] = { "jurisdiction", "period", "version",
				"status" };
	char *texts[NARR_COUNT];
	size_t i, nhead = 6;

	/* One set of narrative buffers for the whole file. */
	for (i = 0; i < NARR_COUNT; i++)
		texts[i] = arena_alloc(a, NARRATIVE_MAX_CHARS * 4 + 1);
	if (strcmp(part, "routes") == 0)
		head = head_routes, nhead = 10;
	else if (strcmp(part, "incidents") == 0)
		head = head_incidents, nhead = 14;
	else if (strcmp(part, "narrative") == 0)
		head = head_narrative, nhead = 3;
	for (i = 0; i < nhead; i++)
		row[4 + i] = head[i];
	csv_encode_row(row, 4 + nhead, csv_put, x);
	for (i = 0; i < p->n && !x->err && x->db_rc == DB_OK; i++) {
		struct csv_writer c = { x, &p->subs[i], part };

		if (strcmp(part, "routes") == 0) {
			note_db(x, db_route_all(db, p->subs[i].id, csv_route,
						&c));
		} else if (strcmp(part, "incidents") == 0) {
			note_db(x, db_incident_all(db, p->subs[i].id,
						   csv_incident, &c));
		} else if (strcmp(part, "narrative") == 0) {
			struct narrative n = { 0 };
			int k;

			for (k = 0; k < NARR_COUNT; k++)
				n.text[k] = texts[k];
			note_db(x, db_narrative_get(db, p->subs[i].id, &n));
			for (k = 0; k < NARR_COUNT && n.row_version > 0; k++) {
				const char *v[3] = { narrative_keys[k],
						     n.share[k], n.text[k] };

				csv_record(&c, v, 3);
			}
		} else {
			note_db(x, db_cell_list(db, p->subs[i].id, part,
						   csv_cell, &c));
		}
	}
}

/* ---- running an export ------------------------------------------------ */

/* "QZA 2026-S1 1 accepted" per line: the versions the manifest lists. */
static char *versions_text(struct arena *a, const struct pick *p)
{
	size_t i, len = 1, used = 0;
	char *out;

	for (i = 0; i < p->n; i++)
		len += strlen(p->subs[i].jcode) + strlen(p->subs[i].period) +
		       strlen(p->subs[i].status) + 24;
	out = arena_alloc(a, len);
	for (i = 0; i < p->n; i++)
		used += (size_t)snprintf(out + used, len - used,
					 "%s %s %lld %s\n", p->subs[i].jcode,
					 p->subs[i].period,
					 p->subs[i].version,
					 p->subs[i].status);
	return out;
}

/* The file's name with "{id}" replaced by the export's id. */
static void name_file(const char *pattern, long long id, char *out, size_t n)
{
	const char *hole = strstr(pattern, "{id}");

	if (hole == NULL)
		snprintf(out, n, "%s", pattern);
	else
		snprintf(out, n, "%.*s%lld%s", (int)(hole - pattern), pattern,
			 id, hole + 4);
}

static int record_start(struct db *db, const struct actor *who,
			const char *format, const char *filters,
			const char *versions, long long nsubs,
			const char *data_file, long long *id, char *name,
			size_t namesz)
{
	char detail[2200];
	int rc = db_begin(db);

	if (rc == DB_OK)
		rc = db_export_insert(db, who->name, format, filters, versions,
				      nsubs, data_file, id);
	if (rc == DB_OK) {
		name_file(data_file, *id, name, namesz);
		if (strcmp(name, data_file) != 0)
			rc = db_export_set_file(db, *id, name);
	}
	snprintf(detail, sizeof(detail), "%s; %lld submissions; %s", format,
		 nsubs, filters);
	if (rc == DB_OK)
		rc = db_history_append(db, who, "export.start", "export", *id,
				       detail);
	return db_end(db, rc);
}

static int record_finish(struct db *db, const struct actor *who,
			 long long id, const struct export_result *res,
			 int ok)
{
	char detail[200];
	int rc = db_begin(db);

	if (rc == DB_OK)
		rc = db_export_finish(db, id, (long long)res->bytes,
				      res->sha256, ok ? "complete" : "failed");
	snprintf(detail, sizeof(detail), "%s; %llu bytes; sha256=%s",
		 ok ? "complete" : "failed", res->bytes, res->sha256);
	if (rc == DB_OK)
		rc = db_history_append(db, who, "export.finish", "export", id,
				       detail);
	return db_end(db, rc);
}

int export_run(struct db *db, struct arena *a, const struct actor *who,
	       enum export_format fmt, const struct export_filter *f,
	       const char *data_file, struct export_sink *sink,
	       struct export_result *res)
{
	struct pick p = { .a = a, .f = f };
	char filters[2001];
	struct xw x;
	int ok;

	memset(res, 0, sizeof(*res));
	if (db_export_subs(db, f->any_status, pick_sub, &p) != DB_OK)
		return -1;
	export_filter_text(f, filters, sizeof(filters));
	if (fmt == EXPORT_CSV && f->nparts != 1)
		return -1;	/* the callers ask for one dataset */
	if (record_start(db, who, fmt == EXPORT_SDMX ? "sdmx" :
			 fmt == EXPORT_CSV ? "csv" : "vrs",
			 filters, versions_text(a, &p), (long long)p.n,
			 data_file, &res->id, res->data_file,
			 sizeof(res->data_file)) != DB_OK)
		return -1;
	res->submissions = (long long)p.n;
	if (fmt == EXPORT_CSV) {
		/* Plain bytes through the same hashing sink. */
		memset(&x, 0, sizeof(x));
		x.sink = sink;
		x.db_rc = DB_OK;
		ok = sink_begin(sink) == 0;
		if (ok)
			write_csv(&x, db, a, f->parts[0], &p);
		ok = sink_end(sink, res->sha256) == 0 && ok && !x.err &&
		     !sink->failed && x.db_rc == DB_OK;
	} else {
		ok = writer_open(&x, sink) == 0;
		if (ok && fmt == EXPORT_SDMX)
			write_sdmx_data(&x, db, f, &p);
		else if (ok)
			write_vrs(&x, db, a, f, &p);
		ok = writer_close(&x, res->sha256) == 0 && ok;
	}
	res->bytes = sink->bytes;
	res->values = x.values;
	if (record_finish(db, who, res->id, res, ok) != DB_OK)
		return -1;
	return ok ? 0 : -1;
}

/* ---- the manifest ------------------------------------------------------ */

int export_write_manifest(struct db *db, long long id,
			  struct export_sink *sink)
{
	static char versions[1 << 20];
	struct export_row r = { .versions = versions,
				.versions_cap = sizeof(versions) };
	struct xw x;
	char hex[65], *line, *save = NULL;
	int rc = db_export_get(db, id, &r);

	if (rc == DB_NONE)
		return 1;
	if (rc != DB_OK || writer_open(&x, sink) != 0)
		return -1;
	start(&x, "Manifest");
	attr(&x, "xmlns", VRS_NS);
	attr_ll(&x, "exportId", r.id);
	attr(&x, "format", r.format);
	attr(&x, "created", r.created);
	attr_opt(&x, "finished", r.finished);
	attr(&x, "actor", r.actor);
	attr(&x, "status", r.status);
	text_element(&x, "Filters", r.filters);
	start(&x, "DataFile");
	attr(&x, "name", r.data_file);
	attr_ll(&x, "bytes", r.bytes);
	attr_opt(&x, "sha256", r.sha256);
	end(&x);
	start(&x, "Included");
	attr_ll(&x, "submissions", r.submissions);
	for (line = strtok_r(versions, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		char j[17], per[13], st[17];
		long long v;

		if (sscanf(line, "%16s %12s %lld %16s", j, per, &v, st) != 4)
			continue;
		start(&x, "SubmissionRef");
		attr(&x, "jurisdiction", j);
		attr(&x, "period", per);
		attr_ll(&x, "version", v);
		attr(&x, "status", st);
		end(&x);
	}
	end(&x);
	end(&x);
	return writer_close(&x, hex);
}
