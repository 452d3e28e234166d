/* SPDX-License-Identifier: MIT */
/* db-access.c: the access log of pooled views. A view is one autocommitted
 * row, written without the history head's lock; each worker seals its own
 * rows into the hash chain in batches (an "access.seal" entry with the
 * SHA-256 of their canonical form), and vrsadm verify recomputes every
 * seal.
 *
 * Why per writer: auto-increment ids are not committed in id order across
 * connections, so "every row up to id N" is no range a sealer can trust.
 * A worker is single-threaded and numbers its rows itself (writer_seq),
 * each committed before the next is written, so every row of its range is
 * in the database when it seals. Anyone may seal a writer's rows (a worker
 * sweeping up after one that died, or vrsadm): sealers of one writer queue
 * on its access_writers row and start after its last sealed seq, so the
 * seals of a writer are contiguous and never overlap. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "db-access.h"
#include "log.h"

/* Rows per seal: a seal's rows are hashed as they are fetched, so this
 * bounds the transaction, not memory. */
#define SEAL_BATCH 10000
/* Writers one sweep looks at (the statement's LIMIT). */
#define SWEEP_MAX 64

void access_writer_init(struct access_writer *w, long interval)
{
	char host[256] = "";

	memset(w, 0, sizeof(*w));
	w->next_seq = 1;
	w->interval = interval;
	w->last_seal = w->last_sweep = time(NULL);
	if (gethostname(host, sizeof(host) - 1) != 0)
		strcpy(host, "unknown");
	/* The history's actor column holds 80 characters. */
	snprintf(w->name, sizeof(w->name), "worker:%.60s:%ld", host,
		 (long)getpid());
}

long access_grace_seconds(long interval)
{
	return 3 * (interval > 0 ? interval : 1) + 10;
}

/* ---- the canonical form ---------------------------------------------- */

static void put_field(struct access_digest *d, const char *s, int present)
{
	char len[24];
	int n;

	if (d->failed)
		return;
	if (!present) {
		d->failed = EVP_DigestUpdate(d->ctx, "-", 1) != 1;
		return;
	}
	n = snprintf(len, sizeof(len), "%zu:", strlen(s));
	d->failed = EVP_DigestUpdate(d->ctx, len, (size_t)n) != 1 ||
		    EVP_DigestUpdate(d->ctx, s, strlen(s)) != 1;
}

static void put_int(struct access_digest *d, long long v, int present)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", v);
	put_field(d, num, present);
}

int access_digest_init(struct access_digest *d)
{
	d->rows = 0;
	d->ctx = EVP_MD_CTX_new();
	d->failed = d->ctx == NULL ||
		    EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL) != 1;
	return d->failed ? -1 : 0;
}

void access_digest_add(struct access_digest *d, const struct access_row *r)
{
	put_int(d, r->id, 1);
	put_int(d, r->writer_id, 1);
	put_int(d, r->writer_seq, 1);
	put_field(d, r->at, 1);
	put_int(d, r->user_id, 1);
	put_field(d, r->username, 1);
	put_int(d, r->jurisdiction_id, r->has_jurisdiction);
	put_field(d, r->view, 1);
	put_field(d, r->format, 1);
	put_field(d, r->part, 1);
	put_int(d, r->period_id, r->has_period);
	put_field(d, r->periods, 1);
	put_field(d, r->country, 1);
	if (!d->failed)
		d->failed = EVP_DigestUpdate(d->ctx, "\n", 1) != 1;
	d->rows++;
}

int access_digest_final(struct access_digest *d, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int len = 0;
	int k;

	if (!d->failed)
		d->failed = EVP_DigestFinal_ex(d->ctx, md, &len) != 1 ||
			    len != 32;
	EVP_MD_CTX_free(d->ctx);
	d->ctx = NULL;
	if (d->failed)
		memset(md, 0, sizeof(md));
	for (k = 0; k < 32; k++) {
		hex[2 * k] = digits[md[k] >> 4];
		hex[2 * k + 1] = digits[md[k] & 15];
	}
	hex[64] = '\0';
	return d->failed ? -1 : 0;
}

char *access_seal_detail(char *buf, size_t size, long long writer,
			 long long from, long long to, long long rows,
			 const char *hex)
{
	snprintf(buf, size, "writer=%lld seq=%lld-%lld rows=%lld sha256=%s",
		 writer, from, to, rows, hex);
	return buf;
}

/* ---- writing ------------------------------------------------------------ */

static int writer_register(struct db *db, struct access_writer *w)
{
	char host[256] = "";
	unsigned long long id = 0;
	struct db_arg args[2];
	int rc;

	if (gethostname(host, sizeof(host) - 1) != 0)
		strcpy(host, "unknown");
	args[0] = DB_STR(host);
	args[1] = DB_INT(getpid());
	rc = db_exec(db, STMT_ACCESS_WRITER_ADD, args, 2, NULL, &id);
	if (rc == DB_OK) {
		w->id = (long long)id;
		w->next_seq = 1;
		w->unsealed = 0;
	}
	return rc;
}

int db_access_record(struct db *db, struct access_writer *w,
		     const struct access_view *v)
{
	int rc = DB_OK;

	if (w->id == 0)
		rc = writer_register(db, w);
	if (rc == DB_OK) {
		struct db_arg args[] = {
			DB_INT(w->id), DB_INT(w->next_seq), DB_INT(v->user_id),
			DB_STR(v->username),
			v->jurisdiction_id > 0 ? DB_INT(v->jurisdiction_id) :
						 DB_NULLARG,
			DB_STR(v->view), DB_STR(v->format), DB_STR(v->part),
			v->period_id > 0 ? DB_INT(v->period_id) : DB_NULLARG,
			DB_STR(v->periods), DB_STR(v->country)
		};

		/* A failed write leaves a gap: the number is never reused,
		 * so a write whose outcome is unknown cannot collide. */
		w->next_seq++;
		rc = db_exec(db, STMT_ACCESS_INSERT, args, 11, NULL, NULL);
		if (rc == DB_OK)
			w->unsealed++;
	}
	return rc;
}

/* ---- sealing ------------------------------------------------------------ */

/* Feeds the rows of writer with after < writer_seq <= upto (at most limit)
 * to d, in order; *last receives the last one's seq (after when none).
 * Returns DB_OK or an error. */
static int hash_rows(struct db *db, long long writer, long long after,
		     long long upto, long long limit, struct access_digest *d,
		     long long *last)
{
	char at[40], username[257], view[65], format[33], part[65];
	char periods[16004], country[13];
	struct db_arg args[] = { DB_INT(writer), DB_INT(after), DB_INT(upto),
				 DB_INT(limit) };
	struct db_col c[13] = {
		{ .type = DB_T_INT }, { .type = DB_T_INT }, { .type = DB_T_INT },
		STR_COL(at), { .type = DB_T_INT }, STR_COL(username),
		{ .type = DB_T_INT }, STR_COL(view), STR_COL(format),
		STR_COL(part), { .type = DB_T_INT }, STR_COL(periods),
		STR_COL(country),
	};
	struct access_row r = { .at = at, .username = username, .view = view,
				.format = format, .part = part,
				.periods = periods, .country = country };
	int rc = db_query(db, STMT_ACCESS_ROWS, args, 4, c, 13);

	*last = after;
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_ACCESS_ROWS, c, 13)) == DB_OK) {
		r.id = c[0].i;
		r.writer_id = c[1].i;
		r.writer_seq = c[2].i;
		r.user_id = c[4].i;
		r.jurisdiction_id = c[6].i;
		r.has_jurisdiction = !c[6].is_null;
		r.period_id = c[10].i;
		r.has_period = !c[10].is_null;
		access_digest_add(d, &r);
		*last = r.writer_seq;
	}
	db_done(db, STMT_ACCESS_ROWS);
	return rc == DB_NONE ? DB_OK : rc;
}

/* Seals up to SEAL_BATCH rows of writer after its last seal, in one
 * transaction: the writer's row lock, the rows' digest, the chained
 * entry, the seal row. *sealed receives the rows sealed (0: none were
 * waiting). */
static int seal_batch(struct db *db, long long writer,
		      const struct actor *who, long long *sealed)
{
	struct db_arg warg = DB_INT(writer);
	struct db_col top = { .type = DB_T_INT };
	struct access_digest d = { 0 };
	char hex[65], detail[200];
	long long last = 0, seq = 0;
	int rc = db_begin(db);

	*sealed = 0;
	if (rc == DB_OK)
		rc = db_query_one(db, STMT_ACCESS_WRITER_LOCK, &warg, 1,
				  &top, 1);
	if (rc == DB_NONE)
		rc = DB_ERROR;		/* no such writer */
	if (rc == DB_OK && access_digest_init(&d) != 0)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = hash_rows(db, writer, top.i, LLONG_MAX, SEAL_BATCH, &d,
			       &last);
	if (d.ctx != NULL && access_digest_final(&d, hex) != 0 &&
	    rc == DB_OK)
		rc = DB_ERROR;
	if (rc == DB_OK && d.rows == 0) {
		db_rollback(db);
		return DB_OK;
	}
	if (rc == DB_OK) {
		access_seal_detail(detail, sizeof(detail), writer, top.i + 1,
				   last, d.rows, hex);
		rc = db_history_append_seq(db, who, "access.seal", "access",
					   writer, detail, &seq);
	}
	if (rc == DB_OK) {
		struct db_arg args[] = { DB_INT(seq), DB_INT(writer),
					 DB_INT(top.i + 1), DB_INT(last),
					 DB_INT(d.rows), DB_STR(hex) };

		rc = db_exec(db, STMT_ACCESS_SEAL_INSERT, args, 6, NULL, NULL);
	}
	if (rc == DB_OK) {
		struct db_arg args[] = { DB_INT(last), DB_INT(writer) };

		rc = db_exec(db, STMT_ACCESS_WRITER_SEALED, args, 2, NULL,
			     NULL);
	}
	rc = db_end(db, rc);
	if (rc == DB_OK)
		*sealed = d.rows;
	return rc;
}

/* Seals every row of writer waiting now, batch after batch. */
static int seal_writer(struct db *db, long long writer,
		       const struct actor *who, long long *rows)
{
	long long n;
	int rc;

	*rows = 0;
	do {
		rc = seal_batch(db, writer, who, &n);
		*rows += n;
	} while (rc == DB_OK && n == SEAL_BATCH);
	return rc;
}

/* Seals the rows of every writer but except (not stopped) that waited
 * more than grace seconds. */
static int sweep(struct db *db, long long except, long grace,
		 const struct actor *who, long long *rows)
{
	struct db_arg args[] = { DB_INT(except), DB_INT(grace) };
	struct db_col c = { .type = DB_T_INT };
	long long ids[SWEEP_MAX], n;
	size_t count = 0, i;
	int rc = db_query(db, STMT_ACCESS_UNSEALED_WRITERS, args, 2, &c, 1);

	*rows = 0;
	while (rc == DB_OK && count < SWEEP_MAX &&
	       (rc = db_fetch_row(db, STMT_ACCESS_UNSEALED_WRITERS, &c,
				  1)) == DB_OK)
		ids[count++] = c.i;
	db_done(db, STMT_ACCESS_UNSEALED_WRITERS);
	if (rc != DB_NONE && rc != DB_OK)
		return rc;
	for (i = 0, rc = DB_OK; i < count && rc == DB_OK; i++) {
		rc = seal_writer(db, ids[i], who, &n);
		*rows += n;
	}
	return rc;
}

void db_access_tick(struct db *db, struct access_writer *w, int scan)
{
	struct actor who = { 0, w->name };
	time_t now = time(NULL);
	long long n;
	int rc;

	if (db_in_transaction(db))
		return;		/* a leaked transaction is the gate's to end */
	if (w->id > 0 && w->unsealed > 0 &&
	    (w->interval == 0 || now - w->last_seal >= w->interval)) {
		/* A failure waits for the next interval, not the next
		 * request: a database in trouble gets no storm of seals. */
		w->last_seal = now;
		rc = seal_writer(db, w->id, &who, &n);
		if (rc == DB_OK)
			w->unsealed = 0;
		else
			log_msg(NULL, "access log: sealing writer %lld "
				"failed (%d); its rows wait", w->id, rc);
	}
	if (scan ||
	    now - w->last_sweep >= (w->interval > 0 ? w->interval : 1)) {
		w->last_sweep = now;
		rc = sweep(db, w->id, access_grace_seconds(w->interval), &who,
			   &n);
		if (rc != DB_OK)
			log_msg(NULL, "access log: sealing the rows of "
				"stopped workers failed (%d)", rc);
		else if (n > 0)
			log_msg(NULL, "access log: sealed %lld rows of "
				"stopped workers", n);
	}
}

int db_access_stop(struct db *db, struct access_writer *w)
{
	struct actor who = { 0, w->name };
	struct db_arg arg;
	long long n;
	int rc;

	if (w->id == 0)
		return DB_OK;
	db_rollback(db);
	rc = seal_writer(db, w->id, &who, &n);
	arg = DB_INT(w->id);
	if (rc == DB_OK)
		rc = db_exec(db, STMT_ACCESS_WRITER_STOPPED, &arg, 1, NULL,
			     NULL);
	if (rc == DB_OK)
		w->unsealed = 0;
	else
		log_msg(NULL, "access log: sealing writer %lld at stop failed "
			"(%d); another worker or vrsadm access-seal will",
			w->id, rc);
	return rc;
}

int db_access_seal_all(struct db *db, const struct actor *who,
		       long long *rows)
{
	long long n;
	int rc;

	*rows = 0;
	do {
		rc = sweep(db, 0, 0, who, &n);
		*rows += n;
	} while (rc == DB_OK && n > 0);
	return rc;
}

/* ---- verify --------------------------------------------------------------- */

static int bad(struct access_check *c, long long entry, long long writer,
	       long long from, long long to, const char *why)
{
	c->bad_entry = entry;
	c->bad_writer = writer;
	c->bad_from = from;
	c->bad_to = to;
	c->why = why;
	return DB_NONE;
}

int db_access_verify(struct db *db, struct access_check *c)
{
	char sha[65], action[257], detail[HISTORY_DETAIL_MAX + 1];
	char want[200], hex[65];
	struct db_col s[8] = {
		{ .type = DB_T_INT }, { .type = DB_T_INT }, { .type = DB_T_INT },
		{ .type = DB_T_INT }, { .type = DB_T_INT }, STR_COL(sha),
		STR_COL(action), STR_COL(detail),
	};
	struct db_col u[3] = {
		{ .type = DB_T_INT }, STR_COL(c->oldest), { .type = DB_T_INT },
	};
	struct db_col m = { .type = DB_T_INT };
	long long writer = 0, next = 1;
	int rc, result = DB_OK;

	memset(c, 0, sizeof(*c));
	rc = db_query(db, STMT_ACCESS_SEAL_WALK, NULL, 0, s, 8);
	while (rc == DB_OK && result == DB_OK &&
	       (rc = db_fetch_row(db, STMT_ACCESS_SEAL_WALK, s, 8)) == DB_OK) {
		long long entry = s[0].i, w = s[1].i, from = s[2].i;
		long long to = s[3].i, rows = s[4].i, last;
		struct access_digest d;

		if (w != writer) {
			writer = w;
			next = 1;
		}
		access_seal_detail(want, sizeof(want), w, from, to, rows, sha);
		if (strcmp(action, "access.seal") != 0 ||
		    strcmp(detail, want) != 0) {
			result = bad(c, entry, w, from, to,
				     "the seal differs from its history entry");
			break;
		}
		if (from != next) {
			result = bad(c, entry, w, from, to,
				     "the seal does not follow the writer's "
				     "previous one");
			break;
		}
		next = to + 1;
		if (access_digest_init(&d) != 0) {
			access_digest_final(&d, hex);
			rc = DB_ERROR;
			break;
		}
		rc = hash_rows(db, w, from - 1, to, LLONG_MAX, &d, &last);
		if (access_digest_final(&d, hex) != 0 && rc == DB_OK)
			rc = DB_ERROR;
		if (rc != DB_OK)
			break;
		c->want_rows = rows;
		c->found_rows = d.rows;
		if (d.rows != rows)
			result = bad(c, entry, w, from, to, d.rows < rows ?
				     "view rows of the seal were deleted" :
				     "view rows were inserted into the seal's "
				     "range");
		else if (strcmp(hex, sha) != 0)
			result = bad(c, entry, w, from, to,
				     "a view row of the seal was altered");
		else {
			c->seals++;
			c->rows += rows;
		}
	}
	db_done(db, STMT_ACCESS_SEAL_WALK);
	if (rc != DB_OK && rc != DB_NONE)
		return rc;
	if (result != DB_OK)
		return result;
	/* A chained seal whose seal row was removed: its rows would pass
	 * for unsealed ones. */
	rc = db_query_one(db, STMT_ACCESS_SEAL_UNKNOWN, NULL, 0, &m, 1);
	if (rc == DB_OK && !m.is_null)
		return bad(c, m.i, 0, 0, 0,
			   "the seal of this history entry is missing");
	if (rc != DB_OK && rc != DB_NONE)
		return rc;
	rc = db_query_one(db, STMT_ACCESS_UNSEALED, NULL, 0, u, 3);
	if (rc != DB_OK)
		return rc == DB_NONE ? DB_ERROR : rc;
	c->unsealed = u[0].i;
	c->oldest_age = u[2].i;
	return DB_OK;
}
