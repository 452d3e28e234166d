/* SPDX-License-Identifier: MIT */
/* policy.h: the access policy, the one place that decides who may do what. */
#ifndef VRS_POLICY_H
#define VRS_POLICY_H

struct user;

enum role {
	ROLE_NONE,		/* not signed in */
	ROLE_DATA_ENTRY,
	ROLE_FOCAL_POINT,
	ROLE_VIEWER,
	ROLE_SEC_ANALYST,
	ROLE_SEC_ADMIN,
	ROLE__MAX
};

/* What a request wants to do. Routes name one; pages ask about others to
 * decide which sections to offer. */
enum action {
	ACT_PUBLIC,		/* anyone, signed in or not */
	ACT_HOME,		/* the signed-in home page */
	ACT_OWN_ACCOUNT,	/* change one's own password, sign out */
	ACT_REPORT,		/* the reporting pages; each submission is
				 * then decided by policy_submission */
	ACT_REPORT_EDIT,	/* draft own jurisdiction's data (later issue) */
	ACT_REPORT_SUBMIT,	/* certify and submit (later issue) */
	ACT_NATIONAL_USERS,	/* manage own jurisdiction's users */
	ACT_REVIEW,		/* secretariat review (later issue) */
	ACT_ADMIN,		/* jurisdictions, users, periods, settings */
	ACT__MAX
};

/* Returns 1 if user (NULL when signed out) may perform a, else 0. */
int policy_allows(const struct user *user, enum action a);

/* What may be done to one submission. */
enum sub_action {
	SUB_READ,		/* open it and its datasets */
	SUB_START,		/* create the draft of a period */
	SUB_EDIT,		/* change values, rows, nil returns */
	SUB_SUBMIT,		/* certify and submit */
	SUB_REVIEW,		/* accept */
	SUB_RETURN,		/* return to the state with reasons */
	SUB_REOPEN,		/* reopen an accepted one as version n+1 */
	SUB__MAX
};

enum verdict {
	ALLOW,
	DENY_NOT_FOUND,		/* another state's: its existence is not told */
	DENY_FORBIDDEN,		/* the role may not (403) */
	DENY_CONFLICT		/* not in this status or period state (409) */
};

/* Decides a on a submission of jurisdiction sub_jurisdiction whose status
 * is sub_status ("draft", ... ; "" when it does not exist yet, for
 * SUB_START) in a period whose status is period_status. */
enum verdict policy_submission(const struct user *user,
			       long long sub_jurisdiction,
			       const char *sub_status,
			       const char *period_status, enum sub_action a);

/* Role names as stored in the database and typed on vrsadm's command
 * line ("data-entry", ...). role_from_name returns ROLE_NONE for an
 * unknown name. */
const char *role_name(enum role r);
enum role role_from_name(const char *name);
/* 1 for the secretariat roles, which belong to no jurisdiction. */
int role_is_secretariat(enum role r);

/* May user create, lock or reset the password of an account with role
 * target_role in jurisdiction target_jurisdiction (0: the secretariat)?
 * Focal points manage the data entry and viewer accounts of their own
 * jurisdiction (others' accounts do not exist for them: DENY_NOT_FOUND);
 * secretariat administrators manage every account. */
enum verdict policy_manage_user(const struct user *user,
				enum role target_role,
				long long target_jurisdiction);

#endif
