/* SPDX-License-Identifier: MIT */
/* db.h: one MariaDB connection per process, a statement cache, transactions. */
#ifndef VRS_DB_H
#define VRS_DB_H

#include <stddef.h>
#include <string.h>

#include "sql.h"

struct config;
struct db;

/* Return codes of the db_* calls. Callers above db-*.c turn
 * DB_UNAVAILABLE into 503 and DB_ERROR into 500. */
enum db_rc {
	DB_ERROR = -2,		/* a query failed: a bug or a constraint */
	DB_UNAVAILABLE = -1,	/* the server is gone and one retry failed */
	DB_NONE = 0,		/* no row */
	DB_OK = 1
};

enum db_type { DB_T_NULL, DB_T_INT, DB_T_STR, DB_T_BLOB };

/* A parameter; s is borrowed for the duration of the call. */
struct db_arg {
	enum db_type type;
	long long i;
	const void *s;
	size_t len;
};

#define DB_NULLARG ((struct db_arg){ .type = DB_T_NULL })
#define DB_INT(v) ((struct db_arg){ .type = DB_T_INT, .i = (long long)(v) })
#define DB_STR(v) ((struct db_arg){ .type = DB_T_STR, .s = (v), \
	.len = strlen(v) })
#define DB_BLOB(v, n) ((struct db_arg){ .type = DB_T_BLOB, .s = (v), \
	.len = (n) })

/* A result column. For strings the caller gives buf/cap; values of cap
 * bytes or more fail the fetch with DB_ERROR (never silently truncated).
 * Strings are NUL-terminated; len excludes the NUL. */
struct db_col {
	enum db_type type;
	long long i;
	char *buf;
	size_t cap;
	unsigned long len;
	char is_null;
};

/* A string column into a char array field (its size is the cap). */
#define STR_COL(field) { .type = DB_T_STR, .buf = (field), \
	.cap = sizeof(field) }

/* Opens a connection described by cfg; admin_defaults, if not NULL, is a
 * MariaDB option file whose [client] section supplies user and password
 * instead (for vrsadm's schema work). Returns NULL after logging why. The
 * struct is long-lived: one per process, freed by db_close. */
struct db *db_open(const struct config *cfg, const char *admin_defaults);
void db_close(struct db *db);

/* A second connection like db's (the same account), for a helper thread;
 * NULL if out of memory. db_thread_begin and db_thread_end bracket the
 * use of any connection on a thread other than the process's first. */
struct db *db_open_another(const struct db *db);
/* 1 while db has a connection (db_open may return one without). */
int db_connected(const struct db *db);

/* The step between the ids of one multi-row INSERT, whose first id the
 * insert returns; 0 when the server does not promise consecutive ids
 * (innodb_autoinc_lock_mode 2), and they must be read back. */
long long db_id_step(struct db *db);
void db_thread_begin(void);
void db_thread_end(void);

/* Runs a statement that returns no rows. affected and insert_id may be
 * NULL. Returns DB_OK, DB_ERROR or DB_UNAVAILABLE. A lost connection is
 * re-opened and the statement retried once, but only outside a
 * transaction. */
int db_exec(struct db *db, enum stmt s, const struct db_arg *args,
	    size_t nargs, unsigned long long *affected,
	    unsigned long long *insert_id);

/* An INSERT of one row and its batch forms (see sql.h). */
struct db_rows {
	enum stmt one, few, many;
};
#define DB_ROWS(s) ((struct db_rows){ s, s##_FEW, s##_BATCH })

/* The largest batch of n rows left: many, few or one. */
size_t db_batch_size(size_t n, size_t many);

/* The parameters one statement may have. */
#define DB_MAX_BIND 1024

/* Writes n rows: SQL_BATCH at a time while a full batch remains, then
 * SQL_FEW, then one by one. fill(ctx, i, args) writes the per_row
 * arguments of row i (per_row * SQL_BATCH at most DB_MAX_BIND). Returns
 * DB_OK or the first error. */
int db_exec_rows(struct db *db, struct db_rows s, size_t per_row, size_t n,
		 void (*fill)(void *ctx, size_t i, struct db_arg *args),
		 void *ctx);

/* Runs a query and binds cols for db_fetch. Returns DB_OK or an error.
 * The caller must call db_done afterwards (also after an error). */
int db_query(struct db *db, enum stmt s, const struct db_arg *args,
	     size_t nargs, struct db_col *cols, size_t ncols);
/* How many rows the result of s holds, between db_query (which stores
 * them all) and db_done: for sizing what they are read into. */
unsigned long long db_result_rows(struct db *db, enum stmt s);
/* Fetches the next row into cols (the same array given to db_query):
 * DB_OK, DB_NONE at the end, or DB_ERROR. */
int db_fetch_row(struct db *db, enum stmt s, struct db_col *cols,
		 size_t ncols);
void db_done(struct db *db, enum stmt s);

/* Convenience: db_query + one db_fetch + db_done. Returns DB_OK with the
 * row in cols, DB_NONE, or an error. */
int db_query_one(struct db *db, enum stmt s, const struct db_arg *args,
		 size_t nargs, struct db_col *cols, size_t ncols);

/* Transactions. db_begin reconnects first if the connection was lost. */
/* Statements sent to the server since the connection object was made
 * (executions, START TRANSACTION, COMMIT, ROLLBACK): the request log
 * prints each request's count as sql=N. */
long long db_round_trips(const struct db *db);
int db_begin(struct db *db);
int db_commit(struct db *db);
/* Ends the open transaction by the outcome of its work: commits when rc
 * is DB_OK, else rolls back. Returns DB_OK, or rc, or the commit's
 * error. Write paths end with rc = db_end(db, rc). */
int db_end(struct db *db, int rc);

/* Rolls back; harmless when no transaction is open. */
void db_rollback(struct db *db);
/* 1 while a transaction is open (or was lost and not yet rolled back). */
int db_in_transaction(const struct db *db);

/* Runs a multi-statement SQL script (migrations only: trusted files
 * from share_dir, never user input). Returns DB_OK or DB_ERROR with the
 * server's message in err. */
int db_run_script(struct db *db, const char *sql, size_t len,
		  char *err, size_t errsz);

/* Prepares every statement of sql.c against the connected schema (the
 * admin-only ones only when with_admin). Returns the number that failed (0 when all prepare), or -1 if the
 * server cannot be reached. *first_bad receives the first failing one. */
int db_check_statements(struct db *db, int with_admin,
			enum stmt *first_bad);

/* The server's last error text, for logs only (never the browser). */
const char *db_last_error(struct db *db);

#endif
