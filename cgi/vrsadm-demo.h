/* SPDX-License-Identifier: MIT */
/* vrsadm-demo.h: the demo's fictitious figures (`vrsadm demo-data`). */
#ifndef VRS_VRSADM_DEMO_H
#define VRS_VRSADM_DEMO_H

#include "db.h"

struct actor;

/* Writes accepted submissions for QZA and QZB in three periods and a
 * draft for QZC, where they do not exist yet. Returns a db_rc (DB_NONE
 * when the demo jurisdictions are missing). */
int demo_data(struct db *db, const struct actor *who);

#endif
