/* SPDX-License-Identifier: MIT */
/* refcache.c: this worker's copies of the reference data that only an
 * administrator changes: the code lists of a period and the sharing
 * settings. A copy serves a request only while the database's reference
 * generation, read with the request's session (one column of the session
 * query, so checking costs no round trip), is the one the copy was made
 * under. Every change to the codes or settings tables raises it, whoever
 * makes it (triggers of migration 0018), so the first request after a
 * change, in every worker, reads afresh. A request that read no
 * generation (no session) reads the database and keeps nothing.
 *
 * Process-wide memory (malloc), never request data: the lists and
 * settings are the same for every user. One worker serves one request at
 * a time, and copies are dropped only at the first lookup of a request
 * (under a new generation, or when MAX_COPIES are kept), never while a
 * request may still hold one: a request that finds no room reads its
 * list into its own arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "db-report.h"
#include "db-sharing.h"
#include "grid.h"
#include "refcache.h"
#include "resp.h"

#define MAX_COPIES 256		/* lists x periods kept; then start over */

struct copy {
	char *list;
	char from[11], to[11];
	size_t max;
	struct code *items;	/* n in display order, then n by code */
	size_t n;
};

static struct {
	long long gen;		/* the generation of everything below */
	char rid[17];		/* the request that looked up last */
	struct copy copies[MAX_COPIES];
	size_t n;
	int have_settings;
	struct sharing_settings settings;
} cache;

static void drop_copies(void)
{
	size_t i, k;

	for (i = 0; i < cache.n; i++) {
		for (k = 0; k < cache.copies[i].n; k++) {
			free((char *)cache.copies[i].items[k].code);
			free((char *)cache.copies[i].items[k].label);
		}
		free(cache.copies[i].items);
		free(cache.copies[i].list);
	}
	cache.n = 0;
	cache.have_settings = 0;
	resp_ref_clear();
}

void refcache_free(void)
{
	drop_copies();
	cache.gen = 0;
}

/* 1 when the request may use and fill the copies (dropping those of an
 * older generation first), 0 when it must read the database. */
static int usable(const struct req *req)
{
	int first = strcmp(cache.rid, req->rid) != 0;

	if (first)
		snprintf(cache.rid, sizeof(cache.rid), "%s", req->rid);
	if (req->ref_gen <= 0) {
		/* Nothing to check a copy against: this request reads
		 * afresh (its page data, once per request), and the next
		 * request with a generation starts afresh too. */
		if (cache.gen != 0 || first) {
			drop_copies();
			cache.gen = 0;
		}
		return 0;
	}
	if (req->ref_gen != cache.gen || (first && cache.n == MAX_COPIES)) {
		/* more lists than expected (many periods): start over */
		drop_copies();
		cache.gen = req->ref_gen;
	}
	return 1;
}

/* Loading a list: into the arena (a != NULL) or malloc'd memory. */
struct loading {
	struct arena *a;
	struct code *items;
	size_t n, max;
	int failed;
};

static char *dup_to(struct loading *l, const char *s)
{
	char *d;

	if (l->a != NULL)
		return arena_strdup(l->a, s);
	d = strdup(s);
	if (d == NULL)
		l->failed = 1;
	return d;
}

static void add_code(void *ctx, const char *code, const char *label)
{
	struct loading *l = ctx;

	if (l->n >= l->max || l->failed)
		return;
	l->items[l->n].code = dup_to(l, code);
	l->items[l->n].label = dup_to(l, label);
	if (!l->failed)
		l->n++;
}

static int by_code(const void *a, const void *b)
{
	return strcmp(((const struct code *)a)->code,
		      ((const struct code *)b)->code);
}

/* Fills out from n items followed by room for n more: the second half
 * becomes the same codes sorted by code, for grid_find_code. */
static void index_codes(struct req *req, struct code *items, size_t n,
			struct codes *out)
{
	memcpy(items + n, items, n * sizeof(*items));
	qsort(items + n, n, sizeof(*items), by_code);
	*out = (struct codes){ req->arena, items, n, items + n };
}

int refcache_codes(struct req *req, const char *list, const char *from,
		   const char *to, size_t max, struct codes *out)
{
	int keep = usable(req);
	struct loading l = { keep ? NULL : req->arena, NULL, 0, max, 0 };
	size_t room = 2 * (max > 0 ? max : 1);
	struct copy *c;
	size_t i;
	int rc;

	for (i = 0; keep && i < cache.n; i++) {
		c = &cache.copies[i];
		if (c->max == max && strcmp(c->list, list) == 0 &&
		    strcmp(c->from, from) == 0 && strcmp(c->to, to) == 0) {
			*out = (struct codes){ req->arena, c->items, c->n,
					       c->items + c->n };
			return DB_OK;
		}
	}
	if (keep && cache.n == MAX_COPIES) {
		/* No room, and this request may hold copies: its own. */
		keep = 0;
		l.a = req->arena;
	}
	l.items = keep ? calloc(room, sizeof(*l.items)) :
		  arena_alloc(req->arena, room * sizeof(*l.items));
	if (l.items == NULL)
		return DB_ERROR;
	rc = db_code_list_during(req->db, list, from, to, add_code, &l);
	if (rc == DB_OK && l.failed)
		rc = DB_ERROR;
	if (keep && rc == DB_OK) {
		c = &cache.copies[cache.n];
		c->list = strdup(list);
		if (c->list != NULL) {
			snprintf(c->from, sizeof(c->from), "%s", from);
			snprintf(c->to, sizeof(c->to), "%s", to);
			c->max = max;
			c->items = l.items;
			c->n = l.n;
			cache.n++;
			index_codes(req, c->items, c->n, out);
			return DB_OK;
		}
		rc = DB_ERROR;
	}
	if (keep) {
		for (i = 0; i < l.n; i++) {
			free((char *)l.items[i].code);
			free((char *)l.items[i].label);
		}
		free(l.items);
		return rc;
	}
	if (rc == DB_OK)
		index_codes(req, l.items, l.n, out);
	return rc;
}

const char *refcache_codes_hdf(struct req *req, const char *list,
			       const char *from, const char *to, size_t max)
{
	struct codes c;
	size_t i;
	char key[64], *p;
	HDF *node;

	if (refcache_codes(req, list, from, to, max, &c) != DB_OK)
		return NULL;
	/* HDF names take letters, digits and '_': "country_20240701_..." */
	snprintf(key, sizeof(key), "%s_%s_%s", list, from, to);
	for (p = key; *p != '\0'; p++)
		if (*p == '-')
			*p = '_';
	if (hdf_get_obj(resp_ref_node("Ref.Codes"), key) != NULL)
		return arena_strdup(req->arena, key);
	node = resp_ref_node(arena_printf(req->arena, "Ref.Codes.%s", key));
	for (i = 0; node != NULL && i < c.n; i++) {
		char num[24];
		HDF *item = NULL;

		snprintf(num, sizeof(num), "%zu", i);
		if (hdf_get_node(node, num, &item) != STATUS_OK ||
		    hdf_set_value(item, "code", c.items[i].code) != STATUS_OK ||
		    hdf_set_value(item, "label", c.items[i].label) !=
		    STATUS_OK)
			abort();	/* out of memory: let a new worker start */
	}
	return arena_strdup(req->arena, key);
}

int refcache_settings(struct req *req, struct sharing_settings *out)
{
	int keep = usable(req);
	int rc;

	if (keep && cache.have_settings) {
		*out = cache.settings;
		return DB_OK;
	}
	rc = db_settings_get(req->db, out);
	if (keep && rc == DB_OK) {
		cache.settings = *out;
		cache.have_settings = 1;
	}
	return rc;
}
