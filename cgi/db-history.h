/* SPDX-License-Identifier: MIT */
/* db-history.h: the append-only, hash-chained history of every write. */
#ifndef VRS_DB_HISTORY_H
#define VRS_DB_HISTORY_H

/* The bytes of an entry's detail kept (its TEXT column holds 65,535 bytes):
 * room for every return reason of a submission whole, six of 2,000
 * characters of up to 4 bytes each. */
#define HISTORY_DETAIL_MAX 60000

#include "db.h"

/* Who did it: a web user (user_id > 0, name = username) or a host admin
 * at the command line (user_id 0, name = "cli:<login>"). */
struct actor {
	long long user_id;
	const char *name;
};

/* Appends one entry inside the caller's open transaction, chained to the
 * previous one by SHA-256. The chain head row is locked until the
 * caller's commit, so concurrent writers queue instead of forking the
 * chain. object_id 0 means none. Returns DB_OK, or DB_ERROR when called
 * outside a transaction, or another error. */
int db_history_append(struct db *db, const struct actor *who,
		      const char *action, const char *object_type,
		      long long object_id, const char *detail);

/* Like db_history_append; *seq receives the new entry's number. */
int db_history_append_seq(struct db *db, const struct actor *who,
			  const char *action, const char *object_type,
			  long long object_id, const char *detail,
			  long long *seq);

/* One cell change of a grid save: "5 A" -> "7 E", "blank", "M". */
struct change {
	const char *tbl, *row, *col, *was, *now;
};

/* SHA-256 (hex) over the changes in order: what a save's history entry
 * carries as "changes sha256=<hex>", so the rows are in the chain. */
void history_changes_digest(const struct change *c, size_t n, char hex[65]);

/* Stores the changes under history entry seq (batched). */
int db_changes_insert(struct db *db, long long seq, const struct change *c,
		      size_t n);
/* Calls fn for each change stored under seq, in order. */
int db_changes_for(struct db *db, long long seq,
		   void (*fn)(void *ctx, const struct change *c), void *ctx);

/* Re-computes the whole chain and compares its end with the head row.
 * Returns DB_OK if every link holds, DB_NONE if one does not (*bad_seq
 * names the first bad or missing entry), or an error.
 * *count receives the number of entries checked. */
int db_history_verify(struct db *db, long long *count, long long *bad_seq);

/* One entry as the history pages show it; strings are the callee's
 * buffers, valid during the callback. at is UTC. */
struct history_entry {
	long long seq;
	const char *at;
	const char *actor;
	const char *action;
	const char *detail;
};

/* Calls fn for each entry about object_type/object_id, oldest first. */
int db_history_for(struct db *db, const char *object_type,
		   long long object_id,
		   void (*fn)(void *ctx, const struct history_entry *e),
		   void *ctx);
/* Calls fn for each entry that changed record id of type ("route"). */
int db_history_for_record(struct db *db, const char *type, const char *id,
			  void (*fn)(void *ctx, const struct history_entry *e),
			  void *ctx);
/* 1 for the actions whose entry carries "changes sha256=<hex>" over the
 * change rows stored with it (a grid save, a record write). */
int history_action_has_changes(const char *action);

#endif
