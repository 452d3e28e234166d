/* SPDX-License-Identifier: MIT */
/* page-auth.c: /login and /logout. */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db-history.h"
#include "db-user.h"
#include "log.h"
#include "pages.h"
#include "resp.h"
#include "session.h"

static const struct field_spec login_fields[] = {
	{ .name = "username", .type = FIELD_LINE, .required = 1, .max = 64 },
	{ .name = "password", .type = FIELD_SECRET, .required = 1,
	  .max = 1024 },
};
enum { F_USERNAME, F_PASSWORD, F__MAX };
_Static_assert(sizeof(login_fields) / sizeof(login_fields[0]) == F__MAX,
	       "login fields");

static const struct field_spec notice_fields[] = {
	{ .name = "expired", .type = FIELD_CHECK },
	{ .name = "bye", .type = FIELD_CHECK },
};

/* GET /login: the sign-in form; signed-in users go home. */
enum status page_auth_login_form(struct req *req)
{
	struct field_value notice[2];

	if (req->user != NULL)
		return resp_redirect(req, "/");
	form_validate(&req->query, notice_fields, 2, notice);
	if (notice[0].num || req->session_expired)
		resp_set(req, "Page.Notice", "expired");
	else if (notice[1].num)
		resp_set(req, "Page.Notice", "signed_out");
	return resp_render(req, 200, "login.cs");
}

static enum status login_refused(struct req *req,
				 const struct field_value *vals)
{
	resp_form(req, login_fields, F__MAX, vals);
	resp_set(req, "Page.LoginFailed", "1");
	resp_problem(req, "f-username", resp_text(req, "Lang.login.failed",
						  ""));
	return resp_render(req, 403, "login.cs");
}

/* Counts a wrong password against the account, in one transaction with
 * its history entries. */
int page_auth_record_failure(struct req *req, const struct user *u)
{
	const struct config *cfg = req->cfg;
	struct actor who = { .user_id = u->id, .name = u->username };
	const char *from = req->remote_addr ? req->remote_addr : "-";
	int locked = 0, rc;

	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_user_failed_login(req->db, u->id,
					  cfg->lockout_window_minutes,
					  cfg->lockout_attempts,
					  cfg->lockout_minutes, &locked);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "auth.login_failed",
				       "user", u->id, from);
	if (rc == DB_OK && locked)
		rc = db_history_append(req->db, &who, "auth.locked", "user",
				       u->id, from);
	rc = db_end(req->db, rc);
	return rc;
}

/* Starts the session, and re-hashes a password stored at a lower cost
 * than the configuration now asks for. */
static int record_success(struct req *req, const struct user *u,
			  const char *password, long stored_iterations)
{
	const struct config *cfg = req->cfg;
	struct actor who = { .user_id = u->id, .name = u->username };
	char hash[AUTH_HASH_MAX];
	int rehash = stored_iterations < cfg->pbkdf2_iterations, rc;

	if (rehash && auth_hash(password, cfg->pbkdf2_iterations, hash,
				sizeof(hash)) != 0)
		rehash = 0;	/* keep the old hash; sign-in still works */
	rc = db_begin(req->db);
	if (rc == DB_OK && (req->has_session || req->ended_user_id > 0))
		rc = session_destroy(req);
	if (rc == DB_OK)
		rc = db_user_login_ok(req->db, u->id);	/* DB_NONE: locked */
	if (rc == DB_OK && rehash)
		rc = db_user_set_hash(req->db, u->id, hash);
	if (rc == DB_OK)
		rc = db_session_purge(req->db, cfg->session_idle_minutes,
				      cfg->session_absolute_hours,
				      KEPT_FORM_DAYS);
	if (rc == DB_OK)
		rc = session_create(req, u->id);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "auth.login", "user",
				       u->id, req->remote_addr ?
				       req->remote_addr : "-");
	rc = db_end(req->db, rc);
	return rc;
}

static void count_kept(void *ctx, long long id, const char *path,
		       const char *route, const char *created)
{
	(void)id;
	(void)path;
	(void)route;
	(void)created;
	++*(long long *)ctx;
}

/* POST /login. Raises 400 for a malformed form, 403 for any refusal
 * (one message whether the user exists or not), 303 on success: to the
 * change-password page for a temporary password, else to the forms kept
 * when a session ended if there are any, else home. */
enum status page_auth_login(struct req *req)
{
	struct field_value vals[F__MAX];
	struct user_login *row;
	const char *password;
	long iterations = 0;
	long long kept = 0;
	int rc, ok;

	if (form_validate(&req->body, login_fields, F__MAX, vals) > 0) {
		resp_form(req, login_fields, F__MAX, vals);
		return resp_render(req, 400, "login.cs");
	}
	password = vals[F_PASSWORD].str;
	row = arena_alloc(req->arena, sizeof(*row));
	rc = db_user_by_login(req->db, req->arena, vals[F_USERNAME].str, row);
	if (rc < 0)
		return resp_db_failure(rc);
	if (rc == DB_NONE) {
		/* Same cost as a real check: timing tells nothing. */
		auth_waste(password, req->cfg->pbkdf2_iterations);
		log_msg(req->rid, "login: unknown user");
		return login_refused(req, vals);
	}
	/* Locked and disabled accounts are refused before the password is
	 * checked; the same time is spent, so the answer's timing does not
	 * tell a locked account from a wrong password. */
	if (row->locked || row->disabled) {
		auth_waste(password, req->cfg->pbkdf2_iterations);
		log_msg(req->rid, "login: %s is %s", row->user.username,
			row->disabled ? "disabled" : "locked");
		return login_refused(req, vals);
	}
	ok = auth_verify(password, row->password_hash, &iterations);
	if (ok < 0) {
		auth_waste(password, req->cfg->pbkdf2_iterations);
		log_msg(req->rid, "login: unreadable hash for %s",
			row->user.username);
		return login_refused(req, vals);
	}
	if (ok == 0) {
		rc = page_auth_record_failure(req, &row->user);
		if (rc != DB_OK)
			return resp_db_failure(rc);
		return login_refused(req, vals);
	}
	rc = record_success(req, &row->user, password, iterations);
	if (rc == DB_NONE) {	/* locked by a parallel wrong guess */
		log_msg(req->rid, "login: %s locked meanwhile",
			row->user.username);
		return login_refused(req, vals);
	}
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (row->user.password_temporary)
		return resp_redirect(req, "/account/password");
	/* Forms kept when a session ended are offered first. */
	rc = db_kept_list(req->db, row->user.id, count_kept, &kept);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect(req, kept > 0 ? "/kept" : "/");
}

/* POST /logout: ends the session server-side, 303 to the sign-in page. */
enum status page_auth_logout(struct req *req)
{
	struct actor who = { .user_id = req->user->id,
			     .name = req->user->username };
	int rc;

	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "auth.logout", "user",
				       req->user->id, "");
	if (rc == DB_OK)
		rc = session_destroy(req);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect(req, "/login?bye=1");
}
