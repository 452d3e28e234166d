/* SPDX-License-Identifier: MIT */
/* test-policy.c: the access matrix, role by role. */
#include "unit.h"

#include "policy.h"
#include "req.h"

static struct user as(enum role r, long long jurisdiction)
{
	struct user u = { .id = 1, .role = r,
			  .jurisdiction_id = jurisdiction };
	return u;
}

static void policy_actions(void)
{
	struct user entry = as(ROLE_DATA_ENTRY, 7), focal = as(ROLE_FOCAL_POINT, 7),
		viewer = as(ROLE_VIEWER, 7), analyst = as(ROLE_SEC_ANALYST, 0),
		admin = as(ROLE_SEC_ADMIN, 0), orphan = as(ROLE_FOCAL_POINT, 0);

	CHECK(policy_allows(NULL, ACT_PUBLIC));
	CHECK(!policy_allows(NULL, ACT_HOME));
	CHECK(!policy_allows(NULL, ACT_OWN_ACCOUNT));
	CHECK(policy_allows(&entry, ACT_HOME) && policy_allows(&admin, ACT_HOME));
	CHECK(policy_allows(&entry, ACT_REPORT_EDIT));
	CHECK(!policy_allows(&entry, ACT_REPORT_SUBMIT));
	CHECK(policy_allows(&focal, ACT_REPORT_SUBMIT));
	CHECK(!policy_allows(&viewer, ACT_REPORT_EDIT));
	CHECK(!policy_allows(&analyst, ACT_REPORT_EDIT));
	CHECK(policy_allows(&analyst, ACT_REVIEW));
	CHECK(!policy_allows(&analyst, ACT_ADMIN));
	CHECK(policy_allows(&admin, ACT_ADMIN));
	CHECK(!policy_allows(&focal, ACT_ADMIN));
	CHECK(policy_allows(&focal, ACT_NATIONAL_USERS));
	CHECK(!policy_allows(&entry, ACT_NATIONAL_USERS));
	/* a national account without a jurisdiction gets nothing */
	CHECK(!policy_allows(&orphan, ACT_HOME));
	CHECK(!policy_allows(&entry, ACT__MAX));
	CHECK(role_from_name("focal-point") == ROLE_FOCAL_POINT);
	CHECK(role_from_name("root") == ROLE_NONE);
	CHECK(role_from_name("") == ROLE_NONE);
	CHECK_STR(role_name(ROLE_SEC_ADMIN), "secretariat-admin");
	CHECK(role_is_secretariat(ROLE_SEC_ANALYST));
	CHECK(!role_is_secretariat(ROLE_VIEWER));
}

static void policy_submissions(void)
{
	struct user entry = as(ROLE_DATA_ENTRY, 7), focal = as(ROLE_FOCAL_POINT, 7),
		viewer = as(ROLE_VIEWER, 7), other = as(ROLE_FOCAL_POINT, 8),
		analyst = as(ROLE_SEC_ANALYST, 0), admin = as(ROLE_SEC_ADMIN, 0);

	/* another state's submission does not exist for national users */
	CHECK(policy_submission(&other, 7, "draft", "open", SUB_READ) ==
	      DENY_NOT_FOUND);
	CHECK(policy_submission(&other, 7, "accepted", "open", SUB_READ) ==
	      DENY_NOT_FOUND);
	CHECK(policy_submission(&viewer, 7, "draft", "open", SUB_READ) == ALLOW);
	CHECK(policy_submission(&viewer, 7, "draft", "open", SUB_EDIT) ==
	      DENY_FORBIDDEN);
	CHECK(policy_submission(&entry, 7, "draft", "open", SUB_EDIT) == ALLOW);
	CHECK(policy_submission(&entry, 7, "returned", "open", SUB_EDIT) ==
	      ALLOW);
	CHECK(policy_submission(&entry, 7, "submitted", "open", SUB_EDIT) ==
	      DENY_CONFLICT);
	CHECK(policy_submission(&entry, 7, "draft", "locked", SUB_EDIT) ==
	      DENY_CONFLICT);
	CHECK(policy_submission(&entry, 7, "draft", "open", SUB_SUBMIT) ==
	      DENY_FORBIDDEN);
	CHECK(policy_submission(&focal, 7, "draft", "open", SUB_SUBMIT) == ALLOW);
	CHECK(policy_submission(&focal, 7, "", "planned", SUB_START) ==
	      DENY_CONFLICT);
	CHECK(policy_submission(&focal, 7, "accepted", "open", SUB_REOPEN) ==
	      ALLOW);
	CHECK(policy_submission(&focal, 7, "accepted", "locked", SUB_REOPEN) ==
	      DENY_CONFLICT);
	/* the secretariat reads all and never edits values */
	CHECK(policy_submission(&admin, 7, "draft", "open", SUB_READ) == ALLOW);
	CHECK(policy_submission(&analyst, 7, "draft", "open", SUB_EDIT) ==
	      DENY_FORBIDDEN);
	CHECK(policy_submission(&analyst, 7, "submitted", "open", SUB_REVIEW) ==
	      ALLOW);
	CHECK(policy_submission(&analyst, 7, "draft", "open", SUB_REVIEW) ==
	      DENY_CONFLICT);
	CHECK(policy_submission(&analyst, 7, "submitted", "locked",
				SUB_RETURN) == DENY_CONFLICT);
	CHECK(policy_submission(&admin, 7, "submitted", "open", SUB_REVIEW) ==
	      DENY_FORBIDDEN);
	CHECK(policy_submission(NULL, 7, "draft", "open", SUB_READ) ==
	      DENY_FORBIDDEN);
}

static void policy_accounts(void)
{
	struct user focal = as(ROLE_FOCAL_POINT, 7), entry = as(ROLE_DATA_ENTRY, 7),
		admin = as(ROLE_SEC_ADMIN, 0), analyst = as(ROLE_SEC_ANALYST, 0);

	CHECK(policy_manage_user(&focal, ROLE_DATA_ENTRY, 7) == ALLOW);
	CHECK(policy_manage_user(&focal, ROLE_DATA_ENTRY, 8) == DENY_NOT_FOUND);
	CHECK(policy_manage_user(&focal, ROLE_SEC_ADMIN, 7) == DENY_FORBIDDEN);
	CHECK(policy_manage_user(&focal, ROLE_FOCAL_POINT, 7) == DENY_FORBIDDEN);
	CHECK(policy_manage_user(&focal, ROLE_VIEWER, 7) == ALLOW);
	CHECK(policy_manage_user(&entry, ROLE_VIEWER, 7) == DENY_FORBIDDEN);
	CHECK(policy_manage_user(&analyst, ROLE_VIEWER, 7) == DENY_FORBIDDEN);
	CHECK(policy_manage_user(&admin, ROLE_SEC_ANALYST, 0) == ALLOW);
	/* an existing account: never one's own (the id of as() is 1) */
	CHECK(policy_change_user(&admin, 2, ROLE_SEC_ADMIN, 0) == ALLOW);
	CHECK(policy_change_user(&admin, 1, ROLE_SEC_ADMIN, 0) == DENY_FORBIDDEN);
	CHECK(policy_change_user(&focal, 2, ROLE_DATA_ENTRY, 7) == ALLOW);
	CHECK(policy_change_user(&focal, 2, ROLE_DATA_ENTRY, 8) == DENY_NOT_FOUND);
	CHECK(policy_change_user(&focal, 1, ROLE_FOCAL_POINT, 7) == DENY_FORBIDDEN);
	CHECK(policy_change_user(&entry, 1, ROLE_DATA_ENTRY, 7) == DENY_FORBIDDEN);
}

static void policy_sharing(void)
{
	struct user viewer = as(ROLE_VIEWER, 7), analyst = as(ROLE_SEC_ANALYST, 0),
		orphan = as(ROLE_FOCAL_POINT, 0);
	/* Five periods, oldest first: contributed to 1 and 3; in 3 it
	 * reported flows and routes only. */
	struct period_standing ps[5] = {
		{ 0, 0 }, { 1, PART_ALL }, { 0, 0 },
		{ 1, (1u << PART_FLOWS) | (1u << PART_ROUTES) }, { 0, 0 },
	};
	struct sharing_rule per_period = { SHARE_PER_PERIOD, 4, 0, 3, 0 };
	struct sharing_rule per_dataset = { SHARE_PER_DATASET, 4, 0, 3, 0 };
	struct sharing_rule rolling2 = { SHARE_ROLLING, 2, 0, 3, 0 };
	struct sharing_rule rolling9 = { SHARE_ROLLING, 9, 0, 3, 0 };
	size_t i;

	CHECK(policy_pooled(&viewer, &per_period, ps, 5, 0) == 0);
	CHECK(policy_pooled(&viewer, &per_period, ps, 5, 1) == PART_ALL);
	CHECK(policy_pooled(&viewer, &per_period, ps, 5, 2) == 0);
	CHECK(policy_pooled(&viewer, &per_period, ps, 5, 4) == 0);
	CHECK(policy_pooled(&viewer, &per_dataset, ps, 5, 3) ==
	      ((1u << PART_FLOWS) | (1u << PART_ROUTES)));
	CHECK(policy_pooled(&viewer, &per_dataset, ps, 5, 2) == 0);
	/* rolling: up to the latest contribution (3), within the window */
	CHECK(policy_pooled(&viewer, &rolling2, ps, 5, 3) == PART_ALL);
	CHECK(policy_pooled(&viewer, &rolling2, ps, 5, 2) == PART_ALL);
	CHECK(policy_pooled(&viewer, &rolling2, ps, 5, 1) == 0);
	CHECK(policy_pooled(&viewer, &rolling2, ps, 5, 4) == 0);
	CHECK(policy_pooled(&viewer, &rolling9, ps, 5, 0) == PART_ALL);
	for (i = 0; i < 5; i++) {
		CHECK(policy_pooled(&analyst, &per_period, ps, 5, i) == PART_ALL);
		CHECK(policy_pooled(NULL, &per_period, ps, 5, i) == 0);
		CHECK(policy_pooled(&orphan, &per_period, ps, 5, i) == 0);
	}
	CHECK(policy_pooled(&viewer, &per_period, ps, 5, 5) == 0);
	CHECK(policy_allows(&viewer, ACT_POOLED) && !policy_allows(NULL, ACT_POOLED));
	{
		struct sharing_rule r = { SHARE_PER_PERIOD, 4, 0, 3, 0 };

		CHECK(!policy_suppress(&r, 5, 0));	/* attributed only */
		CHECK(policy_suppress(&r, 5, 1) && policy_suppress(&r, 5, 2));
		CHECK(!policy_suppress(&r, 5, 3));
		r.min_count = 10;
		CHECK(policy_suppress(&r, 9, 0) && !policy_suppress(&r, 10, 0));
		CHECK(!policy_suppress(&r, 0, 0));	/* nothing to hide */
		/* One country's figure of a state: hidden from other states
		 * when small, never from itself or the secretariat. */
		viewer.jurisdiction_code = "QZA";
		CHECK(policy_suppress_state_figure(&viewer, &r, "QZB", 9));
		CHECK(!policy_suppress_state_figure(&viewer, &r, "QZB", 10));
		CHECK(!policy_suppress_state_figure(&viewer, &r, "QZA", 9));
		CHECK(!policy_suppress_state_figure(&analyst, &r, "QZB", 9));
	}
	CHECK(policy_pooled_all(&analyst) && !policy_pooled_all(&viewer) &&
	      !policy_pooled_all(NULL));
	CHECK(policy_pooled_text(&viewer, 0, 1) && !policy_pooled_text(&viewer, 0, 0));
	CHECK(policy_pooled_text(&viewer, 1, 0) && policy_pooled_text(&analyst, 0, 0));
	CHECK(!policy_pooled_named(&viewer, 0, 1) && policy_pooled_named(&viewer, 0, 0));
	CHECK(policy_pooled_named(&viewer, 1, 1) && policy_pooled_named(&analyst, 0, 1));
}

/* Who acts next comes from the rules above, asked for every role. */
static void policy_next(void)
{
	struct user entry = as(ROLE_DATA_ENTRY, 7), focal = as(ROLE_FOCAL_POINT, 7),
		analyst = as(ROLE_SEC_ANALYST, 0), admin = as(ROLE_SEC_ADMIN, 0);
	struct next_step n;

	policy_next_step(&entry, 7, "draft", "open", &n);
	CHECK(n.step == SUB_SUBMIT && n.roles == 1u << ROLE_FOCAL_POINT);
	CHECK(n.you == DENY_FORBIDDEN);
	/* a draft is filled in first, by the officers or the focal point */
	CHECK(n.fill_roles ==
	      ((1u << ROLE_DATA_ENTRY) | (1u << ROLE_FOCAL_POINT)));
	policy_next_step(&focal, 7, "draft", "open", &n);
	CHECK(n.you == ALLOW);
	policy_next_step(&admin, 7, "returned", "open", &n);
	CHECK(n.step == SUB_EDIT && n.roles ==
	      ((1u << ROLE_DATA_ENTRY) | (1u << ROLE_FOCAL_POINT)) &&
	      n.fill_roles == 0);
	CHECK(n.you == DENY_FORBIDDEN);
	policy_next_step(&admin, 7, "submitted", "locked", &n);
	CHECK(n.step == SUB_REVIEW && n.roles == 1u << ROLE_SEC_ANALYST);
	CHECK(n.you == DENY_FORBIDDEN);
	policy_next_step(&analyst, 7, "submitted", "open", &n);
	CHECK(n.you == ALLOW);
	/* a draft of a period that is not open: nobody can act on it */
	policy_next_step(&focal, 7, "draft", "locked", &n);
	CHECK(n.step == SUB_SUBMIT && n.roles == 0 && n.you == DENY_CONFLICT &&
	      n.fill_roles == 0);
	policy_next_step(&focal, 7, "accepted", "open", &n);
	CHECK(n.step == SUB__MAX && n.roles == 0);
	policy_next_step(&focal, 7, "superseded", "open", &n);
	CHECK(n.step == SUB__MAX);
}

int main(void)
{
	unit_name = "policy";
	RUN(policy_sharing);
	RUN(policy_actions);
	RUN(policy_submissions);
	RUN(policy_next);
	RUN(policy_accounts);
	return unit_report();
}
