/* SPDX-License-Identifier: MIT */
/* import.c: one streaming pass over an uploaded VRS exchange file (see
 * import.h). Memory stays bounded: the parser hands over one element at a
 * time (SAX events, no tree), and what the pass keeps is the draft's cells
 * (for the summary and the history) and one record being read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>
#include <openssl/evp.h>

#include "arena.h"
#include "datasets.h"
#include "db-exchange.h"
#include "db-history.h"
#include "db-record.h"
#include "db-report.h"
#include "export.h"
#include "import.h"
#include "log.h"
#include "record.h"
#include "util.h"

static xmlSchemaPtr schema;
/* One validation context for the process, plugged into each pass: with
 * a context per pass, libxml2 2.9.14 loses the identity-constraint state
 * of the elements still open when a parse error ends the pass (72 bytes
 * each); on this one, the next pass takes it back. */
static xmlSchemaValidCtxtPtr vctxt;

int import_init(const char *schema_path)
{
	xmlSchemaParserCtxtPtr pc;

	if (schema != NULL)
		return 0;
	pc = xmlSchemaNewParserCtxt(schema_path);
	if (pc == NULL)
		return -1;
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	if (schema == NULL) {
		log_msg("-", "cannot compile the schema %s", schema_path);
		return -1;
	}
	vctxt = xmlSchemaNewValidCtxt(schema);
	if (vctxt == NULL) {
		import_shutdown();
		return -1;
	}
	return 0;
}

void import_shutdown(void)
{
	if (vctxt != NULL)
		xmlSchemaFreeValidCtxt(vctxt);
	vctxt = NULL;
	if (schema != NULL)
		xmlSchemaFree(schema);
	schema = NULL;
}

/* ---- code lists valid in the period ---------------------------------- */

/* A list's codes in an open-addressing set: a file checks several
 * codes per record, so a lookup is one hash and, mostly, one compare. */
struct codeset {
	const char *list;
	char **slots;			/* nslots, a power of two */
	size_t n, nslots;
	struct arena *a;
};

static size_t hash_key(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The slot of code, or the empty slot where it would go. */
static char **codeset_slot(const struct codeset *c, const char *code)
{
	size_t i = hash_key(code) & (c->nslots - 1);

	while (c->slots[i] != NULL && strcmp(c->slots[i], code) != 0)
		i = (i + 1) & (c->nslots - 1);
	return &c->slots[i];
}

static void codeset_add(void *ctx, const char *code, const char *label)
{
	struct codeset *c = ctx;
	char **slot;

	(void)label;
	if (2 * (c->n + 1) > c->nslots) {	/* at most half full */
		struct codeset grown = *c;
		size_t i;

		grown.nslots = c->nslots ? c->nslots * 2 : 128;
		grown.slots = arena_alloc(c->a, grown.nslots *
					  sizeof(*grown.slots));
		for (i = 0; i < c->nslots; i++)
			if (c->slots[i] != NULL)
				*codeset_slot(&grown, c->slots[i]) =
					c->slots[i];
		*c = grown;
	}
	slot = codeset_slot(c, code);
	if (*slot == NULL) {
		*slot = arena_strdup(c->a, code);
		c->n++;
	}
}

/* ---- the pass's state --------------------------------------------------- */

/* A draft cell, keyed "ds|tbl|row|col". */
struct old_cell {
	char *key;
	long long value;
	char flag[2];
	int seen;			/* the file has it */
	int replaced;			/* its dataset is in the file (replace) */
};

struct pass {
	struct db *db;
	struct arena *a;
	const struct import_target *t;
	enum import_mode mode;
	int apply;
	int count_twice;		/* merge: count records in the draft */
	struct import_report *r;
	xmlParserCtxtPtr parser;
	int stopped;			/* the parser was told to stop */
	long bad_root_line;		/* the root is not VRS's Exchange */
	const char *bad_root_key;	/* "root", "namespace", "no_namespace" */
	const char *bad_root_found;	/* the element or the namespace */
	struct attrs *attrs;		/* of the element being read */

	struct codeset lists[20];
	size_t nlists;
	/* Merge, checking: the draft's records as texts (see record_text). */
	struct codeset draft_routes, draft_incidents;
	int draft_records_loaded;

	struct old_cell *old;		/* open addressing, size nold_slots */
	size_t nold, nold_slots;

	int root_seen, submissions;
	const struct dataset_def *ds;
	const struct table_def *table;
	char row[17];
	int row_ok;

	/* Cells waiting to be written (apply), and the history's changes.
	 * The pending cells' text lives in fixed slots: memory stays the
	 * same however many cells the file holds. */
	struct pending_cell {
		char row[17], col[41], flag[4];
	} *pending_text;
	struct cell_write *pending;
	size_t npending;
	struct change *changes;
	size_t nchanges, changes_cap;

	/* Records waiting to be written in one batch (apply). */
	struct route *route_batch;
	struct incident *incident_batch;
	size_t nroutes, nincidents;
	/* Rows waiting likewise, with their text in fixed slots. */
	struct pending_row {
		char ds[17], tbl[17], row[17];
	} *row_batch;
	size_t nrows;

	struct route route;
	int in_route, route_ok;
	long route_line;
	struct incident incident;
	int in_incident, incident_ok;
	long incident_line;
	struct narrative narrative;
	int in_narrative;
	int narrative_text;		/* which text is being read, or -1 */
	long text_line;
	/* The element whose text is being read (Note, Vessel, ...). */
	char *text;
	size_t text_cap, text_len;
	char sd_reason[8][8001];	/* return reasons kept as they are */
	int sd_nil[8];			/* the draft's nil returns */
};

#define PENDING_MAX 512

/* The line the parser is on: in a start tag's event, the line where
 * the tag ends. */
static long line_of(struct pass *p)
{
	return p->parser != NULL ? xmlSAX2GetLineNumber(p->parser) : 0;
}

static void problem_at(struct import_report *r, long line, const char *key,
		       const char *detail, struct arena *a)
{
	if (r->nproblems == IMPORT_MAX_PROBLEMS) {
		r->more++;
		return;
	}
	r->problems[r->nproblems].line = line;
	r->problems[r->nproblems].key = key;
	r->problems[r->nproblems++].detail = arena_strdup(a,
		detail ? detail : "");
}

static void problem(struct pass *p, const char *key, const char *detail)
{
	problem_at(p->r, line_of(p), key, detail, p->a);
}

static void warning(struct pass *p, long line, const char *key,
		    const char *detail)
{
	struct import_report *r = p->r;

	if (r->nwarnings == IMPORT_MAX_PROBLEMS)
		return;
	r->warnings[r->nwarnings].line = line;
	r->warnings[r->nwarnings].key = key;
	r->warnings[r->nwarnings++].detail = arena_strdup(p->a, detail);
}

static void db_failed(struct pass *p, int rc)
{
	if (rc != DB_OK && p->r->db_rc == DB_OK)
		p->r->db_rc = rc;
}

/* The codes of list valid at some time in the period, loaded once. */
static const struct codeset *codes(struct pass *p, const char *list)
{
	struct codeset *c;
	size_t i;
	int rc;

	/* The names are mostly the same literals: pointers first. */
	for (i = 0; i < p->nlists; i++)
		if (p->lists[i].list == list)
			return &p->lists[i];
	for (i = 0; i < p->nlists; i++)
		if (strcmp(p->lists[i].list, list) == 0)
			return &p->lists[i];
	if (p->nlists == sizeof(p->lists) / sizeof(p->lists[0]))
		abort();	/* more lists than the datasets have */
	c = &p->lists[p->nlists++];
	c->list = list;
	c->a = p->a;
	rc = db_code_list_during(p->db, list, p->t->starts, p->t->ends,
				 codeset_add, c);
	db_failed(p, rc);
	return c;
}

static int code_ok(struct pass *p, const char *list, const char *code)
{
	const struct codeset *c;

	if (p->db == NULL)
		return 1;	/* the fuzz harness: no code lists */
	c = codes(p, list);

	return c->n > 0 && *codeset_slot(c, code) != NULL;
}

/* The problem "code" unless code is in list; 1 when it is. */
static int check_code(struct pass *p, const char *list, const char *code)
{
	if (code_ok(p, list, code))
		return 1;
	problem(p, "code", code);
	return 0;
}

/* ---- the draft's cells ----------------------------------------------------- */

/* A cell's key, "ds|tbl|row|col", into key (size n; cut if longer,
 * which no accepted code is). */
static void cell_key(char *key, size_t n, const char *ds, const char *tbl,
		     const char *row, const char *col)
{
	const char *part[4] = { ds, tbl, row, col };
	size_t used = 0, i, len;

	for (i = 0; i < 4; i++) {
		len = strlen(part[i]);
		if (len > n - used - 1)		/* room for the NUL */
			len = n - used - 1;
		memcpy(key + used, part[i], len);
		used += len;
		key[used] = '\0';
		if (i < 3 && used + 1 < n)
			key[used++] = '|';
	}
}

/* The slot of key, or the empty slot where it would go. */
static struct old_cell *old_slot(struct old_cell *old, size_t nslots,
				 const char *key)
{
	size_t i = hash_key(key) & (nslots - 1);

	while (old[i].key != NULL && strcmp(old[i].key, key) != 0)
		i = (i + 1) & (nslots - 1);
	return &old[i];
}

static struct old_cell *old_find(struct pass *p, const char *key,
				 int create)
{
	struct old_cell *c = old_slot(p->old, p->nold_slots, key);

	if (c->key != NULL || !create)
		return c->key != NULL ? c : NULL;
	c->key = arena_strdup(p->a, key);
	p->nold++;
	return c;
}

/* Doubles the table when it is half full, so a probe stays short. */
static void old_make_room(struct pass *p)
{
	struct old_cell *was = p->old;
	size_t i, n = p->nold_slots;

	if (2 * (p->nold + 1) <= n)
		return;
	p->nold_slots = n ? 2 * n : 1024;
	p->old = arena_alloc(p->a, p->nold_slots * sizeof(*p->old));
	for (i = 0; i < n; i++)
		if (was[i].key != NULL)
			*old_slot(p->old, p->nold_slots, was[i].key) = was[i];
}

static void load_cell(void *ctx, const char *ds, const char *tbl,
		      const char *row, const char *col, long long value,
		      const char *flag)
{
	struct pass *p = ctx;
	char key[256];
	struct old_cell *c;

	cell_key(key, sizeof(key), ds, tbl, row, col);
	old_make_room(p);
	c = old_find(p, key, 1);
	c->value = value;
	c->flag[0] = flag[0];
}

/* Every cell of the draft, in one statement. */
static void load_draft_cells(struct pass *p)
{
	old_make_room(p);
	if (p->db != NULL)
		db_failed(p, db_cell_list_all(p->db, p->t->sub, load_cell, p));
}

static const char *describe(struct arena *a, long long value,
			    const char *flag)
{
	if (flag == NULL)
		return "blank";
	if (value < 0)
		return arena_strdup(a, flag);
	return arena_printf(a, "%lld %s", value, flag);
}

static void add_change(struct pass *p, const char *tbl, const char *row,
		       const char *col, const char *was, const char *now)
{
	struct change *c;

	if (!p->apply)
		return;
	if (p->nchanges == p->changes_cap) {
		size_t cap = p->changes_cap ? p->changes_cap * 2 : 256;
		struct change *grown = arena_alloc(p->a, cap * sizeof(*grown));

		if (p->nchanges > 0)
			memcpy(grown, p->changes,
			       p->nchanges * sizeof(*grown));
		p->changes = grown;
		p->changes_cap = cap;
	}
	c = &p->changes[p->nchanges++];
	c->tbl = arena_strdup(p->a, tbl);
	c->row = arena_strdup(p->a, row);
	c->col = arena_strdup(p->a, col);
	c->was = was;
	c->now = now;
}

/* Writes the cells waiting, of any datasets: only full batches until
 * the end of the file, so few statements carry fewer than SQL_BATCH. */
static void flush_cells(struct pass *p)
{
	if (p->apply && p->npending > 0 && p->r->nproblems == 0)
		db_failed(p, db_cell_upsert_many(p->db, p->t->sub, p->pending,
						 p->npending));
	p->npending = 0;
}

/* ---- reading attributes ----------------------------------------------------- */

/* Names (of elements and attributes) are compared many times per
 * element: the first letter turns most candidates away without a call. */
static int is(const char *name, const char *want)
{
	return name[0] == want[0] && strcmp(name, want) == 0;
}

/* The attributes of the element being read, copied once when it starts
 * (one walk over them, no allocation): elements of the schema have at
 * most 10 attributes; the prescan refused any with more than 32. */
#define ATTR_MAX 32
#define ATTR_POOL 4096

struct attrs {
	const char *name[ATTR_MAX], *value[ATTR_MAX];
	size_t n;
	char pool[ATTR_POOL];
};

/* Copies an attribute value of n bytes into dst (room for n + 1) and
 * returns its length. Without entity substitution, libxml2's SAX2 hands
 * an '&' (written &amp; or &#38;) over as the five characters "&#38;",
 * which no other text can become (a literal '&' is never well-formed):
 * they are turned back into the '&' they stand for, as the schema
 * validator does. */
static size_t copy_att_value(char *dst, const char *value, size_t n)
{
	size_t i = 0, out = 0;

	while (i < n) {
		const char *amp = memchr(value + i, '&', n - i);
		size_t run = amp != NULL ? (size_t)(amp - value) - i : n - i;

		memcpy(dst + out, value + i, run);
		out += run;
		i += run;
		if (amp == NULL)
			break;
		if (n - i >= 5 && memcmp(value + i, "&#38;", 5) == 0) {
			dst[out++] = '&';
			i += 5;
		} else {
			dst[out++] = value[i++];
		}
	}
	dst[out] = '\0';
	return out;
}

/* From the parser's (localname, prefix, URI, value, end) quintuples; a
 * value ends at its end pointer, not at a NUL. */
static void read_attrs(struct pass *p, int n, const xmlChar **attrs)
{
	struct attrs *at = p->attrs;
	size_t used = 0;
	int i;

	at->n = 0;
	for (i = 0; i < n && at->n < ATTR_MAX; i++) {
		const char *name = (const char *)attrs[5 * i];
		const char *value = (const char *)attrs[5 * i + 3];
		size_t nl = strlen(name),
		       vl = (size_t)(attrs[5 * i + 4] - attrs[5 * i + 3]);
		char *v;

		/* A value too long for the pool is longer than any
		 * attribute of the schema, which refuses it. */
		if (used + nl + vl + 2 > ATTR_POOL)
			break;
		at->name[at->n] = memcpy(at->pool + used, name, nl + 1);
		used += nl + 1;
		v = at->pool + used;
		used += copy_att_value(v, value, vl) + 1;
		at->value[at->n++] = v;
	}
}

/* Copies the attribute into dst (size n), "" when absent. A longer value
 * is refused by the schema, so cutting it here never loses an accepted
 * value. */
static void take_attr(struct pass *p, const char *name, char *dst, size_t n)
{
	const struct attrs *at = p->attrs;
	size_t i;

	for (i = 0; i < at->n; i++)
		if (is(at->name[i], name)) {
			size_t len = strlen(at->value[i]);

			if (len >= n)
				len = n - 1;
			memcpy(dst, at->value[i], len);
			dst[len] = '\0';
			return;
		}
	dst[0] = '\0';
}

/* Reads the text of the element that starts now into dst (size cap),
 * from the text nodes that follow. */
static void take_text(struct pass *p, char *dst, size_t cap)
{
	p->text = dst;
	p->text_cap = cap;
	p->text_len = 0;
	p->text_line = line_of(p);
	dst[0] = '\0';
}

static void append_text(struct pass *p, const char *s, size_t n)
{
	if (p->text == NULL)
		return;
	/* Longer than allowed: the schema refuses it, with its line. */
	if (p->text_len + n >= p->text_cap)
		n = p->text_cap - 1 - p->text_len;
	memcpy(p->text + p->text_len, s, n);
	p->text_len += n;
	p->text[p->text_len] = '\0';
}

/* ---- elements ---------------------------------------------------------------- */

static int sd_index(const char *part)
{
	int i;

	for (i = 0; export_parts[i] != NULL; i++)
		if (strcmp(export_parts[i], part) == 0)
			return i;
	return -1;
}

static void keep_reason(void *ctx, const char *ds, int nil,
			const char *reason)
{
	struct pass *p = ctx;
	int i = sd_index(ds);

	if (i >= 0) {
		snprintf(p->sd_reason[i], sizeof(p->sd_reason[i]), "%s",
			 reason);
		p->sd_nil[i] = nil;
	}
}

/* The nil return of a part present in the file is the file's. */
static void set_nil(struct pass *p, const char *part)
{
	char value[8];
	int nil, i = sd_index(part);

	take_attr(p, "nilReturn", value, sizeof(value));
	nil = strcmp(value, "true") == 0 || strcmp(value, "1") == 0;
	if (i >= 0 && nil != p->sd_nil[i]) {
		char *list = nil ? p->r->sum.nil_set : p->r->sum.nil_cleared;
		size_t used = strlen(list);

		snprintf(list + used, sizeof(p->r->sum.nil_set) - used, "%s%s",
			 used ? " " : "", part);
	}

	if (p->apply && p->r->nproblems == 0 && i >= 0)
		db_failed(p, db_sd_set(p->db, p->t->sub, part, nil,
				       p->sd_reason[i][0] ?
				       p->sd_reason[i] : NULL));
}

static void on_submission(struct pass *p)
{
	struct import_summary *s = &p->r->sum;
	char j[17], per[13];

	take_attr(p, "jurisdiction", j, sizeof(j));
	take_attr(p, "period", per, sizeof(per));
	take_attr(p, "version", s->version, sizeof(s->version));
	take_attr(p, "status", s->status, sizeof(s->status));
	take_attr(p, "sharingLevel", s->sharing, sizeof(s->sharing));
	if (++p->submissions > 1) {
		problem(p, "one_submission", "");
		return;
	}
	if (strcmp(j, p->t->jcode) != 0)
		problem(p, "jurisdiction", j);
	if (strcmp(per, p->t->period) != 0)
		problem(p, "period", per);
}

static void on_dataset(struct pass *p)
{
	char id[17];
	size_t i;

	take_attr(p, "id", id, sizeof(id));
	p->ds = dataset_find(id);
	p->table = NULL;
	p->row_ok = 0;
	if (p->ds == NULL)
		return;		/* the schema names it */
	set_nil(p, id);
	if (p->mode == IMPORT_REPLACE) {
		char prefix[40];
		size_t plen = (size_t)snprintf(prefix, sizeof(prefix), "%s|",
					       id);

		for (i = 0; i < p->nold_slots; i++)
			if (p->old[i].key != NULL &&
			    strncmp(p->old[i].key, prefix, plen) == 0)
				p->old[i].replaced = 1;
		if (p->apply && p->r->nproblems == 0)
			db_failed(p, db_dataset_clear(p->db, p->t->sub, id));
	}
}

static void on_table(struct pass *p)
{
	char id[17];
	size_t i;

	take_attr(p, "id", id, sizeof(id));
	p->table = NULL;
	p->row_ok = 0;
	if (p->ds == NULL)
		return;
	for (i = 0; i < p->ds->ntables; i++)
		if (strcmp(p->ds->tables[i].key, id) == 0)
			p->table = &p->ds->tables[i];
	if (p->table == NULL)
		problem(p, "table", id);
}

static void fill_row(void *ctx, size_t i, struct db_arg *args)
{
	struct pass *p = ctx;
	const struct pending_row *w = &p->row_batch[i];

	args[0] = DB_INT(p->t->sub);
	args[1] = DB_STR(w->ds);
	args[2] = DB_STR(w->tbl);
	args[3] = DB_STR(w->row);
}

/* Writes the rows waiting, SQL_BATCH to a statement. */
static void flush_rows(struct pass *p)
{
	if (p->apply && p->nrows > 0 && p->r->nproblems == 0)
		db_failed(p, db_exec_rows(p->db, DB_ROWS(STMT_ROW_INSERT), 4,
					  p->nrows, fill_row, p));
	p->nrows = 0;
}

static void on_row(struct pass *p)
{
	take_attr(p, "code", p->row, sizeof(p->row));
	p->row_ok = p->table != NULL &&
		    check_code(p, p->table->row_list, p->row);
	if (!p->row_ok || p->table->rows_fixed)
		return;
	if (p->apply && p->r->nproblems == 0) {
		struct pending_row *w;

		if (p->row_batch == NULL)
			p->row_batch = arena_alloc(p->a, SQL_BATCH *
						   sizeof(*p->row_batch));
		w = &p->row_batch[p->nrows++];
		snprintf(w->ds, sizeof(w->ds), "%s", p->ds->key);
		snprintf(w->tbl, sizeof(w->tbl), "%s", p->table->key);
		snprintf(w->row, sizeof(w->row), "%s", p->row);
		if (p->nrows == SQL_BATCH)
			flush_rows(p);
	}
}

/* A column is one code ("AFG") or two joined by a dot ("F.Y_LT18"), each
 * from the table's lists. */
static int col_ok(struct pass *p, const char *col)
{
	const char *dot = strchr(col, '.');
	size_t la = dot != NULL ? (size_t)(dot - col) : strlen(col);
	char a[17];

	if (la == 0 || la >= sizeof(a))
		return 0;
	memcpy(a, col, la);
	a[la] = '\0';
	if (p->table->col_lists[1] == NULL)
		return dot == NULL && code_ok(p, p->table->col_lists[0], a);
	return dot != NULL && dot[1] != '\0' && strlen(dot + 1) < sizeof(a) &&
	       code_ok(p, p->table->col_lists[0], a) &&
	       code_ok(p, p->table->col_lists[1], dot + 1);
}

static void on_cell(struct pass *p)
{
	char col[41], value[24], flag[4];
	int needs;
	long long v = -1;
	char key[256];
	struct old_cell *old;

	take_attr(p, "col", col, sizeof(col));
	take_attr(p, "value", value, sizeof(value));
	take_attr(p, "flag", flag, sizeof(flag));
	needs = cell_flag_needs_value(flag);
	p->r->sum.values++;
	/* A cell outside a checked row (the schema reports where). */
	if (!p->row_ok || p->table == NULL || p->ds == NULL)
		return;
	if (!col_ok(p, col)) {
		problem(p, "column", col);
		return;
	}
	if (needs < 0)
		return;		/* the schema names it */
	if (needs != (value[0] != '\0')) {
		problem(p, needs ? "needs_value" : "no_value", flag);
		return;
	}
	if (value[0] != '\0')
		v = strtoll(value, NULL, 10);
	cell_key(key, sizeof(key), p->ds->key, p->table->key, p->row, col);
	old = old_find(p, key, 0);
	if (old == NULL) {
		p->r->sum.cells_new++;
		add_change(p, p->table->key, p->row, col, "blank",
			   describe(p->a, v, flag));
	} else {
		old->seen = 1;
		if (old->value == v && old->flag[0] == flag[0]) {
			p->r->sum.cells_same++;
			if (!old->replaced)
				return;	/* nothing to write */
		} else {
			p->r->sum.cells_changed++;
			add_change(p, p->table->key, p->row, col,
				   describe(p->a, old->value, old->flag),
				   describe(p->a, v, flag));
		}
	}
	if (!p->apply)
		return;
	if (p->pending == NULL) {
		p->pending = arena_alloc(p->a, PENDING_MAX *
					 sizeof(*p->pending));
		p->pending_text = arena_alloc(p->a, PENDING_MAX *
					      sizeof(*p->pending_text));
	}
	{
		struct pending_cell *t = &p->pending_text[p->npending];
		struct cell_write *w = &p->pending[p->npending++];

		snprintf(t->row, sizeof(t->row), "%s", p->row);
		snprintf(t->col, sizeof(t->col), "%s", col);
		snprintf(t->flag, sizeof(t->flag), "%s", flag);
		w->ds = p->ds->key;
		w->tbl = p->table->key;
		w->row = t->row;
		w->col = t->col;
		w->flag = t->flag;
		w->value = v;
	}
	if (p->npending == PENDING_MAX)
		flush_cells(p);
}

/* After the last cell: the draft cells that a replaced dataset loses. */
static void count_removed(struct pass *p)
{
	size_t i;

	for (i = 0; i < p->nold_slots; i++) {
		struct old_cell *c = &p->old[i];
		char ds[17], tbl[17], row[17], col[41];

		if (c->key == NULL || !c->replaced || c->seen)
			continue;
		p->r->sum.cells_removed++;
		if (sscanf(c->key, "%16[^|]|%16[^|]|%16[^|]|%40s", ds, tbl,
			   row, col) == 4)
			add_change(p, tbl, row, col,
				   describe(p->a, c->value, c->flag), "blank");
	}
}

static void records_replaced(struct pass *p, int routes)
{
	long long routes_now = 0, incidents_now = 0;
	unsigned long long n = 0;

	set_nil(p, routes ? "routes" : "incidents");
	if (p->mode != IMPORT_REPLACE)
		return;
	if (p->db != NULL)
		db_failed(p, db_record_counts(p->db, p->t->sub, &routes_now,
					      &incidents_now));
	if (routes)
		p->r->sum.routes_removed = routes_now;
	else
		p->r->sum.incidents_removed = incidents_now;
	if (!p->apply || p->r->nproblems > 0)
		return;
	db_failed(p, routes ? db_routes_delete_all(p->db, p->t->sub, &n) :
		  db_incidents_delete_all(p->db, p->t->sub, &n));
	add_change(p, routes ? "route" : "incident", "*", "deleted",
		   arena_printf(p->a, "%llu", n), "0");
}

static void pii_check(struct pass *p, long line, const char *text)
{
	int kind = record_pii_kind(text);

	if (kind != 0)
		warning(p, line, kind == 1 ? "pii_email" : "pii_number",
			text);
}

/* Writes the routes and incidents waiting, each kind in one batch, and
 * notes each new record in the history's changes. */
static void flush_records(struct pass *p)
{
	long long ids[SQL_RECORD_GROUP];
	size_t i;

	if (p->apply && p->r->nproblems == 0 && p->nroutes > 0) {
		int rc = db_route_insert_many(p->db, p->t->sub, p->route_batch,
					      p->nroutes, ids);

		db_failed(p, rc);
		for (i = 0; rc == DB_OK && i < p->nroutes; i++)
			add_change(p, "route", arena_printf(p->a, "%lld",
				   ids[i]), "created", "",
				   arena_printf(p->a, "%s-%s",
						p->route_batch[i].origin,
						p->route_batch[i].destination));
	}
	if (p->apply && p->r->nproblems == 0 && p->nincidents > 0) {
		int rc = db_incident_insert_many(p->db, p->t->sub,
						 p->incident_batch,
						 p->nincidents, ids);

		db_failed(p, rc);
		for (i = 0; rc == DB_OK && i < p->nincidents; i++)
			add_change(p, "incident", arena_printf(p->a, "%lld",
				   ids[i]), "created", "",
				   p->incident_batch[i].occurred_on);
	}
	p->nroutes = p->nincidents = 0;
}

static void on_route(struct pass *p)
{
	struct route *r = &p->route;

	/* Every field is set below or by its child elements; the note alone
	 * is 8 KB, so the record is not cleared whole each time. */
	r->id = r->row_version = 0;
	r->nlegs = 0;
	r->note[0] = r->updated[0] = '\0';
	p->in_route = 1;
	p->route_ok = 1;
	p->route_line = line_of(p);
	p->r->sum.values++;
	take_attr(p, "origin", r->origin, sizeof(r->origin));
	take_attr(p, "destination", r->destination, sizeof(r->destination));
	take_attr(p, "migrants", r->migrants, sizeof(r->migrants));
	take_attr(p, "feeAmount", r->fee_amount, sizeof(r->fee_amount));
	take_attr(p, "feeCurrency", r->fee_currency, sizeof(r->fee_currency));
	take_attr(p, "feeScope", r->fee_scope, sizeof(r->fee_scope));
	take_attr(p, "source", r->source, sizeof(r->source));
	take_attr(p, "confidence", r->confidence, sizeof(r->confidence));
	p->route_ok &= check_code(p, "country", r->origin);
	p->route_ok &= check_code(p, "country", r->destination);
	p->route_ok &= check_code(p, "source", r->source);
	p->route_ok &= check_code(p, "confidence", r->confidence);
	if ((r->fee_amount[0] != '\0') != (r->fee_currency[0] != '\0') ||
	    (r->fee_amount[0] != '\0') != (r->fee_scope[0] != '\0')) {
		problem(p, "fee_parts", "");
		p->route_ok = 0;
	} else if (r->fee_amount[0] != '\0') {
		char fee[24];

		if (record_parse_fee(r->fee_amount, fee) != 0) {
			problem(p, "fee", r->fee_amount);
			p->route_ok = 0;
		} else {
			snprintf(r->fee_amount, sizeof(r->fee_amount), "%s",
				 fee);
		}
		p->route_ok &= check_code(p, "currency", r->fee_currency);
		p->route_ok &= check_code(p, "feescope", r->fee_scope);
	}
}

static void on_leg(struct pass *p)
{
	struct route *r = &p->route;
	struct route_leg *leg;

	if (!p->in_route || r->nlegs == ROUTE_MAX_LEGS)
		return;		/* the schema counts legs */
	leg = &r->legs[r->nlegs++];
	take_attr(p, "to", leg->to, sizeof(leg->to));
	take_attr(p, "mode", leg->mode, sizeof(leg->mode));
	p->route_ok &= check_code(p, "country", leg->to);
	p->route_ok &= check_code(p, "transport", leg->mode);
}

/* ---- records already in the draft (merge) ------------------------------ */

/* A record as one text of all its fields: equal texts, equal records. */
static const char *route_text(struct arena *a, const struct route *r)
{
	char *s = arena_printf(a, "%s|%s|%s|%s|%s|%s|%s|%s|", r->origin,
			       r->destination, r->migrants, r->fee_amount,
			       r->fee_currency, r->fee_scope, r->source,
			       r->confidence);
	size_t i;

	for (i = 0; i < r->nlegs; i++)
		s = arena_printf(a, "%s%s:%s ", s, r->legs[i].to,
				 r->legs[i].mode);
	return arena_printf(a, "%s|%s", s, r->note);
}

static const char *incident_text(struct arena *a, const struct incident *r)
{
	char *s = arena_printf(a, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|",
			       r->occurred_on, r->area, r->lat, r->lon,
			       r->border, r->transport, r->vessel,
			       r->concealment, r->dead, r->missing,
			       r->smugglers, r->follow_up);
	size_t i;

	for (i = 0; i < r->npersons; i++)
		s = arena_printf(a, "%s%s:%s ", s, r->persons[i].citizenship,
				 r->persons[i].persons);
	return arena_printf(a, "%s|%s", s, r->note);
}

static void keep_route(void *ctx, const struct route *r)
{
	struct pass *p = ctx;

	codeset_add(&p->draft_routes, route_text(p->a, r), NULL);
}

static void keep_incident(void *ctx, const struct incident *r)
{
	struct pass *p = ctx;

	codeset_add(&p->draft_incidents, incident_text(p->a, r), NULL);
}

/* A check in merge mode counts records already in the draft (and
 * vrsadm's one pass, which has no check before it). */
static int counts_twice(const struct pass *p)
{
	return p->count_twice && p->mode == IMPORT_MERGE && p->db != NULL;
}

/* 1 if a record whose text is t is in set s (the draft's records, loaded
 * on first use); 0 otherwise. */
static int in_draft(struct pass *p, struct codeset *s, const char *t)
{
	if (!p->draft_records_loaded) {
		p->draft_records_loaded = 1;
		p->draft_routes.a = p->draft_incidents.a = p->a;
		db_failed(p, db_route_all(p->db, p->t->sub, keep_route, p));
		db_failed(p, db_incident_all(p->db, p->t->sub, keep_incident,
					     p));
	}
	return s->n > 0 && *codeset_slot(s, t) != NULL;
}

static void end_route(struct pass *p)
{
	struct route *r = &p->route;
	const char *chain[ROUTE_MAX_LEGS + 1];
	size_t i;
	int rep;

	p->in_route = 0;
	chain[0] = r->origin;
	for (i = 0; i < r->nlegs; i++)
		chain[i + 1] = r->legs[i].to;
	if (r->nlegs == 0 ||
	    strcmp(r->legs[r->nlegs - 1].to, r->destination) != 0) {
		problem_at(p->r, p->route_line, "last_leg", r->destination,
			   p->a);
		return;
	}
	rep = record_chain_repeat(chain, r->nlegs + 1);
	if (rep > 0) {
		problem_at(p->r, p->route_line,
			   strcmp(r->origin, r->destination) == 0 ?
			   "origin_is_destination" : "country_twice",
			   chain[rep], p->a);
		return;
	}
	pii_check(p, p->route_line, r->note);
	p->r->sum.routes_added++;
	if (counts_twice(p))
		p->r->sum.routes_twice += in_draft(p, &p->draft_routes,
						   route_text(p->a, r));
	if (!p->route_ok || !p->apply || p->r->nproblems > 0)
		return;
	if (p->route_batch == NULL)
		p->route_batch = arena_alloc(p->a, SQL_RECORD_GROUP *
					     sizeof(*p->route_batch));
	p->route_batch[p->nroutes++] = *r;
	if (p->nroutes == SQL_RECORD_GROUP)
		flush_records(p);
}

static void on_incident(struct pass *p)
{
	struct incident *r = &p->incident;
	char deg[8];

	r->id = r->row_version = 0;
	r->npersons = 0;
	r->vessel[0] = r->concealment[0] = r->note[0] = r->updated[0] = '\0';
	p->in_incident = 1;
	p->incident_ok = 1;
	p->incident_line = line_of(p);
	p->r->sum.values++;
	take_attr(p, "date", r->occurred_on, sizeof(r->occurred_on));
	take_attr(p, "area", r->area, sizeof(r->area));
	take_attr(p, "lat", r->lat, sizeof(r->lat));
	take_attr(p, "lon", r->lon, sizeof(r->lon));
	take_attr(p, "border", r->border, sizeof(r->border));
	take_attr(p, "transport", r->transport, sizeof(r->transport));
	take_attr(p, "dead", r->dead, sizeof(r->dead));
	take_attr(p, "missing", r->missing, sizeof(r->missing));
	take_attr(p, "smugglers", r->smugglers, sizeof(r->smugglers));
	take_attr(p, "followUp", r->follow_up, sizeof(r->follow_up));
	if (strcmp(r->occurred_on, p->t->starts) < 0 ||
	    strcmp(r->occurred_on, p->t->ends) > 0) {
		problem(p, "date", r->occurred_on);
		p->incident_ok = 0;
	}
	if ((r->lat[0] == '\0') != (r->lon[0] == '\0') ||
	    (r->area[0] == '\0' && r->lat[0] == '\0')) {
		problem(p, "place", "");
		p->incident_ok = 0;
	}
	if (r->lat[0] != '\0' && record_parse_degrees(r->lat, 90, deg) >= 0)
		snprintf(r->lat, sizeof(r->lat), "%s", deg);
	if (r->lon[0] != '\0' && record_parse_degrees(r->lon, 180, deg) >= 0)
		snprintf(r->lon, sizeof(r->lon), "%s", deg);
	p->incident_ok &= check_code(p, "border", r->border);
	p->incident_ok &= check_code(p, "transport", r->transport);
	p->incident_ok &= check_code(p, "followup", r->follow_up);
	pii_check(p, p->incident_line, r->area);
}

static void on_persons(struct pass *p)
{
	struct incident *r = &p->incident;
	struct person_row *row;

	if (!p->in_incident || r->npersons == INCIDENT_MAX_PERSONS)
		return;
	row = &r->persons[r->npersons++];
	take_attr(p, "citizenship", row->citizenship,
		  sizeof(row->citizenship));
	take_attr(p, "count", row->persons, sizeof(row->persons));
	p->incident_ok &= check_code(p, "country", row->citizenship);
}

static void end_incident(struct pass *p)
{
	struct incident *r = &p->incident;

	p->in_incident = 0;
	pii_check(p, p->incident_line, r->vessel);
	pii_check(p, p->incident_line, r->concealment);
	pii_check(p, p->incident_line, r->note);
	p->r->sum.incidents_added++;
	if (counts_twice(p))
		p->r->sum.incidents_twice += in_draft(p, &p->draft_incidents,
						      incident_text(p->a, r));
	if (!p->incident_ok || !p->apply || p->r->nproblems > 0)
		return;
	if (p->incident_batch == NULL)
		p->incident_batch = arena_alloc(p->a, SQL_RECORD_GROUP *
						sizeof(*p->incident_batch));
	p->incident_batch[p->nincidents++] = *r;
	if (p->nincidents == SQL_RECORD_GROUP)
		flush_records(p);
}

static void on_narrative(struct pass *p)
{
	int i;

	p->in_narrative = 1;
	for (i = 0; i < NARR_COUNT; i++) {
		p->narrative.text[i] = arena_alloc(p->a,
						   NARRATIVE_MAX_CHARS * 4 + 1);
		snprintf(p->narrative.share[i], sizeof(p->narrative.share[i]),
			 "secretariat");
	}
}

static void on_narrative_text(struct pass *p, int i)
{
	take_attr(p, "share", p->narrative.share[i],
		  sizeof(p->narrative.share[i]));
	take_text(p, p->narrative.text[i], NARRATIVE_MAX_CHARS * 4 + 1);
	p->narrative_text = i;
	p->r->sum.values++;
}

/* The file's narrative replaces the draft's, unless it is the same (then
 * nothing is written and the summary says "kept"). */
static void end_narrative(struct pass *p)
{
	struct narrative old = { 0 };
	const char *sub = arena_printf(p->a, "%lld", p->t->sub);
	int i, same = 1;

	p->in_narrative = 0;
	if (p->r->nproblems > 0)
		return;
	for (i = 0; i < NARR_COUNT; i++)
		old.text[i] = arena_alloc(p->a, NARRATIVE_MAX_CHARS * 4 + 1);
	if (p->db != NULL)
		db_failed(p, db_narrative_get(p->db, p->t->sub, &old));
	for (i = 0; i < NARR_COUNT && old.row_version > 0; i++)
		same &= strcmp(old.text[i], p->narrative.text[i]) == 0 &&
			strcmp(old.share[i], p->narrative.share[i]) == 0;
	if (old.row_version > 0 && same)
		return;
	p->r->sum.narrative = 1;
	if (!p->apply)
		return;
	p->narrative.row_version = old.row_version;
	db_failed(p, db_narrative_save(p->db, p->t->sub, &p->narrative));
	/* As a narrative save records them (page-narrative.c), so the
	 * narrative page's history shows them too. */
	for (i = 0; i < NARR_COUNT; i++) {
		if (strcmp(old.text[i], p->narrative.text[i]) != 0)
			add_change(p, "narrative", sub, narrative_keys[i],
				   arena_strdup(p->a, old.text[i]),
				   arena_strdup(p->a, p->narrative.text[i]));
		if (strcmp(old.share[i], p->narrative.share[i]) != 0)
			add_change(p, "narrative", sub,
				   arena_printf(p->a, "%s_share",
						narrative_keys[i]),
				   arena_strdup(p->a, old.share[i]),
				   arena_strdup(p->a, p->narrative.share[i]));
	}
}

static const char *const narrative_elements[NARR_COUNT] = {
	"Trends", "ModusOperandi", "LegalChanges"
};

static void on_start(struct pass *p, const char *name)
{
	int i;

	if (is(name, "Cell"))
		on_cell(p);
	else if (is(name, "Row"))
		on_row(p);
	else if (is(name, "Table"))
		on_table(p);
	else if (is(name, "Dataset"))
		on_dataset(p);
	else if (is(name, "Submission"))
		on_submission(p);
	else if (is(name, "Route"))
		on_route(p);
	else if (is(name, "Leg"))
		on_leg(p);
	else if (is(name, "Note") && (p->in_route || p->in_incident))
		take_text(p, p->in_route ? p->route.note : p->incident.note,
			  NOTE_MAX_CHARS * 4 + 1);
	else if (is(name, "Routes"))
		records_replaced(p, 1);
	else if (is(name, "Incidents"))
		records_replaced(p, 0);
	else if (is(name, "Incident"))
		on_incident(p);
	else if (is(name, "Vessel") && p->in_incident)
		take_text(p, p->incident.vessel, sizeof(p->incident.vessel));
	else if (is(name, "Concealment") && p->in_incident)
		take_text(p, p->incident.concealment,
			  sizeof(p->incident.concealment));
	else if (is(name, "Persons"))
		on_persons(p);
	else if (is(name, "Narrative"))
		on_narrative(p);
	else if (p->in_narrative)
		for (i = 0; i < NARR_COUNT; i++)
			if (strcmp(name, narrative_elements[i]) == 0)
				on_narrative_text(p, i);
}

static void on_end(struct pass *p, const char *name)
{
	if (p->text != NULL) {
		if (p->narrative_text >= 0)
			pii_check(p, p->text_line, p->text);
		p->text = NULL;
		p->narrative_text = -1;
		return;
	}
	if (is(name, "Route") && p->in_route)
		end_route(p);
	else if (is(name, "Incident") && p->in_incident)
		end_incident(p);
	else if (is(name, "Narrative") && p->in_narrative)
		end_narrative(p);
	else if (is(name, "Routes") ||
		   is(name, "Incidents"))
		flush_records(p);
}

/* ---- the pass --------------------------------------------------------- */

/* Limits a lexical scan enforces before any parsing, where libxml2 2.9.14
 * is slow: it compares a tag's attributes pairwise (50,000 attributes
 * held a worker for seconds) and validates one huge text slowly. No
 * element of the schema has more than 10 attributes, and the longest text
 * (20,000 characters, each at most 4 bytes or a 6-byte reference) fits in
 * 120 KiB. */
#define PRESCAN_MAX_ATTRIBUTES 32
#define PRESCAN_MAX_TEXT (256 * 1024)
/* xmlTextReader kept comments and processing instructions in memory to
 * the end (a 20 MiB file of comments took 130 MB even in xmllint
 * --stream). The SAX pass drops them, but an exchange file needs few, if
 * any, and a file of little else is no exchange file. */
#define PRESCAN_MAX_COMMENTS 100

/* Refuses, before parsing, what the parser must never see: a DOCTYPE or
 * an entity declaration (the only safe DTD is none), a tag with too many
 * attributes, a text too long for any field. Returns the problem's key
 * and its line in *line, or NULL. */
/* The line of byte at in buf, counted only when a problem needs it. */
static long line_at(const char *buf, size_t at)
{
	long line = 1;
	const char *p = buf, *end = buf + at;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
	}
	return line;
}

static const char *prescan(const char *buf, size_t len, long *line)
{
	const char *why = NULL, *next;
	size_t i = 0;
	int attributes = 0, comments = 0;

	while (i < len && why == NULL) {
		const char *lt = memchr(buf + i, '<', len - i);
		size_t text = (lt ? (size_t)(lt - buf) : len) - i;

		if (text > PRESCAN_MAX_TEXT) {
			why = "text_too_long";
			i += PRESCAN_MAX_TEXT;
			break;
		}
		if (lt == NULL)
			break;
		i = (size_t)(lt - buf);
		if ((len - i >= 9 && memcmp(buf + i, "<!DOCTYPE", 9) == 0) ||
		    (len - i >= 8 && memcmp(buf + i, "<!ENTITY", 8) == 0)) {
			why = "doctype";
			break;
		}
		if (i + 1 < len && (buf[i + 1] == '?' ||
				    (buf[i + 1] == '!' && i + 3 < len &&
				     buf[i + 2] == '-' && buf[i + 3] == '-')) &&
		    ++comments > PRESCAN_MAX_COMMENTS) {
			why = "too_many_comments";
			break;
		}
		i++;
		/* Comments, CDATA and processing instructions are left to
		 * the parser; a start or end tag is scanned to its end. */
		if (i >= len || buf[i] == '!' || buf[i] == '?')
			continue;
		/* A tag ends before the next '<', which no attribute value
		 * may hold: a tag shorter than PRESCAN_MAX_ATTRIBUTES + 1
		 * attributes of four bytes (a="") cannot have too many, and
		 * what follows it is no long text. Most tags are skipped. */
		next = memchr(buf + i, '<', len - i);
		if (next != NULL && (size_t)(next - buf) - i <
		    4 * (PRESCAN_MAX_ATTRIBUTES + 1)) {
			i = (size_t)(next - buf);
			continue;
		}
		for (attributes = 0; i < len && buf[i] != '>'; i++) {
			char c = buf[i];

			if (c == '"' || c == '\'') {
				const char *q = memchr(buf + i + 1, c,
						       len - i - 1);

				i = q ? (size_t)(q - buf) : len;
			} else if (c == '=' &&
				   ++attributes > PRESCAN_MAX_ATTRIBUTES) {
				why = "too_many_attributes";
				break;
			}
		}
	}
	*line = line_at(buf, i < len ? i : len);
	return why;
}

/* libxml2's words, without the namespace in braces and the newline. */
static const char *plain_message(struct arena *a, const char *msg)
{
	static const char ns[] = "{" VRS_NS "}";
	char *out = arena_strdup(a, msg ? msg : ""), *hit;
	size_t n;

	while ((hit = strstr(out, ns)) != NULL)
		memmove(hit, hit + sizeof(ns) - 1,
			strlen(hit + sizeof(ns) - 1) + 1);
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	return out;
}

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
	struct pass *p = ctx;
	const char *key = "malformed";

	if (e == NULL || e->level == XML_ERR_WARNING)
		return;
	if (p->r->nproblems == IMPORT_MAX_PROBLEMS) {
		p->r->more++;		/* counted, not copied */
		return;
	}
	if (e->domain == XML_FROM_SCHEMASV)
		key = "schema";
	else if (e->domain == XML_FROM_I18N ||
		 e->code == XML_ERR_INVALID_CHAR ||
		 e->code == XML_ERR_INVALID_ENCODING ||
		 e->code == XML_ERR_UNKNOWN_ENCODING)
		key = "encoding";
	problem_at(p->r, e->line, key, plain_message(p->a, e->message), p->a);
}

/* ---- the parser's events ------------------------------------------------ */

/* The pass stops reading once it has as many problems as it lists, or
 * the database failed. */
static void stop_if_done(struct pass *p)
{
	if (!p->stopped && (p->r->nproblems == IMPORT_MAX_PROBLEMS ||
			    p->r->db_rc != DB_OK)) {
		p->stopped = 1;
		xmlStopParser(p->parser);
	}
}

static void on_sax_start(void *ctx, const xmlChar *name,
			 const xmlChar *prefix, const xmlChar *uri, int nns,
			 const xmlChar **ns, int nattrs, int ndefaulted,
			 const xmlChar **attrs)
{
	struct pass *p = ctx;

	(void)prefix; (void)nns; (void)ns; (void)ndefaulted;
	if (p->stopped)
		return;
	if (!p->root_seen) {
		p->root_seen = 1;
		if (uri == NULL || strcmp((const char *)uri, VRS_NS) != 0 ||
		    strcmp((const char *)name, "Exchange") != 0) {
			/* Name what is wrong: the element, else its
			 * namespace. */
			int named = strcmp((const char *)name, "Exchange") == 0;

			p->bad_root_line = line_of(p);
			p->bad_root_key = !named ? "root" : uri == NULL ?
					  "no_namespace" : "namespace";
			p->bad_root_found = arena_strdup(p->a, !named ?
				(const char *)name : uri ? (const char *)uri :
				"");
			p->stopped = 1;
			xmlStopParser(p->parser);
			return;
		}
	}
	read_attrs(p, nattrs, attrs);
	on_start(p, (const char *)name);
	stop_if_done(p);
}

static void on_sax_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
		       const xmlChar *uri)
{
	struct pass *p = ctx;

	(void)prefix; (void)uri;
	if (p->stopped)
		return;
	on_end(p, (const char *)name);
	stop_if_done(p);
}

static void on_sax_text(void *ctx, const xmlChar *s, int len)
{
	struct pass *p = ctx;

	if (!p->stopped && len > 0)
		append_text(p, (const char *)s, (size_t)len);
}

/* Where a schema error is: the parser's line. */
static int schema_locate(void *ctx, const char **file, unsigned long *line)
{
	struct pass *p = ctx;

	*file = NULL;
	*line = (unsigned long)line_of(p);
	return 0;
}

/* What the parser reads at once: libxml2 copies each piece, so it never
 * holds a second copy of a 20 MiB upload. */
#define PARSE_CHUNK (64 * 1024)

/* Streams buf through the parser, with the schema validating the same
 * events before they reach the pass (SAX: no tree is built). Returns 0,
 * or -1 if libxml2 could not start. */
static int walk(struct pass *p, const char *buf, size_t len)
{
	xmlSAXHandler sax;
	xmlSAXHandlerPtr chain = &sax;
	void *chain_ctx = p;
	xmlSchemaSAXPlugPtr plug;
	xmlCharEncodingHandlerPtr utf8 = xmlFindCharEncodingHandler("UTF-8");
	size_t first, off, n;
	int wellformed, valid;

	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_sax_start;
	sax.endElementNs = on_sax_end;
	sax.characters = on_sax_text;
	sax.cdataBlock = on_sax_text;
	plug = xmlSchemaSAXPlug(vctxt, &chain, &chain_ctx);
	if (plug == NULL)
		return -1;
	/* The first four bytes at creation, as xmlTextReader does: what
	 * they look like (a UTF-16 mark, say) is then refused as not UTF-8
	 * rather than as an empty document. */
	first = len < 4 ? len : 4;
	p->parser = xmlCreatePushParserCtxt(chain, chain_ctx, buf, (int)first,
					    NULL);
	if (p->parser == NULL) {
		xmlSchemaSAXUnplug(plug);
		return -1;
	}
	/* No network, entities never substituted, no DTD loaded, no "huge"
	 * limits lifted; UTF-8 whatever the file declares (IGNORE_ENC). */
	xmlCtxtUseOptions(p->parser, XML_PARSE_NONET | XML_PARSE_IGNORE_ENC);
	if (utf8 != NULL)
		xmlSwitchToEncoding(p->parser, utf8);
	xmlSchemaValidateSetLocator(vctxt, schema_locate, p);
	for (off = first; off < len && !p->stopped; off += n) {
		n = len - off < PARSE_CHUNK ? len - off : PARSE_CHUNK;
		xmlParseChunk(p->parser, buf + off, (int)n, 0);
	}
	if (!p->stopped)
		xmlParseChunk(p->parser, NULL, 0, 1);
	wellformed = p->parser->wellFormed;
	valid = xmlSchemaIsValid(vctxt) == 1;
	xmlSchemaValidateSetLocator(vctxt, NULL, NULL);
	xmlSchemaSAXUnplug(plug);
	if (p->bad_root_key != NULL) {
		/* The schema's complaint about the root says less. */
		p->r->nproblems = 0;
		p->r->more = 0;
		problem_at(p->r, p->bad_root_line, p->bad_root_key,
			   p->bad_root_found, p->a);
	} else if (!wellformed && p->r->nproblems == 0 && !p->stopped) {
		problem(p, "malformed", "");
	} else if (!valid && p->r->nproblems == 0 && !p->stopped) {
		problem(p, "schema", "");
	}
	xmlFreeParserCtxt(p->parser);
	p->parser = NULL;
	return 0;
}

static int problem_cmp(const void *a, const void *b)
{
	const struct import_problem *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

int import_run(struct db *db, struct arena *a, const struct import_target *t,
	       enum import_mode mode, const char *buf, size_t len, int apply,
	       const struct actor *who, struct import_report *r)
{
	struct pass *p = arena_alloc(a, sizeof(*p));
	unsigned char md[32];
	unsigned int mdlen = 0;
	const char *refused;
	long line = 0;

	memset(r, 0, sizeof(*r));
	r->db_rc = DB_OK;
	EVP_Digest(buf, len, md, &mdlen, EVP_sha256(), NULL);
	hex_encode(md, 32, r->sha256);
	p->db = db;
	p->a = a;
	p->t = t;
	p->mode = mode;
	p->apply = apply & 1;
	p->count_twice = !p->apply || (apply & IMPORT_COUNT_TWICE);
	p->r = r;
	p->narrative_text = -1;
	p->attrs = arena_alloc(a, sizeof(*p->attrs));
	if (len == 0) {
		problem_at(r, 0, "empty", "", a);
		return 1;
	}
	if ((refused = prescan(buf, len, &line)) != NULL) {
		problem_at(r, line, refused, "", a);
		return 1;
	}
	if (schema == NULL || vctxt == NULL || len > (size_t)0x7fffffff)
		return -1;
	if (db == NULL && apply)
		return -1;
	load_draft_cells(p);
	if (db != NULL)
		db_failed(p, db_sd_list(db, t->sub, keep_reason, p));
	if (r->db_rc != DB_OK)
		return -1;
	/* Errors (the parser's and the schema's) come through the
	 * process-wide handler while this pass runs. */
	xmlSetStructuredErrorFunc(p, on_xml_error);
	if (walk(p, buf, len) != 0) {
		xmlSetStructuredErrorFunc(NULL, NULL);
		return -1;
	}
	flush_rows(p);
	flush_cells(p);
	flush_records(p);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (r->db_rc != DB_OK)
		return -1;
	if (r->nproblems == 0 && p->submissions == 0)
		problem_at(r, 0, "one_submission", "", a);
	if (r->nproblems > 0 || r->more > 0) {
		/* In file order: a problem found late can name an early line. */
		qsort(r->problems, r->nproblems, sizeof(*r->problems),
		      problem_cmp);
		return 1;
	}
	count_removed(p);
	if (apply && p->nchanges > 0) {
		char hex[65], detail[600], sum[400];
		long long seq = 0;
		int rc;

		import_summary_text(&r->sum, mode, sum, sizeof(sum));
		history_changes_digest(p->changes, p->nchanges, hex);
		snprintf(detail, sizeof(detail),
			 "file sha256=%s; %s; changes sha256=%s", r->sha256,
			 sum, hex);
		rc = db_history_append_seq(db, who, "import.apply",
					   "submission", t->sub, detail, &seq);
		if (rc == DB_OK)
			rc = db_changes_insert(db, seq, p->changes,
					       p->nchanges);
		db_failed(p, rc);
	}
	return r->db_rc != DB_OK ? -1 : 0;
}

void import_summary_text(const struct import_summary *s, enum import_mode m,
			 char *out, size_t n)
{
	snprintf(out, n, "%s: cells %lld new, %lld changed, %lld same, "
		 "%lld removed; routes +%lld -%lld; incidents +%lld -%lld; "
		 "narrative %s",
		 m == IMPORT_REPLACE ? "replace" : "merge", s->cells_new,
		 s->cells_changed, s->cells_same, s->cells_removed,
		 s->routes_added, s->routes_removed, s->incidents_added,
		 s->incidents_removed, s->narrative ? "replaced" : "kept");
	if (s->nil_set[0] != '\0' || s->nil_cleared[0] != '\0') {
		size_t used = strlen(out);

		snprintf(out + used, n - used, "; nil returns set: %s; "
			 "cleared: %s", s->nil_set[0] ? s->nil_set : "-",
			 s->nil_cleared[0] ? s->nil_cleared : "-");
	}
}

int import_summary_parse(const char *text, struct import_summary *s)
{
	char mode[8], narrative[9];
	const char *nil;

	memset(s, 0, sizeof(*s));
	if (sscanf(text, "%7[a-z]: cells %lld new, %lld changed, %lld same, "
		   "%lld removed; routes +%lld -%lld; incidents +%lld -%lld; "
		   "narrative %8s", mode, &s->cells_new, &s->cells_changed,
		   &s->cells_same, &s->cells_removed, &s->routes_added,
		   &s->routes_removed, &s->incidents_added,
		   &s->incidents_removed, narrative) != 10)
		return -1;
	s->narrative = strcmp(narrative, "replaced") == 0;
	if ((nil = strstr(text, "; nil returns set: ")) != NULL &&
	    sscanf(nil, "; nil returns set: %79[a-z -]; cleared: %79[a-z -]",
		   s->nil_set, s->nil_cleared) == 2) {
		if (strcmp(s->nil_set, "-") == 0)
			s->nil_set[0] = '\0';
		if (strcmp(s->nil_cleared, "-") == 0)
			s->nil_cleared[0] = '\0';
	}
	return 0;
}
