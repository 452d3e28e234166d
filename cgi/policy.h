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
	ACT_REPORT_EDIT,	/* draft own jurisdiction's data (later issue) */
	ACT_REPORT_SUBMIT,	/* certify and submit (later issue) */
	ACT_NATIONAL_USERS,	/* manage own jurisdiction's users */
	ACT_REVIEW,		/* secretariat review (later issue) */
	ACT_ADMIN,		/* jurisdictions, users, periods, settings */
	ACT__MAX
};

/* Returns 1 if user (NULL when signed out) may perform a, else 0. */
int policy_allows(const struct user *user, enum action a);

/* Role names as stored in the database and typed on vrsadm's command
 * line ("data-entry", ...). role_from_name returns ROLE_NONE for an
 * unknown name. */
const char *role_name(enum role r);
enum role role_from_name(const char *name);
/* 1 for the secretariat roles, which belong to no jurisdiction. */
int role_is_secretariat(enum role r);

#endif
