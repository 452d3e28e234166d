/* SPDX-License-Identifier: MIT */
/* vrsadm-mail.h: `vrsadm mail-send`, the outbox's sender. */
#ifndef VRS_VRSADM_MAIL_H
#define VRS_VRSADM_MAIL_H

#include "db.h"

struct config;

/* Queues the due-date reminders, then sends the waiting mail over SMTP
 * (argv: "mail-send" [--now] [--no-reminders]). Returns the exit status:
 * 0 when every message tried was sent or rescheduled, 1 when the relay
 * could not be reached or a setting is wrong, 2 for bad arguments. */
int vrsadm_mail_send(struct db *db, const struct config *cfg, int argc,
		     char **argv);

#endif
