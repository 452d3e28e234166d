/* SPDX-License-Identifier: MIT */
/* page-account.c: /account/password, changing one's own password, and
 * /account/notifications, one's own e-mail notifications on or off. */
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db-history.h"
#include "db-mail.h"
#include "db-user.h"
#include "pages.h"
#include "resp.h"
#include "session.h"

static const struct field_spec password_fields[] = {
	{ .name = "current", .type = FIELD_SECRET, .required = 1,
	  .max = 1024 },
	{ .name = "new", .type = FIELD_SECRET, .required = 1, .max = 1024 },
	{ .name = "confirm", .type = FIELD_SECRET, .required = 1,
	  .max = 1024 },
};
enum { F_CURRENT, F_NEW, F_CONFIRM, F__MAX };
_Static_assert(sizeof(password_fields) / sizeof(password_fields[0]) ==
	       F__MAX, "password fields");

/* The form; for a temporary password it says why it comes first. */
static enum status render(struct req *req, int status)
{
	if (req->user->password_temporary)
		resp_set(req, "Page.Temporary", "1");
	return resp_render(req, status, "password.cs");
}

/* GET /account/password: the form. */
enum status page_account_password_form(struct req *req)
{
	return render(req, 200);
}

/* POST /account/password. Raises 400 with messages beside the fields for
 * a wrong current password, a new one outside 12..128 characters or the
 * same as the current one, or a confirmation that differs; 303 to / after
 * the change, which makes a temporary password the user's own. Other
 * sessions of the user end with the change. */
enum status page_account_password(struct req *req)
{
	struct field_value v[F__MAX];
	struct actor who = { .user_id = req->user->id,
			     .name = req->user->username };
	unsigned char keep[32];
	char stored[256], hash[AUTH_HASH_MAX];
	size_t errors;
	int rc;

	errors = form_validate(&req->body, password_fields, F__MAX, v);
	if (v[F_NEW].error == NULL &&
	    (v[F_NEW].error = auth_password_problem(v[F_NEW].str)) != NULL)
		errors++;
	/* A temporary password was seen by whoever set it. */
	if (v[F_NEW].error == NULL && v[F_CURRENT].error == NULL &&
	    strcmp(v[F_NEW].str, v[F_CURRENT].str) == 0) {
		v[F_NEW].error = "same_password";
		errors++;
	}
	if (v[F_NEW].error == NULL && v[F_CONFIRM].error == NULL &&
	    strcmp(v[F_NEW].str, v[F_CONFIRM].str) != 0) {
		v[F_CONFIRM].error = "mismatch";
		errors++;
	}
	if (v[F_CURRENT].error == NULL) {
		rc = db_user_get_hash(req->db, req->user->id, stored,
				      sizeof(stored));
		if (rc < 0)
			return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE
						    : ST_INTERNAL;
		if (rc == DB_NONE ||
		    auth_verify(v[F_CURRENT].str, stored, NULL) != 1) {
			/* A stolen session must not become a way to guess
			 * the password: wrong guesses count to the lock-out. */
			rc = page_auth_record_failure(req, req->user);
			if (rc < 0)
				return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE
							    : ST_INTERNAL;
			v[F_CURRENT].error = "wrong_password";
			errors++;
		}
	}
	if (errors > 0) {
		resp_form(req, password_fields, F__MAX, v);
		return render(req, 400);
	}
	if (auth_hash(v[F_NEW].str, req->cfg->pbkdf2_iterations, hash,
		      sizeof(hash)) != 0)
		return ST_INTERNAL;
	session_token_hash(req->session_raw, keep);
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_user_set_password(req->db, req->user->id, hash, 0);
	if (rc == DB_OK)
		rc = db_session_delete_others(req->db, req->user->id, keep);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who,
				       "account.password_changed", "user",
				       req->user->id, "");
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return rc == DB_UNAVAILABLE ? ST_UNAVAILABLE : ST_INTERNAL;
	return resp_redirect(req, "/?password_changed=1");
}

static const struct field_spec notify_query[] = {
	{ .name = "saved", .type = FIELD_CHECK },
};

static const struct field_spec notify_fields[] = {
	{ .name = "notify", .type = FIELD_CHECK },
};

/* GET /account/notifications: the user's address and whether the
 * notifications are on, with the form that turns them on or off. */
enum status page_account_notify_form(struct req *req)
{
	struct field_value q[1];
	char email[256 * 4 + 1];
	int notify = 0, rc;

	rc = db_user_contact(req->db, req->user->id, email, sizeof(email),
			     &notify);
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	if (rc < 0)
		return resp_db_failure(rc);
	form_validate(&req->query, notify_query, 1, q);
	if (q[0].num)
		resp_set(req, "Page.Notice", "saved");
	resp_set(req, "Page.Email", email);
	resp_set(req, "Page.Notify", notify ? "1" : "");
	return resp_render(req, 200, "notifications.cs");
}

/* POST /account/notifications: notify ticked turns them on, absent turns
 * them off; the change is in the history. 303 back to the page. */
enum status page_account_notify(struct req *req)
{
	struct field_value v[1];
	struct actor who = { .user_id = req->user->id,
			     .name = req->user->username };
	int rc;

	form_validate(&req->body, notify_fields, 1, v);
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_user_set_notify(req->db, req->user->id, (int)v[0].num);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, v[0].num ?
				       "account.notify_on" :
				       "account.notify_off", "user",
				       req->user->id, "");
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect(req, "/account/notifications?saved=1");
}
