/* SPDX-License-Identifier: MIT */
/* notify.c: who hears of which workflow event, and the message they get,
 * rendered from templates/mail-*.cs into the outbox (db-mail.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "config.h"
#include "db-mail.h"
#include "db-report.h"
#include "log.h"
#include "notify.h"
#include "util.h"

/* Set once by notify_init, read-only afterwards. */
static char template_dir[300];
static char public_url[256];

/* The outbox's subject column holds 400 characters, its body 65535
 * bytes: longer texts are cut (on a character boundary). */
#define SUBJECT_MAX 400
#define BODY_MAX 65535

/* The once-key prefix of the reminders: due:<period id>:<user id>. */
#define DUE_PREFIX "due:"

/* Roles as the users table names them. */
#define NATIONAL "data-entry,focal-point,viewer"

void notify_init(const struct config *cfg)
{
	snprintf(template_dir, sizeof(template_dir), "%s/templates",
		 cfg->share_dir);
	snprintf(public_url, sizeof(public_url), "%s", cfg->public_url);
}

static void log_neoerr(NEOERR *err, const char *what)
{
	STRING s;

	string_init(&s);
	nerr_error_string(err, &s);
	log_msg(NULL, "mail template %s: %s", what, s.buf ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
}

static NEOERR *collect(void *ctx, char *s)
{
	return nerr_pass(string_append((STRING *)ctx, s));
}

/* A new dataset with the language file and the links every message has.
 * NULL after logging why. */
static HDF *mail_hdf(void)
{
	char path[400];
	HDF *hdf = NULL;
	NEOERR *err;

	snprintf(path, sizeof(path), "%s/lang/en.hdf", template_dir);
	err = hdf_init(&hdf);
	/* Plain text: no Config.VarEscapeMode, so names such as "O'Brien &
	 * Co" come out as written. The subject is made header-safe and the
	 * body quoted-printable when the message is sent (mail.c). */
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "hdf.loadpaths.0", template_dir);
	if (err == STATUS_OK)
		err = hdf_read_file(hdf, path);
	if (err == STATUS_OK)
		err = hdf_set_value(hdf, "Mail.site", *public_url ? public_url :
				    "");
	if (err != STATUS_OK) {
		log_neoerr(err, path);
		hdf_destroy(&hdf);
		return NULL;
	}
	return hdf;
}

static int set(HDF *hdf, const char *name, const char *value)
{
	NEOERR *err = hdf_set_value(hdf, name, value);

	if (err != STATUS_OK) {
		log_neoerr(err, name);
		return -1;
	}
	return 0;
}

/* Tidies rendered text in place: no spaces at line ends, at most one
 * blank line in a row, none at the start or the end. */
static void tidy(char *s)
{
	char *r = s, *w = s;
	int newlines = 2;	/* drops leading blank lines */

	while (*r) {
		if (*r == '\n') {
			while (w > s && (w[-1] == ' ' || w[-1] == '\t'))
				w--;
			if (newlines < 2)
				*w++ = '\n';
			newlines++;
			r++;
			continue;
		}
		newlines = 0;
		*w++ = *r++;
	}
	while (w > s && (w[-1] == '\n' || w[-1] == ' ' || w[-1] == '\t'))
		w--;
	*w = '\0';
}

/* Renders tpl with hdf: the first line is the subject, the rest the body.
 * Fills subject (SUBJECT_MAX bytes + 1) and *body (malloc'd, caller
 * frees). Returns 0, or -1 after logging why. */
static int render(HDF *hdf, const char *tpl, char *subject, char **body)
{
	CSPARSE *cs = NULL;
	STRING out;
	NEOERR *err;
	char *nl, *text;

	string_init(&out);
	err = cs_init(&cs, hdf);
	if (err == STATUS_OK)
		err = cs_parse_file(cs, tpl);
	if (err == STATUS_OK)
		err = cs_render(cs, &out, collect);
	cs_destroy(&cs);
	if (err != STATUS_OK) {
		log_neoerr(err, tpl);
		string_clear(&out);
		return -1;
	}
	text = out.buf ? out.buf : "";
	tidy(text);
	nl = strchr(text, '\n');
	if (nl != NULL)
		*nl = '\0';
	utf8_truncate(subject, text, SUBJECT_MAX);
	if (*subject == '\0') {
		log_msg(NULL, "mail template %s: no subject line", tpl);
		string_clear(&out);
		return -1;
	}
	*body = malloc(BODY_MAX + 1);
	if (*body == NULL) {
		string_clear(&out);
		return -1;
	}
	utf8_truncate(*body, nl ? nl + 1 : "", BODY_MAX);
	tidy(*body);
	string_clear(&out);
	return 0;
}

/* Renders tpl with hdf and queues it for to. Destroys hdf. */
static int queue(struct db *db, HDF *hdf, const char *kind, const char *tpl,
		 const struct mail_audience *to, unsigned long long *queued)
{
	char subject[SUBJECT_MAX + 1], *body = NULL;
	int rc = DB_ERROR;

	if (render(hdf, tpl, subject, &body) == 0)
		rc = db_mail_queue(db, kind, to, subject, body, queued);
	free(body);
	hdf_destroy(&hdf);
	return rc;
}

struct reasons {
	HDF *hdf;
	int n, failed;
};

static void put_reason(void *ctx, const char *ds, int nil,
		       const char *reason)
{
	struct reasons *r = ctx;
	char name[64];

	(void)nil;
	if (reason == NULL || *reason == '\0')
		return;
	snprintf(name, sizeof(name), "Mail.Reasons.%d.part", r->n);
	if (set(r->hdf, name, ds) != 0)
		r->failed = 1;
	snprintf(name, sizeof(name), "Mail.Reasons.%d.text", r->n);
	if (set(r->hdf, name, reason) != 0)
		r->failed = 1;
	r->n++;
}

int notify_submission(struct db *db, enum notify_event e, long long sub_id,
		      unsigned long long *queued)
{
	static const struct {
		const char *kind, *tpl, *roles;
		int own_state;
	} events[] = {
		[NOTIFY_SUBMITTED] = { "submitted", "mail-submitted.cs",
				       "secretariat-analyst", 0 },
		[NOTIFY_RETURNED] = { "returned", "mail-returned.cs",
				      "data-entry,focal-point", 1 },
		[NOTIFY_ACCEPTED] = { "accepted", "mail-accepted.cs",
				      NATIONAL, 1 },
	};
	struct submission s;
	struct mail_audience to;
	char num[32];
	HDF *hdf;
	int rc;

	_Static_assert(sizeof(events) / sizeof(events[0]) == NOTIFY__MAX,
		       "every event needs its template and audience");
	if (queued != NULL)
		*queued = 0;
	if ((unsigned)e >= NOTIFY__MAX)
		return DB_ERROR;
	rc = db_sub_by_id(db, sub_id, &s);
	if (rc != DB_OK)
		return rc == DB_NONE ? DB_ERROR : rc;
	hdf = mail_hdf();
	if (hdf == NULL)
		return DB_ERROR;
	snprintf(num, sizeof(num), "%lld", s.version);
	if (set(hdf, "Mail.period", s.period) != 0 ||
	    set(hdf, "Mail.jcode", s.jcode) != 0 ||
	    set(hdf, "Mail.jname", s.jname) != 0 ||
	    set(hdf, "Mail.version", num) != 0 ||
	    set(hdf, "Mail.due", s.due) != 0) {
		hdf_destroy(&hdf);
		return DB_ERROR;
	}
	snprintf(num, sizeof(num), "%lld", s.id);
	if (set(hdf, "Mail.sub", num) != 0) {
		hdf_destroy(&hdf);
		return DB_ERROR;
	}
	if (e == NOTIFY_RETURNED) {
		struct reasons r = { hdf, 0, 0 };

		rc = db_sd_list(db, s.id, put_reason, &r);
		if (rc != DB_OK || r.failed) {
			hdf_destroy(&hdf);
			return rc != DB_OK ? rc : DB_ERROR;
		}
	}
	to.roles = events[e].roles;
	to.jurisdiction_id = events[e].own_state ? s.jurisdiction_id : 0;
	to.once_prefix = "";
	return queue(db, hdf, events[e].kind, events[e].tpl, &to, queued);
}

int notify_period_opened(struct db *db, const struct period *p,
			 unsigned long long *queued)
{
	struct mail_audience to = { NATIONAL, 0, "" };
	HDF *hdf = mail_hdf();

	if (queued != NULL)
		*queued = 0;
	if (hdf == NULL)
		return DB_ERROR;
	if (set(hdf, "Mail.period", p->code) != 0 ||
	    set(hdf, "Mail.starts", p->starts) != 0 ||
	    set(hdf, "Mail.ends", p->ends) != 0 ||
	    set(hdf, "Mail.due", p->due) != 0 ||
	    set(hdf, "Mail.locks", p->locks) != 0) {
		hdf_destroy(&hdf);
		return DB_ERROR;
	}
	return queue(db, hdf, "opened", "mail-opened.cs", &to, queued);
}

struct targets {
	struct mail_target *t;
	size_t n, cap;
	int failed;
};

static void keep_target(void *ctx, const struct mail_target *t)
{
	struct targets *ts = ctx;

	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? ts->cap * 2 : 16;
		struct mail_target *p = realloc(ts->t, cap * sizeof(*p));

		if (p == NULL) {
			ts->failed = 1;
			return;
		}
		ts->t = p;
		ts->cap = cap;
	}
	ts->t[ts->n++] = *t;
}

int notify_reminders(struct db *db, long days, unsigned long long *queued)
{
	struct targets ts = { NULL, 0, 0, 0 };
	size_t i;
	int rc;

	*queued = 0;
	rc = db_mail_reminder_targets(db, days, keep_target, &ts);
	if (rc == DB_OK && ts.failed)
		rc = DB_ERROR;
	for (i = 0; rc == DB_OK && i < ts.n; i++) {
		const struct mail_target *t = &ts.t[i];
		char prefix[48];
		struct mail_audience to = { NATIONAL, t->jurisdiction_id,
					    prefix };
		unsigned long long n = 0;
		HDF *hdf = mail_hdf();

		snprintf(prefix, sizeof(prefix), DUE_PREFIX "%lld:",
			 t->period_id);
		if (hdf == NULL || set(hdf, "Mail.period", t->period) != 0 ||
		    set(hdf, "Mail.due", t->due) != 0 ||
		    set(hdf, "Mail.jcode", t->jcode) != 0 ||
		    set(hdf, "Mail.jname", t->jname) != 0) {
			hdf_destroy(&hdf);
			rc = DB_ERROR;
			break;
		}
		rc = db_begin(db);
		if (rc == DB_OK)
			rc = queue(db, hdf, "due", "mail-due.cs", &to, &n);
		else
			hdf_destroy(&hdf);
		rc = db_end(db, rc);
		*queued += n;
	}
	free(ts.t);
	return rc;
}
