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
/* Keeps the temporary flag: for re-hashing at a higher cost. */
int db_user_set_hash(struct db *db, long long user_id, const char *hash);
/* A new password; temporary (1) when someone other than its owner set it:
 * its owner must then choose another before anything else. DB_NONE if the
 * user does not exist. */
int db_user_set_password(struct db *db, long long user_id, const char *hash,
			 int temporary);

/* Inserts a user; jurisdiction_id 0 means none; temporary as for
 * db_user_set_password. *id receives the id. */
int db_user_insert(struct db *db, const char *username, const char *name,
		   const char *role, long long jurisdiction_id,
		   const char *hash, int temporary, long long *id);
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
 * limit, *idle_seconds to the time since it was last seen, and
 * *ref_gen to the database's reference generation (0 when unknown). */
int db_session_load(struct db *db, struct arena *a,
		    const unsigned char token_hash[32], long idle_min,
		    long absolute_h, struct user *u, int *disabled,
		    int *expired, long long *idle_seconds, long long *ref_gen);
/* prev_csrf_hash (may be NULL): SHA-256 of the form token of the
 * browser's previous, ended session of the same user. */
int db_session_insert(struct db *db, const unsigned char token_hash[32],
		      long long user_id, const unsigned char *prev_csrf_hash);
/* The prev_csrf_hash of the session token_hash; DB_NONE if it has none. */
int db_session_prev_csrf(struct db *db, const unsigned char token_hash[32],
			 unsigned char out[32]);
int db_session_touch(struct db *db, const unsigned char token_hash[32]);
int db_session_delete(struct db *db, const unsigned char token_hash[32]);
/* Deletes the user's sessions except keep (which may be all zeroes). */
int db_session_delete_others(struct db *db, long long user_id,
			     const unsigned char keep[32]);
/* Deletes the sessions that ended more than keep_days ago (an ended one
 * still names its user to keep a form it posts late) and the kept forms
 * past their expiry. */
int db_session_purge(struct db *db, long idle_min, long absolute_h,
		     long keep_days);

/* Kept forms: a data-entry form posted after its session ended, kept for
 * its user for keep_days (one per user and path; the newest replaces an
 * older one). body is urlencoded. Returns DB_OK, DB_NONE when the user
 * already has KEPT_FORMS_MAX kept forms of other pages (nothing kept), or
 * an error. */
#define KEPT_FORMS_MAX 20
int db_kept_save(struct db *db, long long user_id,
		 const unsigned char session_hash[32], const char *path,
		 const char *route, const char *body, long keep_days);
/* Calls fn for each unexpired kept form of user_id, oldest first; the
 * strings are valid during the call only. Returns DB_OK or an error. */
int db_kept_list(struct db *db, long long user_id,
		 void (*fn)(void *ctx, long long id, const char *path,
			    const char *route, const char *created),
		 void *ctx);
/* Loads kept form id if it belongs to user_id and has not expired;
 * *path and *body are arena memory. DB_NONE otherwise; DB_ERROR for a
 * body over max_body bytes. */
int db_kept_get(struct db *db, struct arena *a, long long id,
		long long user_id, size_t max_body, char **path, char **body);
/* Deletes kept form id of user_id; DB_NONE if there was none. */
int db_kept_delete(struct db *db, long long id, long long user_id);

#endif
