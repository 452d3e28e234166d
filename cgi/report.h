/* SPDX-License-Identifier: MIT */
/* report.h: what page-report.c and page-grid.c share. */
#ifndef VRS_REPORT_H
#define VRS_REPORT_H

#include <stddef.h>

#include "db-report.h"
#include "policy.h"
#include "req.h"
#include "status.h"

/* Loads the submission named by req->args[0] and asks the policy about
 * action a. Returns ST_OK, ST_NOT_FOUND (also for another state's, for
 * national users), ST_FORBIDDEN or ST_CONFLICT. */
enum status report_load(struct req *req, struct submission *sub,
			enum sub_action a);
/* report_load for the page of one part (a dataset key, "routes" or
 * "incidents"): the same statement reads the secretariat's return reason
 * for the part, put under Page.Reason when the answer is ST_OK and there
 * is one. */
enum status report_load_part(struct req *req, struct submission *sub,
			     enum sub_action a, const char *part);
/* The status for a policy verdict. */
enum status report_verdict(enum verdict v);
/* Puts the submission's facts under Page.Sub. */
void report_put_submission(struct req *req, const struct submission *s);
/* Checks the saved values for consistency and puts each finding under
 * Page.Warnings.N; *count receives how many. Returns a db_rc. */
int report_warnings(struct req *req, const struct submission *sub,
		    size_t *count);

/* The review page's parts ("read before you certify"), each a db_rc:
 * every live route of s, as its list shows them and with its note, under
 * Page.Routes (page-route.c); every live incident under Page.Incidents
 * (page-incident.c); and, in review.c, the four datasets' grids with
 * their totals under Review.Ds, the records and the narrative under
 * Page.Texts. */
int page_route_put_all(struct req *req, const struct submission *s);
int page_incident_put_all(struct req *req, const struct submission *s);
int report_put_review(struct req *req, const struct submission *s);

#endif
