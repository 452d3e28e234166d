/* SPDX-License-Identifier: MIT */
/* refcache.h: this worker's copies of the code lists and the sharing
 * settings, valid while the database's reference generation is theirs. */
#ifndef VRS_REFCACHE_H
#define VRS_REFCACHE_H

#include <stddef.h>

#include "req.h"

struct codes;
struct sharing_settings;

/* The codes of list valid at some time from from to to (YYYY-MM-DD), in
 * display order, at most max of them, with their index by code
 * (out->by_code): from this worker's copy when the request's reference
 * generation (req->ref_gen, read with its session) is the copy's, else
 * read from the database, and kept when the generation is known. The
 * items stay valid until the request ends; callers never change them.
 * Returns a db_rc. */
int refcache_codes(struct req *req, const char *list, const char *from,
		   const char *to, size_t max, struct codes *out);
/* The same codes as page data every request may show (a select's
 * options: code, label), kept in the process-wide dataset while the copy
 * holds: returns the key of the list under "Ref.Codes" (for the template:
 * Ref.Codes[key]), or NULL after a database error. */
const char *refcache_codes_hdf(struct req *req, const char *list,
			       const char *from, const char *to, size_t max);
/* The sharing settings, in the same way. Returns a db_rc. */
int refcache_settings(struct req *req, struct sharing_settings *out);
/* Frees every copy (at the worker's end, so leak checkers stay quiet). */
void refcache_free(void);

#endif
