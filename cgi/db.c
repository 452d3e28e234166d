/* SPDX-License-Identifier: MIT */
/* db.c: the MariaDB connection, its prepared-statement cache, and the
 * reconnect-once rule for a server that went away. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>
#include <errmsg.h>

#include "config.h"
#include "db.h"
#include "log.h"

/* Enough for the batch statements (32 rows of up to 7 values). */

/* Long-lived: created by db_open in main (or vrsadm), one per process. */
/* The columns one query may return. */
#define MAX_COLS 64

struct db {
	MYSQL *conn;
	MYSQL_STMT *stmts[STMT__MAX];	/* prepared lazily, per connection */
	const struct config *cfg;
	char admin_defaults[256];
	int in_txn;
	long long id_step;		/* see db_id_step; 0: not asked yet */
	long long round_trips;		/* statements sent; see db_round_trips */
	char err[512];
	/* A statement's parameters as bound, and db_exec_rows's rows. */
	MYSQL_BIND bind[DB_MAX_BIND];
	unsigned long lens[DB_MAX_BIND];
	struct db_arg args[DB_MAX_BIND];
};

static int is_lost(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	       e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR;
}

/* Statements belong to a connection: drop them all with it. */
static void disconnect(struct db *db)
{
	size_t i;

	for (i = 0; i < STMT__MAX; i++)
		if (db->stmts[i] != NULL) {
			mysql_stmt_close(db->stmts[i]);
			db->stmts[i] = NULL;
		}
	if (db->conn != NULL)
		mysql_close(db->conn);
	db->conn = NULL;
	db->in_txn = 0;
	db->id_step = 0;
}

static int connect_db(struct db *db)
{
	const struct config *cfg = db->cfg;
	unsigned int timeout = 5, io_timeout = 60;
	const char *user = cfg->db_user, *pass = cfg->db_password;
	const char *host = cfg->db_host, *sock = NULL;
	MYSQL *c;

	c = mysql_init(NULL);
	if (c == NULL)
		return -1;
	mysql_optionsv(c, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* The charset option alone leaves utf8mb4_general_ci (measured), and
	 * every timestamp we write or compare is UTC. */
	mysql_optionsv(c, MYSQL_INIT_COMMAND,
		       "SET collation_connection = utf8mb4_unicode_ci, "
		       "time_zone = '+00:00', "
		       "sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE,"
		       "NO_ENGINE_SUBSTITUTION,ERROR_FOR_DIVISION_BY_ZERO'");
	mysql_optionsv(c, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	/* A hung server must not pin a worker for ever. */
	mysql_optionsv(c, MYSQL_OPT_READ_TIMEOUT, &io_timeout);
	mysql_optionsv(c, MYSQL_OPT_WRITE_TIMEOUT, &io_timeout);
	if (cfg->db_socket[0] != '\0') {
		host = "localhost";
		sock = cfg->db_socket;
	}
	if (db->admin_defaults[0] != '\0') {
		/* The option file names the account (and often the socket). */
		mysql_optionsv(c, MYSQL_READ_DEFAULT_FILE, db->admin_defaults);
		mysql_optionsv(c, MYSQL_READ_DEFAULT_GROUP, "client");
		user = NULL;
		pass = NULL;
	}
	if (mysql_real_connect(c, host, user, pass, cfg->db_name,
			       (unsigned)cfg->db_port, sock,
			       /* affected rows = rows matched, so "no row"
				* means no row, not "no change" */
			       CLIENT_MULTI_RESULTS | CLIENT_FOUND_ROWS) == NULL) {
		snprintf(db->err, sizeof(db->err), "connect: %u %s",
			 mysql_errno(c), mysql_error(c));
		log_msg(NULL, "db: %s", db->err);
		mysql_close(c);
		return -1;
	}
	db->conn = c;
	return 0;
}

struct db *db_open(const struct config *cfg, const char *admin_defaults)
{
	struct db *db = calloc(1, sizeof(*db));

	if (db == NULL)
		return NULL;
	db->cfg = cfg;
	if (admin_defaults != NULL)
		snprintf(db->admin_defaults, sizeof(db->admin_defaults), "%s",
			 admin_defaults);
	/* Failing here is not fatal for the web program: the first request
	 * tries again and answers 503 meanwhile. */
	connect_db(db);
	return db;
}

void db_close(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	free(db);
}

long long db_id_step(struct db *db)
{
	struct db_col c[2] = { { .type = DB_T_INT }, { .type = DB_T_INT } };

	if (db->id_step == 0)
		db->id_step = db_query_one(db, STMT_AUTOINC_MODE, NULL, 0, c,
					   2) == DB_OK && c[0].i <= 1 &&
			      c[1].i >= 1 ? c[1].i : -1;
	return db->id_step > 0 ? db->id_step : 0;
}

struct db *db_open_another(const struct db *db)
{
	return db_open(db->cfg, db->admin_defaults[0] != '\0' ?
			       db->admin_defaults : NULL);
}

int db_connected(const struct db *db)
{
	return db != NULL && db->conn != NULL;
}

void db_thread_begin(void)
{
	mysql_thread_init();
}

void db_thread_end(void)
{
	mysql_thread_end();
}

const char *db_last_error(struct db *db)
{
	return db->err;
}

static void note_error(struct db *db, enum stmt s, unsigned int e,
		       const char *msg)
{
	snprintf(db->err, sizeof(db->err), "stmt %d: %u %s", (int)s, e, msg);
	log_msg(NULL, "db: %s", db->err);
}

static MYSQL_STMT *prepared(struct db *db, enum stmt s, unsigned int *e)
{
	MYSQL_STMT *st = db->stmts[s];
	const char *text = sql_text(s);

	*e = 0;
	if (st != NULL)
		return st;
	st = mysql_stmt_init(db->conn);
	if (st == NULL) {
		*e = mysql_errno(db->conn);
		return NULL;
	}
	if (mysql_stmt_prepare(st, text, strlen(text)) != 0) {
		*e = mysql_stmt_errno(st);
		note_error(db, s, *e, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return NULL;
	}
	db->stmts[s] = st;
	return st;
}

int db_in_transaction(const struct db *db)
{
	return db->in_txn;
}

int db_check_statements(struct db *db, int with_admin,
			enum stmt *first_bad)
{
	unsigned int e;
	int bad = 0;
	size_t i;

	if (db->conn == NULL && connect_db(db) != 0)
		return -1;
	for (i = 0; i < STMT__MAX; i++)
		if ((with_admin || !sql_admin_only((enum stmt)i)) &&
		    prepared(db, (enum stmt)i, &e) == NULL) {
			if (bad++ == 0)
				*first_bad = (enum stmt)i;
		}
	return bad;
}

static void bind_args(MYSQL_BIND *b, unsigned long *lens,
		      const struct db_arg *args, size_t n)
{
	size_t i;

	memset(b, 0, sizeof(*b) * n);
	for (i = 0; i < n; i++) {
		switch (args[i].type) {
		case DB_T_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DB_T_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].i;
			break;
		case DB_T_STR:
		case DB_T_BLOB:
			b[i].buffer_type = args[i].type == DB_T_STR ?
				MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)args[i].s;
			lens[i] = (unsigned long)args[i].len;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		}
	}
}

/* Prepares (if needed), binds and executes s, reconnecting once when the
 * server went away outside a transaction. */
static int execute(struct db *db, enum stmt s, const struct db_arg *args,
		   size_t nargs, MYSQL_STMT **out)
{
	MYSQL_BIND *b = db->bind;
	unsigned long *lens = db->lens;
	unsigned int e = 0;
	int attempt;

	if ((unsigned)s >= STMT__MAX || nargs > DB_MAX_BIND)
		return DB_ERROR;
	for (attempt = 0; attempt < 2; attempt++) {
		MYSQL_STMT *st;

		if (db->conn == NULL) {
			if (db->in_txn)
				return DB_UNAVAILABLE;
			if (connect_db(db) != 0)
				return DB_UNAVAILABLE;
		}
		st = prepared(db, s, &e);
		if (st != NULL) {
			if (mysql_stmt_param_count(st) != nargs) {
				note_error(db, s, 0, "parameter count mismatch");
				return DB_ERROR;
			}
			bind_args(b, lens, args, nargs);
			if (nargs > 0 && mysql_stmt_bind_param(st, b) != 0) {
				note_error(db, s, mysql_stmt_errno(st),
					   mysql_stmt_error(st));
				return DB_ERROR;
			}
			db->round_trips++;
			if (mysql_stmt_execute(st) == 0) {
				*out = st;
				return DB_OK;
			}
			e = mysql_stmt_errno(st);
			note_error(db, s, e, mysql_stmt_error(st));
		} else if (e == 0) {
			e = mysql_errno(db->conn);
		}
		if (!is_lost(e))
			return DB_ERROR;
		/* Inside a transaction the work done so far is gone with the
		 * connection; only the caller can decide to start again. */
		{
			int was_txn = db->in_txn;

			disconnect(db);
			if (was_txn) {
				db->in_txn = 1;	/* until db_rollback */
				return DB_UNAVAILABLE;
			}
		}
	}
	return DB_UNAVAILABLE;
}

int db_exec(struct db *db, enum stmt s, const struct db_arg *args,
	    size_t nargs, unsigned long long *affected,
	    unsigned long long *insert_id)
{
	MYSQL_STMT *st = NULL;
	int rc = execute(db, s, args, nargs, &st);

	if (rc != DB_OK)
		return rc;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(st);
	return DB_OK;
}

size_t db_batch_size(size_t n, size_t many)
{
	return n >= many ? many : n >= SQL_FEW ? SQL_FEW : 1;
}

int db_exec_rows(struct db *db, struct db_rows s, size_t per_row, size_t n,
		 void (*fill)(void *ctx, size_t i, struct db_arg *args),
		 void *ctx)
{
	struct db_arg *args = db->args;
	size_t i = 0, k;
	int rc = DB_OK;

	if (per_row * SQL_BATCH > DB_MAX_BIND)
		return DB_ERROR;
	while (rc == DB_OK && i < n) {
		size_t rows = db_batch_size(n - i, SQL_BATCH);

		for (k = 0; k < rows; k++)
			fill(ctx, i + k, args + per_row * k);
		rc = db_exec(db, rows == SQL_BATCH ? s.many : rows == SQL_FEW ?
			     s.few : s.one, args, per_row * rows, NULL, NULL);
		i += rows;
	}
	return rc;
}

int db_query(struct db *db, enum stmt s, const struct db_arg *args,
	     size_t nargs, struct db_col *cols, size_t ncols)
{
	MYSQL_BIND b[MAX_COLS];
	MYSQL_STMT *st = NULL;
	size_t i;
	int rc;

	if (ncols > MAX_COLS)
		return DB_ERROR;
	rc = execute(db, s, args, nargs, &st);
	if (rc != DB_OK)
		return rc;
	if (mysql_stmt_field_count(st) != ncols) {
		note_error(db, s, 0, "result column count mismatch");
		return DB_ERROR;
	}
	if (mysql_stmt_store_result(st) != 0) {
		unsigned int e = mysql_stmt_errno(st);

		note_error(db, s, e, mysql_stmt_error(st));
		if (is_lost(e)) {
			int was_txn = db->in_txn;

			disconnect(db);
			db->in_txn = was_txn;	/* until db_rollback */
			return DB_UNAVAILABLE;
		}
		return DB_ERROR;
	}
	memset(b, 0, sizeof(b));
	for (i = 0; i < ncols; i++) {
		cols[i].is_null = 0;
		b[i].is_null = (my_bool *)&cols[i].is_null;
		b[i].length = &cols[i].len;
		if (cols[i].type == DB_T_INT) {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &cols[i].i;
		} else {
			b[i].buffer_type = cols[i].type == DB_T_BLOB ?
				MYSQL_TYPE_BLOB : MYSQL_TYPE_STRING;
			b[i].buffer = cols[i].buf;
			/* One byte kept for the NUL: a value that fills the
			 * buffer exactly is reported as truncated, not cut. */
			b[i].buffer_length = cols[i].type == DB_T_BLOB ?
				cols[i].cap : cols[i].cap - 1;
		}
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		note_error(db, s, mysql_stmt_errno(st), mysql_stmt_error(st));
		return DB_ERROR;
	}
	return DB_OK;
}

static int db_fetch(struct db *db, enum stmt s)
{
	MYSQL_STMT *st = db->stmts[s];
	int rc;

	if (st == NULL)
		return DB_ERROR;
	rc = mysql_stmt_fetch(st);
	if (rc == MYSQL_NO_DATA)
		return DB_NONE;
	if (rc == MYSQL_DATA_TRUNCATED) {
		note_error(db, s, 0, "a value did not fit its buffer");
		return DB_ERROR;
	}
	if (rc != 0) {
		note_error(db, s, mysql_stmt_errno(st), mysql_stmt_error(st));
		return DB_ERROR;
	}
	return DB_OK;
}

unsigned long long db_result_rows(struct db *db, enum stmt s)
{
	return (unsigned)s < STMT__MAX && db->stmts[s] != NULL ?
		(unsigned long long)mysql_stmt_num_rows(db->stmts[s]) : 0;
}

void db_done(struct db *db, enum stmt s)
{
	if ((unsigned)s < STMT__MAX && db->stmts[s] != NULL)
		mysql_stmt_free_result(db->stmts[s]);
}

/* Adds the NUL; the fetch already failed if a value did not fit in
 * cap - 1 bytes. */
static void terminate_strings(struct db_col *cols, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		if (cols[i].type == DB_T_STR && cols[i].cap > 0) {
			size_t n = cols[i].len < cols[i].cap ?
				cols[i].len : cols[i].cap - 1;

			cols[i].buf[cols[i].is_null ? 0 : n] = '\0';
		}
}

int db_query_one(struct db *db, enum stmt s, const struct db_arg *args,
		 size_t nargs, struct db_col *cols, size_t ncols)
{
	int rc = db_query(db, s, args, nargs, cols, ncols);

	if (rc == DB_OK) {
		rc = db_fetch(db, s);
		if (rc == DB_OK)
			terminate_strings(cols, ncols);
	}
	db_done(db, s);
	return rc;
}

int db_fetch_row(struct db *db, enum stmt s, struct db_col *cols,
		 size_t ncols)
{
	int rc = db_fetch(db, s);

	if (rc == DB_OK)
		terminate_strings(cols, ncols);
	return rc;
}

static int simple(struct db *db, const char *sql)
{
	if (db->conn == NULL)
		return DB_UNAVAILABLE;
	db->round_trips++;
	if (mysql_real_query(db->conn, sql, strlen(sql)) != 0) {
		unsigned int e = mysql_errno(db->conn);

		snprintf(db->err, sizeof(db->err), "%s: %u %s", sql, e,
			 mysql_error(db->conn));
		log_msg(NULL, "db: %s", db->err);
		if (is_lost(e)) {
			disconnect(db);
			return DB_UNAVAILABLE;
		}
		return DB_ERROR;
	}
	return DB_OK;
}

long long db_round_trips(const struct db *db)
{
	return db->round_trips;
}

int db_begin(struct db *db)
{
	int rc, attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if (db->conn == NULL && connect_db(db) != 0)
			return DB_UNAVAILABLE;
		rc = simple(db, "START TRANSACTION");
		if (rc == DB_OK) {
			db->in_txn = 1;
			return DB_OK;
		}
		if (rc != DB_UNAVAILABLE)
			return rc;
	}
	return DB_UNAVAILABLE;
}

int db_commit(struct db *db)
{
	int rc;

	if (db->conn == NULL) {
		db->in_txn = 0;
		return DB_UNAVAILABLE;
	}
	rc = simple(db, "COMMIT");
	db->in_txn = 0;
	return rc;
}

int db_end(struct db *db, int rc)
{
	if (rc == DB_OK)
		rc = db_commit(db);
	if (rc != DB_OK)
		db_rollback(db);
	return rc;
}

void db_rollback(struct db *db)
{
	if (db->conn != NULL && db->in_txn)
		simple(db, "ROLLBACK");
	db->in_txn = 0;
}

int db_run_script(struct db *db, const char *sql, size_t len, char *err,
		  size_t errsz)
{
	int status;

	if (db->conn == NULL && connect_db(db) != 0) {
		snprintf(err, errsz, "%s", db->err);
		return DB_UNAVAILABLE;
	}
	if (mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_ON)
	    != 0 || mysql_real_query(db->conn, sql, len) != 0) {
		snprintf(err, errsz, "%u %s", mysql_errno(db->conn),
			 mysql_error(db->conn));
		mysql_set_server_option(db->conn,
					MYSQL_OPTION_MULTI_STATEMENTS_OFF);
		return DB_ERROR;
	}
	do {
		MYSQL_RES *res = mysql_store_result(db->conn);

		if (res != NULL)
			mysql_free_result(res);
		status = mysql_next_result(db->conn);
		if (status > 0) {
			snprintf(err, errsz, "%u %s", mysql_errno(db->conn),
				 mysql_error(db->conn));
			mysql_set_server_option(db->conn,
				MYSQL_OPTION_MULTI_STATEMENTS_OFF);
			return DB_ERROR;
		}
	} while (status == 0);
	mysql_set_server_option(db->conn, MYSQL_OPTION_MULTI_STATEMENTS_OFF);
	return DB_OK;
}
