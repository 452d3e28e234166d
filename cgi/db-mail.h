/* SPDX-License-Identifier: MIT */
/* db-mail.h: the mail outbox and users' addresses. Returns follow enum
 * db_rc (DB_OK done, DB_NONE not found, <0 error). */
#ifndef VRS_DB_MAIL_H
#define VRS_DB_MAIL_H

#include "db.h"

/* Sets the user's address; "" removes it. */
int db_user_set_email(struct db *db, long long user_id, const char *email);
/* notify: 1 sends the user notifications, 0 stops them. */
int db_user_set_notify(struct db *db, long long user_id, int notify);
/* The user's address ("" for none, email of size emailsz) and switch. */
int db_user_contact(struct db *db, long long user_id, char *email,
		    size_t emailsz, int *notify);

/* Who gets a message. roles: comma-separated role names; jurisdiction_id
 * 0: any. once_prefix: "" for a message that may go more than once, else
 * the prefix of its per-user once-key (a user who has one is skipped). */
struct mail_audience {
	const char *roles;
	long long jurisdiction_id;
	const char *once_prefix;
};

/* Queues one message for everyone in the audience who has an address,
 * wants notifications and is not locked; *queued (may be NULL) receives
 * how many. Runs inside the caller's transaction. */
int db_mail_queue(struct db *db, const char *kind,
		  const struct mail_audience *to, const char *subject,
		  const char *body, unsigned long long *queued);

/* A jurisdiction to remind about an open period due within days days. */
struct mail_target {
	long long period_id, jurisdiction_id;
	char period[12], due[11], jcode[16], jname[513];
};
/* Calls fn for each open period due within days days and each
 * jurisdiction that has not submitted for it and has users with an
 * address who want notifications (reminded already or not). */
int db_mail_reminder_targets(struct db *db, long days,
			     void (*fn)(void *ctx, const struct mail_target *),
			     void *ctx);

/* A waiting message. Strings are malloc'd; db_mail_free frees them. */
struct mail_row {
	long long id, attempts, created;	/* created: Unix time */
	char *to, *subject, *body;
};
/* Reads up to limit waiting messages whose next attempt is due (all
 * waiting ones when all is 1) into *rows (malloc'd; *n of them). */
int db_mail_waiting(struct db *db, int all, long limit,
		    struct mail_row **rows, size_t *n);
void db_mail_free(struct mail_row *rows, size_t n);
int db_mail_waiting_count(struct db *db, long long *count);

int db_mail_sent(struct db *db, long long id);
/* Counts a failed attempt: the next one after delay seconds. */
int db_mail_retry(struct db *db, long long id, const char *error,
		  long delay);
/* Counts a failed attempt and gives the message up. */
int db_mail_give_up(struct db *db, long long id, const char *error);

/* The sender's lock: DB_OK taken, DB_NONE held by another run. */
int db_mail_lock(struct db *db);
void db_mail_unlock(struct db *db);

#endif
