/* SPDX-License-Identifier: MIT */
/* record-web.h: what the record pages (page-route.c, page-incident.c,
 * page-narrative.c) share: code lists for their selects, the history of
 * a record write, list filters and paging, personal-data warnings. */
#ifndef VRS_RECORD_WEB_H
#define VRS_RECORD_WEB_H

#include "db-record.h"
#include "db-report.h"
#include "grid.h"
#include "req.h"

#define RECORD_PAGE_SIZE 50

/* One field of a record as the history shows it. */
struct field_text {
	const char *name;	/* "origin" */
	const char *value;	/* "" when blank */
};

/* Loads list (codes valid during s's period) into out and, when put,
 * under Codes.<list>.N.code/label for the template. Returns a db_rc. */
int rec_codes(struct req *req, const struct submission *s, const char *list,
	      struct codes *out, int put);

/* One write of a record: what rec_write needs to run it. */
struct rec_write {
	const struct submission *s;
	const char *type;		/* "route": the history's change rows */
	const char *action;		/* "route.update": the history entry */
	const struct field_text *was, *now;	/* n fields, same names */
	size_t n;
	/* Inserts (setting *id), updates or deletes the record: DB_OK, or
	 * DB_NONE when it was changed or deleted meanwhile. */
	int (*write)(struct req *req, void *ctx, long long *id);
	void *ctx;
};

/* Runs w in one transaction: locks the submission if it can still be
 * edited, writes, and appends the history entry with a change row per
 * field that differs. Returns ST_OK (with *stale set when the record
 * moved on: nothing written), ST_CONFLICT when the submission cannot be
 * edited any more, or an error status. */
enum status rec_write(struct req *req, const struct rec_write *w,
		      long long *id, int *stale);

/* Puts n fields as list.N.field and list.N.value (the version saved now,
 * beside a stale form). */
void rec_put_fields(struct req *req, const char *list,
		    const struct field_text *f, size_t n);

/* Puts the entries that changed record id of type under Page.History,
 * each with its changes of this record, read as sentences (history-view.c)
 * with the names of submission s's period. Returns a db_rc. */
int rec_put_history(struct req *req, const struct submission *s,
		    const char *type, long long id);

/* Reads ?country=&mode=&sort=asc&page=N into f (limit and offset of
 * page N) and echoes them under Page.Filter. */
void rec_filter(struct req *req, struct record_filter *f, long long *page);
/* Puts Page.Paging (page, pages, total, prev, next). */
void rec_put_paging(struct req *req, long long total, long long page);

/* For each free-text field that looks like it holds an e-mail address or
 * a passport number, puts Form.<name>.warning; returns how many. */
size_t rec_pii_warnings(struct req *req, const struct field_text *f,
			size_t n);

/* A CSV file built in memory (RFC 4180), then sent as a download. */
struct rec_csv {
	char *buf;
	size_t len, cap;
	int failed;
};
/* Appends one line of n fields, quoted where needed; a text starting
 * with = + - or @ gets a leading ' so no spreadsheet runs it. */
void rec_csv_row(struct rec_csv *c, const char *const *v, size_t n);
/* Sends the file (or 500 when building it failed) and frees it. */
enum status rec_csv_send(struct req *req, struct rec_csv *c,
			 const char *filename);

/* Puts Page.Notice "saved" or "deleted" after a redirect that says so. */
void rec_notice(struct req *req);

/* The record id in req->args[1] ("12"), or 0 when it is not one. */
long long rec_id_arg(const struct req *req);

#endif
