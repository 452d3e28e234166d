/* SPDX-License-Identifier: MIT */
/* db-user.c: users and their sessions, with no HTTP or HTML knowledge. */
#include <string.h>

#include "db-user.h"
#include "policy.h"

#define USER_NCOLS 8

/* Binds the eight USER_COLS of sql.c to buffers in the arena. */
static void user_cols(struct arena *a, struct db_col *c)
{
	static const size_t caps[USER_NCOLS] = { 0, 257, 513, 32, 0, 16, 513, 0 };
	size_t i;

	for (i = 0; i < USER_NCOLS; i++) {
		c[i].type = caps[i] ? DB_T_STR : DB_T_INT;
		c[i].cap = caps[i];
		c[i].buf = caps[i] ? arena_alloc(a, caps[i]) : NULL;
	}
}

static void user_fill(const struct db_col *c, struct user *u, int *disabled)
{
	u->id = c[0].i;
	u->username = c[1].buf;
	u->display_name = c[2].buf;
	u->role = role_from_name(c[3].buf);
	u->jurisdiction_id = c[4].i;
	u->jurisdiction_code = c[5].buf;
	u->jurisdiction_name = c[6].buf;
	*disabled = (int)c[7].i;
}

int db_user_by_login(struct db *db, struct arena *a, const char *username,
		     struct user_login *out)
{
	struct db_col c[USER_NCOLS + 3];
	struct db_arg arg = DB_STR(username);
	int rc;

	memset(c, 0, sizeof(c));
	user_cols(a, c);
	c[8] = (struct db_col){ .type = DB_T_STR, .buf = out->password_hash,
				.cap = sizeof(out->password_hash) };
	c[9].type = c[10].type = DB_T_INT;
	rc = db_query_one(db, STMT_USER_BY_LOGIN, &arg, 1, c, 11);
	if (rc != DB_OK)
		return rc;
	user_fill(c, &out->user, &out->disabled);
	out->locked = (int)c[9].i;
	out->user.password_temporary = (int)c[10].i;
	return DB_OK;
}

int db_user_failed_login(struct db *db, long long user_id, long window_min,
			 long attempts, long lock_min, int *locked_now)
{
	struct db_arg args[] = { DB_INT(window_min), DB_INT(attempts),
				 DB_INT(lock_min), DB_INT(user_id) };
	struct db_arg id = DB_INT(user_id);
	struct db_col c[2] = { { .type = DB_T_INT }, { .type = DB_T_INT } };
	int rc;

	rc = db_exec(db, STMT_USER_FAILED_LOGIN, args, 4, NULL, NULL);
	if (rc != DB_OK)
		return rc;
	rc = db_query_one(db, STMT_USER_FAIL_STATE, &id, 1, c, 2);
	if (rc == DB_OK)
		*locked_now = (int)c[1].i;
	return rc;
}

int db_user_login_ok(struct db *db, long long user_id)
{
	struct db_arg id = DB_INT(user_id);
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_USER_LOGIN_OK, &id, 1, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_user_get_hash(struct db *db, long long user_id, char *hash,
		     size_t hashsz)
{
	struct db_arg id = DB_INT(user_id);
	struct db_col c = { .type = DB_T_STR, .buf = hash, .cap = hashsz };

	return db_query_one(db, STMT_USER_GET_HASH, &id, 1, &c, 1);
}

int db_user_set_hash(struct db *db, long long user_id, const char *hash)
{
	struct db_arg args[] = { DB_STR(hash), DB_INT(user_id) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_USER_SET_HASH, args, 2, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_user_set_password(struct db *db, long long user_id, const char *hash,
			 int temporary)
{
	struct db_arg args[] = { DB_STR(hash), DB_INT(temporary != 0),
				 DB_INT(user_id) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_USER_SET_PASSWORD, args, 3, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}

int db_user_insert(struct db *db, const char *username, const char *name,
		   const char *role, long long jurisdiction_id,
		   const char *hash, int temporary, long long *id)
{
	struct db_arg args[] = { DB_STR(username), DB_STR(name), DB_STR(role),
				 jurisdiction_id > 0 ? DB_INT(jurisdiction_id)
						     : DB_NULLARG,
				 DB_STR(hash), DB_INT(temporary != 0) };
	unsigned long long newid = 0;
	int rc = db_exec(db, STMT_USER_INSERT, args, 6, NULL, &newid);

	*id = (long long)newid;
	return rc;
}

int db_user_id_by_name(struct db *db, const char *username, long long *id)
{
	struct db_arg arg = DB_STR(username);
	struct db_col c = { .type = DB_T_INT };
	int rc = db_query_one(db, STMT_USER_ID_BY_NAME, &arg, 1, &c, 1);

	*id = rc == DB_OK ? c.i : 0;
	return rc;
}

int db_user_set_disabled(struct db *db, long long user_id, int disabled)
{
	struct db_arg args[] = { DB_INT(disabled), DB_INT(user_id) };

	return db_exec(db, STMT_USER_SET_DISABLED, args, 2, NULL, NULL);
}

/* Runs stmt, whose rows are USER_COLS, a locked flag and a date, and
 * calls fn for each as a user_login and that date. */
static int user_rows(struct db *db, struct arena *a, enum stmt stmt,
		     const struct db_arg *args, size_t nargs,
		     void (*fn)(void *ctx, const struct user_login *u,
				const char *date),
		     void *ctx)
{
	struct db_col c[USER_NCOLS + 2];
	struct user_login row;
	char date[32];
	int rc;

	memset(c, 0, sizeof(c));
	memset(&row, 0, sizeof(row));
	user_cols(a, c);
	c[8].type = DB_T_INT;
	c[9] = (struct db_col){ .type = DB_T_STR, .buf = date,
				.cap = sizeof(date) };
	rc = db_query(db, stmt, args, nargs, c, 10);
	while (rc == DB_OK && (rc = db_fetch_row(db, stmt, c, 10)) == DB_OK) {
		user_fill(c, &row.user, &row.disabled);
		row.locked = (int)c[8].i;
		fn(ctx, &row, date);
	}
	db_done(db, stmt);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_user_list(struct db *db, struct arena *a, long long jurisdiction_id,
		 long long limit, long long offset,
		 void (*fn)(void *ctx, const struct user_login *u,
			    const char *created),
		 void *ctx)
{
	struct db_arg args[] = { DB_INT(jurisdiction_id),
				 DB_INT(jurisdiction_id), DB_INT(limit),
				 DB_INT(offset) };

	return user_rows(db, a, STMT_USER_LIST, args, 4, fn, ctx);
}

int db_user_locked_list(struct db *db, struct arena *a, long long limit,
			void (*fn)(void *ctx, const struct user_login *u,
				   const char *until),
			void *ctx)
{
	struct db_arg arg = DB_INT(limit);

	return user_rows(db, a, STMT_USER_LOCKED, &arg, 1, fn, ctx);
}

int db_session_load(struct db *db, struct arena *a,
		    const unsigned char token_hash[32], long idle_min,
		    long absolute_h, struct user *u, int *disabled,
		    int *expired, long long *idle_seconds, long long *ref_gen)
{
	struct db_col c[USER_NCOLS + 5];
	struct db_arg args[] = { DB_INT(idle_min), DB_INT(absolute_h),
				 DB_BLOB(token_hash, 32) };
	int rc;

	memset(c, 0, sizeof(c));
	user_cols(a, c);
	c[8].type = c[9].type = c[10].type = c[11].type = c[12].type =
		DB_T_INT;
	rc = db_query_one(db, STMT_SESSION_LOAD, args, 3, c, 13);
	if (rc != DB_OK)
		return rc;
	user_fill(c, u, disabled);
	u->password_temporary = (int)c[11].i;
	*expired = c[8].i != 0 || c[9].i != 0;
	*idle_seconds = c[10].i;
	*ref_gen = c[12].is_null ? 0 : c[12].i;
	return DB_OK;
}

static int by_token(struct db *db, enum stmt s, const unsigned char h[32])
{
	struct db_arg arg = DB_BLOB(h, 32);

	return db_exec(db, s, &arg, 1, NULL, NULL);
}

int db_session_insert(struct db *db, const unsigned char token_hash[32],
		      long long user_id, const unsigned char *prev_csrf_hash)
{
	struct db_arg args[] = { DB_BLOB(token_hash, 32), DB_INT(user_id),
				 prev_csrf_hash ? DB_BLOB(prev_csrf_hash, 32)
						: DB_NULLARG };

	return db_exec(db, STMT_SESSION_INSERT, args, 3, NULL, NULL);
}

int db_session_prev_csrf(struct db *db, const unsigned char token_hash[32],
			 unsigned char out[32])
{
	struct db_arg arg = DB_BLOB(token_hash, 32);
	char buf[32];
	struct db_col c = { .type = DB_T_BLOB, .buf = buf, .cap = sizeof(buf) };
	int rc = db_query_one(db, STMT_SESSION_PREV_CSRF, &arg, 1, &c, 1);

	if (rc == DB_OK && c.len != 32)
		return DB_ERROR;
	if (rc == DB_OK)
		memcpy(out, buf, 32);
	return rc;
}

int db_session_touch(struct db *db, const unsigned char token_hash[32])
{
	return by_token(db, STMT_SESSION_TOUCH, token_hash);
}

int db_session_delete(struct db *db, const unsigned char token_hash[32])
{
	return by_token(db, STMT_SESSION_DELETE, token_hash);
}

int db_session_delete_others(struct db *db, long long user_id,
			     const unsigned char keep[32])
{
	struct db_arg args[] = { DB_INT(user_id), DB_BLOB(keep, 32) };

	return db_exec(db, STMT_SESSION_DELETE_USER, args, 2, NULL, NULL);
}

int db_session_purge(struct db *db, long idle_min, long absolute_h,
		     long keep_days)
{
	struct db_arg args[] = { DB_INT(idle_min), DB_INT(keep_days),
				 DB_INT(absolute_h), DB_INT(keep_days) };
	int rc = db_exec(db, STMT_SESSION_PURGE, args, 4, NULL, NULL);

	if (rc == DB_OK)
		rc = db_exec(db, STMT_KEPT_PURGE, NULL, 0, NULL, NULL);
	return rc;
}

int db_kept_save(struct db *db, long long user_id,
		 const unsigned char session_hash[32], const char *path,
		 const char *route, const char *body, long keep_days)
{
	struct db_arg args[] = { DB_INT(user_id), DB_BLOB(session_hash, 32),
				 DB_STR(path), DB_STR(route), DB_STR(body),
				 DB_INT(keep_days) };
	struct db_arg count_args[] = { DB_INT(user_id), DB_STR(path) };
	struct db_col n = { .type = DB_T_INT };
	int rc = db_query_one(db, STMT_KEPT_COUNT, count_args, 2, &n, 1);

	if (rc != DB_OK)
		return rc;
	if (n.i >= KEPT_FORMS_MAX)
		return DB_NONE;	/* a user's kept forms stay few */
	return db_exec(db, STMT_KEPT_SAVE, args, 6, NULL, NULL);
}

int db_kept_list(struct db *db, long long user_id,
		 void (*fn)(void *ctx, long long id, const char *path,
			    const char *route, const char *created),
		 void *ctx)
{
	struct db_arg arg = DB_INT(user_id);
	char path[256], route[65], created[32];
	struct db_col c[4] = { { .type = DB_T_INT }, STR_COL(path),
			       STR_COL(route), STR_COL(created) };
	int rc = db_query(db, STMT_KEPT_LIST, &arg, 1, c, 4);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_KEPT_LIST, c, 4)) == DB_OK)
		fn(ctx, c[0].i, path, route, created);
	db_done(db, STMT_KEPT_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_kept_get(struct db *db, struct arena *a, long long id,
		long long user_id, size_t max_body, char **path, char **body)
{
	struct db_arg args[] = { DB_INT(id), DB_INT(user_id) };
	struct db_col c[2] = {
		{ .type = DB_T_STR, .buf = arena_alloc(a, 256), .cap = 256 },
		{ .type = DB_T_STR, .buf = arena_alloc(a, max_body + 1),
		  .cap = max_body + 1 },
	};
	int rc = db_query_one(db, STMT_KEPT_GET, args, 2, c, 2);

	if (rc == DB_OK) {
		*path = c[0].buf;
		*body = c[1].buf;
	}
	return rc;
}

int db_kept_delete(struct db *db, long long id, long long user_id)
{
	struct db_arg args[] = { DB_INT(id), DB_INT(user_id) };
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_KEPT_DELETE, args, 2, &n, NULL);

	return rc == DB_OK && n == 0 ? DB_NONE : rc;
}
