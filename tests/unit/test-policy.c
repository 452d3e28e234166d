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

static void policy_all(void)
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

int main(void)
{
	unit_name = "policy";
	RUN(policy_all);
	return unit_report();
}
