/* SPDX-License-Identifier: MIT */
/* page-incident.c: incident records of a submission (optional for a
 * state): the list with filters and paging, the form (rows of persons by
 * citizenship added and removed by server round trips), delete, history
 * and CSV. Non-nominal: text that looks like an e-mail address or a
 * document number needs a confirmation before it is saved. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "db-history.h"
#include "form.h"
#include "pages.h"
#include "record-form.h"
#include "record.h"
#include "report.h"
#include "resp.h"
#include "util.h"
#include "valid.h"

/* The code lists of the form; the list page's filters need only the
 * first L_FILTERS. */
enum { L_COUNTRY, L_TRANSPORT, L_BORDER, L_FOLLOW, L_N };
#define L_FILTERS 2
static const char *const incident_lists[L_N] = {
	"country", "transport", "border", "followup",
};

#define N_FIELDS 12	/* as the history records them */

static const struct rec_kind incident_kind;

static const char *label_of(const struct codes *c, const char *code)
{
	const struct code *k = grid_find_code(c, code);

	return k != NULL ? k->label : code;
}

/* "Afghanistan 3, Pakistan 2": the persons as a reader wants them. */
static const char *persons_labels(struct req *req, const struct rec_page *p,
				  const struct incident *r)
{
	const char *part[4 * INCIDENT_MAX_PERSONS];
	size_t i, n = 0;

	for (i = 0; i < r->npersons; i++) {
		part[n++] = label_of(&p->codes[L_COUNTRY],
				     r->persons[i].citizenship);
		part[n++] = " ";
		part[n++] = r->persons[i].persons;
		part[n++] = i + 1 < r->npersons ? ", " : "";
	}
	return util_join(req->arena, part, n);
}

static const char *persons_text(struct req *req, const struct incident *r)
{
	char *s = "";
	size_t i;

	for (i = 0; i < r->npersons; i++)
		s = arena_printf(req->arena, "%s%s%s %s", s, i ? ", " : "",
				 r->persons[i].citizenship,
				 r->persons[i].persons);
	return s;
}

static const char *place_text(struct req *req, const struct incident *r)
{
	if (r->lat[0] == '\0')
		return r->area;
	return arena_printf(req->arena, "%s%s%s, %s", r->area,
			    r->area[0] ? " " : "", r->lat, r->lon);
}

static void incident_fields(struct req *req, const struct rec_page *p,
			    const void *record, struct field_text *f)
{
	const struct incident *r = record;

	(void)p;
	f[0] = (struct field_text){ "date", r->occurred_on };
	f[1] = (struct field_text){ "place", place_text(req, r) };
	f[2] = (struct field_text){ "border", r->border };
	f[3] = (struct field_text){ "transport", r->transport };
	f[4] = (struct field_text){ "vessel", r->vessel };
	f[5] = (struct field_text){ "concealment", r->concealment };
	f[6] = (struct field_text){ "persons", persons_text(req, r) };
	f[7] = (struct field_text){ "dead", r->dead };
	f[8] = (struct field_text){ "missing", r->missing };
	f[9] = (struct field_text){ "smugglers", r->smugglers };
	f[10] = (struct field_text){ "follow_up", r->follow_up };
	f[11] = (struct field_text){ "note", r->note };
}

/* ---- the list ------------------------------------------------------- */

struct list_ctx {
	struct req *req;
	const struct rec_page *p;
	long long n;
	HDF *list, *row;	/* Page.Incidents, and the row put last */
};

/* A row of the list below Page.Incidents, each field set below it. */
static void put_row(void *ctx, const struct incident *r)
{
	struct list_ctx *l = ctx;
	struct req *req = l->req;
	char name[24];
	HDF *row;

	if (l->list == NULL)
		l->list = resp_node(req, NULL, "Page.Incidents");
	l->row = row = resp_node(req, l->list, util_num(name, l->n++));
	resp_node_set(req, row, "id", util_num(name, r->id));
	resp_node_set(req, row, "date", r->occurred_on);
	resp_node_set(req, row, "place", place_text(req, r));
	resp_node_set(req, row, "transport",
		      label_of(&l->p->codes[L_TRANSPORT], r->transport));
	resp_node_set(req, row, "persons", persons_labels(req, l->p, r));
	resp_node_set(req, row, "dead", r->dead);
	resp_node_set(req, row, "missing", r->missing);
}

/* GET /submission/<id>/incidents: 50 a page, latest date first unless
 * ?sort=asc, filtered by ?country= (a citizenship of the persons) and
 * ?mode= (the transport mode). Two statements, as the route list. */
enum status page_incident_list(struct req *req)
{
	struct rec_page *p = arena_alloc(req->arena, sizeof(*p));
	struct list_ctx l = { req, p, 0, NULL, NULL };
	struct record_filter f;
	long long page, total = 0;
	enum status st = rec_load_list(req, p, &incident_kind, "incidents",
				       L_FILTERS, L_FILTERS);
	int rc;

	if (st != ST_OK)
		return st;
	rec_filter(req, &f, &page);
	rc = db_incident_list(req->db, p->s.id, &f, put_row, &l, &total);
	if (rc != DB_OK)
		return resp_db_failure(rc);
	rec_put_paging(req, total, page);
	rec_notice(req);
	report_put_submission(req, &p->s);
	rec_put_can_edit(req, &p->s);
	return resp_render(req, 200, "incidents.cs");
}

/* One incident of the review page: as the list shows it, with the
 * fields the list leaves out. */
static void put_review_row(void *ctx, const struct incident *r)
{
	struct list_ctx *l = ctx;
	struct req *req = l->req;

	put_row(ctx, r);
	resp_node_set(req, l->row, "border",
		      label_of(&l->p->codes[L_BORDER], r->border));
	resp_node_set(req, l->row, "vessel", r->vessel);
	resp_node_set(req, l->row, "concealment", r->concealment);
	resp_node_set(req, l->row, "smugglers", r->smugglers);
	resp_node_set(req, l->row, "follow_up",
		      label_of(&l->p->codes[L_FOLLOW], r->follow_up));
	resp_node_set(req, l->row, "note", r->note);
}

int page_incident_put_all(struct req *req, const struct submission *s)
{
	struct rec_page *p;
	int rc = rec_page_of(req, s, &incident_kind, L_N, &p);
	struct list_ctx l = { req, p, 0, NULL, NULL };

	return rc == DB_OK ? db_incident_all(req->db, s->id, put_review_row,
					     &l) : rc;
}

/* ---- the form ---------------------------------------------------------- */

static void put_form(struct req *req, const struct rec_page *p)
{
	const struct incident *r = p->r;
	size_t i;

	resp_set(req, "Form.date.value", r->occurred_on);
	resp_set(req, "Form.area.value", r->area);
	resp_set(req, "Form.lat.value", r->lat);
	resp_set(req, "Form.lon.value", r->lon);
	resp_set(req, "Form.border.value", r->border);
	resp_set(req, "Form.transport.value", r->transport);
	resp_set(req, "Form.vessel.value", r->vessel);
	resp_set(req, "Form.concealment.value", r->concealment);
	resp_set(req, "Form.dead.value", r->dead);
	resp_set(req, "Form.missing.value", r->missing);
	resp_set(req, "Form.smugglers.value", r->smugglers);
	resp_set(req, "Form.follow_up.value", r->follow_up);
	resp_set(req, "Form.note.value", r->note);
	resp_set_int(req, "Form.row_version", r->row_version);
	resp_set_int(req, "Form.persons", (long long)r->npersons);
	for (i = 0; i < r->npersons; i++) {
		resp_set_item(req, "Form.Persons", (long long)i, "citizenship",
			      r->persons[i].citizenship);
		resp_set_item(req, "Form.Persons", (long long)i, "n",
			      r->persons[i].persons);
		resp_set_item(req, "Form.Persons", (long long)i, "label",
			      label_of(&p->codes[L_COUNTRY],
				       r->persons[i].citizenship));
	}
	/* The names a reader sees where the form is read-only. */
	resp_set(req, "Form.border.label", label_of(&p->codes[L_BORDER],
						    r->border));
	resp_set(req, "Form.transport.label",
		 label_of(&p->codes[L_TRANSPORT], r->transport));
	resp_set(req, "Form.follow_up.label", label_of(&p->codes[L_FOLLOW],
						       r->follow_up));
}

static void read_form(struct req *req, struct rec_page *p)
{
	static const struct field_spec specs[] = {
		{ .name = "date", .type = FIELD_LINE, .max = 10 },
		{ .name = "area", .type = FIELD_LINE, .max = 200 },
		/* any number of decimals: rounded by check_incident */
		{ .name = "lat", .type = FIELD_LINE, .max = 32 },
		{ .name = "lon", .type = FIELD_LINE, .max = 32 },
		{ .name = "border", .type = FIELD_LINE, .max = 16 },
		{ .name = "transport", .type = FIELD_LINE, .max = 16 },
		{ .name = "vessel", .type = FIELD_LINE, .max = 200 },
		{ .name = "concealment", .type = FIELD_LINE, .max = 200 },
		{ .name = "dead", .type = FIELD_INT, .max = 1000000 },
		{ .name = "missing", .type = FIELD_INT, .max = 1000000 },
		{ .name = "smugglers", .type = FIELD_INT, .max = 1000000 },
		{ .name = "follow_up", .type = FIELD_LINE, .max = 16 },
		{ .name = "note", .type = FIELD_TEXT, .max = NOTE_MAX_CHARS },
	};
	struct field_value v[13];
	struct incident *r = p->r;
	char *dst[13] = { r->occurred_on, r->area, r->lat, r->lon, r->border,
			  r->transport, r->vessel, r->concealment, r->dead,
			  r->missing, r->smugglers, r->follow_up, r->note };
	size_t cap[13] = { sizeof(r->occurred_on), sizeof(r->area),
			   sizeof(r->lat), sizeof(r->lon), sizeof(r->border),
			   sizeof(r->transport), sizeof(r->vessel),
			   sizeof(r->concealment), sizeof(r->dead),
			   sizeof(r->missing), sizeof(r->smugglers),
			   sizeof(r->follow_up), sizeof(r->note) };
	const struct param *n = req_param(&req->body, "persons");
	const struct param *ver = req_param(&req->body, "row_version");
	const struct param *raw;
	long long rows = n != NULL ? atoll(n->value) : 1;
	size_t i;

	form_validate(&req->body, specs, 13, v);
	for (i = 0; i < 13; i++) {
		/* A field in error keeps what was typed where it fits; the
		 * form shows any field in error as typed (record-form.c). */
		int is_num = specs[i].type == FIELD_INT;

		raw = req_param(&req->body, specs[i].name);
		if (v[i].error != NULL)
			rec_field_error(req, p, specs[i].name, v[i].error);
		rec_take(dst[i], cap[i], v[i].error == NULL ? v[i].str :
		     raw != NULL && raw->len < cap[i] && !raw->has_nul ?
		     raw->value : "");
		if (is_num && dst[i][0] == '\0' && v[i].error == NULL)
			rec_take(dst[i], cap[i], "0");
	}
	r->row_version = ver != NULL ? atoll(ver->value) : 0;
	if (rows < 0)
		rows = 0;
	if (rows > INCIDENT_MAX_PERSONS)
		rows = INCIDENT_MAX_PERSONS;
	r->npersons = (size_t)rows;
	for (i = 0; i < r->npersons; i++) {
		struct field_spec spec[2] = {
			{ .type = FIELD_LINE, .max = 16 },
			{ .type = FIELD_INT, .min = 1, .max = 1000000 },
		};
		struct field_value pv[2];

		spec[0].name = arena_printf(req->arena, "person_cit.%zu", i);
		spec[1].name = arena_printf(req->arena, "person_n.%zu", i);
		form_validate(&req->body, spec, 2, pv);
		rec_take(r->persons[i].citizenship,
		     sizeof(r->persons[i].citizenship),
		     pv[0].error ? "" : pv[0].str);
		/* a wrong number stays as typed, where it fits */
		raw = req_param(&req->body, spec[1].name);
		rec_take(r->persons[i].persons, sizeof(r->persons[i].persons),
		     !pv[1].error ? pv[1].str : raw != NULL && !raw->has_nul &&
		     raw->len < sizeof(r->persons[i].persons) ? raw->value :
		     "");
		if (pv[0].error != NULL)
			rec_field_error(req, p, spec[0].name, pv[0].error);
		if (pv[1].error != NULL)
			rec_field_error(req, p, spec[1].name, pv[1].error);
	}
}

/* A coordinate as typed, rounded to 0.1 degree in place. When rounding
 * changed it, the form says what was typed (Page.Rounded.<field>) and
 * the page after the save says it was rounded. */
static void round_degrees(struct req *req, struct rec_page *p,
			  const char *field, char *value, size_t cap,
			  double max)
{
	char deg[8];
	int rc;

	if (resp_has_error(req, field) || value[0] == '\0')
		return;
	rc = record_parse_degrees(value, max, deg);
	if (rc < 0) {
		rec_field_error(req, p, field, rc == -2 ?
				(max < 100 ? "lat_range" : "lon_range") :
				"degrees");
		return;
	}
	if (rc == 1) {
		resp_set(req, arena_printf(req->arena, "Page.Rounded.%s",
					   field), value);
		p->done = "coords_rounded";
	}
	rec_take(value, cap, deg);
}

/* The rules beyond each field's own: a date within the period, a place
 * (an area name, or both coordinates, rounded to 0.1 degree), codes from
 * the lists, each citizenship once with a number of persons. */
static void check_incident(struct req *req, struct rec_page *p)
{
	struct incident *r = p->r;
	size_t i, j;

	if (!resp_has_error(req, "date")) {
		if (r->occurred_on[0] == '\0')
			rec_field_error(req, p, "date", "required");
		else if (!valid_date(r->occurred_on))
			rec_field_error(req, p, "date", "bad_date");
		else if (strcmp(r->occurred_on, p->s.starts) < 0 ||
			 strcmp(r->occurred_on, p->s.ends) > 0) {
			const char *period[2] = { p->s.starts, p->s.ends };

			resp_field_error_args(req, "date",
					      "date_outside_period", period, 2);
			p->errors++;
		}
	}
	round_degrees(req, p, "lat", r->lat, sizeof(r->lat), 90);
	round_degrees(req, p, "lon", r->lon, sizeof(r->lon), 180);
	if ((r->lat[0] == '\0') != (r->lon[0] == '\0') &&
	    !resp_has_error(req, "lat") && !resp_has_error(req, "lon"))
		rec_field_error(req, p, r->lat[0] ? "lon" : "lat", "both_coords");
	if (r->area[0] == '\0' && r->lat[0] == '\0' && r->lon[0] == '\0' &&
	    !resp_has_error(req, "area"))
		rec_field_error(req, p, "area", "place_required");
	rec_check_code(req, p, L_BORDER, "border", r->border, 1);
	rec_check_code(req, p, L_TRANSPORT, "transport", r->transport, 1);
	rec_check_code(req, p, L_FOLLOW, "follow_up", r->follow_up, 1);
	for (i = 0; i < r->npersons; i++) {
		char *cit = arena_printf(req->arena, "person_cit.%zu", i);
		char *num = arena_printf(req->arena, "person_n.%zu", i);

		rec_check_code(req, p, L_COUNTRY, cit,
			       r->persons[i].citizenship, 1);
		if (!resp_has_error(req, num) && r->persons[i].persons[0] == '\0')
			rec_field_error(req, p, num, "required");
		for (j = 0; j < i; j++)
			if (r->persons[i].citizenship[0] != '\0' &&
			    strcmp(r->persons[i].citizenship,
				   r->persons[j].citizenship) == 0 &&
			    !resp_has_error(req, cit))
				rec_field_error(req, p, cit, "duplicate_row");
	}
}

/* The person-row buttons: add_person, remove_person:I. */
static int person_action(struct req *req, struct rec_page *p,
			 const char *act)
{
	struct incident *r = p->r;

	if (strcmp(act, "add_person") == 0) {
		if (r->npersons >= INCIDENT_MAX_PERSONS)
			rec_field_error(req, p, "persons", "too_many_rows");
		else
			memset(&r->persons[r->npersons++], 0,
			       sizeof(r->persons[0]));
		return 1;
	}
	if (strncmp(act, "remove_person:", 14) == 0) {
		size_t i = (size_t)atoll(act + 14);

		if (i < r->npersons) {
			memmove(&r->persons[i], &r->persons[i + 1],
				(r->npersons - i - 1) * sizeof(r->persons[0]));
			r->npersons--;
		}
		return 1;
	}
	return 0;
}

/* ---- the pages, through record-form.c ----------------------------------- */

static int incident_get(struct db *db, long long sub, long long id, void *r)
{
	return db_incident_get(db, sub, id, r);
}

static int incident_insert(struct db *db, long long sub, const void *r,
			   long long *id)
{
	return db_incident_insert(db, sub, r, id);
}

static int incident_update(struct db *db, long long sub, const void *r)
{
	return db_incident_update(db, sub, r);
}

/* A new incident: one row of persons, no one dead, missing or caught. */
static void incident_init(void *record)
{
	struct incident *r = record;

	r->npersons = 1;
	strcpy(r->dead, "0");
	strcpy(r->missing, "0");
	strcpy(r->smugglers, "0");
}

static size_t incident_texts(const void *record, struct field_text *f)
{
	const struct incident *r = record;

	f[0] = (struct field_text){ "area", r->area };
	f[1] = (struct field_text){ "vessel", r->vessel };
	f[2] = (struct field_text){ "concealment", r->concealment };
	f[3] = (struct field_text){ "note", r->note };
	return 4;
}

static const struct rec_kind incident_kind = {
	.type = "incident", .plural = "incidents", .form = "incident.cs",
	.lists = incident_lists, .nlists = L_N, .nfields = N_FIELDS,
	.size = sizeof(struct incident),
	.id_at = offsetof(struct incident, id),
	.version_at = offsetof(struct incident, row_version),
	.get = incident_get, .insert = incident_insert,
	.update = incident_update, .remove = db_incident_delete,
	.init = incident_init, .fields = incident_fields,
	.texts = incident_texts, .put_form = put_form,
	.read_form = read_form, .check = check_incident,
	.row_action = person_action,
};

/* GET /submission/<id>/incidents/new: an empty incident. */
enum status page_incident_new(struct req *req)
{
	return rec_page_new(req, &incident_kind);
}

/* GET /submission/<id>/incidents/<iid> */
enum status page_incident_show(struct req *req)
{
	return rec_page_show(req, &incident_kind);
}

/* POST /submission/<id>/incidents/new and .../incidents/<iid>. */
enum status page_incident_save(struct req *req)
{
	return rec_page_save(req, &incident_kind);
}

/* POST /submission/<id>/incidents/<iid>/delete */
enum status page_incident_delete(struct req *req)
{
	return rec_page_delete(req, &incident_kind);
}

/* ---- CSV --------------------------------------------------------------- */

struct csv_ctx {
	struct req *req;
	struct rec_csv csv;
};

static void csv_incident(void *ctx, const struct incident *r)
{
	struct csv_ctx *c = ctx;
	struct req *req = c->req;
	const char *v[] = {
		arena_printf(req->arena, "%lld", r->id), r->occurred_on,
		r->area, r->lat, r->lon, r->border, r->transport, r->vessel,
		r->concealment, persons_text(req, r), r->dead, r->missing,
		r->smugglers, r->follow_up, r->note,
	};

	rec_csv_row(&c->csv, v, sizeof(v) / sizeof(v[0]));
}

/* GET /submission/<id>/incidents.csv: every incident, RFC 4180. */
enum status page_incident_csv(struct req *req)
{
	static const char *const head[] = {
		"id", "date", "area", "lat", "lon", "border", "transport",
		"vessel", "concealment", "persons", "dead", "missing",
		"smugglers", "follow_up", "note",
	};
	struct submission s;
	struct csv_ctx c = { req, { 0 } };
	enum status st = report_load(req, &s, SUB_READ);
	int rc;

	if (st != ST_OK)
		return st;
	rec_csv_row(&c.csv, head, sizeof(head) / sizeof(head[0]));
	rc = db_incident_all(req->db, s.id, csv_incident, &c);
	if (rc != DB_OK) {
		free(c.csv.buf);
		return resp_db_failure(rc);
	}
	return rec_csv_send(req, &c.csv, arena_printf(req->arena,
		"incidents-%s-%s-v%lld.csv", s.jcode, s.period, s.version));
}
