/* SPDX-License-Identifier: MIT */
/* page-users.c: /admin/users, the accounts a focal point manages for its
 * own jurisdiction (or the secretariat administrator for all): create,
 * lock and unlock, set a temporary password. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db-history.h"
#include "db-jurisdiction.h"
#include "db-mail.h"
#include "db-user.h"
#include "mail.h"
#include "pages.h"
#include "policy.h"
#include "resp.h"
#include "util.h"

static enum status verdict_status(enum verdict v)
{
	return v == ALLOW ? ST_OK : v == DENY_NOT_FOUND ? ST_NOT_FOUND :
	       ST_FORBIDDEN;
}

static const struct field_spec create_fields[] = {
	{ .name = "username", .type = FIELD_LINE, .required = 1, .max = 64 },
	{ .name = "name", .type = FIELD_LINE, .required = 1, .max = 128 },
	{ .name = "role", .type = FIELD_LINE, .required = 1, .max = 32 },
	{ .name = "jurisdiction", .type = FIELD_LINE, .max = 3 },
	{ .name = "password", .type = FIELD_SECRET, .required = 1,
	  .max = 1024 },
	{ .name = "email", .type = FIELD_LINE, .max = MAIL_ADDR_MAX },
};
enum { C_USERNAME, C_NAME, C_ROLE, C_JURISDICTION, C_PASSWORD, C_EMAIL,
       C__MAX };

static const struct field_spec change_fields[] = {
	{ .name = "username", .type = FIELD_LINE, .required = 1, .max = 64 },
	{ .name = "password", .type = FIELD_SECRET, .max = 1024 },
};

#define PAGE_SIZE 50

struct listing {
	struct req *req;
	int n;
};

static void put_user(void *ctx, const struct user_login *u,
		     const char *created)
{
	struct listing *l = ctx;

	if (l->n == PAGE_SIZE) {	/* only says a next page exists */
		l->n++;
		return;
	}
#define PUT(f, v) resp_set_item(l->req, "Page.Users", l->n, f, v)
	PUT("username", u->user.username);
	PUT("name", u->user.display_name);
	PUT("role", resp_role_key(l->req, u->user.role));
	PUT("jcode", u->user.jurisdiction_code);
	PUT("state", u->disabled ? "disabled" : u->locked ? "locked" :
	    "active");
	PUT("created", created);
	/* no lock or password form for one's own account */
	PUT("can_change", policy_change_user(l->req->user, u->user.id,
		(enum role)u->user.role, u->user.jurisdiction_id) == ALLOW ?
	    "1" : "");
#undef PUT
	l->n++;
}

/* The jurisdictions, to be offered by name (the list comes by code). */
struct juris_list {
	struct req *req;
	struct juris_item {
		const char *code, *name;
	} *items;
	size_t n, cap;
};

static void add_jurisdiction(void *ctx, const char *code, const char *name,
			     const char *kind)
{
	struct juris_list *j = ctx;

	(void)kind;
	if (j->n == j->cap) {
		struct juris_item *more;

		j->cap = j->cap ? 2 * j->cap : 64;
		more = arena_alloc(j->req->arena, j->cap * sizeof(*more));
		if (j->n > 0)
			memcpy(more, j->items, j->n * sizeof(*more));
		j->items = more;
	}
	j->items[j->n].code = arena_strdup(j->req->arena, code);
	j->items[j->n++].name = arena_strdup(j->req->arena, name);
}

static int by_name(const void *a, const void *b)
{
	const struct juris_item *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c != 0 ? c : strcmp(x->code, y->code);
}

static void put_jurisdictions(struct juris_list *j)
{
	size_t i;

	if (j->n > 1)
		qsort(j->items, j->n, sizeof(*j->items), by_name);
	for (i = 0; i < j->n; i++) {
		resp_set_item(j->req, "Page.Jurisdictions", (long long)i,
			      "code", j->items[i].code);
		resp_set_item(j->req, "Page.Jurisdictions", (long long)i,
			      "name", j->items[i].name);
	}
}

static const struct field_spec list_fields[] = {
	{ .name = "page", .type = FIELD_INT, .min = 1, .max = 100000 },
	{ .name = "jurisdiction", .type = FIELD_LINE, .max = 3 },
};

/* Lists a page of accounts: the focal point's jurisdiction, or for the
 * secretariat administrator all of them or one jurisdiction's (?jurisdiction=
 * CODE). One more row than shown tells
 * whether there is a next page. */
static enum status render(struct req *req, int status)
{
	struct listing l = { req, 0 };
	struct juris_list j = { req, NULL, 0, 0 };
	struct field_value q[2];
	int secretariat = req->user->role == ROLE_SEC_ADMIN;
	long long jid = secretariat ? 0 : req->user->jurisdiction_id;
	long long page;
	int rc = DB_OK;

	form_validate(&req->query, list_fields, 2, q);
	page = q[0].error || q[0].num < 1 ? 1 : q[0].num;
	if (secretariat && q[1].error == NULL && *q[1].str) {
		rc = db_jurisdiction_by_code(req->db, q[1].str, &jid, NULL, 0);
		if (rc == DB_NONE)
			return ST_NOT_FOUND;
		resp_set(req, "Page.Filter", q[1].str);
	}
	if (rc == DB_OK)
		rc = db_user_list(req->db, req->arena, jid, PAGE_SIZE + 1,
				  (page - 1) * PAGE_SIZE, put_user, &l);
	if (rc == DB_OK) {
		resp_set_int(req, "Page.Number", page);
		if (l.n > PAGE_SIZE)
			resp_set_int(req, "Page.Next", page + 1);
		if (page > 1)
			resp_set_int(req, "Page.Prev", page - 1);
	}

	/* The filter and the create form choose a jurisdiction by name. */
	if (rc == DB_OK && secretariat)
		rc = db_jurisdiction_list(req->db, add_jurisdiction, &j);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	put_jurisdictions(&j);
	if (secretariat)
		resp_set(req, "Page.AllRoles", "1");
	/* The roles this user may give, as the policy says. */
	{
		int r, n = 0;

		for (r = ROLE_NONE + 1; r < ROLE__MAX; r++) {
			if (policy_manage_user(req->user, (enum role)r,
				role_is_secretariat((enum role)r) ? 0 :
				req->user->jurisdiction_id > 0 ?
				req->user->jurisdiction_id : 1) != ALLOW)
				continue;
			resp_set_item(req, "Page.Roles", n, "value",
				      role_name((enum role)r));
			resp_set_item(req, "Page.Roles", n++, "key",
				      resp_role_key(req, r));
		}
	}
	return resp_render(req, status, "users.cs");
}

/* GET /admin/users: the accounts the user may manage. */
enum status page_users_list(struct req *req)
{
	return render(req, 200);
}

/* POST /admin/users: creates an account with a temporary password, which
 * its owner must change at the first sign-in. 400 with messages beside the
 * fields; 403/404 when the policy refuses the role or jurisdiction. */
enum status page_users_create(struct req *req)
{
	struct field_value v[C__MAX];
	struct actor who = { req->user->id, req->user->username };
	size_t errors = form_validate(&req->body, create_fields, C__MAX, v);
	enum role role = ROLE_NONE;
	long long jid = 0, id = 0, existing = 0;
	char hash[AUTH_HASH_MAX], detail[200];
	int rc;

	if (v[C_ROLE].error == NULL) {
		role = role_from_name(v[C_ROLE].str);
		if (role == ROLE_NONE) {
			v[C_ROLE].error = "bad_role";
			errors++;
		}
	}
	if (v[C_USERNAME].error == NULL &&
	    strpbrk(v[C_USERNAME].str, " \t") != NULL) {
		v[C_USERNAME].error = "bad_username";
		errors++;
	}
	if (v[C_PASSWORD].error == NULL &&
	    (v[C_PASSWORD].error = auth_password_problem(v[C_PASSWORD].str)))
		errors++;
	/* Optional: an account without an address gets no notifications. */
	if (v[C_EMAIL].error == NULL && *v[C_EMAIL].str &&
	    !mail_address_valid(v[C_EMAIL].str)) {
		v[C_EMAIL].error = "bad_email";
		errors++;
	}
	/* A focal point's accounts belong to its own jurisdiction. */
	if (req->user->role != ROLE_SEC_ADMIN) {
		jid = req->user->jurisdiction_id;
	} else if (role != ROLE_NONE && !role_is_secretariat(role)) {
		rc = *v[C_JURISDICTION].str ? db_jurisdiction_by_code(req->db,
			v[C_JURISDICTION].str, &jid, NULL, 0) : DB_NONE;
		if (rc < 0)
			return resp_db_failure(rc);
		if (rc == DB_NONE) {
			v[C_JURISDICTION].error = *v[C_JURISDICTION].str ?
				"unknown_jurisdiction" : "jurisdiction_needed";
			errors++;
		}
	}
	if (role != ROLE_NONE && errors == 0) {
		enum status st = verdict_status(policy_manage_user(req->user,
								   role, jid));
		if (st != ST_OK)
			return st;
	}
	if (errors == 0) {
		rc = db_user_id_by_name(req->db, v[C_USERNAME].str, &existing);
		if (rc < 0)
			return resp_db_failure(rc);
		if (rc == DB_OK) {
			v[C_USERNAME].error = "username_taken";
			errors++;
		}
	}
	if (errors > 0) {
		resp_form(req, create_fields, C__MAX, v);
		return render(req, 400);
	}
	if (auth_hash(v[C_PASSWORD].str, req->cfg->pbkdf2_iterations, hash,
		      sizeof(hash)) != 0)
		return ST_INTERNAL;
	snprintf(detail, sizeof(detail), "%s %s", v[C_USERNAME].str,
		 role_name(role));
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_user_insert(req->db, v[C_USERNAME].str, v[C_NAME].str,
				    role_name(role), jid, hash, 1, &id);
	if (rc == DB_OK && *v[C_EMAIL].str)
		rc = db_user_set_email(req->db, id, v[C_EMAIL].str);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "user.add", "user", id,
				       detail);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect_done(req, "/admin/users", "account_created");
}

/* Loads the account named in the form and asks the policy. */
static enum status target(struct req *req, struct field_value *v,
			  struct user_login **out)
{
	struct user_login *u = arena_alloc(req->arena, sizeof(*u));
	int rc;

	if (form_validate(&req->body, change_fields, 2, v) > 0)
		return ST_BAD_REQUEST;
	rc = db_user_by_login(req->db, req->arena, v[0].str, u);
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	if (rc < 0)
		return resp_db_failure(rc);
	*out = u;
	return verdict_status(policy_change_user(req->user, u->user.id,
		(enum role)u->user.role, u->user.jurisdiction_id));
}

/* POST /admin/users/lock and /admin/users/unlock. */
static enum status set_lock(struct req *req, int lock)
{
	struct field_value v[2];
	struct user_login *u = NULL;
	struct actor who = { req->user->id, req->user->username };
	enum status st = target(req, v, &u);
	int rc;

	if (st != ST_OK)
		return st;
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_user_set_disabled(req->db, u->user.id, lock);
	if (rc == DB_OK && lock) {
		unsigned char none[32] = { 0 };

		rc = db_session_delete_others(req->db, u->user.id, none);
	}
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, lock ? "user.lock" :
				       "user.unlock", "user", u->user.id,
				       u->user.username);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect_done(req, "/admin/users", lock ? "account_locked" :
				  "account_unlocked");
}

enum status page_users_lock(struct req *req)
{
	return set_lock(req, 1);
}

enum status page_users_unlock(struct req *req)
{
	return set_lock(req, 0);
}

/* POST /admin/users/reset: sets a temporary password (its owner must
 * choose another at the next sign-in) and ends the account's sessions. 400 for a password outside 12..128 characters. */
enum status page_users_reset(struct req *req)
{
	struct field_value v[2];
	struct user_login *u = NULL;
	struct actor who = { req->user->id, req->user->username };
	enum status st = target(req, v, &u);
	unsigned char none[32] = { 0 };
	char hash[AUTH_HASH_MAX];
	const char *problem;
	int rc;

	if (st != ST_OK)
		return st;
	problem = auth_password_problem(v[1].str);
	if (problem != NULL) {
		resp_set(req, "Page.ResetError.user", u->user.username);
		resp_set(req, "Page.ResetError.text",
			 resp_text(req, arena_printf(req->arena, "Lang.err.%s",
						     problem), problem));
		/* users.cs repeats the account's reset form at the top (its
		 * row may be on another page of the list) */
		resp_problem(req, "f-reset-password",
			     resp_get(req, "Page.ResetError.text"));
		return render(req, 400);
	}
	if (auth_hash(v[1].str, req->cfg->pbkdf2_iterations, hash,
		      sizeof(hash)) != 0)
		return ST_INTERNAL;
	rc = db_begin(req->db);
	if (rc == DB_OK)
		rc = db_user_set_password(req->db, u->user.id, hash, 1);
	if (rc == DB_OK)
		rc = db_session_delete_others(req->db, u->user.id, none);
	if (rc == DB_OK)
		rc = db_user_set_disabled(req->db, u->user.id, 0);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "user.passwd", "user",
				       u->user.id, u->user.username);
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect_done(req, "/admin/users", "password_reset");
}
