/* SPDX-License-Identifier: MIT */
/* sql.c: the only file with SQL in it. Every statement is prepared; values
 * always travel as bound parameters, never inside this text. */
#include <stddef.h>

#include "sql.h"

#define USER_COLS "u.id, u.username, u.display_name, u.role, " \
	"COALESCE(u.jurisdiction_id, 0), COALESCE(j.code, ''), " \
	"COALESCE(j.name, ''), u.disabled "

static const char *const sqls[] = {
	[STMT_USER_BY_LOGIN] =
	"SELECT " USER_COLS ", u.password_hash, "
	"COALESCE(u.locked_until > UTC_TIMESTAMP(), 0) "
	"FROM users u LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id "
	"WHERE u.username = ?",

	/* Assignments run left to right on the updated values: the count
	 * restarts when the window is over, then the window start follows
	 * the count, then the lock follows both. */
	[STMT_USER_FAILED_LOGIN] =
	"UPDATE users SET "
	"failed_logins = IF(failed_window_start IS NULL OR "
	"  failed_window_start < UTC_TIMESTAMP() - INTERVAL ? MINUTE, "
	"  1, failed_logins + 1), "
	"failed_window_start = IF(failed_logins = 1, UTC_TIMESTAMP(), "
	"  failed_window_start), "
	"locked_until = IF(failed_logins >= ?, "
	"  UTC_TIMESTAMP() + INTERVAL ? MINUTE, locked_until) "
	"WHERE id = ?",

	[STMT_USER_FAIL_STATE] =
	"SELECT failed_logins, COALESCE(locked_until > UTC_TIMESTAMP(), 0) "
	"FROM users WHERE id = ?",

	/* Changes no row when the account was locked or disabled meanwhile
	 * (by a parallel wrong guess): the sign-in is then refused. */
	[STMT_USER_LOGIN_OK] =
	"UPDATE users SET failed_logins = 0, failed_window_start = NULL, "
	"locked_until = NULL WHERE id = ? AND disabled = 0 AND "
	"(locked_until IS NULL OR locked_until <= UTC_TIMESTAMP())",

	[STMT_USER_GET_HASH] =
	"SELECT password_hash FROM users WHERE id = ?",

	[STMT_USER_SET_HASH] =
	"UPDATE users SET password_hash = ?, "
	"password_changed_at = UTC_TIMESTAMP() WHERE id = ?",

	[STMT_USER_INSERT] =
	"INSERT INTO users (username, display_name, role, jurisdiction_id, "
	"password_hash, password_changed_at, created_at) "
	"VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",

	[STMT_USER_LIST] =
	"SELECT " USER_COLS ", "
	"COALESCE(u.locked_until > UTC_TIMESTAMP(), 0), "
	"DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i') "
	"FROM users u LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id "
	"ORDER BY j.code, u.username",

	[STMT_USER_SET_DISABLED] =
	"UPDATE users SET disabled = ?, failed_logins = 0, "
	"failed_window_start = NULL, locked_until = NULL WHERE id = ?",

	[STMT_USER_ID_BY_NAME] =
	"SELECT id FROM users WHERE username = ?",

	[STMT_SESSION_LOAD] =
	"SELECT " USER_COLS ", "
	"s.last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE, "
	"s.created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR, "
	"TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP()) "
	"FROM sessions s JOIN users u ON u.id = s.user_id "
	"LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id "
	"WHERE s.token_hash = ?",

	[STMT_SESSION_INSERT] =
	"INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) "
	"VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",

	[STMT_SESSION_TOUCH] =
	"UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() "
	"WHERE token_hash = ?",

	[STMT_SESSION_DELETE] =
	"DELETE FROM sessions WHERE token_hash = ?",

	[STMT_SESSION_DELETE_USER] =
	"DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",

	[STMT_SESSION_PURGE] =
	"DELETE FROM sessions WHERE "
	"last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE OR "
	"created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR",

	[STMT_JURISDICTION_INSERT] =
	"INSERT INTO jurisdictions (code, name, kind, created_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP())",

	[STMT_JURISDICTION_BY_CODE] =
	"SELECT id, name FROM jurisdictions WHERE code = ?",

	[STMT_JURISDICTION_LIST] =
	"SELECT code, name, kind FROM jurisdictions ORDER BY code",

	[STMT_COUNTRY_BY_CODE] =
	"SELECT name FROM countries WHERE code = ? AND "
	"(valid_to IS NULL OR valid_to >= UTC_DATE())",

	/* The head row serialises history writers, so the chain never forks. */
	[STMT_HISTORY_HEAD_LOCK] =
	"SELECT hash, seq FROM history_head WHERE id = 1 FOR UPDATE",

	[STMT_HISTORY_HEAD_SET] =
	"UPDATE history_head SET hash = ?, seq = ? WHERE id = 1",

	[STMT_HISTORY_INSERT] =
	"INSERT INTO history (seq, at, actor_user_id, actor, action, "
	"object_type, object_id, detail, prev_hash, hash) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",

	[STMT_HISTORY_WALK] =
	"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), "
	"COALESCE(actor_user_id, 0), actor, action, object_type, "
	"COALESCE(object_id, 0), detail, prev_hash, hash "
	"FROM history ORDER BY seq",

	[STMT_HISTORY_HEAD] =
	"SELECT hash, seq FROM history_head WHERE id = 1",

	[STMT_SCHEMA_TABLE_EXISTS] =
	"SELECT COUNT(*) FROM information_schema.tables "
	"WHERE table_schema = DATABASE() AND table_name = 'schema_version'",

	[STMT_SCHEMA_VERSION] =
	"SELECT COALESCE(MAX(version), 0) FROM schema_version",

	[STMT_SCHEMA_RECORD] =
	"INSERT INTO schema_version (version, name, checksum, applied_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP())",

	[STMT_SCHEMA_LOCK] =
	"SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), ?)",

	[STMT_SCHEMA_UNLOCK] =
	"SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))",

	[STMT_SCHEMA_TABLE_COUNT] =
	"SELECT COUNT(*) FROM information_schema.tables "
	"WHERE table_schema = DATABASE()",

	[STMT_SCHEMA_TABLES] =
	"SELECT table_name FROM information_schema.tables "
	"WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' "
	"ORDER BY table_name",
};

_Static_assert(sizeof(sqls) / sizeof(sqls[0]) == STMT__MAX,
	       "every enum stmt needs its SQL text");

const char *sql_text(enum stmt s)
{
	return (unsigned)s < STMT__MAX ? sqls[s] : NULL;
}

int sql_admin_only(enum stmt s)
{
	return s == STMT_SCHEMA_RECORD;
}
