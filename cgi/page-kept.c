/* SPDX-License-Identifier: MIT */
/* page-kept.c: /kept, the data-entry forms posted after their session had
 * ended (kept by dispatch.c), offered back to their user to review and
 * save again, or discard. */
#include <stdlib.h>
#include <string.h>

#include "datasets.h"
#include "db-report.h"
#include "db-user.h"
#include "pages.h"
#include "policy.h"
#include "resp.h"

struct listing {
	struct req *req;
	long long n;
	int rc;
};

/* Names the form by the route that took it and the path it was posted to
 * (/submission/<id>/<dataset>, .../narrative, .../routes/new ...). */
static void put_kept(void *ctx, long long id, const char *path,
		     const char *route, const char *created)
{
	struct listing *l = ctx;
	struct req *req = l->req;
	const char *p = path, *seg;
	long long sub_id;
	char *end;

	resp_set_item_int(req, "Page.Kept", l->n, "id", id);
	resp_set_item(req, "Page.Kept", l->n, "path", path);
	resp_set_item(req, "Page.Kept", l->n, "created", created);
	if (strncmp(p, "/submission/", 12) == 0 && p[12] >= '1' &&
	    p[12] <= '9') {
		sub_id = strtoll(p + 12, &end, 10);
		seg = *end == '/' ? end + 1 : "";
		if (strcmp(route, "grid-save") == 0) {
			if (dataset_find(seg) != NULL)
				resp_set_item(req, "Page.Kept", l->n,
					      "dataset", seg);
		} else if (strcmp(route, "narrative-save") == 0) {
			resp_set_item(req, "Page.Kept", l->n, "what",
				      "narrative");
		} else if (strncmp(route, "routes-", 7) == 0) {
			resp_set_item(req, "Page.Kept", l->n, "what",
				      strcmp(route, "routes-create") == 0 ?
				      "routes_new" : "routes");
		} else if (strncmp(route, "incidents-", 10) == 0) {
			resp_set_item(req, "Page.Kept", l->n, "what",
				      strcmp(route, "incidents-create") == 0 ?
				      "incidents_new" : "incidents");
		}
		if (l->rc == DB_OK) {
			struct submission s;
			int rc = db_sub_by_id(req->db, sub_id, &s);

			/* Named only where the user may read it: a kept
			 * path is whatever the user posted to. */
			if (rc == DB_OK &&
			    policy_submission(req->user, s.jurisdiction_id,
					      s.status, s.period_status,
					      SUB_READ) == ALLOW) {
				resp_set_item(req, "Page.Kept", l->n, "jcode",
					      s.jcode);
				resp_set_item(req, "Page.Kept", l->n, "period",
					      s.period);
			} else if (rc < 0) {
				l->rc = rc;
			}
		}
	}
	l->n++;
}

static const struct field_spec notice_fields[] = {
	{ .name = "discarded", .type = FIELD_CHECK },
};

/* GET /kept: the user's kept forms, each with a link to its page filled
 * in as it was posted (<path>?kept=<id>) and a button to discard it. */
enum status page_kept_list(struct req *req)
{
	struct listing l = { req, 0, DB_OK };
	struct field_value notice[1];
	int rc;

	form_validate(&req->query, notice_fields, 1, notice);
	if (notice[0].num)
		resp_set(req, "Page.Notice", "discarded");
	rc = db_kept_list(req->db, req->user->id, put_kept, &l);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (l.rc != DB_OK)
		return resp_db_failure(l.rc);
	return resp_render(req, 200, "kept.cs");
}

static const struct field_spec discard_fields[] = {
	{ .name = "id", .type = FIELD_INT, .required = 1, .min = 1,
	  .max = 9000000000000000000LL },
};

/* POST /kept/discard: forgets one of the user's kept forms; 303 to
 * /kept. 400 for a malformed id, 404 for one that is not the user's. */
enum status page_kept_discard(struct req *req)
{
	struct field_value v[1];
	int rc;

	if (form_validate(&req->body, discard_fields, 1, v) > 0)
		return ST_BAD_REQUEST;
	rc = db_kept_delete(req->db, v[0].num, req->user->id);
	if (rc == DB_NONE)
		return ST_NOT_FOUND;
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect(req, "/kept?discarded=1");
}
