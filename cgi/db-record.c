/* SPDX-License-Identifier: MIT */
/* db-record.c: routes, incidents and narratives of a submission. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-record.h"

#define INT_COL { .type = DB_T_INT }
/* "" is stored as NULL: a blank is not a zero. */
#define OPT_STR(v) ((v)[0] ? DB_STR(v) : DB_NULLARG)

const char *const narrative_keys[NARR_COUNT] = { "trends", "modus", "legal" };

int db_sub_touch_editable(struct db *db, long long sub)
{
	struct db_arg arg = DB_INT(sub);
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_SUB_TOUCH_EDITABLE, &arg, 1, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_sub_lock_editable(struct db *db, long long sub)
{
	struct db_arg arg = DB_INT(sub);
	struct db_col c = { .type = DB_T_INT };

	return db_query_one(db, STMT_SUB_LOCK_EDITABLE, &arg, 1, &c, 1);
}

/* Splits "A:x B:y" (a GROUP_CONCAT of code:value pairs) into an array
 * of structs of size stride whose first member is a char[17] code and
 * whose member at b_off is a char[bcap]. Returns the number of pairs. */
static size_t split_pairs(const char *s, char *base, size_t stride,
			  size_t b_off, size_t bcap, size_t max)
{
	size_t n = 0;

	while (*s != '\0' && n < max) {
		size_t len = strcspn(s, " "), k = strcspn(s, ":");
		char *item = base + n * stride;

		if (k > len)
			k = len;
		snprintf(item, 17, "%.*s", (int)k, s);
		snprintf(item + b_off, bcap, "%.*s",
			 k < len ? (int)(len - k - 1) : 0, s + k + (k < len));
		n++;
		s += len;
		while (*s == ' ')
			s++;
	}
	return n;
}

/* ---- routes ------------------------------------------------------------ */

#define ROUTE_NCOLS 14

struct route_row {
	struct route *r;
	char legs[ROUTE_MAX_LEGS * 40 + 1];
	struct db_col c[ROUTE_NCOLS];
};

static void route_cols(struct route_row *x)
{
	struct route *r = x->r;
	struct db_col c[ROUTE_NCOLS] = {
		INT_COL, STR_COL(r->origin), STR_COL(r->destination),
		STR_COL(r->migrants), STR_COL(r->fee_amount),
		STR_COL(r->fee_currency), STR_COL(r->fee_scope),
		STR_COL(r->source), STR_COL(r->confidence), STR_COL(r->note),
		INT_COL, STR_COL(r->updated), STR_COL(x->legs), INT_COL,
	};

	memcpy(x->c, c, sizeof(c));
}

static void route_fill(struct route_row *x)
{
	struct route *r = x->r;

	r->id = x->c[0].i;
	r->row_version = x->c[10].i;
	r->nlegs = split_pairs(x->legs, (char *)r->legs, sizeof(r->legs[0]),
			       offsetof(struct route_leg, mode),
			       sizeof(r->legs[0].mode), ROUTE_MAX_LEGS);
}

int db_route_get(struct db *db, long long sub, long long id,
		 struct route *out)
{
	struct db_arg args[] = { DB_INT(id), DB_INT(sub) };
	struct route_row *x = calloc(1, sizeof(*x));
	int rc;

	if (x == NULL)
		return DB_ERROR;
	x->r = out;
	route_cols(x);
	rc = db_query_one(db, STMT_ROUTE_GET, args, 2, x->c, ROUTE_NCOLS);
	if (rc == DB_OK)
		route_fill(x);
	free(x);
	return rc;
}

/* A filter's arguments: each value as typed, then as the padded word
 * (" AFG ") the list columns are searched for; pad holds the words. */
struct filter_pad {
	char country[20], mode[20];
};

static void filter_args(long long sub, const struct record_filter *f,
			struct db_arg *a, size_t *n, struct filter_pad *pad,
			int pad_mode)
{
	size_t i = 0;

	snprintf(pad->country, sizeof(pad->country), " %s ", f->country);
	snprintf(pad->mode, sizeof(pad->mode), " %s ", f->mode);
	a[i++] = DB_INT(sub);
	a[i++] = DB_STR(f->country);
	a[i++] = DB_STR(pad->country);
	a[i++] = DB_STR(f->mode);
	a[i++] = pad_mode ? DB_STR(pad->mode) : DB_STR(f->mode);
	*n = i;
}

static int count_rows(struct db *db, enum stmt st, long long sub,
		      const struct record_filter *f, int routes,
		      long long *count)
{
	struct db_arg a[8];
	struct db_col c = INT_COL;
	struct filter_pad pad;
	size_t n;
	int rc;

	filter_args(sub, f, a, &n, &pad, routes);
	rc = db_query_one(db, st, a, n, &c, 1);
	*count = rc == DB_OK ? c.i : 0;
	return rc == DB_NONE ? DB_OK : rc;
}

int db_route_count(struct db *db, long long sub,
		   const struct record_filter *f, long long *count)
{
	return count_rows(db, STMT_ROUTE_COUNT, sub, f, 1, count);
}

int db_record_number(struct db *db, const char *type, long long sub,
		     long long id, long long *n)
{
	struct db_arg a[2] = { DB_INT(sub), DB_INT(id) };
	struct db_col c = INT_COL;
	int rc = db_query_one(db, strcmp(type, "route") == 0 ?
			      STMT_ROUTE_NUMBER : STMT_INCIDENT_NUMBER, a, 2,
			      &c, 1);

	*n = rc == DB_OK ? c.i : 0;
	return rc == DB_NONE ? DB_OK : rc;
}

/* Runs a route query (args given) and calls fn per row; *total, when
 * not NULL, gets the last column of the first row (0 without rows). */
static int route_rows(struct db *db, enum stmt st, const struct db_arg *a,
		      size_t n, void (*fn)(void *ctx, const struct route *r),
		      void *ctx, long long *total)
{
	struct route_row *x = calloc(1, sizeof(*x));
	struct route *r = calloc(1, sizeof(*r));
	int rc;

	if (x == NULL || r == NULL) {
		free(x);
		free(r);
		return DB_ERROR;
	}
	x->r = r;
	route_cols(x);
	rc = db_query(db, st, a, n, x->c, ROUTE_NCOLS);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, st, x->c, ROUTE_NCOLS)) == DB_OK) {
		route_fill(x);
		if (total != NULL && *total == 0)
			*total = x->c[ROUTE_NCOLS - 1].i;
		fn(ctx, r);
	}
	db_done(db, st);
	free(x);
	free(r);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_route_list(struct db *db, long long sub, const struct record_filter *f,
		  void (*fn)(void *ctx, const struct route *r), void *ctx,
		  long long *total)
{
	struct db_arg a[10];
	struct filter_pad pad;
	size_t n;
	int rc;

	filter_args(sub, f, a, &n, &pad, 1);
	a[n++] = DB_INT(f->limit);
	a[n++] = DB_INT(f->offset);
	*total = 0;
	rc = route_rows(db, f->ascending ? STMT_ROUTE_LIST_ASC :
			STMT_ROUTE_LIST_DESC, a, n, fn, ctx, total);
	/* A page past the last one has no row to carry the count. */
	if (rc == DB_OK && *total == 0 && f->offset > 0)
		rc = db_route_count(db, sub, f, total);
	return rc;
}

int db_route_all(struct db *db, long long sub,
		 void (*fn)(void *ctx, const struct route *r), void *ctx)
{
	struct db_arg a = DB_INT(sub);

	return route_rows(db, STMT_ROUTE_ALL, &a, 1, fn, ctx, NULL);
}

/* One (record id, n, code, value) row of legs or persons. */
struct child_row {
	long long id, n;
	const char *code, *value;
};

static void fill_child(void *ctx, size_t i, struct db_arg *args)
{
	const struct child_row *c = (const struct child_row *)ctx + i;

	args[0] = DB_INT(c->id);
	args[1] = DB_INT(c->n);
	args[2] = DB_STR(c->code);
	args[3] = DB_STR(c->value);
}

/* Replaces the children (legs, persons) of record id with rows[0..n-1]. */
static int children_replace(struct db *db, enum stmt clear,
			    struct db_rows insert, long long id,
			    const struct child_row *rows, size_t n)
{
	struct db_arg arg = DB_INT(id);
	int rc = db_exec(db, clear, &arg, 1, NULL, NULL);

	return rc == DB_OK ? db_exec_rows(db, insert, 4, n, fill_child,
					  (void *)rows) : rc;
}

static int route_legs_write(struct db *db, long long id, const struct route *r)
{
	struct child_row legs[ROUTE_MAX_LEGS];
	size_t i;

	for (i = 0; i < r->nlegs && i < ROUTE_MAX_LEGS; i++)
		legs[i] = (struct child_row){ id, (long long)i + 1,
					      r->legs[i].to, r->legs[i].mode };
	return children_replace(db, STMT_LEGS_CLEAR, DB_ROWS(STMT_LEG_INSERT),
				id, legs, i);
}

/* The list columns of a route, from its legs (see 0006-records.sql). */
struct route_summary {
	char legs[ROUTE_MAX_LEGS * 40 + 1];
	char chain[(ROUTE_MAX_LEGS + 1) * 17 + 2];
	char modes[ROUTE_MAX_LEGS * 17 + 2];
};

static void summarise(const struct route *r, struct route_summary *s)
{
	size_t i, n;

	s->legs[0] = '\0';
	snprintf(s->chain, sizeof(s->chain), " %s ", r->origin);
	snprintf(s->modes, sizeof(s->modes), " ");
	for (i = 0; i < r->nlegs && i < ROUTE_MAX_LEGS; i++) {
		char word[20];

		n = strlen(s->legs);
		snprintf(s->legs + n, sizeof(s->legs) - n, "%s%s:%s",
			 i ? " " : "", r->legs[i].to, r->legs[i].mode);
		n = strlen(s->chain);
		snprintf(s->chain + n, sizeof(s->chain) - n, "%s ",
			 r->legs[i].to);
		snprintf(word, sizeof(word), " %s ", r->legs[i].mode);
		if (strstr(s->modes, word) == NULL) {	/* each mode once */
			n = strlen(s->modes);
			snprintf(s->modes + n, sizeof(s->modes) - n, "%s ",
				 r->legs[i].mode);
		}
	}
}

int db_route_insert(struct db *db, long long sub, const struct route *r,
		    long long *id)
{
	return db_route_insert_many(db, sub, r, 1, id);
}

/* The ids of the n records just inserted by one batch whose first id is
 * first: the submission's records from there on, in id order (the
 * caller holds the submission's lock, so they are all this batch's). */
static int batch_ids(struct db *db, enum stmt s, long long sub,
		     long long first, size_t n, long long *ids)
{
	struct db_arg a[] = { DB_INT(sub), DB_INT(first), DB_INT(n) };
	struct db_col c = { .type = DB_T_INT };
	size_t k = 0;
	int rc = db_query(db, s, a, 3, &c, 1);

	while (rc == DB_OK && k < n && (rc = db_fetch_row(db, s, &c, 1)) ==
	       DB_OK)
		ids[k++] = c.i;
	db_done(db, s);
	return k == n ? DB_OK : rc == DB_OK || rc == DB_NONE ? DB_ERROR : rc;
}

/* How one kind of record goes into the database in batches. */
struct record_kind {
	struct db_rows insert;
	enum stmt ids;
	size_t per_row;		/* arguments of one record */
	/* Writes record i's arguments into args, with what they point to
	 * in slot k (< SQL_RECORD_BATCH) of scratch. */
	void (*fill)(const void *records, size_t i, long long sub,
		     struct db_arg *args, void *scratch, size_t k);
};

/* Inserts records[0..n-1] without their children, SQL_RECORD_BATCH to a
 * statement while a full batch remains, then SQL_FEW, then one by one.
 * ids receives their ids, counted from each batch's first where the
 * server promises consecutive ids, read back where it does not. */
static int records_insert(struct db *db, long long sub,
			  const struct record_kind *kind, const void *records,
			  size_t n, void *scratch, long long *ids)
{
	struct db_arg a[16 * SQL_RECORD_BATCH];
	size_t i = 0, k;
	int rc = DB_OK;

	if (kind->per_row > 16)
		return DB_ERROR;
	while (rc == DB_OK && i < n) {
		size_t rows = db_batch_size(n - i, SQL_RECORD_BATCH);
		unsigned long long first = 0;
		long long step = 1;

		for (k = 0; k < rows; k++)
			kind->fill(records, i + k, sub, a + kind->per_row * k,
				   scratch, k);
		rc = db_exec(db, rows == SQL_RECORD_BATCH ? kind->insert.many :
			     rows == SQL_FEW ? kind->insert.few :
			     kind->insert.one, a, kind->per_row * rows, NULL,
			     &first);
		if (rc != DB_OK)
			break;
		if (rows > 1)
			step = db_id_step(db);
		if (step > 0)
			for (k = 0; k < rows; k++)
				ids[i + k] = (long long)first +
					     step * (long long)k;
		else
			rc = batch_ids(db, kind->ids, sub, (long long)first,
				       rows, ids + i);
		i += rows;
	}
	return rc;
}

static void fill_route(const void *records, size_t i, long long sub,
		       struct db_arg *args, void *scratch, size_t k)
{
	const struct route *x = (const struct route *)records + i;
	struct route_summary *sum = (struct route_summary *)scratch + k;

	summarise(x, sum);
	struct db_arg row[] = {
		DB_INT(sub), DB_STR(x->origin), DB_STR(x->destination),
		OPT_STR(x->migrants), OPT_STR(x->fee_amount),
		OPT_STR(x->fee_currency), OPT_STR(x->fee_scope),
		DB_STR(x->source), DB_STR(x->confidence), DB_STR(x->note),
		DB_STR(sum->legs), DB_STR(sum->chain), DB_STR(sum->modes),
	};

	memcpy(args, row, sizeof(row));
}

static const struct record_kind route_kind = {
	DB_ROWS(STMT_ROUTE_INSERT), STMT_ROUTE_IDS_FROM, 13,
	fill_route
};

int db_route_insert_many(struct db *db, long long sub,
			 const struct route *r, size_t n, long long *ids)
{
	static struct child_row legs[SQL_RECORD_GROUP * ROUTE_MAX_LEGS];
	struct route_summary sum[SQL_RECORD_BATCH];
	size_t i, k, nlegs = 0;
	int rc;

	if (n > SQL_RECORD_GROUP)
		return DB_ERROR;
	rc = records_insert(db, sub, &route_kind, r, n, sum, ids);
	/* All the group's legs together: few single-row leftovers. */
	for (i = 0; rc == DB_OK && i < n; i++)
		for (k = 0; k < r[i].nlegs && k < ROUTE_MAX_LEGS; k++)
			legs[nlegs++] = (struct child_row){
				ids[i], (long long)k + 1, r[i].legs[k].to,
				r[i].legs[k].mode };
	if (rc == DB_OK)
		rc = db_exec_rows(db, DB_ROWS(STMT_LEG_INSERT), 4, nlegs,
				  fill_child, legs);
	return rc;
}

int db_route_update(struct db *db, long long sub, const struct route *r)
{
	struct route_summary sum;
	unsigned long long n = 0;
	int rc;

	summarise(r, &sum);
	struct db_arg a[] = {
		DB_STR(r->origin), DB_STR(r->destination),
		OPT_STR(r->migrants), OPT_STR(r->fee_amount),
		OPT_STR(r->fee_currency), OPT_STR(r->fee_scope),
		DB_STR(r->source), DB_STR(r->confidence), DB_STR(r->note),
		DB_STR(sum.legs), DB_STR(sum.chain), DB_STR(sum.modes),
		DB_INT(r->id), DB_INT(sub), DB_INT(r->row_version),
	};

	rc = db_exec(db, STMT_ROUTE_UPDATE, a, 15, &n, NULL);
	if (rc == DB_OK && n == 0)
		return DB_NONE;
	return rc == DB_OK ? route_legs_write(db, r->id, r) : rc;
}

static int soft_delete(struct db *db, enum stmt st, long long sub,
		       long long id, long long row_version)
{
	struct db_arg a[] = { DB_INT(id), DB_INT(sub), DB_INT(row_version) };
	unsigned long long n = 0;
	int rc = db_exec(db, st, a, 3, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_route_delete(struct db *db, long long sub, long long id,
		    long long row_version)
{
	return soft_delete(db, STMT_ROUTE_DELETE, sub, id, row_version);
}

/* ---- incidents --------------------------------------------------------- */

#define INCIDENT_NCOLS 18

struct incident_row {
	struct incident *r;
	char persons[INCIDENT_MAX_PERSONS * 32 + 1];
	struct db_col c[INCIDENT_NCOLS];
};

static void incident_cols(struct incident_row *x)
{
	struct incident *r = x->r;
	struct db_col c[INCIDENT_NCOLS] = {
		INT_COL, STR_COL(r->occurred_on), STR_COL(r->area),
		STR_COL(r->lat), STR_COL(r->lon), STR_COL(r->border),
		STR_COL(r->transport), STR_COL(r->vessel),
		STR_COL(r->concealment), STR_COL(r->dead),
		STR_COL(r->missing), STR_COL(r->smugglers),
		STR_COL(r->follow_up), STR_COL(r->note), INT_COL,
		STR_COL(r->updated), STR_COL(x->persons), INT_COL,
	};

	memcpy(x->c, c, sizeof(c));
}

static void incident_fill(struct incident_row *x)
{
	struct incident *r = x->r;

	r->id = x->c[0].i;
	r->row_version = x->c[14].i;
	r->npersons = split_pairs(x->persons, (char *)r->persons,
				  sizeof(r->persons[0]),
				  offsetof(struct person_row, persons),
				  sizeof(r->persons[0].persons),
				  INCIDENT_MAX_PERSONS);
}

int db_incident_get(struct db *db, long long sub, long long id,
		    struct incident *out)
{
	struct db_arg args[] = { DB_INT(id), DB_INT(sub) };
	struct incident_row *x = calloc(1, sizeof(*x));
	int rc;

	if (x == NULL)
		return DB_ERROR;
	x->r = out;
	incident_cols(x);
	rc = db_query_one(db, STMT_INCIDENT_GET, args, 2, x->c,
			  INCIDENT_NCOLS);
	if (rc == DB_OK)
		incident_fill(x);
	free(x);
	return rc;
}

int db_incident_count(struct db *db, long long sub,
		      const struct record_filter *f, long long *count)
{
	return count_rows(db, STMT_INCIDENT_COUNT, sub, f, 0, count);
}

/* As route_rows. */
static int incident_rows(struct db *db, enum stmt st, const struct db_arg *a,
			 size_t n,
			 void (*fn)(void *ctx, const struct incident *r),
			 void *ctx, long long *total)
{
	struct incident_row *x = calloc(1, sizeof(*x));
	struct incident *r = calloc(1, sizeof(*r));
	int rc;

	if (x == NULL || r == NULL) {
		free(x);
		free(r);
		return DB_ERROR;
	}
	x->r = r;
	incident_cols(x);
	rc = db_query(db, st, a, n, x->c, INCIDENT_NCOLS);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, st, x->c, INCIDENT_NCOLS)) == DB_OK) {
		incident_fill(x);
		if (total != NULL && *total == 0)
			*total = x->c[INCIDENT_NCOLS - 1].i;
		fn(ctx, r);
	}
	db_done(db, st);
	free(x);
	free(r);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_incident_list(struct db *db, long long sub,
		     const struct record_filter *f,
		     void (*fn)(void *ctx, const struct incident *r),
		     void *ctx, long long *total)
{
	struct db_arg a[10];
	struct filter_pad pad;
	size_t n;
	int rc;

	filter_args(sub, f, a, &n, &pad, 0);
	a[n++] = DB_INT(f->limit);
	a[n++] = DB_INT(f->offset);
	*total = 0;
	rc = incident_rows(db, f->ascending ? STMT_INCIDENT_LIST_ASC :
			   STMT_INCIDENT_LIST_DESC, a, n, fn, ctx, total);
	if (rc == DB_OK && *total == 0 && f->offset > 0)
		rc = db_incident_count(db, sub, f, total);
	return rc;
}

int db_incident_all(struct db *db, long long sub,
		    void (*fn)(void *ctx, const struct incident *r),
		    void *ctx)
{
	struct db_arg a = DB_INT(sub);

	return incident_rows(db, STMT_INCIDENT_ALL, &a, 1, fn, ctx, NULL);
}

static int persons_write(struct db *db, long long id, const struct incident *r)
{
	struct child_row persons[INCIDENT_MAX_PERSONS];
	size_t i;

	for (i = 0; i < r->npersons && i < INCIDENT_MAX_PERSONS; i++)
		persons[i] = (struct child_row){
			id, (long long)i + 1, r->persons[i].citizenship,
			r->persons[i].persons };
	return children_replace(db, STMT_PERSONS_CLEAR,
				DB_ROWS(STMT_PERSON_INSERT), id, persons, i);
}

/* The list columns of an incident, from its persons (0006-records.sql). */
struct persons_summary {
	char text[INCIDENT_MAX_PERSONS * 32 + 1];
	char citizenships[INCIDENT_MAX_PERSONS * 17 + 2];
};

static void persons_summarise(const struct incident *r,
			      struct persons_summary *s)
{
	size_t i, n;

	s->text[0] = '\0';
	snprintf(s->citizenships, sizeof(s->citizenships), " ");
	for (i = 0; i < r->npersons; i++) {
		n = strlen(s->text);
		snprintf(s->text + n, sizeof(s->text) - n, "%s%s:%s",
			 i ? " " : "", r->persons[i].citizenship,
			 r->persons[i].persons);
		n = strlen(s->citizenships);
		snprintf(s->citizenships + n, sizeof(s->citizenships) - n,
			 "%s ", r->persons[i].citizenship);
	}
}

#define INCIDENT_ARGS(r) \
	DB_STR((r)->occurred_on), DB_STR((r)->area), OPT_STR((r)->lat), \
	OPT_STR((r)->lon), DB_STR((r)->border), DB_STR((r)->transport), \
	DB_STR((r)->vessel), DB_STR((r)->concealment), DB_STR((r)->dead), \
	DB_STR((r)->missing), DB_STR((r)->smugglers), \
	DB_STR((r)->follow_up), DB_STR((r)->note)

int db_incident_insert(struct db *db, long long sub,
		       const struct incident *r, long long *id)
{
	return db_incident_insert_many(db, sub, r, 1, id);
}

static void fill_incident(const void *records, size_t i, long long sub,
			  struct db_arg *args, void *scratch, size_t k)
{
	const struct incident *x = (const struct incident *)records + i;
	struct persons_summary *sum = (struct persons_summary *)scratch + k;

	persons_summarise(x, sum);
	struct db_arg row[] = { DB_INT(sub), INCIDENT_ARGS(x),
				DB_STR(sum->text), DB_STR(sum->citizenships) };

	memcpy(args, row, sizeof(row));
}

static const struct record_kind incident_kind = {
	DB_ROWS(STMT_INCIDENT_INSERT), STMT_INCIDENT_IDS_FROM, 16,
	fill_incident
};

int db_incident_insert_many(struct db *db, long long sub,
			    const struct incident *r, size_t n,
			    long long *ids)
{
	static struct child_row persons[SQL_RECORD_GROUP *
					INCIDENT_MAX_PERSONS];
	struct persons_summary sum[SQL_RECORD_BATCH];
	size_t i, k, np = 0;
	int rc;

	if (n > SQL_RECORD_GROUP)
		return DB_ERROR;
	rc = records_insert(db, sub, &incident_kind, r, n, sum, ids);
	for (i = 0; rc == DB_OK && i < n; i++)
		for (k = 0; k < r[i].npersons; k++)
			persons[np++] = (struct child_row){
				ids[i], (long long)k + 1,
				r[i].persons[k].citizenship,
				r[i].persons[k].persons };
	if (rc == DB_OK)
		rc = db_exec_rows(db, DB_ROWS(STMT_PERSON_INSERT), 4, np,
				  fill_child, persons);
	return rc;
}

int db_incident_update(struct db *db, long long sub,
		       const struct incident *r)
{
	struct persons_summary sum;
	unsigned long long n = 0;
	int rc;

	persons_summarise(r, &sum);
	struct db_arg a[] = { INCIDENT_ARGS(r), DB_STR(sum.text),
			      DB_STR(sum.citizenships), DB_INT(r->id),
			      DB_INT(sub), DB_INT(r->row_version) };

	rc = db_exec(db, STMT_INCIDENT_UPDATE, a, 18, &n, NULL);

	if (rc == DB_OK && n == 0)
		return DB_NONE;
	return rc == DB_OK ? persons_write(db, r->id, r) : rc;
}

int db_incident_delete(struct db *db, long long sub, long long id,
		       long long row_version)
{
	return soft_delete(db, STMT_INCIDENT_DELETE, sub, id, row_version);
}

/* ---- narrative --------------------------------------------------------- */

int db_narrative_get(struct db *db, long long sub, struct narrative *out)
{
	struct db_arg arg = DB_INT(sub);
	const size_t cap = NARRATIVE_MAX_CHARS * 4 + 1;
	struct db_col c[8] = {
		{ .type = DB_T_STR, .buf = out->text[0], .cap = cap },
		STR_COL(out->share[0]),
		{ .type = DB_T_STR, .buf = out->text[1], .cap = cap },
		STR_COL(out->share[1]),
		{ .type = DB_T_STR, .buf = out->text[2], .cap = cap },
		STR_COL(out->share[2]),
		INT_COL, STR_COL(out->updated),
	};
	int rc = db_query_one(db, STMT_NARRATIVE_GET, &arg, 1, c, 8);
	size_t i;

	if (rc == DB_NONE) {
		for (i = 0; i < NARR_COUNT; i++) {
			out->text[i][0] = '\0';
			strcpy(out->share[i], "secretariat");
		}
		out->updated[0] = '\0';
		out->row_version = 0;
		return DB_OK;
	}
	if (rc == DB_OK)
		out->row_version = c[6].i;
	return rc;
}

int db_narrative_save(struct db *db, long long sub, const struct narrative *n)
{
	unsigned long long affected = 0;
	int rc;

	if (n->row_version == 0) {
		struct db_arg a[] = {
			DB_INT(sub), DB_STR(n->text[0]), DB_STR(n->share[0]),
			DB_STR(n->text[1]), DB_STR(n->share[1]),
			DB_STR(n->text[2]), DB_STR(n->share[2]),
		};

		rc = db_exec(db, STMT_NARRATIVE_INSERT, a, 7, &affected, NULL);
	} else {
		struct db_arg a[] = {
			DB_STR(n->text[0]), DB_STR(n->share[0]),
			DB_STR(n->text[1]), DB_STR(n->share[1]),
			DB_STR(n->text[2]), DB_STR(n->share[2]),
			DB_INT(sub), DB_INT(n->row_version),
		};

		rc = db_exec(db, STMT_NARRATIVE_UPDATE, a, 8, &affected, NULL);
	}
	return rc == DB_OK && affected == 0 ? DB_NONE : rc;
}

/* ---- the submission as a whole ------------------------------------------ */

int db_record_counts(struct db *db, long long sub, long long *routes,
		     long long *incidents)
{
	struct db_arg a[] = { DB_INT(sub), DB_INT(sub) };
	struct db_col c[2] = { INT_COL, INT_COL };
	int rc = db_query_one(db, STMT_RECORD_COUNTS, a, 2, c, 2);

	*routes = rc == DB_OK ? c[0].i : 0;
	*incidents = rc == DB_OK ? c[1].i : 0;
	return rc;
}

int db_record_copy(struct db *db, long long to, long long from)
{
	static const enum stmt pairs[] = { STMT_ROUTE_COPY, STMT_INCIDENT_COPY,
					   STMT_NARRATIVE_COPY };
	static const enum stmt children[] = { STMT_LEG_COPY,
					      STMT_PERSON_COPY };
	struct db_arg a[] = { DB_INT(to), DB_INT(from) };
	size_t i;
	int rc = DB_OK;

	for (i = 0; rc == DB_OK && i < 3; i++)
		rc = db_exec(db, pairs[i], a, 2, NULL, NULL);
	for (i = 0; rc == DB_OK && i < 2; i++)
		rc = db_exec(db, children[i], a, 1, NULL, NULL);
	return rc;
}
