/* SPDX-License-Identifier: MIT */
/* db-jurisdiction.h: jurisdictions and the country code list. Returns
 * follow enum db_rc. */
#ifndef VRS_DB_JURISDICTION_H
#define VRS_DB_JURISDICTION_H

#include <stddef.h>

#include "db.h"

/* kind is "country" or "organisation". */
int db_jurisdiction_insert(struct db *db, const char *code, const char *name,
			   const char *kind, long long *id);
/* name (size namesz) may be NULL. */
int db_jurisdiction_by_code(struct db *db, const char *code, long long *id,
			    char *name, size_t namesz);
int db_jurisdiction_list(struct db *db,
			 void (*fn)(void *ctx, const char *code,
				    const char *name, const char *kind),
			 void *ctx);
/* Looks code up in the current country code list; name may be NULL. */
int db_country_by_code(struct db *db, const char *code, char *name,
		       size_t namesz);

#endif
