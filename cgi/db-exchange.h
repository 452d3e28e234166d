/* SPDX-License-Identifier: MIT */
/* db-exchange.h: what the XML exchange reads and writes: the submissions
 * and cells an export holds, the export manifests, the uploads waiting
 * for confirmation, and the bulk clearing a replacing import does.
 * Returns follow enum db_rc. */
#ifndef VRS_DB_EXCHANGE_H
#define VRS_DB_EXCHANGE_H

#include "db.h"

/* One submission version as an export shows it; times are UTC
 * ("2026-07-01T09:30:00Z", "" when not yet). */
struct export_sub {
	long long id;
	char jcode[17], jname[513], period[13], starts[11], ends[11];
	long long version;
	char status[17], level[17];
	char created[21], updated[21], submitted[21], accepted[21];
};

/* The accepted versions (or, any, every current version), ordered by
 * jurisdiction, period and version. */
int db_export_subs(struct db *db, int any,
		   void (*fn)(void *ctx, const struct export_sub *s),
		   void *ctx);
/* An export's manifest as stored. */
struct export_row {
	long long id;
	char created[21], finished[21];
	char actor[81], format[17], filters[2001];
	long long submissions;
	char data_file[256];
	long long bytes;
	char sha256[65], status[17];
	char *versions;			/* the caller's buffer (may be NULL) */
	size_t versions_cap;
};

int db_export_insert(struct db *db, const char *actor, const char *format,
		     const char *filters, const char *versions,
		     long long submissions, const char *data_file,
		     long long *id);
int db_export_set_file(struct db *db, long long id, const char *data_file);
int db_export_finish(struct db *db, long long id, long long bytes,
		     const char *sha256, const char *status);
int db_export_get(struct db *db, long long id, struct export_row *out);
/* The newest 100, newest first (versions not read). */
int db_export_list(struct db *db,
		   void (*fn)(void *ctx, const struct export_row *r),
		   void *ctx);

/* An upload and its outcome. */
/* Room for db_draft_records_state's text. */
#define DRAFT_STATE_SIZE 201

struct import_row {
	long long id;
	char created[21];
	char actor[81];
	long long submission_id;
	char jcode[17], period[13];
	long long version;
	char filename[256];
	long long bytes;
	char sha256[65];
	char mode[9];			/* replace or merge */
	long long base_version;
	char base_records[DRAFT_STATE_SIZE];	/* db_draft_records_state */
	char status[9];			/* refused, checked, applied, dropped */
	long long problems;
	char summary[1001];
	int expired;			/* checked more than a day ago */
};

#define IMPORT_CHUNK_BYTES (1024 * 1024)

int db_import_insert(struct db *db, const struct import_row *r,
		     long long *id);
int db_import_put_chunk(struct db *db, long long id, long long n,
			const char *data, size_t len);
/* Calls fn for each stored chunk, in order. */
int db_import_chunks(struct db *db, long long id,
		     void (*fn)(void *ctx, const char *data, size_t len),
		     void *ctx);
/* The upload id of submission sub, locked until the transaction ends. */
int db_import_get(struct db *db, long long id, long long sub,
		  struct import_row *out);
/* The state of draft sub's routes, incidents and narrative as one text
 * ("routes:max id:versions:incidents:...:narrative version"), into out
 * (size n): any edit, addition or deletion changes it. */
int db_draft_records_state(struct db *db, long long sub, char *out,
			   size_t n);
/* A checked upload checked again: its new base and summary. DB_NONE when
 * it no longer waits. */
int db_import_rebase(struct db *db, long long id, long long base_version,
		     const char *base_records, const char *summary);
/* Ends a checked upload as applied, with what it did, and drops its
 * chunks; DB_NONE when it no longer waited. */
int db_import_applied(struct db *db, long long id, const char *summary);
/* Drops the uploads waiting for draft sub with their files; *n counts
 * them. */
int db_import_drop_waiting(struct db *db, long long sub,
			   unsigned long long *n);
/* Ends a checked upload (applied or dropped) and drops its chunks.
 * DB_NONE when it was not waiting any more. */
int db_import_finish(struct db *db, long long id, const char *status);
/* Drops the checked uploads older than a day with their files; *n
 * counts them. */
int db_import_expire(struct db *db, unsigned long long *n);
/* The newest 100 uploads of all (the secretariat's log), or the newest
 * 20 of one submission (its officers' page). */
int db_import_list(struct db *db,
		   void (*fn)(void *ctx, const struct import_row *r),
		   void *ctx);
int db_import_list_sub(struct db *db, long long sub,
		       void (*fn)(void *ctx, const struct import_row *r),
		       void *ctx);

/* Every code of list with its validity (to "" when open), by code. */
int db_codes_of_list(struct db *db, const char *list,
		     void (*fn)(void *ctx, const char *code,
				const char *label, const char *from,
				const char *to),
		     void *ctx);

/* A replacing import: empties one dataset of sub (cells and rows), or
 * marks every live route (incident) of sub deleted; *n counts them. */
int db_dataset_clear(struct db *db, long long sub, const char *ds);
int db_routes_delete_all(struct db *db, long long sub,
			 unsigned long long *n);
int db_incidents_delete_all(struct db *db, long long sub,
			    unsigned long long *n);

#endif
