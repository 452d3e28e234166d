/* SPDX-License-Identifier: MIT */
/* pages.h: the page handlers the route table calls. Each returns ST_OK
 * once it has answered, or a status for the gate to render. */
#ifndef VRS_PAGES_H
#define VRS_PAGES_H

#include "req.h"
#include "status.h"

/* page-auth.c */
enum status page_auth_login_form(struct req *req);
enum status page_auth_login(struct req *req);
enum status page_auth_logout(struct req *req);
/* Counts a wrong password against u (towards the lock-out), with its
 * history entries, in one transaction. Returns a db_rc. Also used by
 * page-account.c for the current-password check. */
int page_auth_record_failure(struct req *req, const struct user *u);

/* page-home.c */
enum status page_home(struct req *req);

/* page-account.c */
enum status page_account_password_form(struct req *req);
enum status page_account_password(struct req *req);
enum status page_account_notify_form(struct req *req);
enum status page_account_notify(struct req *req);

/* page-kept.c */
enum status page_kept_list(struct req *req);
enum status page_kept_discard(struct req *req);

/* page-period.c */
enum status page_period_list(struct req *req);
enum status page_period_create(struct req *req);
enum status page_period_status(struct req *req);

/* page-code.c */
enum status page_code_list(struct req *req);
enum status page_code_add(struct req *req);
enum status page_code_end(struct req *req);

/* page-users.c */
enum status page_users_list(struct req *req);
enum status page_users_create(struct req *req);
enum status page_users_lock(struct req *req);
enum status page_users_unlock(struct req *req);
enum status page_users_reset(struct req *req);

/* page-report.c */
enum status page_report_dashboard(struct req *req);
enum status page_report_start(struct req *req);
enum status page_submission_show(struct req *req);
enum status page_submission_review(struct req *req);
enum status page_submission_history(struct req *req);
enum status page_submission_submit(struct req *req);
enum status page_submission_return(struct req *req);
enum status page_submission_accept(struct req *req);
enum status page_submission_reopen(struct req *req);
enum status page_submission_csv(struct req *req);
enum status page_submission_sharing(struct req *req);

/* page-route.c */
enum status page_route_list(struct req *req);
enum status page_route_csv(struct req *req);
enum status page_route_new(struct req *req);
enum status page_route_show(struct req *req);
enum status page_route_save(struct req *req);
enum status page_route_delete(struct req *req);

/* page-incident.c */
enum status page_incident_list(struct req *req);
enum status page_incident_csv(struct req *req);
enum status page_incident_new(struct req *req);
enum status page_incident_show(struct req *req);
enum status page_incident_save(struct req *req);
enum status page_incident_delete(struct req *req);

/* page-narrative.c */
enum status page_narrative_show(struct req *req);

/* page-exchange.c */
enum status page_exchange(struct req *req);
enum status page_exchange_export(struct req *req);
enum status page_exchange_manifest(struct req *req);
enum status page_exchange_structure(struct req *req);
enum status page_import_form(struct req *req);
enum status page_import_show(struct req *req);
enum status page_import_check(struct req *req);
enum status page_import_confirm(struct req *req);
enum status page_narrative_save(struct req *req);

/* page-pooled.c */
enum status page_sharing(struct req *req);
enum status page_pooled_totals(struct req *req);
enum status page_pooled_trends(struct req *req);
enum status page_pooled_routes(struct req *req);
enum status page_pooled_narratives(struct req *req);
enum status page_sharing_settings(struct req *req);
enum status page_sharing_settings_save(struct req *req);

/* page-grid.c */
enum status page_grid_show(struct req *req);
enum status page_grid_save(struct req *req);

#endif
