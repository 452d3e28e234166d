/* SPDX-License-Identifier: MIT */
/* db-mail.c: the mail outbox and users' addresses, with no HTTP, HTML or
 * SMTP knowledge. */
#include <stdlib.h>
#include <string.h>

#include "db-mail.h"

int db_user_set_email(struct db *db, long long user_id, const char *email)
{
	struct db_arg args[] = { *email ? DB_STR(email) : DB_NULLARG,
				 DB_INT(user_id) };

	return db_exec(db, STMT_USER_SET_EMAIL, args, 2, NULL, NULL);
}

int db_user_set_notify(struct db *db, long long user_id, int notify)
{
	struct db_arg args[] = { DB_INT(notify ? 1 : 0), DB_INT(user_id) };

	return db_exec(db, STMT_USER_SET_NOTIFY, args, 2, NULL, NULL);
}

int db_user_contact(struct db *db, long long user_id, char *email,
		    size_t emailsz, int *notify)
{
	struct db_arg id = DB_INT(user_id);
	struct db_col c[2] = {
		{ .type = DB_T_STR, .buf = email, .cap = emailsz },
		{ .type = DB_T_INT },
	};
	int rc = db_query_one(db, STMT_USER_CONTACT, &id, 1, c, 2);

	if (rc == DB_OK)
		*notify = (int)c[1].i;
	return rc;
}

int db_mail_queue(struct db *db, const char *kind,
		  const struct mail_audience *to, const char *subject,
		  const char *body, unsigned long long *queued)
{
	struct db_arg args[] = {
		DB_STR(kind), DB_STR(subject), DB_STR(body),
		*to->once_prefix ? DB_STR(to->once_prefix) : DB_NULLARG,
		DB_INT(to->jurisdiction_id), DB_INT(to->jurisdiction_id),
		DB_STR(to->roles),
	};
	unsigned long long n = 0;
	int rc = db_exec(db, STMT_MAIL_QUEUE, args, 7, &n, NULL);

	if (queued != NULL)
		*queued = rc == DB_OK ? n : 0;
	return rc;
}

int db_mail_reminder_targets(struct db *db, long days,
			     void (*fn)(void *ctx, const struct mail_target *),
			     void *ctx)
{
	struct db_arg args[] = { DB_INT(days) };
	struct mail_target t;
	struct db_col c[6] = {
		{ .type = DB_T_INT },
		STR_COL(t.period), STR_COL(t.due),
		{ .type = DB_T_INT },
		STR_COL(t.jcode), STR_COL(t.jname),
	};
	int rc;

	memset(&t, 0, sizeof(t));
	rc = db_query(db, STMT_MAIL_REMINDER_TARGETS, args, 1, c, 6);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_MAIL_REMINDER_TARGETS, c, 6)) ==
	       DB_OK) {
		t.period_id = c[0].i;
		t.jurisdiction_id = c[3].i;
		fn(ctx, &t);
	}
	db_done(db, STMT_MAIL_REMINDER_TARGETS);
	return rc == DB_NONE ? DB_OK : rc;
}

void db_mail_free(struct mail_row *rows, size_t n)
{
	size_t i;

	if (rows == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(rows[i].to);
		free(rows[i].subject);
		free(rows[i].body);
	}
	free(rows);
}

/* Column sizes: the outbox's VARCHAR(254), VARCHAR(400) and TEXT, in
 * bytes of utf8mb4, plus the NUL. */
#define TO_CAP (254 * 4 + 1)
#define SUBJECT_CAP (400 * 4 + 1)
#define BODY_CAP (65535 + 1)

int db_mail_waiting(struct db *db, int all, long limit,
		    struct mail_row **rows, size_t *n)
{
	struct db_arg args[] = { DB_INT(all ? 1 : 0), DB_INT(limit) };
	char *to = malloc(TO_CAP), *subject = malloc(SUBJECT_CAP),
	     *body = malloc(BODY_CAP);
	struct db_col c[6] = {
		{ .type = DB_T_INT },
		{ .type = DB_T_STR, .buf = to, .cap = TO_CAP },
		{ .type = DB_T_STR, .buf = subject, .cap = SUBJECT_CAP },
		{ .type = DB_T_STR, .buf = body, .cap = BODY_CAP },
		{ .type = DB_T_INT }, { .type = DB_T_INT },
	};
	struct mail_row *out = NULL;
	size_t have = 0, cap = 0;
	int rc = DB_ERROR;

	if (to == NULL || subject == NULL || body == NULL)
		goto out;
	rc = db_query(db, STMT_MAIL_WAITING, args, 2, c, 6);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_MAIL_WAITING, c, 6)) == DB_OK) {
		struct mail_row *r;

		if (have == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct mail_row *p = realloc(out, ncap * sizeof(*p));

			if (p == NULL) {
				rc = DB_ERROR;
				break;
			}
			out = p;
			cap = ncap;
		}
		r = &out[have];
		r->id = c[0].i;
		r->attempts = c[4].i;
		r->created = c[5].i;
		r->to = strdup(to);
		r->subject = strdup(subject);
		r->body = strdup(body);
		have++;
		if (r->to == NULL || r->subject == NULL || r->body == NULL) {
			rc = DB_ERROR;
			break;
		}
	}
	db_done(db, STMT_MAIL_WAITING);
	if (rc == DB_NONE)
		rc = DB_OK;
out:
	free(to);
	free(subject);
	free(body);
	if (rc != DB_OK) {
		db_mail_free(out, have);
		out = NULL;
		have = 0;
	}
	*rows = out;
	*n = have;
	return rc;
}

int db_mail_waiting_count(struct db *db, long long *count)
{
	struct db_col c = { .type = DB_T_INT };
	int rc = db_query_one(db, STMT_MAIL_WAITING_COUNT, NULL, 0, &c, 1);

	if (rc == DB_OK)
		*count = c.i;
	return rc;
}

int db_mail_sent(struct db *db, long long id)
{
	struct db_arg arg = DB_INT(id);

	return db_exec(db, STMT_MAIL_SENT, &arg, 1, NULL, NULL);
}

int db_mail_retry(struct db *db, long long id, const char *error,
		  long delay)
{
	struct db_arg args[] = { DB_STR(error), DB_INT(delay), DB_INT(id) };

	return db_exec(db, STMT_MAIL_RETRY, args, 3, NULL, NULL);
}

int db_mail_give_up(struct db *db, long long id, const char *error)
{
	struct db_arg args[] = { DB_STR(error), DB_INT(id) };

	return db_exec(db, STMT_MAIL_GIVE_UP, args, 2, NULL, NULL);
}

int db_mail_lock(struct db *db)
{
	struct db_col c = { .type = DB_T_INT };
	int rc = db_query_one(db, STMT_MAIL_LOCK, NULL, 0, &c, 1);

	if (rc != DB_OK)
		return rc;
	return !c.is_null && c.i == 1 ? DB_OK : DB_NONE;
}

void db_mail_unlock(struct db *db)
{
	struct db_col c = { .type = DB_T_INT };

	db_query_one(db, STMT_MAIL_UNLOCK, NULL, 0, &c, 1);
}
