/* SPDX-License-Identifier: MIT */
/* page-home.c: / , the signed-in home page for every role. */
#include <stdio.h>

#include "pages.h"
#include "policy.h"
#include "resp.h"

static const struct field_spec notice_fields[] = {
	{ .name = "password_changed", .type = FIELD_CHECK },
};

/* The sections a role may open, in the order the page lists them. The
 * policy decides; the template only shows what it is given. */
static const struct {
	enum action action;
	const char *key;
} sections[] = {
	{ ACT_REPORT, "report" },
	{ ACT_ADMIN, "periods" },
	{ ACT_ADMIN, "codes" },
	{ ACT_ADMIN, "sharing_settings" },
	{ ACT_POOLED, "pooled" },
	{ ACT_EXPORT, "exchange" },
	{ ACT_NATIONAL_USERS, "users" },
	{ ACT_OWN_ACCOUNT, "account" },
};

/* GET /: who you are, your jurisdiction and role, and your sections. */
enum status page_home(struct req *req)
{
	struct field_value notice[1];
	size_t i, n = 0;

	form_validate(&req->query, notice_fields, 1, notice);
	if (notice[0].num)
		resp_set(req, "Page.Notice", "password_changed");
	for (i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
		char name[64];

		if (!policy_allows(req->user, sections[i].action))
			continue;
		snprintf(name, sizeof(name), "Page.Sections.%zu", n++);
		resp_set(req, name, sections[i].key);
	}
	return resp_render(req, 200, "home.cs");
}
