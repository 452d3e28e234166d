/* SPDX-License-Identifier: MIT */
/* history-view.h: a history entry as a person reads it. */
#ifndef VRS_HISTORY_VIEW_H
#define VRS_HISTORY_VIEW_H

#include "db-history.h"
#include "report.h"
#include "req.h"

struct history_view;

/* A reader of submission s's history entries for this request (arena
 * memory, freed with it). */
struct history_view *history_view_new(struct req *req,
				      const struct submission *s);

/* Puts entry e under the HDF node at ("Page.History.3"): "say" names the
 * sentence the template draws (history-macros.cs) and the fields it
 * needs, with codes turned into names; an entry in no known shape gets
 * "detail", its stored text without digests. The stored detail itself
 * (hash-chained, verified by vrsadm verify) is never changed. */
void history_view_entry(struct history_view *v, const char *at,
			const struct history_entry *e);

/* Puts one stored change under at ("Page.History.3.Changes.0"): a cell
 * of dataset ds (ds non-empty: table, row and column names, values and
 * flags apart) or a field of a record (ds empty: the record's number in
 * its submission, the field, the texts with codes turned into names). */
void history_view_change(struct history_view *v, const char *at,
			 const char *ds, const struct change *c);

#endif
