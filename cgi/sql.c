/* SPDX-License-Identifier: MIT */
/* sql.c: the only file with SQL in it. Every statement is prepared; values
 * always travel as bound parameters, never inside this text. */
#include <stddef.h>

#include "sql.h"

#define USER_COLS "u.id, u.username, u.display_name, u.role, " \
	"COALESCE(u.jurisdiction_id, 0), COALESCE(j.code, ''), " \
	"COALESCE(j.name, ''), u.disabled "

/* n copies of a VALUES row, for the batch statements. */
#define X4(s) s "," s "," s "," s
#define X8(s) X4(s) "," X4(s)
#define X16(s) X4(X4(s))
#define X32(s) X16(s) "," X16(s)
#define X64(s) X32(s) "," X32(s)
#define X128(s) X64(s) "," X64(s)

/* The batch forms of an INSERT: SQL_FEW and SQL_BATCH rows (for
 * records, SQL_FEW and SQL_RECORD_BATCH), after the head, before the
 * tail. */
_Static_assert(SQL_FEW == 8, "the _FEW statements are written with X8");
_Static_assert(SQL_BATCH == 128 && SQL_RECORD_BATCH == 64,
	       "the _BATCH statements are written with X128 and X64");
#define BATCHES(stmt, head, row, tail, many) \
	[stmt##_FEW] = head X8(row) tail, \
	[stmt##_BATCH] = head many(row) tail

static const char *const sqls[] = {
	[STMT_USER_BY_LOGIN] =
	"SELECT " USER_COLS ", u.password_hash, "
	"COALESCE(u.locked_until > UTC_TIMESTAMP(), 0), u.password_temporary "
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

	/* A new password, temporary (1) when someone else set it. */
	[STMT_USER_SET_PASSWORD] =
	"UPDATE users SET password_hash = ?, password_temporary = ?, "
	"password_changed_at = UTC_TIMESTAMP() WHERE id = ?",

	[STMT_USER_INSERT] =
	"INSERT INTO users (username, display_name, role, jurisdiction_id, "
	"password_hash, password_temporary, password_changed_at, created_at) "
	"VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",

	[STMT_USER_LIST] =
	"SELECT " USER_COLS ", "
	"COALESCE(u.locked_until > UTC_TIMESTAMP(), 0), "
	"DATE_FORMAT(u.created_at, '%Y-%m-%d %H:%i') "
	"FROM users u LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id "
	"WHERE ? = 0 OR u.jurisdiction_id = ? "
	"ORDER BY j.code, u.username LIMIT ? OFFSET ?",

	/* Accounts locked after failed sign-ins (not those locked by hand):
	 * the administrators' to-do list. */
	[STMT_USER_LOCKED] =
	"SELECT " USER_COLS ", 1, "
	"DATE_FORMAT(u.locked_until, '%Y-%m-%d %H:%i') "
	"FROM users u LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id "
	"WHERE u.locked_until > UTC_TIMESTAMP() AND u.disabled = 0 "
	"ORDER BY j.code, u.username LIMIT ?",

	[STMT_USER_SET_DISABLED] =
	"UPDATE users SET disabled = ?, failed_logins = 0, "
	"failed_window_start = NULL, locked_until = NULL WHERE id = ?",

	[STMT_USER_ID_BY_NAME] =
	"SELECT id FROM users WHERE username = ?",

	/* NULL: no address (the caller passes DB_NULLARG). */
	[STMT_USER_SET_EMAIL] =
	"UPDATE users SET email = ? WHERE id = ?",

	[STMT_USER_SET_NOTIFY] =
	"UPDATE users SET notify = ? WHERE id = ?",

	[STMT_USER_CONTACT] =
	"SELECT COALESCE(email, ''), notify FROM users WHERE id = ?",

	[STMT_SESSION_LOAD] =
	"SELECT " USER_COLS ", "
	"s.last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE, "
	"s.created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR, "
	"TIMESTAMPDIFF(SECOND, s.last_seen_at, UTC_TIMESTAMP()), "
	"u.password_temporary, "
	/* the reference generation (0018), for the per-process copies of
	 * the code lists and settings: read here, it costs no round trip */
	"(SELECT gen FROM ref_generation WHERE id = 1) "
	"FROM sessions s JOIN users u ON u.id = s.user_id "
	"LEFT JOIN jurisdictions j ON j.id = u.jurisdiction_id "
	"WHERE s.token_hash = ?",

	[STMT_SESSION_INSERT] =
	"INSERT INTO sessions (token_hash, user_id, prev_csrf_hash, "
	"created_at, last_seen_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",

	[STMT_SESSION_PREV_CSRF] =
	"SELECT prev_csrf_hash FROM sessions "
	"WHERE token_hash = ? AND prev_csrf_hash IS NOT NULL",

	[STMT_SESSION_TOUCH] =
	"UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() "
	"WHERE token_hash = ?",

	[STMT_SESSION_DELETE] =
	"DELETE FROM sessions WHERE token_hash = ?",

	[STMT_SESSION_DELETE_USER] =
	"DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",

	/* An ended session stays (unusable) for ? more days: a form it
	 * posts after its end is kept for its user. */
	[STMT_SESSION_PURGE] =
	"DELETE FROM sessions WHERE "
	"last_seen_at < UTC_TIMESTAMP() - INTERVAL ? MINUTE - INTERVAL ? DAY "
	"OR created_at < UTC_TIMESTAMP() - INTERVAL ? HOUR - INTERVAL ? DAY",

	/* The user's kept forms of other pages, for the cap. */
	[STMT_KEPT_COUNT] =
	"SELECT COUNT(*) FROM kept_forms WHERE user_id = ? AND path <> ? "
	"AND expires_at > UTC_TIMESTAMP()",

	/* One kept form per user and page: the newest wins. */
	[STMT_KEPT_SAVE] =
	"INSERT INTO kept_forms (user_id, session_hash, path, route, body, "
	"created_at, expires_at) VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
	"UTC_TIMESTAMP() + INTERVAL ? DAY) ON DUPLICATE KEY UPDATE "
	"session_hash = VALUES(session_hash), route = VALUES(route), "
	"body = VALUES(body), created_at = VALUES(created_at), "
	"expires_at = VALUES(expires_at)",

	[STMT_KEPT_LIST] =
	"SELECT id, path, route, "
	"DATE_FORMAT(created_at, '%Y-%m-%d %H:%i') FROM kept_forms "
	"WHERE user_id = ? AND expires_at > UTC_TIMESTAMP() "
	"ORDER BY created_at, id",

	[STMT_KEPT_GET] =
	"SELECT path, body FROM kept_forms "
	"WHERE id = ? AND user_id = ? AND expires_at > UTC_TIMESTAMP()",

	[STMT_KEPT_DELETE] =
	"DELETE FROM kept_forms WHERE id = ? AND user_id = ?",

	[STMT_KEPT_PURGE] =
	"DELETE FROM kept_forms WHERE expires_at <= UTC_TIMESTAMP()",

	[STMT_JURISDICTION_INSERT] =
	"INSERT INTO jurisdictions (code, name, kind, created_at) "
	"VALUES (?, ?, ?, UTC_TIMESTAMP())",

	[STMT_JURISDICTION_BY_CODE] =
	"SELECT id, name FROM jurisdictions WHERE code = ?",

	[STMT_JURISDICTION_LIST] =
	"SELECT code, name, kind FROM jurisdictions ORDER BY code",

	[STMT_COUNTRY_BY_CODE] =
	"SELECT label FROM codes WHERE list = 'country' AND code = ? AND "
	"valid_from <= UTC_DATE() AND "
	"(valid_to IS NULL OR valid_to >= UTC_DATE())",

	[STMT_CODE_ACTIVE] =
	"SELECT label FROM codes WHERE list = ? AND code = ? AND "
	"valid_from <= UTC_DATE() AND "
	"(valid_to IS NULL OR valid_to >= UTC_DATE())",

	[STMT_CODE_LIST] =
	"SELECT code, label FROM codes WHERE list = ? AND "
	"valid_from <= UTC_DATE() AND "
	"(valid_to IS NULL OR valid_to >= UTC_DATE()) "
	"ORDER BY sort, label, code",

	/* The codes of a list valid at any time from ? to ?: a grid of a
	 * period offers them, so ending a code's validity later never hides
	 * data entered while it was valid. */
	[STMT_CODE_LIST_DURING] =
	"SELECT code, label FROM codes WHERE list = ? AND valid_from <= ? AND "
	"(valid_to IS NULL OR valid_to >= ?) ORDER BY sort, label, code",

	[STMT_CODE_LISTS] =
	"SELECT list, COUNT(*) FROM codes GROUP BY list ORDER BY list",

	[STMT_CODE_ALL] =
	"SELECT code, label, DATE_FORMAT(valid_from, '%Y-%m-%d'), "
	"COALESCE(DATE_FORMAT(valid_to, '%Y-%m-%d'), ''), "
	"valid_from <= UTC_DATE() AND "
	"(valid_to IS NULL OR valid_to >= UTC_DATE()) "
	"FROM codes WHERE list = ? ORDER BY sort, code",

	[STMT_CODE_INSERT] =
	"INSERT INTO codes (list, code, label, sort, valid_from) "
	"SELECT ?, ?, ?, COALESCE(MAX(sort), 0) + 1, ? FROM codes WHERE list = ?",

	/* Codes are never deleted (data may use them): their validity ends. */
	[STMT_CODE_END] =
	"UPDATE codes SET valid_to = ? WHERE list = ? AND code = ? AND "
	"valid_from <= ?",

	/* Every change to codes moves the version the web workers check
	 * their kept lists against (migration 0019, grid.c). */
	[STMT_REF_GENERATION_RAISE] =
	"UPDATE ref_generation SET gen = gen + 1 WHERE id = 1",

	[STMT_PERIOD_INSERT] =
	"INSERT INTO periods (code, starts_on, ends_on, opens_on, due_on, "
	"locks_on, created_at) VALUES (?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",

	[STMT_PERIOD_LIST] =
	"SELECT id, code, DATE_FORMAT(starts_on, '%Y-%m-%d'), "
	"DATE_FORMAT(ends_on, '%Y-%m-%d'), DATE_FORMAT(opens_on, '%Y-%m-%d'), "
	"DATE_FORMAT(due_on, '%Y-%m-%d'), DATE_FORMAT(locks_on, '%Y-%m-%d'), "
	"status, due_on < UTC_DATE() "
	"FROM periods ORDER BY starts_on DESC, code",

	[STMT_PERIOD_BY_CODE] =
	"SELECT id, code, DATE_FORMAT(starts_on, '%Y-%m-%d'), "
	"DATE_FORMAT(ends_on, '%Y-%m-%d'), DATE_FORMAT(opens_on, '%Y-%m-%d'), "
	"DATE_FORMAT(due_on, '%Y-%m-%d'), DATE_FORMAT(locks_on, '%Y-%m-%d'), "
	"status, due_on < UTC_DATE() "
	"FROM periods WHERE code = ?",

	[STMT_PERIOD_SET_STATUS] =
	"UPDATE periods SET status = ? WHERE id = ?",

	[STMT_SUB_INSERT] =
	"INSERT INTO submissions (jurisdiction_id, period_id, version, "
	"sharing_level, created_at, updated_at) VALUES (?, ?, ?, "
	"(SELECT value FROM settings WHERE name = 'default_level'), "
	"UTC_TIMESTAMP(), UTC_TIMESTAMP())",

#define SUB_COLS "s.id, s.jurisdiction_id, j.code, j.name, p.code, p.status, " \
	"s.version, s.status, s.row_version, " \
	"DATE_FORMAT(s.updated_at, '%Y-%m-%d %H:%i'), " \
	"DATE_FORMAT(p.due_on, '%Y-%m-%d'), p.due_on < UTC_DATE(), " \
	"DATE_FORMAT(p.starts_on, '%Y-%m-%d'), DATE_FORMAT(p.ends_on, '%Y-%m-%d'), " \
	"s.sharing_level "
#define SUB_FROM "FROM submissions s JOIN jurisdictions j " \
	"ON j.id = s.jurisdiction_id JOIN periods p ON p.id = s.period_id "

	[STMT_SUB_BY_ID] =
	"SELECT " SUB_COLS SUB_FROM "WHERE s.id = ?",

	/* The same with the return reason of one part (a dataset key), for
	 * the pages of a part: one round trip instead of two. */
	[STMT_SUB_BY_ID_PART] =
	"SELECT " SUB_COLS ", COALESCE((SELECT d.return_reason "
	"FROM submission_datasets d WHERE d.submission_id = s.id AND "
	"d.dataset = ?), '') " SUB_FROM "WHERE s.id = ?",

	[STMT_SUB_LATEST] =
	"SELECT " SUB_COLS SUB_FROM
	"WHERE s.jurisdiction_id = ? AND s.period_id = ? "
	"ORDER BY s.version DESC LIMIT 1",

	/* jurisdiction 0 lists every jurisdiction's (the secretariat's
	 * view); the policy decides who may ask for that. */
	[STMT_SUB_LIST] =
	"SELECT " SUB_COLS SUB_FROM
	"WHERE (? = 0 OR s.jurisdiction_id = ?) AND s.status <> 'superseded' "
	"ORDER BY p.starts_on DESC, j.code",

	/* Every submission waiting for review: the reviewers' to-do. */
	[STMT_SUB_LIST_SUBMITTED] =
	"SELECT " SUB_COLS SUB_FROM
	"WHERE s.status = 'submitted' ORDER BY p.starts_on DESC, j.code",

	/* The states that have not sent period ?: each with its current
	 * submission's status and id, or '' and 0 when it has none. */
	[STMT_SUB_PENDING] =
	"SELECT j.code, j.name, COALESCE(s.status, ''), COALESCE(s.id, 0) "
	"FROM jurisdictions j LEFT JOIN submissions s ON "
	"s.jurisdiction_id = j.id AND s.period_id = ? "
	"AND s.status <> 'superseded' "
	"WHERE s.id IS NULL OR s.status NOT IN ('submitted', 'accepted') "
	"ORDER BY j.code",

	/* Zero rows changed means someone saved since the form was opened,
	 * or the submission or its period moved on meanwhile: checked here,
	 * inside the writing transaction, not only before it. */
	[STMT_SUB_BUMP] =
	"UPDATE submissions s JOIN periods p ON p.id = s.period_id "
	"SET s.row_version = s.row_version + 1, "
	"s.updated_at = UTC_TIMESTAMP() WHERE s.id = ? AND s.row_version = ? "
	"AND s.status IN ('draft', 'returned') AND p.status = 'open'",

	[STMT_SUB_SET_STATUS] =
	"UPDATE submissions SET status = ?, row_version = row_version + 1, "
	"updated_at = UTC_TIMESTAMP(), "
	"submitted_at = IF(?, UTC_TIMESTAMP(), submitted_at), "
	"accepted_at = IF(?, UTC_TIMESTAMP(), accepted_at) "
	"WHERE id = ? AND row_version = ?",

	[STMT_SD_LIST] =
	"SELECT dataset, nil_return, COALESCE(return_reason, '') "
	"FROM submission_datasets WHERE submission_id = ?",

	[STMT_SD_SET] =
	"INSERT INTO submission_datasets (submission_id, dataset, nil_return, "
	"return_reason) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	"nil_return = VALUES(nil_return), "
	"return_reason = VALUES(return_reason)",

	[STMT_ROW_INSERT] =
	"INSERT IGNORE INTO grid_rows (submission_id, dataset, tbl, row_code) "
	"VALUES (?, ?, ?, ?)",

	[STMT_ROW_DELETE] =
	"DELETE FROM grid_rows WHERE submission_id = ? AND dataset = ? AND "
	"tbl = ? AND row_code = ?",

	/* In primary key order (no sort): exports rely on it. */
	[STMT_CELL_LIST] =
	"SELECT tbl, row_code, col_code, COALESCE(value, -1), flag "
	"FROM cells WHERE submission_id = ? AND dataset = ? "
	"ORDER BY tbl, row_code, col_code",

	/* Everything a grid page reads of one dataset, in one round trip,
	 * in no particular order (grid.c sorts the rows): its picked rows
	 * (0, "tbl|row"), its cells (1, "tbl|row|col", the key grid.c
	 * looks them up by) and its return reason (2). Four columns: each
	 * costs the client a conversion per row. */
	[STMT_GRID_DATA] =
	"SELECT 0, CONCAT(tbl, '|', row_code), -1, '' FROM grid_rows "
	"WHERE submission_id = ? AND dataset = ? "
	"UNION ALL SELECT 1, CONCAT(tbl, '|', row_code, '|', col_code), "
	"COALESCE(value, -1), flag "
	"FROM cells WHERE submission_id = ? AND dataset = ? "
	"UNION ALL SELECT 2, COALESCE(return_reason, ''), -1, '' "
	"FROM submission_datasets WHERE submission_id = ? AND dataset = ?",

	[STMT_CELL_UPSERT] =
	"INSERT INTO cells (submission_id, dataset, tbl, row_code, col_code, "
	"value, flag) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	"value = VALUES(value), flag = VALUES(flag)",

	/* SQL_BATCH rows at once: a 500-cell save is 16 statements, not 500. */
	BATCHES(STMT_CELL_UPSERT,
	"INSERT INTO cells (submission_id, dataset, tbl, row_code, col_code, "
	"value, flag) VALUES ", "(?, ?, ?, ?, ?, ?, ?)",
	" ON DUPLICATE KEY UPDATE value = VALUES(value), flag = VALUES(flag)",
	X128),

	[STMT_CHANGE_INSERT] =
	"INSERT INTO cell_changes (history_seq, n, tbl, row_code, col_code, "
	"was, now) VALUES (?, ?, ?, ?, ?, ?, ?)",

	BATCHES(STMT_CHANGE_INSERT,
	"INSERT INTO cell_changes (history_seq, n, tbl, row_code, col_code, "
	"was, now) VALUES ", "(?, ?, ?, ?, ?, ?, ?)", "", X128),

	[STMT_CHANGES_FOR] =
	"SELECT tbl, row_code, col_code, was, now FROM cell_changes "
	"WHERE history_seq = ? ORDER BY n",

	[STMT_CELL_DELETE] =
	"DELETE FROM cells WHERE submission_id = ? AND dataset = ? AND "
	"tbl = ? AND row_code = ? AND col_code = ?",

	[STMT_CELL_DELETE_ROW] =
	"DELETE FROM cells WHERE submission_id = ? AND dataset = ? AND "
	"tbl = ? AND row_code = ?",

	[STMT_CELL_COUNT] =
	"SELECT COUNT(*) FROM cells WHERE submission_id = ? AND dataset = ?",

	[STMT_CELL_COPY] =
	"INSERT INTO cells (submission_id, dataset, tbl, row_code, col_code, "
	"value, flag) SELECT ?, dataset, tbl, row_code, col_code, value, flag "
	"FROM cells WHERE submission_id = ?",

	[STMT_ROW_COPY] =
	"INSERT INTO grid_rows (submission_id, dataset, tbl, row_code) "
	"SELECT ?, dataset, tbl, row_code FROM grid_rows "
	"WHERE submission_id = ?",

	/* Copy-forward: the rows (never the values) of the jurisdiction's
	 * latest submission in an earlier period. */
	[STMT_ROW_COPY_PREVIOUS] =
	"INSERT INTO grid_rows (submission_id, dataset, tbl, row_code) "
	"SELECT ?, dataset, tbl, row_code FROM grid_rows WHERE submission_id = "
	"(SELECT s.id FROM submissions s JOIN periods p ON p.id = s.period_id "
	" WHERE s.jurisdiction_id = ? AND s.status <> 'superseded' AND "
	" p.starts_on < (SELECT starts_on FROM periods WHERE id = ?) "
	" ORDER BY p.starts_on DESC, s.version DESC LIMIT 1)",

	[STMT_SD_COPY] =
	"INSERT INTO submission_datasets (submission_id, dataset, nil_return) "
	"SELECT ?, dataset, nil_return FROM submission_datasets "
	"WHERE submission_id = ?",

	/* ---- sharing (db-sharing.c) ---- */

	[STMT_SETTINGS_ALL] =
	"SELECT name, value FROM settings",

	[STMT_SETTING_SET] =
	"UPDATE settings SET value = ? WHERE name = ?",

	[STMT_SUB_SET_LEVEL] =
	"UPDATE submissions SET sharing_level = ?, updated_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND status IN ('draft', 'returned')",

	/* A reopened version keeps the level its state chose. */
	[STMT_SUB_COPY_LEVEL] =
	"UPDATE submissions n JOIN submissions o ON o.id = ? "
	"SET n.sharing_level = o.sharing_level WHERE n.id = ?",

	/* Per period, oldest first: the viewer's own latest status, how many
	 * other states contributed, and which parts the viewer reported in
	 * its contributing submission (from the summaries: values that are
	 * not all M, routes; and live incidents, a narrative). The first ?
	 * of each summary is 'A' or 'S'; the second status of each IN is
	 * 'submitted' when that counts, else 'accepted'. */
#define CONTRIB "s.status IN ('accepted', ?)"
	/* Columns that only say whether something exists are EXISTS, which
	 * stops at the first row (a count of incidents read every one), and
	 * the datasets reported are bits (1 << FIELD() over the keys in
	 * part_bit's order, db-sharing.c) instead of a DISTINCT list built
	 * per period: the standing is read by every pooled view. */
	[STMT_VIEWER_STANDING] =
	"SELECT p.id, p.code, DATE_FORMAT(p.starts_on, '%Y-%m-%d'), p.status, "
	"DATE_FORMAT(p.ends_on, '%Y-%m-%d'), "
	"COALESCE((SELECT s.status FROM submissions s WHERE s.period_id = p.id "
	" AND s.jurisdiction_id = ? AND s.status <> 'superseded' "
	" ORDER BY s.version DESC LIMIT 1), ''), "
	"EXISTS (SELECT 1 FROM submissions s WHERE s.period_id = p.id AND "
	" s.jurisdiction_id = ? AND " CONTRIB " AND "
	" s.sharing_level = 'aggregate'), "
	"(SELECT COUNT(DISTINCT s.jurisdiction_id) FROM submissions s "
	" WHERE s.period_id = p.id AND s.jurisdiction_id <> ? AND " CONTRIB "), "
	"COALESCE((SELECT BIT_OR(1 << FIELD(t.dataset, 'flows', 'documents', "
	" 'smugglers', 'harm')) >> 1 FROM pool_tables t "
	" WHERE t.period_id = p.id AND t.counts = ? AND t.jurisdiction_id = ? "
	" AND t.n_nonc > 0), 0), "
	"EXISTS (SELECT 1 FROM pool_flows f WHERE f.period_id = p.id AND "
	" f.counts = ? AND f.jurisdiction_id = ?), "
	"EXISTS (SELECT 1 FROM incidents i JOIN submissions s ON s.id = "
	" i.submission_id WHERE s.period_id = p.id AND s.jurisdiction_id = ? "
	" AND " CONTRIB " AND i.deleted_at IS NULL), "
	"EXISTS (SELECT 1 FROM narratives n JOIN submissions s ON s.id = "
	" n.submission_id WHERE s.period_id = p.id AND s.jurisdiction_id = ? "
	" AND " CONTRIB " AND ((n.trends_share = 'peers' AND n.trends <> '') OR "
	" (n.modus_share = 'peers' AND n.modus <> '') OR "
	" (n.legal_share = 'peers' AND n.legal <> ''))) "
"FROM periods p WHERE p.status <> 'planned' ORDER BY p.starts_on, p.code",

	/* Pooled figures from the summaries. A ? = 1 is the secretariat's
	 * view: C cells included, every state's figures. */
	/* A dataset's totals in a period, in one statement: the pooled
	 * cells (first column 0: tbl, row, col, sum, aggregate-only states,
	 * C cells, states, 0) and the per-state figures (1: tbl, state code,
	 * name, sharing level, sum, 0, C cells, 1, 0), which a state sees
	 * for the states that share attributed and itself. */
#define POOL_JURIS_PART \
	"SELECT 1, t.tbl, j.code, j.name, t.sharing_level, " \
	"IF(? = 1, t.sum_all, t.sum_nonc), 0, t.conf, 1, 0 FROM pool_tables t " \
	"JOIN jurisdictions j ON j.id = t.jurisdiction_id WHERE t.counts = ? " \
	"AND t.dataset = ? AND t.period_id = ? AND (? = 1 OR " \
	"t.sharing_level = 'attributed' OR t.jurisdiction_id = ?) AND " \
	"(? = 1 OR t.n_nonc > 0)"
	[STMT_POOL_TOTALS] =
	"SELECT 0, p.tbl, p.row_code, p.col_code, '', "
	"IF(? = 1, p.sum_all, p.sum_nonc), p.agg_nonc, p.conf, "
	"IF(? = 1, p.states_all, p.states_nonc), 0 "
	"FROM pool_cells p WHERE p.period_id = ? AND p.counts = ? AND "
	"p.dataset = ? AND (? = 1 OR p.states_nonc > 0) UNION ALL "
	POOL_JURIS_PART,

	/* As STMT_POOL_TOTALS, for a state's viewer whose own contribution
	 * shares in aggregate only: with, per cell, whether that
	 * contribution is in it (last column 1 or 0), since its own data
	 * never suppresses a figure for it. */
	[STMT_POOL_TOTALS_OWN] =
	"SELECT 0, p.tbl, p.row_code, p.col_code, '', p.sum_nonc, p.agg_nonc, "
	"0, p.states_nonc, c.submission_id IS NOT NULL FROM pool_cells p "
	"LEFT JOIN cells c ON c.submission_id = (SELECT s.id FROM submissions s "
	" WHERE s.jurisdiction_id = ? AND s.period_id = ? AND " CONTRIB " AND "
	" s.sharing_level = 'aggregate' LIMIT 1) AND c.dataset = p.dataset "
	"AND c.tbl = p.tbl AND c.row_code = p.row_code AND "
	"c.col_code = p.col_code AND c.value IS NOT NULL AND c.flag <> 'C' "
	"WHERE p.period_id = ? AND p.counts = ? AND p.dataset = ? AND "
	"p.states_nonc > 0 UNION ALL " POOL_JURIS_PART,
#undef POOL_JURIS_PART

	/* The same figures within one row code (the country filter of a
	 * table whose rows are countries), from the cells of the submissions
	 * that count: the rule of the summaries above, applied to cells. */
	[STMT_POOL_BY_JURIS_ROW] =
	"SELECT j.code, j.name, s.sharing_level, c.tbl, "
	"SUM(IF(? = 1 OR c.flag <> 'C', c.value, 0)), SUM(c.flag = 'C') "
	"FROM cells c JOIN submissions s ON s.id = c.submission_id "
	"JOIN jurisdictions j ON j.id = s.jurisdiction_id "
	"WHERE s.period_id = ? AND " CONTRIB " AND c.dataset = ? AND "
	"c.row_code = ? AND c.value IS NOT NULL AND (? = 1 OR "
	"s.sharing_level = 'attributed' OR s.jurisdiction_id = ?) "
	"GROUP BY j.code, j.name, s.sharing_level, c.tbl "
	"HAVING ? = 1 OR SUM(c.flag <> 'C') > 0 ORDER BY j.code, c.tbl",

	/* Per period and table, every period, from the trend summary
	 * (0018): the page keeps the ones the policy opens. A table's total
	 * must not reveal a cell that the totals page suppresses, so it comes
	 * with 1 when one of its cells holds aggregate-only data from 1 to
	 * ? - 1 states (? is K, plus one for a viewer that might be one of
	 * them itself: safe side), or a small count below the threshold (the
	 * next two ?); then the states in the period's totals (a count and a
	 * digest of the set). */
	[STMT_POOL_TRENDS] =
	"SELECT period_id, tbl, IF(? = 1, sum_all, sum_nonc), "
	"COALESCE(min_agg < ?, 0) OR (? > 0 AND COALESCE(min_sum < ?, 0)), "
	"conf, IF(? = 1, states_all, states_nonc), IF(? = 1, set_all, set_nonc) "
	"FROM pool_trends WHERE counts = ? AND dataset = ?",

	[STMT_POOL_FLOWS] =
	"SELECT origin, destination, SUM(records), SUM(migrants), "
	"SUM(sharing_level = 'aggregate' AND jurisdiction_id <> ?) "
	"FROM pool_flows WHERE period_id = ? AND counts = ? AND "
	"(CHAR_LENGTH(?) = 0 OR origin = ? OR destination = ?) "
	"GROUP BY origin, destination ORDER BY SUM(records) DESC, "
	"SUM(migrants) DESC, origin, destination LIMIT 100",

	[STMT_POOL_FEES] =
	"SELECT origin, destination, currency, scope, SUM(records), "
	"CAST(MIN(fee_min) AS CHAR), CAST(MAX(fee_max) AS CHAR), "
	"SUM(sharing_level = 'aggregate' AND jurisdiction_id <> ?) "
	"FROM pool_fees WHERE period_id = ? AND counts = ? AND "
	"(CHAR_LENGTH(?) = 0 OR origin = ? OR destination = ?) "
	"GROUP BY origin, destination, currency, scope "
	"ORDER BY origin, destination, currency, scope LIMIT 200",

	/* Keeping the summaries in step: a submission enters ('A' or 'S')
	 * with sign 1 and leaves with sign -1 (cells are additive), or its
	 * per-state rows are deleted. */
	[STMT_POOL_ADD_CELLS] =
	"INSERT INTO pool_cells (period_id, counts, dataset, tbl, row_code, "
	"col_code, sum_nonc, sum_all, states_nonc, states_all, agg_nonc, "
	"agg_all, conf) SELECT s.period_id, ?, c.dataset, c.tbl, c.row_code, "
	"c.col_code, ? * IF(c.flag = 'C', 0, c.value), ? * c.value, "
	"? * (c.flag <> 'C'), ?, ? * (c.flag <> 'C' AND s.sharing_level = "
	"'aggregate'), ? * (s.sharing_level = 'aggregate'), ? * (c.flag = 'C') "
	"FROM cells c JOIN submissions s ON s.id = c.submission_id "
	"WHERE s.id = ? AND c.value IS NOT NULL ON DUPLICATE KEY UPDATE "
	"sum_nonc = sum_nonc + VALUES(sum_nonc), "
	"sum_all = sum_all + VALUES(sum_all), "
	"states_nonc = states_nonc + VALUES(states_nonc), "
	"states_all = states_all + VALUES(states_all), "
	"agg_nonc = agg_nonc + VALUES(agg_nonc), "
	"agg_all = agg_all + VALUES(agg_all), conf = conf + VALUES(conf)",

	[STMT_POOL_PRUNE_CELLS] =
	"DELETE p FROM pool_cells p JOIN submissions s ON s.period_id = "
	"p.period_id WHERE s.id = ? AND p.counts = ? AND p.states_all = 0",

	[STMT_POOL_ADD_TABLES] =
	"INSERT INTO pool_tables (period_id, counts, dataset, tbl, "
	"jurisdiction_id, sharing_level, sum_nonc, sum_all, n_nonc, conf) "
	"SELECT s.period_id, ?, c.dataset, c.tbl, s.jurisdiction_id, "
	"s.sharing_level, SUM(IF(c.flag = 'C', 0, c.value)), SUM(c.value), "
	"SUM(c.flag <> 'C'), SUM(c.flag = 'C') FROM cells c JOIN submissions s "
	"ON s.id = c.submission_id WHERE s.id = ? AND c.value IS NOT NULL "
	"GROUP BY s.period_id, s.jurisdiction_id, s.sharing_level, c.dataset, "
	"c.tbl",

#define POOL_DEL(table) "DELETE t FROM " table " t JOIN submissions s ON " \
	"s.period_id = t.period_id AND s.jurisdiction_id = t.jurisdiction_id " \
	"WHERE s.id = ? AND t.counts = ?"
	[STMT_POOL_DEL_TABLES] = POOL_DEL("pool_tables"),

	[STMT_POOL_ADD_FLOWS] =
	"INSERT INTO pool_flows (period_id, counts, jurisdiction_id, origin, "
	"destination, sharing_level, records, migrants) SELECT s.period_id, ?, "
	"s.jurisdiction_id, r.origin, r.destination, s.sharing_level, COUNT(*), "
	"COALESCE(SUM(r.migrants), 0) FROM routes r JOIN submissions s ON "
	"s.id = r.submission_id WHERE s.id = ? AND r.deleted_at IS NULL "
	"GROUP BY s.period_id, s.jurisdiction_id, s.sharing_level, r.origin, "
	"r.destination",

	[STMT_POOL_DEL_FLOWS] = POOL_DEL("pool_flows"),

	[STMT_POOL_ADD_FEES] =
	"INSERT INTO pool_fees (period_id, counts, jurisdiction_id, origin, "
	"destination, currency, scope, sharing_level, records, fee_min, "
	"fee_max) SELECT s.period_id, ?, s.jurisdiction_id, r.origin, "
	"r.destination, r.fee_currency, r.fee_scope, s.sharing_level, COUNT(*), "
	"MIN(r.fee_amount), MAX(r.fee_amount) FROM routes r JOIN submissions s "
	"ON s.id = r.submission_id WHERE s.id = ? AND r.deleted_at IS NULL AND "
	"r.fee_amount IS NOT NULL GROUP BY s.period_id, s.jurisdiction_id, "
	"s.sharing_level, r.origin, r.destination, r.fee_currency, r.fee_scope",

	[STMT_POOL_DEL_FEES] = POOL_DEL("pool_fees"),
#undef POOL_DEL

	/* The trend summary of sub's period, recomputed from the cells and
	 * tables summaries (after those changed, in the same transaction). */
	[STMT_POOL_DEL_TRENDS] =
	"DELETE t FROM pool_trends t JOIN submissions s ON s.period_id = "
	"t.period_id WHERE s.id = ? AND t.counts = ?",

	[STMT_POOL_ADD_TRENDS] =
	"INSERT INTO pool_trends (counts, dataset, period_id, tbl, sum_nonc, "
	"sum_all, conf, min_agg, min_sum, states_nonc, states_all, set_nonc, "
	"set_all) SELECT c.counts, c.dataset, c.period_id, c.tbl, "
	"SUM(c.sum_nonc), SUM(c.sum_all), SUM(c.conf), "
	"MIN(NULLIF(c.agg_nonc, 0)), MIN(IF(c.sum_nonc > 0, c.sum_nonc, NULL)), "
	"MAX(st.n_nonc), MAX(st.n_all), MAX(st.set_nonc), MAX(st.set_all) "
	"FROM pool_cells c JOIN submissions s ON s.period_id = c.period_id "
	"JOIN (SELECT t.dataset, "
	" COUNT(DISTINCT IF(t.n_nonc > 0, t.jurisdiction_id, NULL)) n_nonc, "
	" COUNT(DISTINCT t.jurisdiction_id) n_all, "
	" SHA1(COALESCE(GROUP_CONCAT(DISTINCT IF(t.n_nonc > 0, "
	"  t.jurisdiction_id, NULL) ORDER BY t.jurisdiction_id), '')) set_nonc, "
	" SHA1(GROUP_CONCAT(DISTINCT t.jurisdiction_id "
	"  ORDER BY t.jurisdiction_id)) set_all "
	" FROM pool_tables t JOIN submissions s2 ON s2.period_id = t.period_id "
	" WHERE s2.id = ? AND t.counts = ? GROUP BY t.dataset) st "
	"ON st.dataset = c.dataset WHERE s.id = ? AND c.counts = ? "
	"GROUP BY c.counts, c.dataset, c.period_id, c.tbl",

	[STMT_POOL_CLEAR_CELLS] = "DELETE FROM pool_cells",
	[STMT_POOL_CLEAR_TABLES] = "DELETE FROM pool_tables",
	[STMT_POOL_CLEAR_FLOWS] = "DELETE FROM pool_flows",
	[STMT_POOL_CLEAR_FEES] = "DELETE FROM pool_fees",
	[STMT_POOL_CLEAR_TRENDS] = "DELETE FROM pool_trends",

	[STMT_POOL_SUBS] =
	"SELECT id, status = 'accepted' FROM submissions "
	"WHERE status IN ('submitted', 'accepted') ORDER BY id",

	[STMT_POOL_NARRATIVES] =
	"SELECT s.jurisdiction_id, j.code, j.name, s.sharing_level, n.trends, "
	"n.trends_share, n.modus, n.modus_share, n.legal, n.legal_share "
	"FROM narratives n JOIN submissions s ON s.id = n.submission_id "
	"JOIN jurisdictions j ON j.id = s.jurisdiction_id "
	"WHERE s.period_id = ? AND " CONTRIB " "
	/* states named first, by code; the unnamed ones after, in an order
	 * that says nothing of who they are */
	"ORDER BY s.sharing_level = 'aggregate', "
	"IF(s.sharing_level = 'aggregate', SHA2(CONCAT(n.trends, n.modus, n.legal), 256), j.code)",
#undef CONTRIB

	/* ---- records (db-record.c) ---- */

	/* Locks the submission for a record write and checks, inside the
	 * transaction, that it can still be edited. */
	/* The same lock, for a reader that changes nothing in the draft. */
	[STMT_SUB_LOCK_EDITABLE] =
	"SELECT s.id FROM submissions s JOIN periods p ON p.id = s.period_id "
	"WHERE s.id = ? AND s.status IN ('draft', 'returned') AND "
	"p.status = 'open' FOR UPDATE",

	[STMT_SUB_TOUCH_EDITABLE] =
	"UPDATE submissions s JOIN periods p ON p.id = s.period_id "
	"SET s.updated_at = UTC_TIMESTAMP() WHERE s.id = ? AND "
	"s.status IN ('draft', 'returned') AND p.status = 'open'",

/* total: the number of routes the filter matches, in a list of one page
 * (a window over the matched rows: count and page in one statement). */
#define ROUTE_COLS(note, total) "r.id, r.origin, r.destination, " \
	"COALESCE(CAST(r.migrants AS CHAR), ''), " \
	"COALESCE(CAST(r.fee_amount AS CHAR), ''), " \
	"COALESCE(r.fee_currency, ''), COALESCE(r.fee_scope, ''), " \
	"r.source, r.confidence, " note ", r.row_version, " \
	"DATE_FORMAT(r.updated_at, '%Y-%m-%d %H:%i'), r.legs_text, " \
	total " FROM routes r "
	/* A country filter matches the origin or any leg's end (the last
	 * is the destination); a mode filter any leg's mode. Each comes
	 * twice: as typed (empty: no filter) and padded with spaces. */
#define ROUTE_WHERE "WHERE r.submission_id = ? AND r.deleted_at IS NULL " \
	"AND (CHAR_LENGTH(?) = 0 OR LOCATE(?, r.chain) > 0) " \
	"AND (CHAR_LENGTH(?) = 0 OR LOCATE(?, r.modes) > 0) "

	[STMT_ROUTE_GET] =
	"SELECT " ROUTE_COLS("r.note", "0")
	"WHERE r.id = ? AND r.submission_id = ? AND r.deleted_at IS NULL",

	[STMT_ROUTE_COUNT] =
	"SELECT COUNT(*) FROM routes r " ROUTE_WHERE,

	/* A route's number within its submission: deleted ones count, so
	 * a number never changes. */
	[STMT_ROUTE_NUMBER] =
	"SELECT COUNT(*) FROM routes WHERE submission_id = ? AND id <= ?",

	[STMT_ROUTE_LIST_DESC] =
	"SELECT " ROUTE_COLS("''", "COUNT(*) OVER ()") ROUTE_WHERE
	"ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?",

	[STMT_ROUTE_LIST_ASC] =
	"SELECT " ROUTE_COLS("''", "COUNT(*) OVER ()") ROUTE_WHERE
	"ORDER BY r.updated_at, r.id LIMIT ? OFFSET ?",

	[STMT_ROUTE_ALL] =
	"SELECT " ROUTE_COLS("r.note", "0")
	"WHERE r.submission_id = ? AND r.deleted_at IS NULL ORDER BY r.id",

	[STMT_ROUTE_INSERT] =
	"INSERT INTO routes (submission_id, origin, destination, migrants, "
	"fee_amount, fee_currency, fee_scope, source, confidence, note, "
	"legs_text, chain, modes, created_at, updated_at) VALUES (?, ?, ?, "
	"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP())",

	[STMT_ROUTE_UPDATE] =
	"UPDATE routes SET origin = ?, destination = ?, migrants = ?, "
	"fee_amount = ?, fee_currency = ?, fee_scope = ?, source = ?, "
	"confidence = ?, note = ?, legs_text = ?, chain = ?, modes = ?, "
	"row_version = row_version + 1, "
	"updated_at = UTC_TIMESTAMP() WHERE id = ? AND submission_id = ? "
	"AND row_version = ? AND deleted_at IS NULL",

	/* Records are never removed: the history of a deleted one stays. */
	[STMT_ROUTE_DELETE] =
	"UPDATE routes SET deleted_at = UTC_TIMESTAMP(), "
	"row_version = row_version + 1 WHERE id = ? AND submission_id = ? "
	"AND row_version = ? AND deleted_at IS NULL",

	[STMT_LEGS_CLEAR] =
	"DELETE FROM route_legs WHERE route_id = ?",

	[STMT_LEG_INSERT] =
	"INSERT INTO route_legs (route_id, n, to_country, mode) "
	"VALUES (?, ?, ?, ?)",

/* total: as in ROUTE_COLS. */
#define INCIDENT_COLS(note, total) "i.id, " \
	"DATE_FORMAT(i.occurred_on, '%Y-%m-%d'), " \
	"i.area, COALESCE(CAST(i.lat AS CHAR), ''), " \
	"COALESCE(CAST(i.lon AS CHAR), ''), i.border, i.transport, i.vessel, " \
	"i.concealment, CAST(i.dead AS CHAR), CAST(i.missing AS CHAR), " \
	"CAST(i.smugglers AS CHAR), i.follow_up, " note ", i.row_version, " \
	"DATE_FORMAT(i.updated_at, '%Y-%m-%d %H:%i'), i.persons_text, " \
	total " FROM incidents i "
	/* A country filter matches a citizenship of the persons (as typed,
	 * then padded); a mode filter the transport mode. */
#define INCIDENT_WHERE "WHERE i.submission_id = ? AND i.deleted_at IS NULL " \
	"AND (CHAR_LENGTH(?) = 0 OR LOCATE(?, i.citizenships) > 0) " \
	"AND (CHAR_LENGTH(?) = 0 OR i.transport = ?) "

	[STMT_INCIDENT_GET] =
	"SELECT " INCIDENT_COLS("i.note", "0")
	"WHERE i.id = ? AND i.submission_id = ? AND i.deleted_at IS NULL",

	[STMT_INCIDENT_COUNT] =
	"SELECT COUNT(*) FROM incidents i " INCIDENT_WHERE,

	[STMT_INCIDENT_NUMBER] =
	"SELECT COUNT(*) FROM incidents WHERE submission_id = ? AND id <= ?",

	[STMT_INCIDENT_LIST_DESC] =
	"SELECT " INCIDENT_COLS("''", "COUNT(*) OVER ()") INCIDENT_WHERE
	"ORDER BY i.occurred_on DESC, i.id DESC LIMIT ? OFFSET ?",

	[STMT_INCIDENT_LIST_ASC] =
	"SELECT " INCIDENT_COLS("''", "COUNT(*) OVER ()") INCIDENT_WHERE
	"ORDER BY i.occurred_on, i.id LIMIT ? OFFSET ?",

	[STMT_INCIDENT_ALL] =
	"SELECT " INCIDENT_COLS("i.note", "0")
	"WHERE i.submission_id = ? AND i.deleted_at IS NULL ORDER BY i.id",

	[STMT_INCIDENT_INSERT] =
	"INSERT INTO incidents (submission_id, occurred_on, area, lat, lon, "
	"border, transport, vessel, concealment, dead, missing, smugglers, "
	"follow_up, note, persons_text, citizenships, created_at, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	"UTC_TIMESTAMP(), UTC_TIMESTAMP())",

	[STMT_INCIDENT_UPDATE] =
	"UPDATE incidents SET occurred_on = ?, area = ?, lat = ?, lon = ?, "
	"border = ?, transport = ?, vessel = ?, concealment = ?, dead = ?, "
	"missing = ?, smugglers = ?, follow_up = ?, note = ?, "
	"persons_text = ?, citizenships = ?, "
	"row_version = row_version + 1, updated_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND submission_id = ? AND row_version = ? AND "
	"deleted_at IS NULL",

	[STMT_INCIDENT_DELETE] =
	"UPDATE incidents SET deleted_at = UTC_TIMESTAMP(), "
	"row_version = row_version + 1 WHERE id = ? AND submission_id = ? "
	"AND row_version = ? AND deleted_at IS NULL",

	[STMT_PERSONS_CLEAR] =
	"DELETE FROM incident_persons WHERE incident_id = ?",

	[STMT_PERSON_INSERT] =
	"INSERT INTO incident_persons (incident_id, n, citizenship, persons) "
	"VALUES (?, ?, ?, ?)",

	[STMT_NARRATIVE_GET] =
	"SELECT trends, trends_share, modus, modus_share, legal, legal_share, "
	"row_version, DATE_FORMAT(updated_at, '%Y-%m-%d %H:%i') "
	"FROM narratives WHERE submission_id = ?",

	/* A second first save of the same narrative fails on the key and
	 * is then a stale save, like an update that finds a newer version. */
	[STMT_NARRATIVE_INSERT] =
	"INSERT IGNORE INTO narratives (submission_id, trends, trends_share, "
	"modus, modus_share, legal, legal_share, updated_at) "
	"VALUES (?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP())",

	[STMT_NARRATIVE_UPDATE] =
	"UPDATE narratives SET trends = ?, trends_share = ?, modus = ?, "
	"modus_share = ?, legal = ?, legal_share = ?, "
	"row_version = row_version + 1, updated_at = UTC_TIMESTAMP() "
	"WHERE submission_id = ? AND row_version = ?",

	[STMT_RECORD_COUNTS] =
	"SELECT (SELECT COUNT(*) FROM routes WHERE submission_id = ? AND "
	"deleted_at IS NULL), (SELECT COUNT(*) FROM incidents WHERE "
	"submission_id = ? AND deleted_at IS NULL)",

	[STMT_ROUTE_COPY] =
	"INSERT INTO routes (submission_id, origin, destination, migrants, "
	"fee_amount, fee_currency, fee_scope, source, confidence, note, "
	"legs_text, chain, modes, copied_from, created_at, updated_at) "
	"SELECT ?, origin, destination, migrants, fee_amount, fee_currency, "
	"fee_scope, source, confidence, note, legs_text, chain, modes, id, "
	"created_at, updated_at FROM routes WHERE submission_id = ? "
	"AND deleted_at IS NULL ORDER BY id",

	[STMT_LEG_COPY] =
	"INSERT INTO route_legs (route_id, n, to_country, mode) "
	"SELECT r.id, l.n, l.to_country, l.mode FROM routes r "
	"JOIN route_legs l ON l.route_id = r.copied_from "
	"WHERE r.submission_id = ?",

	[STMT_INCIDENT_COPY] =
	"INSERT INTO incidents (submission_id, occurred_on, area, lat, lon, "
	"border, transport, vessel, concealment, dead, missing, smugglers, "
	"follow_up, note, persons_text, citizenships, copied_from, "
	"created_at, updated_at) SELECT ?, occurred_on, area, lat, lon, "
	"border, transport, vessel, concealment, dead, missing, smugglers, "
	"follow_up, note, persons_text, citizenships, id, created_at, "
	"updated_at FROM incidents WHERE submission_id = ? AND "
	"deleted_at IS NULL ORDER BY id",

	[STMT_PERSON_COPY] =
	"INSERT INTO incident_persons (incident_id, n, citizenship, persons) "
	"SELECT i.id, p.n, p.citizenship, p.persons FROM incidents i "
	"JOIN incident_persons p ON p.incident_id = i.copied_from "
	"WHERE i.submission_id = ?",

	[STMT_NARRATIVE_COPY] =
	"INSERT INTO narratives (submission_id, trends, trends_share, modus, "
	"modus_share, legal, legal_share, updated_at) SELECT ?, trends, "
	"trends_share, modus, modus_share, legal, legal_share, updated_at "
	"FROM narratives WHERE submission_id = ?",

	/* The entries that changed one record: its change rows name it. */
	/* ---- the XML exchange (0010) ---- */
	/* What an export may hold: the accepted versions, or (any = 1) the
	 * current version of every submission; filters are applied by the
	 * caller. Ordered as the file is. */
	[STMT_EXPORT_SUBS] =
	"SELECT s.id, j.code, j.name, p.code, "
	"DATE_FORMAT(p.starts_on, '%Y-%m-%d'), DATE_FORMAT(p.ends_on, '%Y-%m-%d'), "
	"s.version, s.status, s.sharing_level, "
	"DATE_FORMAT(s.created_at, '%Y-%m-%dT%H:%i:%sZ'), "
	"DATE_FORMAT(s.updated_at, '%Y-%m-%dT%H:%i:%sZ'), "
	"COALESCE(DATE_FORMAT(s.submitted_at, '%Y-%m-%dT%H:%i:%sZ'), ''), "
	"COALESCE(DATE_FORMAT(s.accepted_at, '%Y-%m-%dT%H:%i:%sZ'), '') "
	"FROM submissions s JOIN jurisdictions j ON j.id = s.jurisdiction_id "
	"JOIN periods p ON p.id = s.period_id "
	"WHERE s.status = 'accepted' OR (? = 1 AND s.status <> 'superseded') "
	"ORDER BY j.code, p.starts_on, p.code, s.version",

	[STMT_EXPORT_INSERT] =
	"INSERT INTO exports (created_at, actor, format, filters, versions, "
	"submissions, data_file, status) "
	"VALUES (UTC_TIMESTAMP(), ?, ?, ?, ?, ?, ?, 'running')",

	[STMT_EXPORT_FINISH] =
	"UPDATE exports SET finished_at = UTC_TIMESTAMP(), bytes = ?, "
	"sha256 = ?, status = ? WHERE id = ?",

	[STMT_EXPORT_SET_FILE] =
	"UPDATE exports SET data_file = ? WHERE id = ?",

#define EXPORT_COLS "id, DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"COALESCE(DATE_FORMAT(finished_at, '%Y-%m-%dT%H:%i:%sZ'), ''), " \
	"actor, format, filters, submissions, data_file, COALESCE(bytes, 0), " \
	"COALESCE(sha256, ''), status "
	[STMT_EXPORT_GET] =
	"SELECT " EXPORT_COLS ", versions FROM exports WHERE id = ?",

	[STMT_EXPORT_LIST] =
	"SELECT " EXPORT_COLS ", '' FROM exports ORDER BY id DESC LIMIT 100",

	[STMT_IMPORT_INSERT] =
	"INSERT INTO imports (created_at, actor, submission_id, filename, "
	"bytes, sha256, mode, base_version, base_records, status, problems, "
	"summary) VALUES (UTC_TIMESTAMP(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",

	/* The draft's records and narrative, as imports.base_records. */
	[STMT_DRAFT_RECORDS_STATE] =
	"SELECT CONCAT_WS(':', "
	"(SELECT COUNT(*) FROM routes WHERE submission_id = x.sub AND "
	"deleted_at IS NULL), "
	"(SELECT COALESCE(MAX(id), 0) FROM routes WHERE submission_id = x.sub), "
	"(SELECT COALESCE(SUM(row_version), 0) FROM routes WHERE "
	"submission_id = x.sub AND deleted_at IS NULL), "
	"(SELECT COUNT(*) FROM incidents WHERE submission_id = x.sub AND "
	"deleted_at IS NULL), "
	"(SELECT COALESCE(MAX(id), 0) FROM incidents WHERE "
	"submission_id = x.sub), "
	"(SELECT COALESCE(SUM(row_version), 0) FROM incidents WHERE "
	"submission_id = x.sub AND deleted_at IS NULL), "
	"(SELECT COALESCE(MAX(row_version), 0) FROM narratives WHERE "
	"submission_id = x.sub)) FROM (SELECT ? AS sub) x",

	/* An upload checked again against the draft as it is now. */
	[STMT_IMPORT_REBASE] =
	"UPDATE imports SET base_version = ?, base_records = ?, summary = ? "
	"WHERE id = ? AND status = 'checked'",

	/* A submitted draft takes no upload: those waiting are dropped. */
	[STMT_IMPORT_WAITING_CHUNKS_DROP] =
	"DELETE c FROM import_chunks c JOIN imports i ON i.id = c.import_id "
	"WHERE i.submission_id = ? AND i.status = 'checked'",

	[STMT_IMPORT_WAITING_DROP] =
	"UPDATE imports SET status = 'dropped', finished_at = UTC_TIMESTAMP() "
	"WHERE submission_id = ? AND status = 'checked'",

	[STMT_IMPORT_APPLIED] =
	"UPDATE imports SET status = 'applied', finished_at = UTC_TIMESTAMP(), "
	"summary = ? WHERE id = ? AND status = 'checked'",

	[STMT_IMPORT_CHUNK_PUT] =
	"INSERT INTO import_chunks (import_id, n, data) VALUES (?, ?, ?)",

	[STMT_IMPORT_CHUNKS] =
	"SELECT data FROM import_chunks WHERE import_id = ? ORDER BY n",

#define IMPORT_COLS "i.id, DATE_FORMAT(i.created_at, '%Y-%m-%dT%H:%i:%sZ'), " \
	"i.actor, i.submission_id, j.code, p.code, s.version, i.filename, " \
	"i.bytes, i.sha256, i.mode, i.base_version, i.base_records, i.status, "\
	"i.problems, " \
	"i.summary, i.created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY " \
	"FROM imports i JOIN submissions s ON s.id = i.submission_id " \
	"JOIN jurisdictions j ON j.id = s.jurisdiction_id " \
	"JOIN periods p ON p.id = s.period_id "
	[STMT_IMPORT_GET] =
	"SELECT " IMPORT_COLS "WHERE i.id = ? AND i.submission_id = ? "
	"FOR UPDATE",

	[STMT_IMPORT_FINISH] =
	"UPDATE imports SET status = ?, finished_at = UTC_TIMESTAMP() "
	"WHERE id = ? AND status = 'checked'",

	[STMT_IMPORT_DROP_CHUNKS] =
	"DELETE FROM import_chunks WHERE import_id = ?",

	[STMT_IMPORT_LIST] =
	"SELECT " IMPORT_COLS "ORDER BY i.id DESC LIMIT 100",

	[STMT_IMPORT_LIST_SUB] =
	"SELECT " IMPORT_COLS "WHERE i.submission_id = ? "
	"ORDER BY i.id DESC LIMIT 20",

	/* Checked uploads nobody confirmed within a day: their files go. */
	[STMT_IMPORT_EXPIRE_CHUNKS] =
	"DELETE c FROM import_chunks c JOIN imports i ON i.id = c.import_id "
	"WHERE i.status = 'checked' AND "
	"i.created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY",

	[STMT_IMPORT_EXPIRE] =
	"UPDATE imports SET status = 'dropped', finished_at = UTC_TIMESTAMP() "
	"WHERE status = 'checked' AND "
	"created_at < UTC_TIMESTAMP() - INTERVAL 1 DAY",

	[STMT_CELLS_CLEAR_DATASET] =
	"DELETE FROM cells WHERE submission_id = ? AND dataset = ?",

	[STMT_ROWS_CLEAR_DATASET] =
	"DELETE FROM grid_rows WHERE submission_id = ? AND dataset = ?",

	[STMT_ROUTES_DELETE_ALL] =
	"UPDATE routes SET deleted_at = UTC_TIMESTAMP(), "
	"row_version = row_version + 1 "
	"WHERE submission_id = ? AND deleted_at IS NULL",

	[STMT_INCIDENTS_DELETE_ALL] =
	"UPDATE incidents SET deleted_at = UTC_TIMESTAMP(), "
	"row_version = row_version + 1 "
	"WHERE submission_id = ? AND deleted_at IS NULL",

	/* Every code of a list with its validity, for the SDMX structure
	 * message and the importer's checks. */
	[STMT_CODES_OF_LIST] =
	"SELECT code, label, DATE_FORMAT(valid_from, '%Y-%m-%d'), "
	"COALESCE(DATE_FORMAT(valid_to, '%Y-%m-%d'), '') "
	"FROM codes WHERE list = ? ORDER BY code",

	/* Batches of an import, which holds the submission's lock: the ids
	 * of a batch are then the submission's newest ones, in order. */
	BATCHES(STMT_ROUTE_INSERT,
	"INSERT INTO routes (submission_id, origin, destination, migrants, "
	"fee_amount, fee_currency, fee_scope, source, confidence, note, "
	"legs_text, chain, modes, created_at, updated_at) VALUES ",
	"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(), "
	"UTC_TIMESTAMP())", "", X64),

	[STMT_ROUTE_IDS_FROM] =
	"SELECT id FROM routes WHERE submission_id = ? AND id >= ? "
	"ORDER BY id LIMIT ?",

	BATCHES(STMT_LEG_INSERT,
	"INSERT INTO route_legs (route_id, n, to_country, mode) VALUES ",
	"(?, ?, ?, ?)", "", X128),

	BATCHES(STMT_INCIDENT_INSERT,
	"INSERT INTO incidents (submission_id, occurred_on, area, lat, lon, "
	"border, transport, vessel, concealment, dead, missing, smugglers, "
	"follow_up, note, persons_text, citizenships, created_at, updated_at) "
	"VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	"UTC_TIMESTAMP(), UTC_TIMESTAMP())", "", X64),

	/* Whether a multi-row INSERT gets consecutive ids (lock modes 0 and
	 * 1; not 2, which Galera needs), and their step. */
	[STMT_AUTOINC_MODE] =
	"SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment",

	[STMT_INCIDENT_IDS_FROM] =
	"SELECT id FROM incidents WHERE submission_id = ? AND id >= ? "
	"ORDER BY id LIMIT ?",

	BATCHES(STMT_PERSON_INSERT,
	"INSERT INTO incident_persons (incident_id, n, citizenship, persons) "
	"VALUES ", "(?, ?, ?, ?)", "", X128),

	BATCHES(STMT_ROW_INSERT,
	"INSERT IGNORE INTO grid_rows (submission_id, dataset, tbl, row_code) "
	"VALUES ", "(?, ?, ?, ?)", "", X128),

	/* A whole submission at once, for the exports: one statement
	 * instead of one per dataset. */
	[STMT_CELL_LIST_ALL] =
	"SELECT dataset, tbl, row_code, col_code, COALESCE(value, -1), flag "
	"FROM cells WHERE submission_id = ? "
	"ORDER BY dataset, tbl, row_code, col_code",

	[STMT_ROW_LIST_ALL] =
	"SELECT dataset, tbl, row_code FROM grid_rows WHERE submission_id = ? "
	"ORDER BY dataset, tbl, row_code",

	[STMT_RECORD_HISTORY] =
	"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, action, "
	"detail FROM history WHERE seq IN (SELECT history_seq FROM "
	"cell_changes WHERE tbl = ? AND row_code = ?) ORDER BY seq",

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

	[STMT_HISTORY_FOR] =
	"SELECT seq, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), actor, action, "
	"detail FROM history WHERE object_type = ? AND object_id = ? "
	"ORDER BY seq",

	[STMT_HISTORY_DETAIL] =
	"SELECT detail FROM history WHERE seq = ?",

	/* The access log of pooled views (db-access.c). A writer is one
	 * worker process; its id is unique across application hosts. */
	[STMT_ACCESS_WRITER_ADD] =
	"INSERT INTO access_writers (host, pid, started_at) "
	"VALUES (?, ?, UTC_TIMESTAMP(6))",

	/* Sealers of one writer queue here, so none seals a row twice. */
	[STMT_ACCESS_WRITER_LOCK] =
	"SELECT sealed_seq FROM access_writers WHERE id = ? FOR UPDATE",

	[STMT_ACCESS_WRITER_SEALED] =
	"UPDATE access_writers SET sealed_seq = ?, "
	"sealed_at = UTC_TIMESTAMP(6) WHERE id = ?",

	[STMT_ACCESS_WRITER_STOPPED] =
	"UPDATE access_writers SET stopped_at = UTC_TIMESTAMP(6) WHERE id = ?",

	/* One pooled view served: autocommitted, no lock shared with other
	 * readers. */
	[STMT_ACCESS_INSERT] =
	"INSERT INTO access_log (writer_id, writer_seq, at, user_id, "
	"username, jurisdiction_id, view, format, part, period_id, periods, "
	"country) VALUES (?, ?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?, ?)",

	/* A writer's rows after seq ? up to seq ?, in its order: what a seal
	 * hashes (the columns of struct access_row). */
	[STMT_ACCESS_ROWS] =
	"SELECT id, writer_id, writer_seq, "
	"DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f'), user_id, username, "
	"jurisdiction_id, view, format, part, period_id, periods, country "
	"FROM access_log WHERE writer_id = ? AND writer_seq > ? "
	"AND writer_seq <= ? ORDER BY writer_seq LIMIT ?",

	[STMT_ACCESS_SEAL_INSERT] =
	"INSERT INTO access_seals (history_seq, writer_id, seq_from, seq_to, "
	"row_count, sha256) VALUES (?, ?, ?, ?, ?, ?)",

	/* Every seal with its history entry ('' when it has none), each
	 * writer's in order. */
	[STMT_ACCESS_SEAL_WALK] =
	"SELECT s.history_seq, s.writer_id, s.seq_from, s.seq_to, "
	"s.row_count, s.sha256, COALESCE(h.action, ''), "
	"COALESCE(h.detail, '') FROM access_seals s "
	"LEFT JOIN history h ON h.seq = s.history_seq "
	"ORDER BY s.writer_id, s.seq_from",

	/* The first seal entry of the chain whose seal row is gone. */
	[STMT_ACCESS_SEAL_UNKNOWN] =
	"SELECT MIN(h.seq) FROM history h LEFT JOIN access_seals s "
	"ON s.history_seq = h.seq "
	"WHERE h.action = 'access.seal' AND s.history_seq IS NULL",

	/* Writers (but ?, and not stopped) with rows unsealed for more than
	 * ? seconds: orphans of a worker that died, or every writer's
	 * unsealed rows with 0 and 0. */
	[STMT_ACCESS_UNSEALED_WRITERS] =
	"SELECT w.id FROM access_writers w WHERE w.stopped_at IS NULL "
	"AND w.id <> ? AND EXISTS (SELECT 1 FROM access_log a "
	"WHERE a.writer_id = w.id AND a.writer_seq > w.sealed_seq "
	"AND a.at < UTC_TIMESTAMP(6) - INTERVAL ? SECOND) "
	"ORDER BY w.id LIMIT 64",

	/* The rows no seal covers: after each writer's last seal (seals of
	 * a writer are contiguous from 1), numbered 0, or of a writer never
	 * sealed. Their count, the oldest's time and its age in seconds. */
	[STMT_ACCESS_UNSEALED] =
	"SELECT COUNT(*), "
	"COALESCE(DATE_FORMAT(MIN(a.at), '%Y-%m-%d %H:%i:%s'), ''), "
	"COALESCE(TIMESTAMPDIFF(SECOND, MIN(a.at), UTC_TIMESTAMP(6)), 0) "
	"FROM access_log a LEFT JOIN (SELECT writer_id, MAX(seq_to) AS top "
	"FROM access_seals GROUP BY writer_id) s ON s.writer_id = a.writer_id "
	"WHERE a.writer_seq > COALESCE(s.top, 0) OR a.writer_seq < 1",

	/* One message per person concerned: users with an address who
	 * have not turned notifications off and are not locked, of the
	 * roles in a comma-separated list, of one jurisdiction (or any when
	 * it is 0). A message with a once-key prefix (NULL: none) gets the
	 * key prefix + user id, and one that exists already is left as it
	 * is. */
	[STMT_MAIL_QUEUE] =
	"INSERT INTO mail_outbox (created_at, kind, user_id, to_addr, subject, "
	"body, once_key, next_attempt_at) "
	"SELECT UTC_TIMESTAMP(), ?, u.id, u.email, ?, ?, "
	"CONCAT(?, u.id), UTC_TIMESTAMP() FROM users u "
	"WHERE u.email IS NOT NULL AND u.notify = 1 AND u.disabled = 0 "
	"AND (? = 0 OR u.jurisdiction_id = ?) AND FIND_IN_SET(u.role, ?) > 0 "
	"ORDER BY u.id "
	"ON DUPLICATE KEY UPDATE mail_outbox.id = mail_outbox.id",

	/* Open periods due within the next ? days, and the jurisdictions
	 * that have not submitted for them and have a user to remind (the
	 * once-key of STMT_MAIL_QUEUE skips those reminded already). */
	[STMT_MAIL_REMINDER_TARGETS] =
	"SELECT p.id, p.code, DATE_FORMAT(p.due_on, '%Y-%m-%d'), j.id, j.code, "
	"j.name FROM periods p JOIN jurisdictions j "
	"WHERE p.status = 'open' AND p.due_on >= UTC_DATE() "
	"AND p.due_on <= UTC_DATE() + INTERVAL ? DAY "
	"AND NOT EXISTS (SELECT 1 FROM submissions s WHERE "
	"  s.jurisdiction_id = j.id AND s.period_id = p.id AND "
	"  s.status IN ('submitted', 'accepted')) "
	"AND EXISTS (SELECT 1 FROM users u WHERE u.jurisdiction_id = j.id AND "
	"  u.email IS NOT NULL AND u.notify = 1 AND u.disabled = 0) "
	"ORDER BY p.id, j.code",

	/* Waiting messages whose time has come (all of them when the first
	 * parameter is 1), oldest first. */
	[STMT_MAIL_WAITING] =
	"SELECT id, to_addr, subject, body, attempts, "
	"UNIX_TIMESTAMP(created_at) FROM mail_outbox "
	"WHERE sent_at IS NULL AND failed_at IS NULL "
	"AND (? = 1 OR next_attempt_at <= UTC_TIMESTAMP()) "
	"ORDER BY next_attempt_at, id LIMIT ?",

	[STMT_MAIL_WAITING_COUNT] =
	"SELECT COUNT(*) FROM mail_outbox "
	"WHERE sent_at IS NULL AND failed_at IS NULL",

	[STMT_MAIL_SENT] =
	"UPDATE mail_outbox SET sent_at = UTC_TIMESTAMP(), "
	"attempts = attempts + 1, last_error = '' WHERE id = ?",

	[STMT_MAIL_RETRY] =
	"UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, "
	"next_attempt_at = UTC_TIMESTAMP() + INTERVAL ? SECOND WHERE id = ?",

	[STMT_MAIL_GIVE_UP] =
	"UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, "
	"failed_at = UTC_TIMESTAMP() WHERE id = ?",

	/* One sender at a time: a second run finds the lock taken. */
	[STMT_MAIL_LOCK] =
	"SELECT GET_LOCK(CONCAT(DATABASE(), '.mail-send'), 0)",

	[STMT_MAIL_UNLOCK] =
	"SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.mail-send'))",

	[STMT_HISTORY_HEAD] =
	"SELECT hash, seq FROM history_head WHERE id = 1",

	[STMT_SCHEMA_TABLE_EXISTS] =
	"SELECT COUNT(*) FROM information_schema.tables "
	"WHERE table_schema = DATABASE() AND table_name = 'schema_version'",

	[STMT_SCHEMA_VERSION] =
	"SELECT COALESCE(MAX(version), 0) FROM schema_version",

	[STMT_SCHEMA_HAS] =
	"SELECT COUNT(*) FROM schema_version WHERE version = ?",

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
