/* SPDX-License-Identifier: MIT */
/* db-access.h: the access log of pooled views, sealed into the history. */
#ifndef VRS_DB_ACCESS_H
#define VRS_DB_ACCESS_H

#include <time.h>

#include "db.h"
#include "db-history.h"

/* One writer of the log: a worker process. Long-lived, one per process
 * (main.c owns it); the id comes from the database at the first view
 * written, so it is unique across the application hosts that share the
 * database. */
struct access_writer {
	long long id;		/* access_writers.id; 0 until the first view */
	long long next_seq;	/* writer_seq of the next row */
	long long unsealed;	/* rows written since the last seal */
	time_t last_seal;	/* when this writer last sealed (or started) */
	time_t last_sweep;	/* when it last sealed stopped workers' rows */
	long interval;		/* seconds between seals (access_seal_seconds) */
	char name[96];		/* "worker:<host>:<pid>", the seals' actor */
};

/* A pooled view served, as the caller knows it; strings are borrowed. */
struct access_view {
	long long user_id;
	const char *username;
	long long jurisdiction_id;	/* the viewer's; 0: the secretariat */
	const char *view;		/* totals, trends, routes, narratives */
	const char *format;		/* html, csv */
	const char *part;		/* dataset key, routes or narrative */
	long long period_id;		/* 0: several (periods lists them) */
	const char *periods;		/* codes, comma-separated */
	const char *country;		/* the country filter; "" none */
};

/* Fills w for this process; interval is access_seal_seconds. */
void access_writer_init(struct access_writer *w, long interval);

/* Writes one row for view v, autocommitted, outside any transaction
 * (it takes no lock another reader waits for). Registers the writer
 * first if it has no id yet. Returns DB_OK, or an error: then the view
 * must not be shown. */
int db_access_record(struct db *db, struct access_writer *w,
		     const struct access_view *v);

/* The periodic work of a worker, between requests: seals the writer's
 * own rows when it has some and its interval has passed (at once when
 * the interval is 0); with scan (an idle worker), or once per interval
 * anyway (a busy one), also seals the rows of other writers left
 * unsealed past the grace time (a worker that died). Errors are logged;
 * they leave the rows for the next try. */
void db_access_tick(struct db *db, struct access_writer *w, int scan);

/* At a graceful stop: seals the writer's rows and marks it stopped.
 * Returns DB_OK or an error (the rows stay for the orphan sweep). */
int db_access_stop(struct db *db, struct access_writer *w);

/* Seals the unsealed rows of every writer not stopped, now, whatever
 * their age (vrsadm access-seal). who is the seals' actor. *rows
 * receives the number of rows sealed. Returns DB_OK or an error. */
int db_access_seal_all(struct db *db, const struct actor *who,
		       long long *rows);

/* Seconds after which another worker seals a writer's unsealed rows. */
long access_grace_seconds(long interval);

/* ---- the canonical form of the rows, and its digest ------------------- */

/* One row of the log as stored; a NULL column has has_<col> 0. */
struct access_row {
	long long id, writer_id, writer_seq;
	const char *at;			/* YYYY-MM-DD HH:MM:SS.ffffff, UTC */
	long long user_id;
	const char *username;
	long long jurisdiction_id;
	int has_jurisdiction;
	const char *view, *format, *part;
	long long period_id;
	int has_period;
	const char *periods, *country;
};

/* SHA-256 over rows in order: each field as "<length>:<bytes>" (a NULL
 * as "-"), each row ended by "\n", so no two different sequences of
 * rows give the same input. */
struct access_digest {
	void *ctx;		/* EVP_MD_CTX */
	long long rows;
	int failed;
};

/* 0, or -1 when OpenSSL fails (the digest is then all zeros). */
int access_digest_init(struct access_digest *d);
void access_digest_add(struct access_digest *d, const struct access_row *r);
/* Writes the lower-case hex digest and frees the context; returns 0 or
 * -1 when anything failed (hex is then 64 zeros, which never verifies). */
int access_digest_final(struct access_digest *d, char hex[65]);

/* The detail of a seal's history entry: the chain holds these facts.
 * Returns buf. */
char *access_seal_detail(char *buf, size_t size, long long writer,
			 long long from, long long to, long long rows,
			 const char *hex);

/* ---- vrsadm verify ---------------------------------------------------- */

struct access_check {
	long long seals;		/* seals checked */
	long long rows;			/* rows they cover */
	long long bad_entry;		/* history seq of the first bad seal */
	long long bad_writer, bad_from, bad_to;
	long long want_rows, found_rows;
	const char *why;		/* what is wrong with it (static) */
	long long unsealed;		/* rows no seal covers */
	char oldest[24];		/* the oldest of them, UTC */
	long long oldest_age;		/* its age in seconds */
};

/* Recomputes every seal from the rows it covers and compares with the
 * seal and its chained entry; counts the rows not sealed yet. Returns
 * DB_OK if every seal holds, DB_NONE if one does not (c says which and
 * why), or an error. Run after db_history_verify: the entries' details
 * are trusted only once the chain holds. */
int db_access_verify(struct db *db, struct access_check *c);

#endif
