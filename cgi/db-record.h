/* SPDX-License-Identifier: MIT */
/* db-record.h: the record types of a submission (routes with legs,
 * incidents with persons, the narrative), with no HTTP or HTML
 * knowledge. Strings are the caller's fixed buffers. */
#ifndef VRS_DB_RECORD_H
#define VRS_DB_RECORD_H

#include "db.h"

#define ROUTE_MAX_LEGS 15
#define INCIDENT_MAX_PERSONS 50
#define NOTE_MAX_CHARS 2000
#define NARRATIVE_MAX_CHARS 20000

struct route_leg {
	char to[17];		/* country code */
	char mode[17];		/* transport code */
};

struct route {
	long long id;
	char origin[17], destination[17];
	char migrants[12];	/* "" when not given */
	char fee_amount[24];	/* decimal text, "" when no fee */
	char fee_currency[17], fee_scope[17];
	char source[17], confidence[17];
	char note[NOTE_MAX_CHARS * 4 + 1];
	long long row_version;
	char updated[20];	/* UTC */
	size_t nlegs;
	/* One more than allowed, so a form with too many legs is shown
	 * back as typed, with its message. */
	struct route_leg legs[ROUTE_MAX_LEGS + 1];
};

struct person_row {
	char citizenship[17];
	char persons[12];
};

struct incident {
	long long id;
	char occurred_on[11];
	char area[801];
	char lat[33], lon[33];	/* "" when not given; as typed until checked */
	char border[17], transport[17];
	char vessel[801], concealment[801];
	char dead[12], missing[12], smugglers[12];
	char follow_up[17];
	char note[NOTE_MAX_CHARS * 4 + 1];
	long long row_version;
	char updated[20];
	size_t npersons;
	struct person_row persons[INCIDENT_MAX_PERSONS];
};

/* The three texts of a narrative, in this order everywhere. */
enum { NARR_TRENDS, NARR_MODUS, NARR_LEGAL, NARR_COUNT };
extern const char *const narrative_keys[NARR_COUNT];

struct narrative {
	char *text[NARR_COUNT];		/* NARRATIVE_MAX_CHARS * 4 + 1 */
	char share[NARR_COUNT][17];	/* "peers" or "secretariat" */
	long long row_version;		/* 0 when none saved yet */
	char updated[20];
};

/* The filter and page of a record list. */
struct record_filter {
	const char *country;	/* "" for any */
	const char *mode;	/* "" for any */
	int ascending;		/* by date */
	long long limit, offset;
};

/* Inside the caller's transaction: locks the submission if it can still
 * be edited (draft or returned, period open) and stamps its updated_at.
 * DB_NONE when it cannot. */
int db_sub_touch_editable(struct db *db, long long sub);
/* The same lock without the stamp, for a reader that writes nothing into
 * the draft. */
int db_sub_lock_editable(struct db *db, long long sub);

/* The number of record id ("route" or "incident") within submission
 * sub, counting from 1 in the order they were made (deleted ones too,
 * so a number never changes): what a person reads instead of the id.
 * DB_OK (n 0 when absent) or DB_ERROR. */
int db_record_number(struct db *db, const char *type, long long sub,
		     long long id, long long *n);

/* Routes. DB_NONE when absent, deleted or of another submission. */
int db_route_get(struct db *db, long long sub, long long id,
		 struct route *out);
int db_route_count(struct db *db, long long sub,
		   const struct record_filter *f, long long *count);
/* One page of the routes f matches, and *total: how many it matches,
 * counted by the same statement (a second one only for a page past the
 * last). The list view fills the legs' to and mode; note is left empty. */
int db_route_list(struct db *db, long long sub, const struct record_filter *f,
		  void (*fn)(void *ctx, const struct route *r), void *ctx,
		  long long *total);
int db_route_insert(struct db *db, long long sub, const struct route *r,
		    long long *id);
/* Inserts the n routes r[0..n-1] (n <= SQL_RECORD_GROUP) with their legs
 * in a few statements; ids receives their ids. The caller must hold the
 * submission's lock (db_sub_touch_editable) for the ids to be right. */
int db_route_insert_many(struct db *db, long long sub,
			 const struct route *r, size_t n, long long *ids);
/* DB_NONE when row_version is no longer r->row_version. */
int db_route_update(struct db *db, long long sub, const struct route *r);
int db_route_delete(struct db *db, long long sub, long long id,
		    long long row_version);
/* All routes of sub, in id order, with their legs and notes. */
int db_route_all(struct db *db, long long sub,
		 void (*fn)(void *ctx, const struct route *r), void *ctx);

/* Incidents, the same way. */
int db_incident_get(struct db *db, long long sub, long long id,
		    struct incident *out);
int db_incident_count(struct db *db, long long sub,
		      const struct record_filter *f, long long *count);
int db_incident_list(struct db *db, long long sub,
		     const struct record_filter *f,
		     void (*fn)(void *ctx, const struct incident *r),
		     void *ctx, long long *total);
int db_incident_insert(struct db *db, long long sub,
		       const struct incident *r, long long *id);
int db_incident_update(struct db *db, long long sub,
		       const struct incident *r);
/* As db_route_insert_many, for incidents and their persons. */
int db_incident_insert_many(struct db *db, long long sub,
			    const struct incident *r, size_t n,
			    long long *ids);
int db_incident_delete(struct db *db, long long sub, long long id,
		       long long row_version);
int db_incident_all(struct db *db, long long sub,
		    void (*fn)(void *ctx, const struct incident *r),
		    void *ctx);

/* The narrative; text buffers are the caller's (see struct narrative).
 * A submission without one gives empty texts and row_version 0. */
int db_narrative_get(struct db *db, long long sub, struct narrative *out);
/* Inserts (row_version 0) or updates; DB_NONE when stale. */
int db_narrative_save(struct db *db, long long sub, const struct narrative *n);

/* How many live routes and incidents sub has. */
int db_record_counts(struct db *db, long long sub, long long *routes,
		     long long *incidents);
/* Copies every live record of from into to (a reopened version). */
int db_record_copy(struct db *db, long long to, long long from);

#endif
