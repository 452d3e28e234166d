/* SPDX-License-Identifier: MIT */
/* policy.h: the access policy, the one place that decides who may do what. */
#ifndef VRS_POLICY_H
#define VRS_POLICY_H

#include <stddef.h>

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
	ACT_POOLED,		/* the pooled views; each period and dataset
				 * is then decided by policy_pooled */
	ACT_EXPORT,		/* export every state's data (XML, CSV) and
				 * read the export and import log */
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

/* The next step of a submission's workflow and who may take it, so that
 * every page of a submission can say who acts next, whoever looks. */
struct next_step {
	enum sub_action step;	/* SUB_SUBMIT for a draft, SUB_EDIT for a
				 * returned one (correct it, then submit),
				 * SUB_REVIEW for a submitted one; SUB__MAX
				 * when the workflow has ended (accepted,
				 * superseded) */
	unsigned roles;		/* 1u << role for each role that may take the
				 * step now (0: nobody, e.g. the period is
				 * not open) */
	enum verdict you;	/* the viewer's own verdict on the step */
	unsigned fill_roles;	/* a draft: 1u << role for each role that may
				 * still fill it in before it is submitted
				 * (0 otherwise) */
};

/* Fills *out for a submission of jurisdiction sub_jurisdiction in status
 * sub_status, period in period_status, as seen by user. The roles are
 * found by asking policy_submission, so they follow its rules. */
void policy_next_step(const struct user *user, long long sub_jurisdiction,
		      const char *sub_status, const char *period_status,
		      struct next_step *out);

/* ---- the sharing rule ------------------------------------------------ */

/* How contributions open other states' data (the secretariat's settings). */
enum sharing_mode {
	SHARE_PER_PERIOD,	/* a period opens if the viewer contributed to it */
	SHARE_ROLLING,		/* every period up to the viewer's latest
				 * contributed one, within the last window */
	SHARE_PER_DATASET	/* per period, and only the datasets the viewer
				 * itself reported (not all M) */
};

struct sharing_rule {
	enum sharing_mode mode;
	int window;		/* SHARE_ROLLING: how many periods */
	int submitted_counts;	/* 1: a submitted submission contributes too */
	int k;			/* fewest aggregate-only states in a total */
	int min_count;		/* a figure from 1 to min_count - 1 is not
				 * shown to states (0: no such threshold) */
};

/* Inside a pooled view the policy opened: 1 if user sees every state's
 * data without the rule's limits (C cells, per-state figures of states
 * that share in aggregate only, secretariat-only texts): the secretariat.
 * A national user sees its own state's as well (own). */
int policy_pooled_all(const struct user *user);
/* May user read a narrative text of a state (own: the user's) that is
 * shared with contributing states (peers) or kept for the secretariat? */
int policy_pooled_text(const struct user *user, int own, int peers);
/* May user see which state wrote it (aggregate: it shares in regional
 * totals only)? */
int policy_pooled_named(const struct user *user, int own, int aggregate);

/* 1 when states must not see a pooled figure of value sum that holds
 * aggregate-only data from agg_others states other than the viewer:
 * fewer than k of them (but some), or a small count below min_count. */
/* 1 when user must not see state's figure of value sum in a table
 * narrowed to one country: a small count under the rule's threshold, as
 * a regional cell would be. The secretariat sees it; a state its own. */
int policy_suppress_state_figure(const struct user *user,
				 const struct sharing_rule *rule,
				 const char *state, long long sum);
int policy_suppress(const struct sharing_rule *rule, long long sum,
		    long long agg_others);

/* The parts a viewer may have reported, as bits of a mask. */
enum sharing_part {
	PART_FLOWS, PART_DOCUMENTS, PART_SMUGGLERS, PART_HARM, PART_ROUTES,
	PART_INCIDENTS, PART_NARRATIVE, PART__MAX
};
#define PART_ALL ((1u << PART__MAX) - 1)

/* The viewer's own standing in one period, oldest period first. */
struct period_standing {
	int contributed;	/* its submission counts as a contribution */
	unsigned reported;	/* PART_* bits it reported (not all M) */
};

/* The parts of other states' data in periods[i] (n periods, ordered by
 * start) that user may see in pooled views under rule: a PART_* mask,
 * 0 when none. The secretariat sees everything; a national user only
 * what its contributions open. Computed from facts read in the same
 * request, never cached, so a returned submission closes at once. */
unsigned policy_pooled(const struct user *user, const struct sharing_rule *rule,
		       const struct period_standing *periods, size_t n,
		       size_t i);

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
/* May user lock, unlock or set a temporary password of the existing
 * account target_id? As policy_manage_user, but never one's own account
 * (DENY_FORBIDDEN): locking it would shut one out, and one's own password
 * is changed at /account/password. */
enum verdict policy_change_user(const struct user *user, long long target_id,
				enum role target_role,
				long long target_jurisdiction);

#endif
