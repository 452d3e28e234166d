/* SPDX-License-Identifier: MIT */
/* db-user.h: typed queries on users and sessions. Return values follow
 * enum db_rc: DB_OK (>0) found/done, DB_NONE (0) not found, <0 error. */
#ifndef VRS_DB_USER_H
#define VRS_DB_USER_H

#include "arena.h"
#include "db.h"
#include "req.h"

/* A user row as the sign-in page needs it. Strings are arena memory. */
struct user_login {
	struct user user;
	int disabled;
	int locked;			/* locked_until is in the future */
	char password_hash[256];
};

int db_user_by_login(struct db *db, struct arena *a, const char *username,
		     struct user_login *out);

/* Records a failed sign-in: restarts the count after window_min minutes,
 * locks for lock_min minutes once attempts failures are reached.
 * *locked_now is set to 1 if the account is locked afterwards. */
int db_user_failed_login(struct db *db, long long user_id, long window_min,
			 long attempts, long lock_min, int *locked_now);
/* Clears the failure count after a good sign-in. Returns DB_NONE if the
 * account was locked or disabled in the meantime. */
int db_user_login_ok(struct db *db, long long user_id);

int db_user_get_hash(struct db *db, long long user_id, char *hash,
		     size_t hashsz);
int db_user_set_hash(struct db *db, long long user_id, const char *hash);

/* Inserts a user; jurisdiction_id 0 means none. *id receives the id. */
int db_user_insert(struct db *db, const char *username, const char *name,
		   const char *role, long long jurisdiction_id,
		   const char *hash, long long *id);
int db_user_id_by_name(struct db *db, const char *username, long long *id);
/* disabled: 1 locks the account by hand, 0 unlocks it (and clears any
 * lock from failed sign-ins). */
int db_user_set_disabled(struct db *db, long long user_id, int disabled);

/* Calls fn once per user of jurisdiction_id (0: every user), ordered by
 * jurisdiction and username, skipping offset users and stopping after
 * limit. */
int db_user_list(struct db *db, struct arena *a, long long jurisdiction_id,
		 long long limit, long long offset,
		 void (*fn)(void *ctx, const struct user_login *u,
			    const char *created),
		 void *ctx);
/* Calls fn for at most limit accounts locked after failed sign-ins (not
 * by hand), ordered by jurisdiction and username; until is the end of
 * the lock (UTC). */
int db_user_locked_list(struct db *db, struct arena *a, long long limit,
			void (*fn)(void *ctx, const struct user_login *u,
				   const char *until),
			void *ctx);

/* Loads the session whose token hash is token_hash into *u. Sets
 * *expired when the session exists but is past the idle or absolute
 * limit, and *idle_seconds to the time since it was last seen. */
int db_session_load(struct db *db, struct arena *a,
		    const unsigned char token_hash[32], long idle_min,
		    long absolute_h, struct user *u, int *disabled,
		    int *expired, long long *idle_seconds);
int db_session_insert(struct db *db, const unsigned char token_hash[32],
		      long long user_id);
int db_session_touch(struct db *db, const unsigned char token_hash[32]);
int db_session_delete(struct db *db, const unsigned char token_hash[32]);
/* Deletes the user's sessions except keep (which may be all zeroes). */
int db_session_delete_others(struct db *db, long long user_id,
			     const unsigned char keep[32]);
int db_session_purge(struct db *db, long idle_min, long absolute_h);

#endif
