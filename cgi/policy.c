/* SPDX-License-Identifier: MIT */
/* policy.c: the access policy. Handlers and templates never test roles;
 * they ask here. */
#include <string.h>

#include "policy.h"
#include "req.h"

#define R(x) (1u << (x))
#define NATIONAL (R(ROLE_DATA_ENTRY) | R(ROLE_FOCAL_POINT) | R(ROLE_VIEWER))
#define SECRETARIAT (R(ROLE_SEC_ANALYST) | R(ROLE_SEC_ADMIN))
#define SIGNED_IN (NATIONAL | SECRETARIAT)

/* Which roles may perform each action. */
static const unsigned allowed[] = {
	[ACT_PUBLIC] = R(ROLE_NONE) | SIGNED_IN,
	[ACT_HOME] = SIGNED_IN,
	[ACT_OWN_ACCOUNT] = SIGNED_IN,
	[ACT_REPORT] = SIGNED_IN,
	[ACT_REPORT_EDIT] = R(ROLE_DATA_ENTRY) | R(ROLE_FOCAL_POINT),
	[ACT_REPORT_SUBMIT] = R(ROLE_FOCAL_POINT),
	[ACT_NATIONAL_USERS] = R(ROLE_FOCAL_POINT) | R(ROLE_SEC_ADMIN),
	[ACT_POOLED] = SIGNED_IN,
	[ACT_EXPORT] = SECRETARIAT,
	[ACT_REVIEW] = SECRETARIAT,
	[ACT_ADMIN] = R(ROLE_SEC_ADMIN),
};

_Static_assert(sizeof(allowed) / sizeof(allowed[0]) == ACT__MAX,
	       "every action needs a rule");

static const char *const role_names[] = {
	[ROLE_NONE] = "",
	[ROLE_DATA_ENTRY] = "data-entry",
	[ROLE_FOCAL_POINT] = "focal-point",
	[ROLE_VIEWER] = "viewer",
	[ROLE_SEC_ANALYST] = "secretariat-analyst",
	[ROLE_SEC_ADMIN] = "secretariat-admin",
};

_Static_assert(sizeof(role_names) / sizeof(role_names[0]) == ROLE__MAX,
	       "every role needs a name");

int policy_allows(const struct user *user, enum action a)
{
	enum role r = user == NULL ? ROLE_NONE : (enum role)user->role;

	if ((unsigned)a >= ACT__MAX || (unsigned)r >= ROLE__MAX)
		return 0;
	/* A national role without a jurisdiction is a broken account: it
	 * gets nothing rather than someone else's data. */
	if (user != NULL && !role_is_secretariat(r) &&
	    user->jurisdiction_id <= 0)
		return a == ACT_PUBLIC;
	return (allowed[a] & R(r)) != 0;
}

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "";
}

enum role role_from_name(const char *name)
{
	size_t i;

	for (i = 1; i < ROLE__MAX; i++)
		if (strcmp(role_names[i], name) == 0)
			return (enum role)i;
	return ROLE_NONE;
}

int role_is_secretariat(enum role r)
{
	return r == ROLE_SEC_ANALYST || r == ROLE_SEC_ADMIN;
}

static int status_is(const char *s, const char *a, const char *b)
{
	return strcmp(s, a) == 0 || (b != NULL && strcmp(s, b) == 0);
}

enum verdict policy_submission(const struct user *user,
			       long long sub_jurisdiction,
			       const char *sub_status,
			       const char *period_status, enum sub_action a)
{
	enum role r = user == NULL ? ROLE_NONE : (enum role)user->role;
	int open = strcmp(period_status, "open") == 0;
	int editable = status_is(sub_status, "draft", "returned");

	if (user == NULL || (unsigned)a >= SUB__MAX)
		return DENY_FORBIDDEN;
	if (role_is_secretariat(r)) {
		/* Analysts review; administrators run the system (periods,
		 * code lists, accounts) and read. Nobody there edits values. */
		if (a == SUB_READ)
			return ALLOW;
		if (r != ROLE_SEC_ANALYST)
			return DENY_FORBIDDEN;
		switch (a) {
		case SUB_REVIEW:
			return status_is(sub_status, "submitted", NULL) ?
			       ALLOW : DENY_CONFLICT;
		case SUB_RETURN:	/* the state must be able to act on it */
			return open && status_is(sub_status, "submitted", NULL)
			       ? ALLOW : DENY_CONFLICT;
		case SUB_REOPEN:	/* no drafts outside open periods */
			return open && status_is(sub_status, "accepted", NULL)
			       ? ALLOW : DENY_CONFLICT;
		default:
			return DENY_FORBIDDEN;
		}
	}
	/* Another state's submission does not exist for a national user. */
	if (user->jurisdiction_id <= 0 ||
	    sub_jurisdiction != user->jurisdiction_id)
		return DENY_NOT_FOUND;
	switch (a) {
	case SUB_READ:
		return ALLOW;
	case SUB_START:
	case SUB_EDIT:
		if (r != ROLE_DATA_ENTRY && r != ROLE_FOCAL_POINT)
			return DENY_FORBIDDEN;
		if (a == SUB_START)
			return open ? ALLOW : DENY_CONFLICT;
		return open && editable ? ALLOW : DENY_CONFLICT;
	case SUB_SUBMIT:
		if (r != ROLE_FOCAL_POINT)
			return DENY_FORBIDDEN;
		return open && editable ? ALLOW : DENY_CONFLICT;
	case SUB_REOPEN:
		if (r != ROLE_FOCAL_POINT)
			return DENY_FORBIDDEN;
		return open && status_is(sub_status, "accepted", NULL) ?
		       ALLOW : DENY_CONFLICT;
	default:
		return DENY_FORBIDDEN;
	}
}

void policy_next_step(const struct user *user, long long sub_jurisdiction,
		      const char *sub_status, const char *period_status,
		      struct next_step *out)
{
	int r;

	out->roles = 0;
	out->fill_roles = 0;
	out->you = DENY_CONFLICT;
	if (strcmp(sub_status, "draft") == 0)
		out->step = SUB_SUBMIT;
	else if (strcmp(sub_status, "returned") == 0)
		out->step = SUB_EDIT;
	else if (strcmp(sub_status, "submitted") == 0)
		out->step = SUB_REVIEW;
	else {
		out->step = SUB__MAX;
		return;
	}
	/* Each role asked as a member of the submission's jurisdiction (or
	 * of the secretariat): the rules above, not a second copy of them. */
	for (r = ROLE_NONE + 1; r < ROLE__MAX; r++) {
		struct user probe = { 0 };

		probe.role = r;
		probe.jurisdiction_id = role_is_secretariat((enum role)r) ?
					0 : sub_jurisdiction;
		if (policy_submission(&probe, sub_jurisdiction, sub_status,
				      period_status, out->step) == ALLOW)
			out->roles |= R(r);
		/* A draft is filled in before it is submitted, often by
		 * others than those who submit it. */
		if (out->step == SUB_SUBMIT &&
		    policy_submission(&probe, sub_jurisdiction, sub_status,
				      period_status, SUB_EDIT) == ALLOW)
			out->fill_roles |= R(r);
	}
	out->you = policy_submission(user, sub_jurisdiction, sub_status,
				     period_status, out->step);
}

enum verdict policy_manage_user(const struct user *user,
				enum role target_role,
				long long target_jurisdiction)
{
	enum role r = user == NULL ? ROLE_NONE : (enum role)user->role;

	if (r == ROLE_SEC_ADMIN)
		return ALLOW;
	if (r != ROLE_FOCAL_POINT || user->jurisdiction_id <= 0)
		return DENY_FORBIDDEN;
	if (target_jurisdiction != user->jurisdiction_id)
		return DENY_NOT_FOUND;
	/* Not other focal points: one must not take over another's account
	 * or undo what the secretariat did to it. */
	return target_role == ROLE_DATA_ENTRY || target_role == ROLE_VIEWER ?
	       ALLOW : DENY_FORBIDDEN;
}

enum verdict policy_change_user(const struct user *user, long long target_id,
				enum role target_role,
				long long target_jurisdiction)
{
	enum verdict v = policy_manage_user(user, target_role,
					    target_jurisdiction);

	if (v == ALLOW && user->id == target_id)
		return DENY_FORBIDDEN;
	return v;
}

unsigned policy_pooled(const struct user *user, const struct sharing_rule *rule,
		       const struct period_standing *periods, size_t n,
		       size_t i)
{
	enum role r = user == NULL ? ROLE_NONE : (enum role)user->role;
	size_t j, latest = n;

	if (user == NULL || i >= n || r == ROLE_NONE)
		return 0;
	if (role_is_secretariat(r))
		return PART_ALL;
	if (user->jurisdiction_id <= 0)
		return 0;
	switch (rule->mode) {
	case SHARE_PER_PERIOD:
		return periods[i].contributed ? PART_ALL : 0;
	case SHARE_PER_DATASET:
		return periods[i].contributed ? periods[i].reported : 0;
	case SHARE_ROLLING:
		/* Up to the latest contributed period, within the window
		 * of periods that ends there. */
		for (j = n; j-- > 0;)
			if (periods[j].contributed) {
				latest = j;
				break;
			}
		if (latest == n || i > latest || rule->window < 1 ||
		    latest - i >= (size_t)rule->window)
			return 0;
		return PART_ALL;
	}
	return 0;
}

int policy_suppress(const struct sharing_rule *rule, long long sum,
		    long long agg_others)
{
	if (agg_others > 0 && agg_others < rule->k)
		return 1;	/* a state could subtract its own figures */
	return rule->min_count > 0 && sum > 0 && sum < rule->min_count;
}

int policy_suppress_state_figure(const struct user *user,
				 const struct sharing_rule *rule,
				 const char *state, long long sum)
{
	if (policy_pooled_all(user) || user == NULL ||
	    (user->jurisdiction_code != NULL &&
	     strcmp(user->jurisdiction_code, state) == 0))
		return 0;
	return policy_suppress(rule, sum, 0);
}

int policy_pooled_all(const struct user *user)
{
	return user != NULL && role_is_secretariat((enum role)user->role);
}

int policy_pooled_text(const struct user *user, int own, int peers)
{
	return policy_pooled_all(user) || own || peers;
}

int policy_pooled_named(const struct user *user, int own, int aggregate)
{
	return policy_pooled_all(user) || own || !aggregate;
}
