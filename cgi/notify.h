/* SPDX-License-Identifier: MIT */
/* notify.h: e-mail notifications of workflow events. Each call renders the
 * event's message from its template (templates/mail-*.cs, texts in
 * lang/en.hdf) and queues it in the outbox for the people concerned,
 * inside the caller's open transaction, so the message exists exactly
 * when the change does. `vrsadm mail-send` delivers it. */
#ifndef VRS_NOTIFY_H
#define VRS_NOTIFY_H

#include "db.h"

struct config;
struct period;

/* Keeps what rendering needs from cfg (template directory, public URL) for
 * the life of the process; call once at start-up, before any notify_*. */
void notify_init(const struct config *cfg);

enum notify_event {
	NOTIFY_SUBMITTED,	/* to the secretariat's analysts */
	NOTIFY_RETURNED,	/* to the state's data entry officers and
				 * focal points, with the reasons */
	NOTIFY_ACCEPTED,	/* to the state's users */
	NOTIFY__MAX
};

/* Queues the message of event e about submission sub_id (read in the
 * caller's transaction, so a return's reasons written just before are in
 * it). *queued (may be NULL) receives how many messages. Returns DB_OK,
 * or an error (logged) on which the caller rolls back. */
int notify_submission(struct db *db, enum notify_event e, long long sub_id,
		      unsigned long long *queued);

/* Queues "period p is open" for every national user. */
int notify_period_opened(struct db *db, const struct period *p,
			 unsigned long long *queued);

/* Queues the reminders: for each open period due within days days, to
 * the users of each state that has not submitted for it, once per user
 * and period (a user reminded before is skipped). Each state's messages
 * are written in a transaction of their own. */
int notify_reminders(struct db *db, long days, unsigned long long *queued);

#endif
