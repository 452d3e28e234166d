/* SPDX-License-Identifier: MIT */
/* record-form.h: the pages a record of a submission has whatever its
 * kind (a route, an incident): new, show, save (with the buttons that add
 * or remove a row of its form by a server round trip), delete, and the
 * stale form when someone saved first. Each kind describes itself in a
 * struct rec_kind; page-route.c and page-incident.c keep what differs:
 * their fields, rules, lists and CSV. */
#ifndef VRS_RECORD_FORM_H
#define VRS_RECORD_FORM_H

#include "policy.h"
#include "record-web.h"
#include "status.h"

#define REC_MAX_LISTS 8

struct rec_kind;

/* A record page: the submission, the code lists its form offers (in the
 * kind's order), the record shown or typed, the messages put so far. */
struct rec_page {
	const struct rec_kind *kind;
	struct submission s;
	struct codes codes[REC_MAX_LISTS];
	void *r;			/* a struct route or struct incident */
	size_t errors;
	const char *done;		/* a notice for the page after the
					 * save (resp_redirect_done), or NULL */
};

struct rec_kind {
	const char *type;		/* "route": the history's rows */
	const char *plural;		/* "routes": the pages' addresses */
	const char *form;		/* "route.cs" */
	const char *const *lists;	/* the form's code lists */
	size_t nlists;
	size_t nfields;			/* as the history records them */
	size_t size;			/* of the record */
	size_t id_at, version_at;	/* offsetof its id and row_version */
	/* The database: DB_OK, DB_NONE or an error. */
	int (*get)(struct db *db, long long sub, long long id, void *r);
	int (*insert)(struct db *db, long long sub, const void *r,
		      long long *id);
	int (*update)(struct db *db, long long sub, const void *r);
	int (*remove)(struct db *db, long long sub, long long id,
		      long long row_version);
	/* A new record's first values. */
	void (*init)(void *r);
	/* The fields as the history records them, nfields of them. */
	void (*fields)(struct req *req, const struct rec_page *p,
		       const void *r, struct field_text *f);
	/* The free texts checked for personal data; returns how many. */
	size_t (*texts)(const void *r, struct field_text *f);
	/* Puts the record as the form shows it. */
	void (*put_form)(struct req *req, const struct rec_page *p);
	/* Reads the typed record into p->r, with a message per bad field. */
	void (*read_form)(struct req *req, struct rec_page *p);
	/* The rules beyond each field's own. */
	void (*check)(struct req *req, struct rec_page *p);
	/* Applies a row button (add a leg, remove a person...); 1 if the
	 * action was one. */
	int (*row_action)(struct req *req, struct rec_page *p, const char *act);
};

/* The most free texts a kind checks for personal data. */
#define REC_MAX_TEXTS 8

/* Loads the submission (policy action a) and the kind's first nlists
 * code lists, put into the page when put_codes; p->r is a blank record. */
enum status rec_load(struct req *req, struct rec_page *p,
		     const struct rec_kind *k, enum sub_action a,
		     int put_codes, size_t nlists);

/* For a list of records (part "routes" or "incidents"): loads the
 * submission (to read) with its part's return reason (Page.Reason) in
 * one statement, and the kind's first nlists code lists, of which the
 * first nput are put into the page (the filters'). */
enum status rec_load_list(struct req *req, struct rec_page *p,
			  const struct rec_kind *k, const char *part,
			  size_t nlists, size_t nput);

/* A page of kind k for submission s, already loaded and allowed, with
 * the kind's first nlists code lists (not put into the page): what the
 * review page reads records with. Returns a db_rc; *out is arena memory. */
int rec_page_of(struct req *req, const struct submission *s,
		const struct rec_kind *k, size_t nlists, struct rec_page **out);

/* A message next to field, counted in p->errors. */
void rec_field_error(struct req *req, struct rec_page *p, const char *field,
		     const char *key);

/* Checks that value is in the page's code list (an index into the kind's
 * lists), or empty when not required; nothing when field has a message
 * already. */
void rec_check_code(struct req *req, struct rec_page *p, size_t list,
		    const char *field, const char *value, int required);

/* Copies a typed value into a fixed field; its spec's limit fits it. */
void rec_take(char *dst, size_t cap, const char *src);

/* The pages, for GET .../<plural>/new, GET .../<plural>/<id>, POST
 * .../<plural>/new or .../<plural>/<id>, POST .../<plural>/<id>/delete. */
enum status rec_page_new(struct req *req, const struct rec_kind *k);
enum status rec_page_show(struct req *req, const struct rec_kind *k);
enum status rec_page_save(struct req *req, const struct rec_kind *k);
enum status rec_page_delete(struct req *req, const struct rec_kind *k);

/* Puts Page.Can.edit when the user may edit the submission. */
void rec_put_can_edit(struct req *req, const struct submission *s);

#endif
