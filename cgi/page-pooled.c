/* SPDX-License-Identifier: MIT */
/* page-pooled.c: mutual information sharing. "What you can see, and
 * why" (/sharing), the pooled views (/pooled: regional totals per
 * dataset, /pooled/trends, /pooled/routes, /pooled/narratives), their CSV,
 * and the secretariat's sharing settings. Which periods and parts a user
 * may see is asked of policy_pooled() at every request; a refused view
 * answers 403 with the explanation page. Every view served is recorded
 * in the access log (db-access.h), which is sealed into the history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "datasets.h"
#include "db-access.h"
#include "db-report.h"
#include "db-sharing.h"
#include "form.h"
#include "grid.h"
#include "pages.h"
#include "policy.h"
#include "record-web.h"
#include "refcache.h"
#include "resp.h"
#include "util.h"
#include "valid.h"

#define MAX_PERIODS 400
#define CHART_WIDTH 320		/* px of the longest bar */
#define CHART_BARS 12		/* bars of a chart: the largest rows */

static const char *const part_keys[PART__MAX] = {
	"flows", "documents", "smugglers", "harm", "routes", "incidents",
	"narrative",
};

/* What this request knows of the sharing rule and the viewer's standing. */
struct pool {
	struct sharing_settings set;
	long long viewer;		/* jurisdiction; 0: the secretariat */
	struct standing *st;		/* periods, oldest first */
	struct period_standing *ps;	/* the same, for the policy */
	size_t n;
};

static void add_standing(void *ctx, const struct standing *st)
{
	struct pool *p = ctx;

	if (p->n < MAX_PERIODS) {
		p->st[p->n] = *st;
		p->ps[p->n] = st->s;
		p->n++;
	}
}

static enum status pool_load(struct req *req, struct pool *p)
{
	int rc = refcache_settings(req, &p->set);

	/* viewer 0 asks the database layer for every state's data; only
	 * the policy grants that. A national user without a jurisdiction
	 * (-1) is refused every period by policy_pooled anyway. */
	p->viewer = policy_pooled_all(req->user) ? 0 :
		    req->user->jurisdiction_id > 0 ?
		    req->user->jurisdiction_id : -1;
	p->st = arena_alloc(req->arena, MAX_PERIODS * sizeof(*p->st));
	p->ps = arena_alloc(req->arena, MAX_PERIODS * sizeof(*p->ps));
	p->n = 0;
	if (rc == DB_OK)
		rc = db_standing(req->db, p->viewer,
				 p->set.rule.submitted_counts, add_standing, p);
	return rc == DB_OK ? ST_OK : resp_db_failure(rc);
}

/* The shape of period i for its code lists: its first and last day. */
static void period_shape(const struct pool *p, size_t i,
			 struct submission *shape)
{
	memset(shape, 0, sizeof(*shape));
	memcpy(shape->starts, p->st[i].starts, sizeof(shape->starts));
	memcpy(shape->ends, p->st[i].ends, sizeof(shape->ends));
}

static unsigned parts_open(struct req *req, const struct pool *p, size_t i)
{
	return policy_pooled(req->user, &p->set.rule, p->ps, p->n, i);
}

/* The index of period code, or p->n. */
static size_t period_index(const struct pool *p, const char *code)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->st[i].period, code) == 0)
			return i;
	return p->n;
}

/* 1 when period i pools something worth opening on: the viewer's state
 * and at least one other contributed (the secretariat: two states). */
static int pooled_with_others(const struct pool *p, size_t i)
{
	if (p->viewer == 0)
		return p->st[i].others >= 2;
	return p->st[i].s.contributed && p->st[i].others >= 1;
}

/* ?period=, or the latest period with part open that pools the viewer's
 * data with another state's, or else the latest with part open; p->n
 * when none. */
static size_t chosen_period(struct req *req, const struct pool *p,
			    unsigned part)
{
	const struct param *q = req_param(&req->query, "period");
	size_t i;

	if (q != NULL && q->value[0] != '\0')
		return period_index(p, q->value);
	for (i = p->n; i-- > 0;)
		if ((parts_open(req, p, i) & (1u << part)) &&
		    pooled_with_others(p, i))
			return i;
	for (i = p->n; i-- > 0;)
		if (parts_open(req, p, i) & (1u << part))
			return i;
	return p->n ? p->n - 1 : 0;
}

/* Puts the standing of every period, newest first, under Page.Periods:
 * what the viewer contributed, what that opens, and what submitting
 * would unlock, with the way to its draft (sub) or to start one (start)
 * where the viewer's state can still contribute. Returns a db_rc. */
static int put_standing(struct req *req, const struct pool *p)
{
	size_t i, k = 0;
	int rc = DB_OK;

	for (i = p->n; rc == DB_OK && i-- > 0; k++) {
		unsigned open = parts_open(req, p, i);
		char name[48];
		size_t j, m = 0;

		snprintf(name, sizeof(name), "Page.Periods.%zu", k);
#define PUT(f, v) resp_set(req, arena_printf(req->arena, "%s.%s", name, f), v)
		if (p->viewer > 0 && !p->st[i].s.contributed &&
		    strcmp(p->st[i].period_status, "open") == 0) {
			struct submission s;

			rc = db_sub_latest(req->db, p->viewer,
					   p->st[i].period_id, &s);
			if (rc == DB_OK && policy_submission(req->user,
			    p->viewer, s.status, s.period_status,
			    SUB_READ) == ALLOW)
				PUT("sub", arena_printf(req->arena, "%lld",
							s.id));
			else if (rc == DB_NONE && policy_submission(req->user,
				 p->viewer, "", p->st[i].period_status,
				 SUB_START) == ALLOW)
				PUT("start", "1");
			if (rc == DB_NONE)
				rc = DB_OK;
		}
		PUT("code", p->st[i].period);
		PUT("own", p->st[i].own_status);
		PUT("contributed", p->st[i].s.contributed ? "1" : "");
		PUT("open_period", strcmp(p->st[i].period_status, "open") == 0 ?
		    "1" : "");
		PUT("others", arena_printf(req->arena, "%lld", p->st[i].others));
		for (j = 0; j < PART__MAX; j++)
			if (open & (1u << j))
				PUT(arena_printf(req->arena, "Open.%zu", m++),
				    part_keys[j]);
#undef PUT
	}
	resp_set(req, "Page.Mode", p->set.rule.mode == SHARE_ROLLING ?
		 "rolling" : p->set.rule.mode == SHARE_PER_DATASET ?
		 "dataset" : "period");
	resp_set_int(req, "Page.Window", p->set.rule.window);
	resp_set_int(req, "Page.K", p->set.rule.k);
	resp_set(req, "Page.Counts", p->set.rule.submitted_counts ?
		 "submitted" : "accepted");
	if (p->viewer == 0)
		resp_set(req, "Page.Secretariat", "1");
	return rc;
}

/* GET /sharing: what you can see, and why. */
enum status page_sharing(struct req *req)
{
	struct pool p;
	enum status st = pool_load(req, &p);
	int rc;

	if (st != ST_OK)
		return st;
	rc = put_standing(req, &p);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_render(req, 200, "sharing.cs");
}

/* The period a refused viewer is asked to contribute to: the one asked
 * for if it is still open for submissions, else the latest open one its
 * state has not contributed to; p->n when none. */
static size_t period_to_contribute(const struct pool *p, const char *asked)
{
	size_t i = period_index(p, asked);

	if (i < p->n && !p->st[i].s.contributed &&
	    strcmp(p->st[i].period_status, "open") == 0)
		return i;
	for (i = p->n; i-- > 0;)
		if (!p->st[i].s.contributed &&
		    strcmp(p->st[i].period_status, "open") == 0)
			return i;
	return p->n;
}

/* Puts Page.Act: what the viewer can do to open the data, as the policy
 * allows it: open its draft (to submit it, or to see it waiting), or
 * start one. Nothing for the secretariat or a period closed to
 * submissions. Returns a db_rc. */
static int put_contribute(struct req *req, const struct pool *p,
			  const char *asked)
{
	size_t i = period_to_contribute(p, asked);
	long long j = req->user->jurisdiction_id;
	struct submission s;
	int rc;

	if (p->viewer <= 0 || i >= p->n)
		return DB_OK;
	resp_set(req, "Page.Act.period", p->st[i].period);
	rc = db_sub_latest(req->db, j, p->st[i].period_id, &s);
	if (rc == DB_NONE) {
		if (policy_submission(req->user, j, "", p->st[i].period_status,
				      SUB_START) == ALLOW)
			resp_set(req, "Page.Act.start", "1");
		return DB_OK;
	}
	if (rc != DB_OK)
		return rc;
	if (policy_submission(req->user, j, s.status, s.period_status,
			      SUB_READ) != ALLOW)
		return DB_OK;
	resp_set_int(req, "Page.Act.sub", s.id);
	resp_set(req, "Page.Act.status", s.status);
	if (policy_submission(req->user, j, s.status, s.period_status,
			      SUB_SUBMIT) == ALLOW)
		resp_set(req, "Page.Act.submit", "1");
	return DB_OK;
}

/* The 403 page of a refused pooled view: the same explanation, and the
 * way to the draft that would open it. */
static enum status refuse(struct req *req, const struct pool *p,
			  const char *period, const char *part)
{
	int rc = put_contribute(req, p, period);

	if (rc == DB_OK)
		rc = put_standing(req, p);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	resp_set(req, "Page.Refused", "1");
	resp_set(req, "Page.Asked.period", period);
	resp_set(req, "Page.Asked.part", part);
	return resp_render(req, 403, "sharing.cs");
}

/* Records a pooled view served in the access log: who, which view (csv:
 * its download), which part, which periods (period i, or with i == p->n
 * every period the part is open in: the trends) and the country filter.
 * One autocommitted row, no lock another reader waits for. Nothing is
 * shown unless this is written. */
static int record_view(struct req *req, const struct pool *p,
		       const char *view, int csv, size_t part, size_t i,
		       const char *country)
{
	struct access_view v = {
		.user_id = req->user->id,
		.username = req->user->username,
		.jurisdiction_id = req->user->jurisdiction_id,
		.view = view,
		.format = csv ? "csv" : "html",
		.part = part_keys[part],
		.country = country,
	};

	if (i < p->n) {
		v.period_id = p->st[i].period_id;
		v.periods = p->st[i].period;
	} else {
		char *periods = "";

		for (i = 0; i < p->n; i++)
			if (parts_open(req, p, i) & (1u << part))
				periods = arena_printf(req->arena, "%s%s%s",
						       periods,
						       *periods ? "," : "",
						       p->st[i].period);
		v.periods = periods;
	}
	return db_access_record(req->db, req->access, &v);
}

/* 1 when a figure must not be shown to a state: it holds aggregate-only
 * data from at least one state other than the viewer, but from fewer
 * than k. The secretariat sees it, marked (suppressed_for_states). */
static int suppressed_for_states(const struct pool *p, const struct pooled *f)
{
	return policy_suppress(&p->set.rule, f->sum, f->agg_others);
}

static int suppressed(const struct pool *p, const struct pooled *f)
{
	return p->viewer != 0 && suppressed_for_states(p, f);
}

/* ?country=: a code, or "" (anything else is no filter: a filter, not a
 * form, has nothing to correct). Echoed for the form. */
static const char *country_filter(struct req *req)
{
	const struct param *q = req_param(&req->query, "country");
	char *c = arena_strdup(req->arena, q != NULL ? q->value : "");

	ascii_upcase(c);	/* "afg" is AFG */
	if (!valid_code(c))
		c = "";

	resp_set(req, "Page.Country", c);
	return c;
}

/* The country filter's choices: the period's country list, by name (page
 * data a worker builds once, linked as Page.Countries: grid_codes_put);
 * and the chosen country's name. Returns a db_rc. */
static int put_countries(struct req *req, const struct submission *shape,
			 const char *chosen)
{
	struct codes c;
	int rc = grid_codes_put(req, shape, "country", &c, "Page.Countries");

	if (rc == DB_OK && *chosen != '\0') {
		const struct code *k = grid_find_code(&c, chosen);

		if (k != NULL)
			resp_set(req, "Page.CountryName", k->label);
	}
	return rc;
}

/* Puts the period choices and the dataset choices for the view's form. */
static void put_choices(struct req *req, const struct pool *p, size_t chosen,
			const char *dataset)
{
	size_t i, k = 0;

	for (i = p->n; i-- > 0;) {
		if (parts_open(req, p, i) == 0)
			continue;
		resp_set_item(req, "Page.Choices", (long long)k, "code",
			      p->st[i].period);
		if (i == chosen)
			resp_set_item(req, "Page.Choices", (long long)k,
				      "selected", "1");
		k++;
	}
	if (chosen < p->n)
		resp_set(req, "Page.Period", p->st[chosen].period);
	resp_set(req, "Page.Dataset", dataset);
	if (p->viewer == 0)
		resp_set(req, "Page.Secretariat", "1");
}

/* ---- page data, set relative to its parent node ------------------------ */

/* Sets name under node to the decimal v. A page sets thousands of
 * figures: this skips printf's format parsing. */
static void node_num(struct req *req, HDF *node, const char *name,
		     long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
			       (unsigned long long)v;

	*--p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--p = '-';
	resp_node_set(req, node, name, p);
}

/* The child of node named i (list items are named 0, 1, ...), created. */
static HDF *node_at(struct req *req, HDF *node, size_t i)
{
	char buf[24], *p = buf + sizeof(buf);

	if (node == NULL)
		return NULL;
	*--p = '\0';
	do {
		*--p = (char)('0' + i % 10);
		i /= 10;
	} while (i > 0);
	return resp_node(req, node, p);
}

/* ---- regional totals ------------------------------------------------- */

/* One pooled cell: the sum, the aggregate-only states other than the
 * viewer in it, whether it holds C cells (secretariat only). */
struct tcell {
	long long sum, agg;
	int conf, present;
};

/* Where each code of a list sits in it: a hash of the codes, for lists
 * looked up once per figure (254 countries). */
struct code_index {
	const struct codes *codes;
	unsigned *slots;		/* item + 1, 0 free */
	size_t mask;
};

/* One table of the page: its shape, its cells by row choice and column,
 * and where each row code sits. */
struct ttable {
	const struct table *tb;
	struct tcell *cells;		/* [row choice * ncols + column] */
	unsigned char *seen;		/* [row choice]: has data */
	struct code_index rows;
};

struct by_juris;

struct totals {
	struct req *req;
	struct pool *p;
	struct ttable *t;
	size_t n;
	struct by_juris *bj;	/* the per-state rows (NULL: none wanted) */
};

static size_t code_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}

static void index_codes(struct arena *a, struct code_index *x,
			const struct codes *c)
{
	size_t size = 16, r;

	while (size < 2 * c->n + 2)
		size *= 2;
	x->codes = c;
	x->slots = arena_alloc(a, size * sizeof(*x->slots));
	x->mask = size - 1;
	for (r = 0; r < c->n; r++) {
		size_t i = code_hash(c->items[r].code) & x->mask;

		while (x->slots[i] != 0)
			i = (i + 1) & x->mask;
		x->slots[i] = (unsigned)r + 1;
	}
}

/* The item of code in x's list, or -1. */
static long code_at(const struct code_index *x, const char *code)
{
	size_t i = code_hash(code) & x->mask;

	for (; x->slots[i] != 0; i = (i + 1) & x->mask)
		if (strcmp(x->codes->items[x->slots[i] - 1].code, code) == 0)
			return (long)x->slots[i] - 1;
	return -1;
}

static void index_table(struct arena *a, struct ttable *t,
			const struct table *tb)
{
	size_t n = tb->row_choices.n;

	t->tb = tb;
	t->cells = arena_alloc(a, (n * tb->ncols + 1) * sizeof(*t->cells));
	t->seen = arena_alloc(a, n + 1);
	index_codes(a, &t->rows, &tb->row_choices);
}

static void add_total(void *ctx, const char *tbl, const char *row,
		      const char *col, const struct pooled *f)
{
	struct totals *t = ctx;
	struct ttable *x = NULL;
	struct tcell *cell;
	size_t k, c;
	long r;

	for (k = 0; k < t->n; k++)
		if (strcmp(t->t[k].tb->def->key, tbl) == 0) {
			x = &t->t[k];
			break;
		}
	if (x == NULL || (r = code_at(&x->rows, row)) < 0)
		return;		/* not a code of the period's lists */
	x->seen[r] = 1;
	for (c = 0; c < x->tb->ncols; c++)
		if (strcmp(x->tb->cols[c].code, col) == 0)
			break;
	if (c == x->tb->ncols)
		return;
	cell = &x->cells[(size_t)r * x->tb->ncols + c];
	cell->sum = f->sum;
	cell->agg = f->agg_others;
	cell->conf = f->confidential > 0;
	cell->present = 1;
}

struct bar {
	const char *label;
	long long value;
};

static int bar_cmp(const void *a, const void *b)
{
	const struct bar *x = a, *y = b;

	return x->value < y->value ? 1 : x->value > y->value ? -1 :
	       strcmp(x->label, y->label);
}

/* Puts a bar chart of the largest values under node's Bars. */
static void put_bars(struct req *req, HDF *node, struct bar *bars, size_t n)
{
	HDF *list = resp_node(req, node, "Bars");
	long long max = 1;
	size_t i;

	qsort(bars, n, sizeof(*bars), bar_cmp);
	if (n > CHART_BARS)
		n = CHART_BARS;
	for (i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	for (i = 0; i < n; i++) {
		HDF *item = node_at(req, list, i);

		resp_node_set(req, item, "label", bars[i].label);
		node_num(req, item, "value", bars[i].value);
		node_num(req, item, "w", bars[i].value * CHART_WIDTH / max);
		node_num(req, item, "y", (long long)i * 24);
	}
	node_num(req, node, "height", (long long)n * 24);
}

/* A figure's marks, as one flag node (F) with its parts, so that the
 * template asks one question of an unmarked figure: s suppressed, c holds
 * C cells, h hidden from states. */
static void put_marks(struct req *req, HDF *fig, int sup, int conf,
		      int hidden)
{
	HDF *f;

	if (!sup && !conf && !hidden)
		return;
	f = resp_node(req, fig, "F");
	resp_node_set(req, f, NULL, "1");
	if (sup)
		resp_node_set(req, f, "s", "1");
	if (conf)
		resp_node_set(req, f, "c", "1");
	if (hidden)
		resp_node_set(req, f, "h", "1");
}

/* Sets the figure name under parent: its node's value is the number ("" for
 * a suppressed or missing one), its marks under F. An unmarked figure is
 * one set. */
static void put_figure(struct req *req, HDF *parent, const char *name,
		       long long v, int present, int sup, int conf, int hidden)
{
	if (!sup && !conf && !hidden) {
		if (present)
			node_num(req, parent, name, v);
		else
			resp_node_set(req, parent, name, "");
		return;
	}
	{
		HDF *fig = resp_node(req, parent, name);

		if (present && !sup)
			node_num(req, fig, NULL, v);
		put_marks(req, fig, sup, conf, hidden);
	}
}

/* put_figure, named i (an item of a list). */
static void put_figure_at(struct req *req, HDF *parent, size_t i,
			  long long v, int present, int sup, int conf,
			  int hidden)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = '\0';
	do {
		*--p = (char)('0' + i % 10);
		i /= 10;
	} while (i > 0);
	put_figure(req, parent, p, v, present, sup, conf, hidden);
}

/* Puts one table of totals under node: its rows (those with data; every
 * code for a fixed table), columns, cells, row totals and column
 * totals. A total with a suppressed cell in it is suppressed too. */
static void put_table(struct req *req, struct totals *t, HDF *node,
		      struct ttable *x, const char *country,
		      struct rec_csv *csv)
{
	const struct table *tb = x->tb;
	size_t r, c, nr = 0;
	long long *coltot = arena_alloc(req->arena,
					(tb->ncols + 1) * sizeof(*coltot));
	int *colsup = arena_alloc(req->arena, (tb->ncols + 1) * sizeof(*colsup));
	struct bar *bars = arena_alloc(req->arena,
				       (tb->row_choices.n + 1) * sizeof(*bars));
	size_t nbars = 0;
	int country_rows = *country &&
			   strcmp(tb->def->row_list, "country") == 0;
	HDF *cols = NULL, *rows = NULL, *tots = NULL;

	if (csv == NULL) {
		resp_node_set(req, node, "key", tb->def->key);
		cols = resp_node(req, node, "Cols");
		rows = resp_node(req, node, "Rows");
		for (c = 0; c < tb->ncols; c++)
			resp_node_set(req, node_at(req, cols, c), NULL,
				      tb->cols[c].label);
	}
	for (r = 0; r < tb->row_choices.n; r++) {
		const struct code *row = &tb->row_choices.items[r];
		long long total = 0;
		int rowsup = 0;
		HDF *rn = NULL, *cells = NULL;

		if (!tb->def->rows_fixed && !x->seen[r])
			continue;
		if (country_rows && strcmp(row->code, country) != 0)
			continue;	/* the filter: this country's rows */
		if (csv == NULL) {
			rn = node_at(req, rows, nr);
			resp_node_set(req, rn, "label", row->label);
			cells = resp_node(req, rn, "Cells");
		}
		nr++;
		for (c = 0; c < tb->ncols; c++) {
			struct tcell *cell = &x->cells[r * tb->ncols + c];
			struct pooled f = { cell->sum, cell->agg, 0, 0 };
			int sup, hidden;

			if (!cell->present) {
				if (cells != NULL)
					put_figure_at(req, cells, c, 0, 0, 0,
						      0, 0);
				continue;
			}
			sup = suppressed(t->p, &f);
			hidden = suppressed_for_states(t->p, &f) && !sup;
			if (sup) {
				rowsup = colsup[c] = 1;
			} else {
				total += cell->sum;
				coltot[c] += cell->sum;
			}
			if (cells != NULL)
				put_figure_at(req, cells, c, cell->sum, 1, sup,
					      cell->conf, hidden);
			if (csv != NULL) {
				const char *v[] = { tb->def->key, row->code,
					tb->cols[c].code, sup ? "" :
					arena_printf(req->arena, "%lld",
						     cell->sum),
					sup ? "suppressed" : "" };

				rec_csv_row(csv, v, 5);
			}
		}
		if (rn != NULL)
			put_figure(req, rn, "Total", total, 1, rowsup, 0, 0);
		if (!rowsup)
			bars[nbars++] = (struct bar){ row->label, total };
	}
	if (csv != NULL)
		return;
	{
		long long all = 0;
		int any_sup = 0;

		for (c = 0; c < tb->ncols; c++) {
			all += coltot[c];
			any_sup |= colsup[c];
		}
		put_figure(req, node, "GrandTotal", all, 1, any_sup, 0, 0);
	}
	tots = resp_node(req, node, "ColTotals");
	for (c = 0; c < tb->ncols; c++)
		put_figure_at(req, tots, c, coltot[c], 1, colsup[c], 0, 0);
	put_bars(req, node, bars, nbars);
}

/* One row of the per-state table. */
struct juris_row {
	const char *code, *name, *level, *tbl;
	struct pooled f;
	int suppressed;		/* a small count another state must not see */
};

struct by_juris {
	struct req *req;
	const struct pool *p;
	const struct dataset_def *ds;
	const char *country;	/* "": every row */
	int country_rows;	/* 1: keep only tables whose rows are
				 * countries; 0: only the others */
	struct juris_row *rows;
	size_t n, cap;
};

/* 1 when tbl's rows are countries: the ones the filter narrows. */
static int country_table(const struct dataset_def *ds, const char *tbl)
{
	size_t k;

	for (k = 0; k < ds->ntables; k++)
		if (strcmp(ds->tables[k].key, tbl) == 0)
			return strcmp(ds->tables[k].row_list, "country") == 0;
	return 0;
}

static void add_juris(void *ctx, const char *code, const char *name,
		      const char *level, const char *tbl,
		      const struct pooled *f)
{
	struct by_juris *b = ctx;
	struct arena *a = b->req->arena;

	/* With a country, a table of countries counts that country's rows
	 * only (the second query); the other tables count whole, as the
	 * regional tables above them show. */
	if (*b->country && country_table(b->ds, tbl) != b->country_rows)
		return;
	/* One country's figure is fine enough for the small-count rule. */
	int small = b->country_rows &&
		    policy_suppress_state_figure(b->req->user,
						 &b->p->set.rule, code, f->sum);

	if (b->n == b->cap) {
		struct juris_row *more;

		b->cap = b->cap ? 2 * b->cap : 64;
		more = arena_alloc(a, b->cap * sizeof(*more));
		if (b->n > 0)
			memcpy(more, b->rows, b->n * sizeof(*more));
		b->rows = more;
	}
	b->rows[b->n++] = (struct juris_row){ arena_strdup(a, code),
		arena_strdup(a, name), arena_strdup(a, level),
		arena_strdup(a, tbl), *f, small };
}

/* A state's figure that came with the totals. */
static void add_state(void *ctx, const char *code, const char *name,
		      const char *level, const char *tbl,
		      const struct pooled *f)
{
	struct totals *t = ctx;

	if (t->bj != NULL)
		add_juris(t->bj, code, name, level, tbl, f);
}

static int juris_cmp(const void *x, const void *y)
{
	const struct juris_row *a = x, *b = y;
	int c = strcmp(a->code, b->code);

	return c != 0 ? c : strcmp(a->tbl, b->tbl);
}

/* Puts the per-state table under Page.ByJurisdiction, by state then
 * table. */
static void put_juris(struct by_juris *b)
{
	struct req *req = b->req;
	HDF *list;
	size_t i;

	if (b->n > 0)
		qsort(b->rows, b->n, sizeof(*b->rows), juris_cmp);
	list = b->n > 0 ? resp_node(req, NULL, "Page.ByJurisdiction") : NULL;
	for (i = 0; i < b->n; i++) {
		const struct juris_row *r = &b->rows[i];
		HDF *item = node_at(req, list, i);

		resp_node_set(req, item, "code", r->code);
		resp_node_set(req, item, "name", r->name);
		if (strcmp(r->level, "aggregate") == 0)
			resp_node_set(req, item, "aggregate", "1");
		resp_node_set(req, item, "tbl", r->tbl);
		put_figure(req, item, "sum", r->f.sum, 1, r->suppressed,
			   r->f.confidential > 0, 0);
	}
}

/* GET /pooled?period=P&dataset=D[&format=csv]: regional totals of one
 * dataset in one period, each table with its breakdowns, a chart of its
 * largest rows, and the figures of states that share them attributed. */
enum status page_pooled_totals(struct req *req)
{
	const struct param *dsp = req_param(&req->query, "dataset");
	const struct param *fmt = req_param(&req->query, "format");
	const struct dataset_def *ds = dataset_find(dsp ? dsp->value : "flows");
	int csv_wanted = fmt != NULL && strcmp(fmt->value, "csv") == 0;
	const char *country = country_filter(req);
	struct totals t = { req, NULL, NULL, 0, NULL };
	struct by_juris bj = { req, NULL, NULL, country, 0, NULL, 0, 0 };
	struct rec_csv csv = { 0 };
	struct submission shape;
	struct grid *g;
	struct pool p;
	size_t i, ti, part;
	enum status st;
	int rc;

	if (ds == NULL)
		return ST_NOT_FOUND;
	part = (size_t)(ds - datasets);
	st = pool_load(req, &p);
	if (st != ST_OK)
		return st;
	t.p = &p;
	i = chosen_period(req, &p, (unsigned)part);
	if (i >= p.n || !(parts_open(req, &p, i) & (1u << part)))
		return refuse(req, &p, i < p.n ? p.st[i].period : "", ds->key);
	/* The grid's shape in this period: its code lists then. */
	period_shape(&p, i, &shape);
	g = arena_alloc(req->arena, sizeof(*g));
	rc = grid_shape(req, &shape, ds, g);
	if (rc == DB_OK && !csv_wanted)
		rc = put_countries(req, &shape, country);
	t.n = ds->ntables;
	t.t = arena_alloc(req->arena, (t.n + 1) * sizeof(*t.t));
	for (ti = 0; ti < t.n; ti++)
		index_table(req->arena, &t.t[ti], &g->tables[ti]);
	bj.ds = ds;
	bj.p = &p;
	t.bj = csv_wanted ? NULL : &bj;	/* the CSV has no per-state rows */
	if (rc == DB_OK)
		rc = db_pool_totals(req->db, p.viewer, p.st[i].period_id,
				    ds->key, p.set.rule.submitted_counts,
				    p.st[i].own_aggregate, add_total,
				    add_state, &t);
	bj.country_rows = 1;
	if (rc == DB_OK && !csv_wanted && *country)
		rc = db_pool_by_jurisdiction_row(req->db, p.viewer,
			p.st[i].period_id, ds->key,
			p.set.rule.submitted_counts, country, add_juris, &bj);
	if (rc == DB_OK)
		rc = record_view(req, &p, "totals", csv_wanted, part, i,
				 country);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (csv_wanted) {
		const char *head[] = { "table", "row", "column", "total",
				       "note" };

		rec_csv_row(&csv, head, 5);
		for (ti = 0; ti < t.n; ti++)
			put_table(req, &t, NULL, &t.t[ti], country, &csv);
		return rec_csv_send(req, &csv, arena_printf(req->arena,
			"pooled-%s-%s.csv", ds->key, p.st[i].period));
	}
	{
		HDF *tables = resp_node(req, NULL, "Page.Tables");

		for (ti = 0; ti < t.n; ti++)
			put_table(req, &t, node_at(req, tables, ti), &t.t[ti],
				  country, NULL);
	}
	put_juris(&bj);
	put_choices(req, &p, i, ds->key);
	resp_set_int(req, "Page.States", p.st[i].others +
		     (p.st[i].s.contributed ? 1 : 0));
	resp_set_int(req, "Page.K", p.set.rule.k);
	return resp_render(req, 200, "pooled.cs");
}

/* ---- trends ------------------------------------------------------------ */

struct trend_ctx {
	struct req *req;
	struct pool *p;
	const struct dataset_def *ds;
	long long *sum;		/* [period][table] */
	unsigned char *sup;
	unsigned char *conf;
	const char **states;	/* [period]: a digest of its states' set */
	long long *nstates;	/* [period]: how many */
};

/* The period's index in t->p, or t->p->n. */
static size_t trend_period(const struct trend_ctx *t, long long period)
{
	size_t i;

	for (i = 0; i < t->p->n && t->p->st[i].period_id != period; i++)
		;
	return i;
}

static void add_trend(void *ctx, const struct pool_trend *x)
{
	struct trend_ctx *t = ctx;
	size_t i = trend_period(t, x->period), k;

	for (k = 0; k < t->ds->ntables &&
	     strcmp(t->ds->tables[k].key, x->tbl) != 0; k++)
		;
	if (i == t->p->n || k == t->ds->ntables)
		return;
	t->sum[i * t->ds->ntables + k] = x->f.sum;
	/* agg_others says a cell that states see suppressed is in it: a
	 * total over it would give it away. */
	t->sup[i * t->ds->ntables + k] = t->p->viewer != 0 &&
					 x->f.agg_others > 0;
	/* for the secretariat's mark: 1 confidential, 2 hidden from states */
	t->conf[i * t->ds->ntables + k] = (unsigned char)(
		(x->f.confidential > 0) | ((x->f.agg_others > 0) << 1));
	/* the same on each table's row of the period */
	t->states[i] = x->f.states > 0 ?
		       arena_strdup(t->req->arena, x->set) : "";
	t->nstates[i] = x->f.states;
}

/* The trend chart's geometry (px): the plot is PLOT_H high below
 * PLOT_TOP, periods PLOT_STEP apart from PLOT_LEFT; labels sit around. */
#define PLOT_TOP 24
#define PLOT_H 200
#define PLOT_LEFT 96
#define PLOT_STEP 72

/* Puts the chart's y axis: ticks at 0, half and the top, labelled. */
static void put_trend_axis(struct req *req, long long max)
{
	HDF *ticks = resp_node(req, NULL, "Page.Ticks");
	long long v[3] = { 0, max / 2, max };
	size_t k;

	for (k = 0; k < 3; k++) {
		HDF *tick = node_at(req, ticks, k);

		node_num(req, tick, "v", v[k]);
		node_num(req, tick, "y", PLOT_TOP + PLOT_H - v[k] * PLOT_H / max);
	}
}

/* GET /pooled/trends?dataset=D: each table's total over the periods the
 * viewer may see, as a line chart with labelled axes and a table; where
 * the states in the totals change from one period to the next, the chart
 * marks it and a list and the table say it in words. */
enum status page_pooled_trends(struct req *req)
{
	const struct param *dsp = req_param(&req->query, "dataset");
	const struct param *fmt = req_param(&req->query, "format");
	const struct dataset_def *ds = dataset_find(dsp ? dsp->value : "flows");
	int csv_wanted = fmt != NULL && strcmp(fmt->value, "csv") == 0;
	struct trend_ctx t;
	struct rec_csv csv = { 0 };
	const char *prev = NULL;
	long long max = 1, prev_n = 0, changes = 0;
	size_t i, k, shown = 0, part;
	unsigned *open;
	struct pool p;
	enum status st;
	int rc;

	if (ds == NULL)
		return ST_NOT_FOUND;
	part = (size_t)(ds - datasets);
	st = pool_load(req, &p);
	if (st != ST_OK)
		return st;
	/* What the policy opens, asked once per period. */
	open = arena_alloc(req->arena, (p.n + 1) * sizeof(*open));
	for (i = 0; i < p.n; i++) {
		open[i] = parts_open(req, &p, i) & (1u << part);
		if (open[i])
			shown++;
	}
	if (shown == 0)
		return refuse(req, &p, "", ds->key);
	t = (struct trend_ctx){ req, &p, ds,
		arena_alloc(req->arena, p.n * ds->ntables * sizeof(long long)),
		arena_alloc(req->arena, p.n * ds->ntables),
		arena_alloc(req->arena, p.n * ds->ntables),
		arena_alloc(req->arena, p.n * sizeof(char *)),
		arena_alloc(req->arena, p.n * sizeof(long long)) };
	for (i = 0; i < p.n; i++)
		t.states[i] = "";
	rc = db_pool_trends(req->db, p.viewer, ds->key,
			    p.set.rule.submitted_counts, p.set.rule.k,
			    p.set.rule.min_count, add_trend, &t);
	if (rc == DB_OK)
		rc = record_view(req, &p, "trends", csv_wanted, part, p.n, "");
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (csv_wanted) {
		const char *head[] = { "period", "table", "total", "note" };

		rec_csv_row(&csv, head, 4);
		for (i = 0; i < p.n; i++)
			for (k = 0; open[i] && k < ds->ntables; k++) {
				size_t at = i * ds->ntables + k;
				const char *v[] = { p.st[i].period,
					ds->tables[k].key, t.sup[at] ? "" :
					arena_printf(req->arena, "%lld",
						     t.sum[at]),
					t.sup[at] ? "suppressed" : "" };

				rec_csv_row(&csv, v, 4);
			}
		return rec_csv_send(req, &csv, arena_printf(req->arena,
			"pooled-trends-%s.csv", ds->key));
	}
	{
		HDF *tables = resp_node(req, NULL, "Page.Tables");

		for (k = 0; k < ds->ntables; k++)
			resp_node_set(req, node_at(req, tables, k), NULL,
				      ds->tables[k].key);
	}
	for (i = 0; i < p.n; i++)
		for (k = 0; k < ds->ntables; k++)
			if (open[i] && !t.sup[i * ds->ntables + k] &&
			    t.sum[i * ds->ntables + k] > max)
				max = t.sum[i * ds->ntables + k];
	{
		HDF *rows = resp_node(req, NULL, "Page.Rows");
		HDF *chs = resp_node(req, NULL, "Page.Changes");
		HDF *pts = resp_node(req, NULL, "Page.Points");
		/* Each table's line: "x,y" points, space-separated, of at
		 * most 2 x 20 digits and 2 signs each. */
		size_t cap = p.n * 48 + 1;
		char **lines = arena_alloc(req->arena,
					   (ds->ntables + 1) * sizeof(*lines));
		size_t *used = arena_alloc(req->arena,
					   (ds->ntables + 1) * sizeof(*used));

		for (k = 0; k < ds->ntables; k++)
			lines[k] = arena_alloc(req->arena, cap);
		for (i = 0, shown = 0; i < p.n; i++) {
			long long x = PLOT_LEFT + (long long)shown * PLOT_STEP;
			HDF *item, *cells;

			if (!open[i])
				continue;
			item = node_at(req, rows, shown);
			resp_node_set(req, item, "period", p.st[i].period);
			node_num(req, item, "x", x);
			node_num(req, item, "states", t.nstates[i]);
			/* A change of the states in the totals since the
			 * period before it on the chart: a jump may be a
			 * state joining. */
			if (prev != NULL && strcmp(prev, t.states[i]) != 0) {
				HDF *ch = node_at(req, chs,
						  (size_t)changes++);

				resp_node_set(req, item, "changed", "1");
				resp_node_set(req, ch, "period",
					      p.st[i].period);
				node_num(req, ch, "states", t.nstates[i]);
				node_num(req, ch, "before", prev_n);
				node_num(req, ch, "x", x - PLOT_STEP / 2);
			}
			prev = t.states[i];
			prev_n = t.nstates[i];
			cells = resp_node(req, item, "Cells");
			for (k = 0; k < ds->ntables; k++) {
				size_t at = i * ds->ntables + k;

				put_figure_at(req, cells, k, t.sum[at], 1,
					      t.sup[at], t.conf[at] & 1,
					      (t.conf[at] & 2) && !t.sup[at]);
				if (!t.sup[at]) {
					/* a point of table k's line: x by
					 * period, y from the top of the
					 * plot */
					long long y = PLOT_TOP + PLOT_H -
						t.sum[at] * PLOT_H / max;
					HDF *pt = node_at(req, node_at(req,
						pts, k), shown);

					int w = snprintf(lines[k] + used[k],
						cap - used[k], "%s%lld,%lld",
						used[k] ? " " : "", x, y);

					if (w > 0 && (size_t)w < cap - used[k])
						used[k] += (size_t)w;
					/* a point shows a lone period too */
					node_num(req, pt, "x", x);
					node_num(req, pt, "y", y);
				}
			}
			shown++;
		}
		{
			HDF *ls = resp_node(req, NULL, "Page.Lines");

			for (k = 0; k < ds->ntables; k++)
				if (*lines[k])
					resp_node_set(req, node_at(req, ls, k),
						      NULL, lines[k]);
		}
	}
	put_trend_axis(req, max);
	resp_set_int(req, "Page.ChartWidth",
		     PLOT_LEFT + (long long)shown * PLOT_STEP);
	resp_set_int(req, "Page.AxisMid",
		     (PLOT_LEFT + (long long)shown * PLOT_STEP) / 2);
	resp_set_int(req, "Page.AxisEnd",
		     PLOT_LEFT + ((long long)shown - 1) * PLOT_STEP + 20);
	resp_set_int(req, "Page.Max", max);
	resp_set(req, "Page.Dataset", ds->key);
	if (p.viewer == 0)
		resp_set(req, "Page.Secretariat", "1");
	return resp_render(req, 200, "trends.cs");
}

/* ---- routes ------------------------------------------------------------ */

/* One route flow kept for the matrix chart. */
struct od {
	const char *origin, *destination;
	long long records;
};

struct flow_ctx {
	struct req *req;
	struct pool *p;
	const char *list;
	HDF *node;		/* the list's node */
	size_t n, suppressed;
	struct bar *bars;
	size_t nbars;
	struct od *ods;		/* the matrix's flows (NULL: none kept) */
	size_t nods;
	struct rec_csv *csv;
	/* Names of the period's code lists for the page (the CSV keeps
	 * the codes); a code missing from them shows as itself. */
	struct codes countries, currencies, scopes;
	struct code_index by_country, by_currency, by_scope;
};

static const char *name_in(const struct code_index *x, const char *code)
{
	long k = code_at(x, code);

	return k >= 0 ? x->codes->items[k].label : code;
}

static void add_flow(void *ctx, const struct route_flow *f)
{
	struct flow_ctx *c = ctx;
	struct req *req = c->req;
	struct pooled as_figure = { f->records, f->agg_others, 0, 0 };

	/* Left out, only counted: in a list ordered by size, even a blank
	 * row would tell its size. */
	if (suppressed(c->p, &as_figure)) {
		c->suppressed++;
		return;
	}
	if (c->csv == NULL) {
		HDF *item;

		if (c->node == NULL)
			c->node = resp_node(req, NULL, c->list);
		item = node_at(req, c->node, c->n);
		resp_node_set(req, item, "origin",
			      name_in(&c->by_country, f->origin));
		resp_node_set(req, item, "destination",
			      name_in(&c->by_country, f->destination));
		if (suppressed_for_states(c->p, &as_figure))
			resp_node_set(req, item, "hidden_from_states", "1");
		node_num(req, item, "records", f->records);
		node_num(req, item, "migrants", f->migrants);
		resp_node_set(req, item, "currency",
			      name_in(&c->by_currency, f->currency));
		resp_node_set(req, item, "scope",
			      name_in(&c->by_scope, f->scope));
		resp_node_set(req, item, "min", f->min);
		resp_node_set(req, item, "max", f->max);
	}
	c->n++;
	if (c->bars != NULL && c->nbars < 100)
		c->bars[c->nbars++] = (struct bar){
			arena_printf(req->arena, "%s > %s",
				     name_in(&c->by_country, f->origin),
				     name_in(&c->by_country, f->destination)),
			f->records };
	if (c->ods != NULL && c->nods < 100)
		c->ods[c->nods++] = (struct od){
			arena_strdup(req->arena, f->origin),
			arena_strdup(req->arena, f->destination), f->records };
	if (c->csv != NULL) {
		const char *v[] = { f->origin, f->destination,
			arena_printf(req->arena, "%lld", f->records),
			arena_printf(req->arena, "%lld", f->migrants) };

		rec_csv_row(c->csv, v, 4);
	}
}

#define MATRIX_SIDE 8	/* origins and destinations in the matrix */

/* The MATRIX_SIDE codes with the most records, as origins (by_origin)
 * or destinations, into keys[]; returns how many. */
static size_t top_codes(const struct od *ods, size_t n, int by_origin,
			const char **keys)
{
	long long totals[100] = { 0 };
	const char *codes[100];
	size_t i, j, k = 0, out = 0;

	for (i = 0; i < n; i++) {
		const char *c = by_origin ? ods[i].origin : ods[i].destination;

		for (j = 0; j < k && strcmp(codes[j], c) != 0; j++)
			;
		if (j == k)
			codes[k++] = c;
		totals[j] += ods[i].records;
	}
	while (out < MATRIX_SIDE && out < k) {
		size_t best = k;

		for (j = 0; j < k; j++)
			if (totals[j] >= 0 && (best == k ||
					       totals[j] > totals[best]))
				best = j;
		keys[out++] = codes[best];
		totals[best] = -1;
	}
	return out;
}

/* Puts an origin x destination matrix of the largest flows: a cell's
 * shade grows with its records (SVG drawn by the template). Its labels
 * are codes, to fit the cells; each carries its country's name from
 * countries for the chart's key. */
static void put_matrix(struct req *req, const struct od *ods, size_t n,
		       const struct code_index *countries)
{
	const char *rows[MATRIX_SIDE], *cols[MATRIX_SIDE];
	size_t nr = top_codes(ods, n, 1, rows), nc = top_codes(ods, n, 0, cols);
	long long max = 1;
	size_t i, j, k, m = 0;

	for (i = 0; i < n; i++)
		if (ods[i].records > max)
			max = ods[i].records;
	for (i = 0; i < nr; i++) {
		resp_set_item(req, "Page.Matrix.Rows", (long long)i, "code",
			      rows[i]);
		resp_set_item(req, "Page.Matrix.Rows", (long long)i, "name",
			      name_in(countries, rows[i]));
		resp_set_item_int(req, "Page.Matrix.Rows", (long long)i, "y",
				  48 + (long long)i * 28);
	}
	for (j = 0; j < nc; j++) {
		resp_set_item(req, "Page.Matrix.Cols", (long long)j, "code",
			      cols[j]);
		resp_set_item(req, "Page.Matrix.Cols", (long long)j, "name",
			      name_in(countries, cols[j]));
		resp_set_item_int(req, "Page.Matrix.Cols", (long long)j, "x",
				  80 + (long long)j * 48 + 20);
	}
	for (k = 0; k < n; k++)
		for (i = 0; i < nr; i++)
			for (j = 0; j < nc; j++) {
				const char *cell;

				if (strcmp(ods[k].origin, rows[i]) != 0 ||
				    strcmp(ods[k].destination, cols[j]) != 0)
					continue;
				cell = arena_printf(req->arena,
						    "Page.Matrix.Cells.%zu", m++);
				resp_set_int(req, arena_printf(req->arena,
					     "%s.x", cell), 80 + (long long)j * 48);
				resp_set_int(req, arena_printf(req->arena,
					     "%s.y", cell), 30 + (long long)i * 28);
				resp_set_int(req, arena_printf(req->arena,
					     "%s.records", cell), ods[k].records);
				/* shade from 0.15 to 1, in hundredths */
				resp_set(req, arena_printf(req->arena,
					 "%s.shade", cell), arena_printf(
					 req->arena, "%.2f", 0.15 + 0.85 *
					 (double)ods[k].records / (double)max));
			}
	resp_set_int(req, "Page.Matrix.width", 90 + (long long)nc * 48);
	resp_set_int(req, "Page.Matrix.height", 40 + (long long)nr * 28);
}

/* GET /pooled/routes?period=P: route flows (origin to destination) with
 * counts, the top routes as a chart, and fee ranges per route and
 * currency. */
enum status page_pooled_routes(struct req *req)
{
	const struct param *fmt = req_param(&req->query, "format");
	int csv_wanted = fmt != NULL && strcmp(fmt->value, "csv") == 0;
	struct rec_csv csv = { 0 };
	struct flow_ctx flows = { .req = req, .list = "Page.Flows" };
	struct flow_ctx fees = { .req = req, .list = "Page.Fees" };
	const char *country = country_filter(req);
	struct pool p;
	size_t i;
	enum status st = pool_load(req, &p);
	int rc;

	if (st != ST_OK)
		return st;
	i = chosen_period(req, &p, PART_ROUTES);
	if (i >= p.n || !(parts_open(req, &p, i) & (1u << PART_ROUTES)))
		return refuse(req, &p, i < p.n ? p.st[i].period : "", "routes");
	flows.p = fees.p = &p;
	{
		/* The names of the period's code lists. */
		struct submission shape;

		period_shape(&p, i, &shape);
		rc = grid_codes(req, &shape, "country", &flows.countries);
		if (rc == DB_OK)
			rc = grid_codes(req, &shape, "currency",
					&flows.currencies);
		if (rc == DB_OK)
			rc = grid_codes(req, &shape, "feescope",
					&flows.scopes);
		if (rc != DB_OK)
			return resp_db_failure(rc);
		index_codes(req->arena, &flows.by_country, &flows.countries);
		index_codes(req->arena, &flows.by_currency, &flows.currencies);
		index_codes(req->arena, &flows.by_scope, &flows.scopes);
		fees.countries = flows.countries;
		fees.currencies = flows.currencies;
		fees.scopes = flows.scopes;
		fees.by_country = flows.by_country;
		fees.by_currency = flows.by_currency;
		fees.by_scope = flows.by_scope;
		if (rc == DB_OK && !csv_wanted)
			rc = put_countries(req, &shape, country);
		if (rc != DB_OK)
			return resp_db_failure(rc);
	}
	flows.bars = arena_alloc(req->arena, 100 * sizeof(struct bar));
	flows.ods = arena_alloc(req->arena, 100 * sizeof(struct od));
	if (csv_wanted) {
		const char *head[] = { "origin", "destination", "records",
				       "migrants" };

		rec_csv_row(&csv, head, 4);
		flows.csv = &csv;
	}
	rc = db_pool_flows(req->db, p.viewer, p.st[i].period_id,
			   p.set.rule.submitted_counts, country, add_flow,
			   &flows);
	if (rc == DB_OK && !csv_wanted)
		rc = db_pool_fees(req->db, p.viewer, p.st[i].period_id,
				  p.set.rule.submitted_counts, country,
				  add_flow, &fees);
	if (rc == DB_OK)
		rc = record_view(req, &p, "routes", csv_wanted, PART_ROUTES, i,
				 country);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	if (csv_wanted)
		return rec_csv_send(req, &csv, arena_printf(req->arena,
			"pooled-routes-%s.csv", p.st[i].period));
	put_bars(req, resp_node(req, NULL, "Page.Top"), flows.bars,
		 flows.nbars);
	put_matrix(req, flows.ods, flows.nods, &flows.by_country);
	resp_set_int(req, "Page.Suppressed.flows", (long long)flows.suppressed);
	resp_set_int(req, "Page.Suppressed.fees", (long long)fees.suppressed);
	put_choices(req, &p, i, "routes");
	resp_set_int(req, "Page.K", p.set.rule.k);
	return resp_render(req, 200, "pooled-routes.cs");
}

/* ---- narratives ---------------------------------------------------------- */

struct narr_ctx {
	struct req *req;
	struct pool *p;
	int n;
};

static void add_narrative(void *ctx, const struct pooled_narrative *n)
{
	struct narr_ctx *c = ctx;
	struct req *req = c->req;
	int own = n->jurisdiction_id == c->p->viewer;
	int named = policy_pooled_named(req->user, own,
					strcmp(n->level, "aggregate") == 0);
	char *item = arena_printf(req->arena, "Page.Narratives.%d", c->n);
	int i, shown = 0;

	for (i = 0; i < 3; i++) {
		/* Secretariat-only texts never reach other states. */
		int peers = strcmp(n->share[i], "peers") == 0;

		if (n->text[i][0] == '\0' ||
		    !policy_pooled_text(req->user, own, peers))
			continue;
		resp_set(req, arena_printf(req->arena, "%s.%s", item,
					   narrative_keys[i]), n->text[i]);
		if (!peers)
			resp_set(req, arena_printf(req->arena, "%s.%s_private",
						   item, narrative_keys[i]), "1");
		shown++;
	}
	if (shown == 0)
		return;
	if (named) {
		resp_set(req, arena_printf(req->arena, "%s.code", item), n->code);
		resp_set(req, arena_printf(req->arena, "%s.name", item), n->name);
	}
	c->n++;
}

/* GET /pooled/narratives?period=P: the texts states share with
 * contributing states; a state that shares in aggregate only is not
 * named. */
enum status page_pooled_narratives(struct req *req)
{
	struct narr_ctx c = { req, NULL, 0 };
	struct pool p;
	size_t i;
	enum status st = pool_load(req, &p);
	int rc;

	if (st != ST_OK)
		return st;
	i = chosen_period(req, &p, PART_NARRATIVE);
	if (i >= p.n || !(parts_open(req, &p, i) & (1u << PART_NARRATIVE)))
		return refuse(req, &p, i < p.n ? p.st[i].period : "",
			      "narrative");
	c.p = &p;
	rc = db_pool_narratives(req->db, p.st[i].period_id,
				p.set.rule.submitted_counts, add_narrative, &c);
	if (rc == DB_OK)
		rc = record_view(req, &p, "narratives", 0, PART_NARRATIVE, i,
				 "");
	if (rc != DB_OK)
		return resp_db_failure(rc);
	put_choices(req, &p, i, "narrative");
	return resp_render(req, 200, "pooled-narratives.cs");
}

/* ---- the secretariat's settings ------------------------------------------ */

static const struct field_spec setting_fields[] = {
	{ .name = "sharing_mode", .type = FIELD_LINE, .required = 1, .max = 16 },
	{ .name = "sharing_window", .type = FIELD_INT, .required = 1, .min = 1,
	  .max = 40 },
	{ .name = "contribution", .type = FIELD_LINE, .required = 1, .max = 16 },
	{ .name = "suppress_k", .type = FIELD_INT, .required = 1, .min = 1,
	  .max = 20 },
	{ .name = "suppress_below", .type = FIELD_INT, .min = 0,
	  .max = 1000000 },	/* empty: 0, no threshold */
	{ .name = "default_level", .type = FIELD_LINE, .required = 1,
	  .max = 16 },
};
#define N_SETTINGS (sizeof(setting_fields) / sizeof(setting_fields[0]))

static void put_settings(struct req *req, const struct sharing_settings *s)
{
	resp_set(req, "Form.sharing_mode.value",
		 s->rule.mode == SHARE_ROLLING ? "rolling" :
		 s->rule.mode == SHARE_PER_DATASET ? "dataset" : "period");
	resp_set_int(req, "Form.sharing_window.value", s->rule.window);
	resp_set(req, "Form.contribution.value",
		 s->rule.submitted_counts ? "submitted" : "accepted");
	resp_set_int(req, "Form.suppress_k.value", s->rule.k);
	resp_set_int(req, "Form.suppress_below.value", s->rule.min_count);
	resp_set(req, "Form.default_level.value", s->default_level);
}

/* GET /admin/sharing */
enum status page_sharing_settings(struct req *req)
{
	struct sharing_settings s;
	int rc = db_settings_get(req->db, &s);

	if (rc != DB_OK)
		return resp_db_failure(rc);
	put_settings(req, &s);
	if (req_param(&req->query, "saved") != NULL)
		resp_set(req, "Page.Notice", "saved");
	return resp_render(req, 200, "sharing-settings.cs");
}

static int one_of(const char *v, const char *a, const char *b, const char *c)
{
	return strcmp(v, a) == 0 || strcmp(v, b) == 0 ||
	       (c != NULL && strcmp(v, c) == 0);
}

/* POST /admin/sharing: all settings in one transaction with their
 * history entry. */
enum status page_sharing_settings_save(struct req *req)
{
	struct field_value v[N_SETTINGS];
	struct actor who = { req->user->id, req->user->username };
	size_t i, errors = form_validate(&req->body, setting_fields, N_SETTINGS,
					 v);
	int rc;

	if (!v[0].error && !one_of(v[0].str, "period", "rolling", "dataset"))
		v[0].error = "choose_one", errors++;
	if (!v[2].error && !one_of(v[2].str, "accepted", "submitted", NULL))
		v[2].error = "choose_one", errors++;
	if (!v[5].error && !one_of(v[5].str, "attributed", "aggregate", NULL))
		v[5].error = "choose_one", errors++;
	if (errors > 0) {
		resp_form(req, setting_fields, N_SETTINGS, v);
		return resp_render(req, 400, "sharing-settings.cs");
	}
	rc = db_begin(req->db);
	if (v[4].str[0] == '\0')
		v[4].str = "0";
	for (i = 0; rc == DB_OK && i < N_SETTINGS; i++)
		rc = db_setting_set(req->db, setting_fields[i].name, v[i].str);
	if (rc == DB_OK)
		rc = db_history_append(req->db, &who, "settings.save",
				       "settings", 0, arena_printf(req->arena,
				       "mode=%s window=%s contribution=%s k=%s "
				       "below=%s default_level=%s", v[0].str,
				       v[1].str, v[2].str, v[3].str, v[4].str,
				       v[5].str));
	rc = db_end(req->db, rc);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	return resp_redirect(req, "/admin/sharing?saved=1");
}
