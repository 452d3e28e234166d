/* SPDX-License-Identifier: MIT */
/* db-history.c: history entries chained by SHA-256, so a rewritten or
 * deleted entry breaks every hash after it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <openssl/evp.h>

#include "db-history.h"
#include "util.h"

/* hash = SHA-256(prev_hash || each field as <length>:<bytes>), so no two
 * different entries can be made to hash the same input. */
static int entry_hash(const unsigned char prev[32], long long seq,
		      const char *at, long long actor_id, const char *actor,
		      const char *action, const char *otype, long long oid,
		      const char *detail, unsigned char out[32])
{
	char num[3][32];
	const char *fields[9];
	unsigned int outlen = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t i;
	int ok;

	if (ctx == NULL)
		return -1;
	snprintf(num[0], sizeof(num[0]), "%lld", seq);
	snprintf(num[1], sizeof(num[1]), "%lld", actor_id);
	snprintf(num[2], sizeof(num[2]), "%lld", oid);
	fields[0] = num[0];
	fields[1] = at;
	fields[2] = num[1];
	fields[3] = actor;
	fields[4] = action;
	fields[5] = otype;
	fields[6] = num[2];
	fields[7] = detail;
	fields[8] = NULL;
	ok = EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) == 1 &&
	     EVP_DigestUpdate(ctx, prev, 32) == 1;
	for (i = 0; ok && fields[i] != NULL; i++) {
		char len[24];
		int n = snprintf(len, sizeof(len), "%zu:", strlen(fields[i]));

		ok = EVP_DigestUpdate(ctx, len, (size_t)n) == 1 &&
		     EVP_DigestUpdate(ctx, fields[i], strlen(fields[i])) == 1;
	}
	ok = ok && EVP_DigestFinal_ex(ctx, out, &outlen) == 1 && outlen == 32;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

int db_history_append(struct db *db, const struct actor *who,
		      const char *action, const char *object_type,
		      long long object_id, const char *detail)
{
	long long seq;

	return db_history_append_seq(db, who, action, object_type, object_id,
				     detail, &seq);
}

int db_history_append_seq(struct db *db, const struct actor *who,
			  const char *action, const char *object_type,
			  long long object_id, const char *detail,
			  long long *seq_out)
{
	unsigned char prev[32], hash[32];
	char *cut = NULL;
	struct db_col head[2] = {
		{ .type = DB_T_BLOB, .buf = (char *)prev, .cap = sizeof(prev) },
		{ .type = DB_T_INT }
	};
	char at[96];
	struct timeval tv;
	struct tm tm;
	long long seq;
	int rc;

	/* Outside a transaction the head lock would serialise nothing. */
	if (!db_in_transaction(db))
		return DB_ERROR;
	/* A detail longer than its column is cut, never refused: the entry
	 * is what matters. */
	if (strlen(detail) > HISTORY_DETAIL_MAX) {
		cut = malloc(HISTORY_DETAIL_MAX + 1);
		if (cut == NULL)
			return DB_ERROR;
		detail = utf8_truncate(cut, detail, HISTORY_DETAIL_MAX);
	}
	rc = db_query_one(db, STMT_HISTORY_HEAD_LOCK, NULL, 0, head, 2);
	if (rc == DB_OK && head[0].len != 32)
		rc = DB_ERROR;
	if (rc != DB_OK) {
		free(cut);
		return rc == DB_NONE ? DB_ERROR : rc;
	}
	seq = head[1].i + 1;
	/* The time is fixed here, not by the server, because it is hashed. */
	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	snprintf(at, sizeof(at), "%04d-%02d-%02d %02d:%02d:%02d.%06ld",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, (long)tv.tv_usec);
	if (entry_hash(prev, seq, at, who->user_id, who->name, action,
		       object_type, object_id, detail, hash) != 0) {
		free(cut);
		return DB_ERROR;
	}
	{
		struct db_arg args[] = {
			DB_INT(seq), DB_STR(at),
			who->user_id > 0 ? DB_INT(who->user_id) : DB_NULLARG,
			DB_STR(who->name), DB_STR(action), DB_STR(object_type),
			object_id > 0 ? DB_INT(object_id) : DB_NULLARG,
			DB_STR(detail), DB_BLOB(prev, 32), DB_BLOB(hash, 32)
		};
		struct db_arg head_args[] = { DB_BLOB(hash, 32), DB_INT(seq) };

		rc = db_exec(db, STMT_HISTORY_INSERT, args, 10, NULL, NULL);
		if (rc == DB_OK)
			rc = db_exec(db, STMT_HISTORY_HEAD_SET, head_args, 2,
				     NULL, NULL);
	}
	free(cut);
	*seq_out = seq;
	return rc;
}

void history_changes_digest(const struct change *c, size_t n, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[32];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t i, k;
	int ok = ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);

	for (i = 0; ok && i < n; i++) {
		const char *f[5] = { c[i].tbl, c[i].row, c[i].col, c[i].was,
				     c[i].now };

		for (k = 0; ok && k < 5; k++)
			ok = EVP_DigestUpdate(ctx, f[k], strlen(f[k]) + 1);
	}
	ok = ok && EVP_DigestFinal_ex(ctx, md, &len) && len == 32;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		memset(md, 0, sizeof(md));	/* verify will then fail */
	for (k = 0; k < 32; k++) {
		hex[2 * k] = digits[md[k] >> 4];
		hex[2 * k + 1] = digits[md[k] & 15];
	}
	hex[64] = '\0';
}

struct changes_rows {
	long long seq;
	const struct change *c;
};

static void fill_change(void *ctx, size_t i, struct db_arg *a)
{
	const struct changes_rows *r = ctx;
	const struct change *x = &r->c[i];

	a[0] = DB_INT(r->seq);
	a[1] = DB_INT(i + 1);
	a[2] = DB_STR(x->tbl);
	a[3] = DB_STR(x->row);
	a[4] = DB_STR(x->col);
	a[5] = DB_STR(x->was);
	a[6] = DB_STR(x->now);
}

int db_changes_insert(struct db *db, long long seq, const struct change *c,
		      size_t n)
{
	struct changes_rows rows = { seq, c };

	return db_exec_rows(db, DB_ROWS(STMT_CHANGE_INSERT), 7, n, fill_change,
			    &rows);
}

int db_changes_for(struct db *db, long long seq,
		   void (*fn)(void *ctx, const struct change *c), void *ctx)
{
	/* Record texts reach NARRATIVE_MAX_CHARS (20,000) characters. */
	static char was[80004], now[80004];
	char tbl[65], row[65], col[161];
	struct db_arg arg = DB_INT(seq);
	struct db_col cols[5] = {
		{ .type = DB_T_STR, .buf = tbl, .cap = sizeof(tbl) },
		{ .type = DB_T_STR, .buf = row, .cap = sizeof(row) },
		{ .type = DB_T_STR, .buf = col, .cap = sizeof(col) },
		{ .type = DB_T_STR, .buf = was, .cap = sizeof(was) },
		{ .type = DB_T_STR, .buf = now, .cap = sizeof(now) },
	};
	struct change c = { tbl, row, col, was, now };
	int rc = db_query(db, STMT_CHANGES_FOR, &arg, 1, cols, 5);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_CHANGES_FOR, cols, 5)) == DB_OK)
		fn(ctx, &c);
	db_done(db, STMT_CHANGES_FOR);
	return rc == DB_NONE ? DB_OK : rc;
}

#define MAX_DIGESTS 1000000

struct collected {
	struct change *items;
	size_t n, cap;
	int failed;
};

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	if (p != NULL)
		memcpy(p, s, n);
	return p;
}

static void collect_change(void *ctx, const struct change *c)
{
	struct collected *k = ctx;

	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 64;
		struct change *p = realloc(k->items, cap * sizeof(*p));

		if (p == NULL) {
			k->failed = 1;
			return;
		}
		k->items = p;
		k->cap = cap;
	}
	k->items[k->n].tbl = dup(c->tbl);
	k->items[k->n].row = dup(c->row);
	k->items[k->n].col = dup(c->col);
	k->items[k->n].was = dup(c->was);
	k->items[k->n].now = dup(c->now);
	k->n++;
}

/* DB_OK if entry seq's stored changes hash to the digest in its detail,
 * DB_NONE if not. */
static int check_digest(struct db *db, long long seq)
{
	struct db_arg arg = DB_INT(seq);
	static char detail[HISTORY_DETAIL_MAX + 1];
	char hex[65], *at;
	struct db_col c = { .type = DB_T_STR, .buf = detail,
			    .cap = sizeof(detail) };
	struct collected k = { 0 };
	size_t i;
	int rc = db_query_one(db, STMT_HISTORY_DETAIL, &arg, 1, &c, 1);

	if (rc != DB_OK)
		return rc == DB_NONE ? DB_ERROR : rc;
	rc = db_changes_for(db, seq, collect_change, &k);
	if (rc == DB_OK && k.failed)
		rc = DB_ERROR;
	if (rc == DB_OK) {
		size_t len = strlen(detail);

		history_changes_digest(k.items, k.n, hex);
		/* The detail ends with "; changes sha256=<64 hex>". */
		at = len >= 64 + 17 ? detail + len - 64 - 17 : NULL;
		rc = at != NULL && strncmp(at, "; changes sha256=", 17) == 0 &&
		     strcmp(at + 17, hex) == 0 ? DB_OK : DB_NONE;
	}
	for (i = 0; i < k.n; i++) {
		free((char *)k.items[i].tbl);
		free((char *)k.items[i].row);
		free((char *)k.items[i].col);
		free((char *)k.items[i].was);
		free((char *)k.items[i].now);
	}
	free(k.items);
	return rc;
}

int db_history_verify(struct db *db, long long *count, long long *bad_seq)
{
	unsigned char expect_prev[32] = { 0 }, prev[32], hash[32], calc[32];
	/* Sized from the schema: 4 bytes a character and the NUL. */
	static char detail[HISTORY_DETAIL_MAX + 1];
	char at[40], actor[321], action[257], otype[129];
	struct db_col c[10] = {
		{ .type = DB_T_INT },
		{ .type = DB_T_STR, .buf = at, .cap = sizeof(at) },
		{ .type = DB_T_INT },
		{ .type = DB_T_STR, .buf = actor, .cap = sizeof(actor) },
		{ .type = DB_T_STR, .buf = action, .cap = sizeof(action) },
		{ .type = DB_T_STR, .buf = otype, .cap = sizeof(otype) },
		{ .type = DB_T_INT },
		{ .type = DB_T_STR, .buf = detail, .cap = sizeof(detail) },
		{ .type = DB_T_BLOB, .buf = (char *)prev, .cap = sizeof(prev) },
		{ .type = DB_T_BLOB, .buf = (char *)hash, .cap = sizeof(hash) },
	};
	long long expect_seq = 1, *want_digest;
	size_t n_digests = 0;
	int rc;

	*count = 0;
	*bad_seq = 0;
	want_digest = malloc(MAX_DIGESTS * sizeof(*want_digest));
	if (want_digest == NULL)
		return DB_ERROR;
	rc = db_query(db, STMT_HISTORY_WALK, NULL, 0, c, 10);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_HISTORY_WALK, c, 10)) == DB_OK) {
		if (c[0].i != expect_seq ||
		    memcmp(prev, expect_prev, 32) != 0 ||
		    entry_hash(prev, c[0].i, at, c[2].i, actor, action, otype,
			       c[6].i, detail, calc) != 0 ||
		    memcmp(calc, hash, 32) != 0) {
			*bad_seq = c[0].i;
			rc = DB_NONE;
			break;
		}
		/* Only a save's own entry carries a digest: text typed into
		 * another entry (a reason, a label) can never pose as one. */
		if (history_action_has_changes(action))
			want_digest[n_digests < MAX_DIGESTS ? n_digests++ :
				    MAX_DIGESTS - 1] = c[0].i;
		memcpy(expect_prev, hash, 32);
		expect_seq++;
		(*count)++;
	}
	db_done(db, STMT_HISTORY_WALK);
	/* The change rows of saves are covered by the digest in their
	 * entry's (hashed) detail: recompute each. */
	if (rc == DB_NONE && *bad_seq == 0) {
		size_t i;

		for (i = 0; i < n_digests; i++) {
			int r2 = check_digest(db, want_digest[i]);

			if (r2 != DB_OK) {
				if (r2 == DB_NONE)
					*bad_seq = want_digest[i];
				free(want_digest);
				return r2;
			}
		}
	}
	free(want_digest);
	if (rc != DB_NONE || *bad_seq != 0)
		return rc;
	/* Entries deleted from the end leave a valid chain behind: the head
	 * row must name the last entry. */
	{
		unsigned char head_hash[32];
		struct db_col h[2] = {
			{ .type = DB_T_BLOB, .buf = (char *)head_hash,
			  .cap = sizeof(head_hash) },
			{ .type = DB_T_INT }
		};

		rc = db_query_one(db, STMT_HISTORY_HEAD, NULL, 0, h, 2);
		if (rc != DB_OK)
			return rc == DB_NONE ? DB_ERROR : rc;
		if (h[1].i != expect_seq - 1 ||
		    memcmp(head_hash, expect_prev, 32) != 0) {
			*bad_seq = expect_seq;
			return DB_NONE;
		}
	}
	return DB_OK;
}

static int history_query(struct db *db, enum stmt st,
			 const struct db_arg *args,
			 void (*fn)(void *ctx, const struct history_entry *e),
			 void *ctx)
{
	static char detail[HISTORY_DETAIL_MAX + 1];
	char at[40], actor[321], action[257];
	struct db_col c[5] = {
		{ .type = DB_T_INT },
		{ .type = DB_T_STR, .buf = at, .cap = sizeof(at) },
		{ .type = DB_T_STR, .buf = actor, .cap = sizeof(actor) },
		{ .type = DB_T_STR, .buf = action, .cap = sizeof(action) },
		{ .type = DB_T_STR, .buf = detail, .cap = sizeof(detail) },
	};
	struct history_entry e = { 0, at, actor, action, detail };
	int rc = db_query(db, st, args, 2, c, 5);

	while (rc == DB_OK && (rc = db_fetch_row(db, st, c, 5)) == DB_OK) {
		e.seq = c[0].i;
		fn(ctx, &e);
	}
	db_done(db, st);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_history_for(struct db *db, const char *object_type,
		   long long object_id,
		   void (*fn)(void *ctx, const struct history_entry *e),
		   void *ctx)
{
	struct db_arg args[] = { DB_STR(object_type), DB_INT(object_id) };

	return history_query(db, STMT_HISTORY_FOR, args, fn, ctx);
}

int db_history_for_record(struct db *db, const char *type, const char *id,
			  void (*fn)(void *ctx, const struct history_entry *e),
			  void *ctx)
{
	struct db_arg args[] = { DB_STR(type), DB_STR(id) };

	return history_query(db, STMT_RECORD_HISTORY, args, fn, ctx);
}

int history_action_has_changes(const char *action)
{
	static const char *const with_changes[] = {
		"cells.save", "route.create", "route.update", "route.delete",
		"incident.create", "incident.update", "incident.delete",
		"narrative.save", "import.apply",
	};
	size_t i;

	for (i = 0; i < sizeof(with_changes) / sizeof(with_changes[0]); i++)
		if (strcmp(action, with_changes[i]) == 0)
			return 1;
	return 0;
}
