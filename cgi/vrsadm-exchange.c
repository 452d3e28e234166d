/* SPDX-License-Identifier: MIT */
/* vrsadm-exchange.c: vrsadm export, import and sdmx-structure: the same
 * exporter and importer as the web pages, on files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ClearSilver.h>

#include "arena.h"
#include "config.h"
#include "db-exchange.h"
#include "db-history.h"
#include "db-jurisdiction.h"
#include "db-record.h"
#include "db-report.h"
#include "export.h"
#include "import.h"
#include "vrsadm-exchange.h"
#include "util.h"

#include <stdarg.h>

__attribute__((format(printf, 1, 2)))
static int failf(const char *fmt, ...)
{
	va_list ap;

	fputs("vrsadm: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* The language file, for labels (SDMX names) and the importer's
 * explanations. NULL when it cannot be read: codes are shown instead. */
static HDF *load_lang(const struct config *cfg)
{
	char path[600];
	HDF *hdf = NULL;
	NEOERR *err;

	snprintf(path, sizeof(path), "%s/templates/lang/en.hdf",
		 cfg->share_dir);
	err = hdf_init(&hdf);
	if (err == STATUS_OK)
		err = hdf_read_file(hdf, path);
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		hdf_destroy(&hdf);
		return NULL;
	}
	return hdf;
}

static int file_write(void *ctx, const char *buf, size_t len)
{
	return fwrite(buf, 1, len, ctx) == len ? 0 : -1;
}

/* Writes one file through fn, into path.tmp then renamed, so a failed
 * run never leaves a file that looks whole. */
static int write_file(const char *path, int (*fn)(void *ctx,
		      struct export_sink *sink), void *ctx)
{
	char tmp[1100];
	struct export_sink sink = { .write = file_write };
	FILE *f;
	int rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (f == NULL)
		return failf("cannot write %s", tmp);
	sink.ctx = f;
	rc = fn(ctx, &sink);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0 || rename(tmp, path) != 0) {
		remove(tmp);
		return rc > 0 ? rc : failf("writing %s failed", path);
	}
	return 0;
}

struct export_job {
	struct db *db;
	struct arena *a;
	const struct actor *who;
	enum export_format fmt;
	struct export_filter f;
	const char *data_file;
	HDF *lang;
	struct export_result res;
};

static int run_export(void *ctx, struct export_sink *sink)
{
	struct export_job *j = ctx;

	return export_run(j->db, j->a, j->who, j->fmt, &j->f, j->data_file,
			  sink, &j->res);
}

static int run_manifest(void *ctx, struct export_sink *sink)
{
	struct export_job *j = ctx;

	return export_write_manifest(j->db, j->res.id, sink);
}

static int run_structure(void *ctx, struct export_sink *sink)
{
	struct export_job *j = ctx;

	return export_write_sdmx_structure(j->db, j->lang, sink);
}

/* Adds the value of option name at argv[i] to list; checks it by kind. */
static int add_filter(struct db *db, const char *kind, const char *value,
		      const char **list, size_t *n)
{
	struct period per;
	long long id;
	int rc = DB_OK;

	if (*n == EXPORT_MAX_FILTER)
		return failf("too many %s options", kind);
	if (strcmp(kind, "--period") == 0)
		rc = db_period_by_code(db, value, &per);
	else if (strcmp(kind, "--jurisdiction") == 0)
		rc = db_jurisdiction_by_code(db, value, &id, NULL, 0);
	else if (!export_part_known(value))
		rc = DB_NONE;
	if (rc == DB_NONE)
		return failf("unknown value %s", value);
	if (rc != DB_OK)
		return failf("%s", "the database failed");
	list[(*n)++] = value;
	return 0;
}

int vrsadm_export(struct db *db, const struct config *cfg,
		  const struct actor *who, int argc, char **argv)
{
	struct arena a = { 0 };
	struct export_job j = { .db = db, .a = &a, .who = who };
	const char *out = NULL, *format = "vrs", *base;
	char side[1100];
	int i, rc = 0;

	for (i = 1; i < argc && rc == 0; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(o, "--all-statuses") == 0) {
			j.f.any_status = 1;
			continue;
		}
		if (v == NULL)
			return failf("%s needs a value", o);
		i++;
		if (strcmp(o, "--out") == 0)
			out = v;
		else if (strcmp(o, "--format") == 0)
			format = v;
		else if (strcmp(o, "--period") == 0)
			rc = add_filter(db, o, v, j.f.periods, &j.f.nperiods);
		else if (strcmp(o, "--jurisdiction") == 0)
			rc = add_filter(db, o, v, j.f.jurisdictions,
					&j.f.njurisdictions);
		else if (strcmp(o, "--dataset") == 0 && j.f.nparts < 7)
			rc = add_filter(db, o, v, j.f.parts, &j.f.nparts);
		else
			return failf("unknown option %s (see vrsadm help)", o);
	}
	if (rc != 0)
		return rc;
	if (out == NULL)
		return failf("%s", "--out FILE is required");
	if (strcmp(format, "vrs") == 0)
		j.fmt = EXPORT_VRS;
	else if (strcmp(format, "sdmx") == 0)
		j.fmt = EXPORT_SDMX;
	else if (strcmp(format, "csv") == 0 && j.f.nparts == 1)
		j.fmt = EXPORT_CSV;
	else if (strcmp(format, "csv") == 0)
		return failf("%s", "--format csv writes one dataset: give "
			     "exactly one --dataset");
	else
		return failf("unknown format %s: vrs, sdmx or csv", format);
	base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	j.data_file = base;
	j.lang = load_lang(cfg);
	rc = write_file(out, run_export, &j);
	if (rc == 0) {
		snprintf(side, sizeof(side), "%s.manifest.xml", out);
		rc = write_file(side, run_manifest, &j);
	}
	if (rc == 0 && j.fmt == EXPORT_SDMX) {
		snprintf(side, sizeof(side), "%s.structure.xml", out);
		rc = write_file(side, run_structure, &j);
	}
	if (rc == 0)
		printf("export %lld: %lld submission%s, %lld value%s, %llu "
		       "byte%s, sha256 %s\nwrote %s and %s.manifest.xml%s%s\n",
		       j.res.id, j.res.submissions, j.res.submissions == 1 ?
		       "" : "s", j.res.values, j.res.values == 1 ? "" : "s",
		       j.res.bytes, j.res.bytes == 1 ? "" : "s", j.res.sha256,
		       out, out,
		       j.fmt == EXPORT_SDMX ? " and the structure in " : "",
		       j.fmt == EXPORT_SDMX ? side : "");
	if (j.lang)
		hdf_destroy(&j.lang);
	arena_free(&a);
	return rc;
}

int vrsadm_sdmx_structure(struct db *db, const struct config *cfg,
			  int argc, char **argv)
{
	struct arena a = { 0 };
	struct export_job j = { .db = db, .a = &a };
	int rc;

	if (argc != 3 || strcmp(argv[1], "--out") != 0)
		return failf("%s", "usage: vrsadm sdmx-structure --out FILE");
	j.lang = load_lang(cfg);
	rc = write_file(argv[2], run_structure, &j);
	if (j.lang)
		hdf_destroy(&j.lang);
	arena_free(&a);
	return rc;
}

/* Maps path whole, refusing more than max bytes before reading them:
 * the importer reads the pages where they are, with no copy. */
static const char *map_upload(const char *path, size_t max, size_t *len)
{
	static const char empty[1];
	struct stat st;
	int fd = open(path, O_RDONLY);
	void *map;

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		failf("cannot read %s", path);
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		failf("%s is larger than max_upload_bytes; nothing changed",
		      path);
		return NULL;
	}
	*len = (size_t)st.st_size;
	map = *len > 0 ? mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0) :
		(void *)empty;
	close(fd);
	if (map == MAP_FAILED) {
		failf("cannot read %s", path);
		return NULL;
	}
	return map;
}

static void unmap_upload(const char *buf, size_t len)
{
	if (len > 0)
		munmap((void *)buf, len);
}

static void print_problems(HDF *lang, const struct import_problem *p,
			   size_t n, const char *what)
{
	size_t i;
	char key[80];

	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Lang.imp.err.%s", p[i].key);
		fprintf(stderr, "%s: line %ld: %s%s%s\n", what, p[i].line,
			lang ? hdf_get_value(lang, key, p[i].key) : p[i].key,
			p[i].detail[0] ? " " : "", p[i].detail);
	}
}

/* A merge of records already in the draft, field for field, adds them a
 * second time: the web upload warns before applying, vrsadm (one pass)
 * says so with the same counts. */
static void warn_twice(const struct import_summary *s, int dry_run)
{
	long long r = s->routes_twice, n = s->incidents_twice;

	if (r == 0 && n == 0)
		return;
	fprintf(stderr, "warning: records of the file already in the draft, "
		"field for field: %lld route%s, %lld incident%s; merging %s "
		"them a second time (--mode replace replaces the draft's "
		"records instead)\n", r, r == 1 ? "" : "s", n,
		n == 1 ? "" : "s", dry_run ? "would add" : "added");
}

int vrsadm_import(struct db *db, const struct config *cfg,
		  const struct actor *who, int argc, char **argv)
{
	const char *file = NULL, *jcode = NULL, *period = NULL;
	const char *mode_name = "merge";
	int dry_run = 0, i, rc;
	struct submission s;
	struct period per;
	long long jid, import_id = 0;
	struct import_target t;
	struct import_report *r;
	struct import_row row = { 0 };
	struct arena a = { 0 };
	char sum[400];
	size_t len = 0;
	const char *buf;
	HDF *lang = NULL;

	for (i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "--dry-run") == 0)
			dry_run = 1;
		else if (strcmp(argv[i], "--jurisdiction") == 0 && v)
			jcode = v, i++;
		else if (strcmp(argv[i], "--period") == 0 && v)
			period = v, i++;
		else if (strcmp(argv[i], "--mode") == 0 && v)
			mode_name = v, i++;
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else
			return failf("unexpected %s (see vrsadm help)",
				     argv[i]);
	}
	if (file == NULL || jcode == NULL || period == NULL)
		return failf("%s", "usage: vrsadm import FILE --jurisdiction X "
			     "--period P [--mode merge|replace] [--dry-run]");
	if (strcmp(mode_name, "merge") != 0 &&
	    strcmp(mode_name, "replace") != 0)
		return failf("unknown mode %s: merge or replace", mode_name);
	if (db_jurisdiction_by_code(db, jcode, &jid, NULL, 0) != DB_OK)
		return failf("unknown jurisdiction %s", jcode);
	if (db_period_by_code(db, period, &per) != DB_OK)
		return failf("unknown period %s", period);
	if (db_sub_latest(db, jid, per.id, &s) != DB_OK ||
	    (strcmp(s.status, "draft") != 0 &&
	     strcmp(s.status, "returned") != 0) ||
	    strcmp(per.status, "open") != 0)
		return failf("%s has no draft that can be edited for this "
			     "period (start one on the web, or reopen it)",
			     jcode);
	{
		char path[600];

		snprintf(path, sizeof(path), "%s/static/%s", cfg->share_dir,
			 VRS_SCHEMA_FILE);
		if (import_init(path) != 0)
			return failf("cannot load the schema %s", path);
	}
	buf = map_upload(file, (size_t)cfg->max_upload_bytes, &len);
	if (buf == NULL)
		return 1;
	r = malloc(sizeof(*r));
	t = (struct import_target){ s.id, jcode, period, per.starts,
				    per.ends };
	enum import_mode mode = strcmp(mode_name, "replace") == 0 ?
		IMPORT_REPLACE : IMPORT_MERGE;
	if (r == NULL || dry_run) {
		rc = r ? import_run(db, &a, &t, mode, buf, len, 0, who, r) : -1;
	} else {
		/* One pass, writing as it reads, in one transaction: a problem
		 * anywhere in the file rolls back what came before it. (The
		 * web checks first and writes when the officer confirms.) */
		rc = db_begin(db) == DB_OK &&
		     db_sub_touch_editable(db, s.id) == DB_OK &&
		     db_sub_bump(db, s.id, s.row_version) == DB_OK ? 0 : -1;
		if (rc == 0)
			rc = import_run(db, &a, &t, mode, buf, len,
					1 | IMPORT_COUNT_TWICE, who, r);
		if (rc == 0) {
			const char *slash = strrchr(file, '/');

			snprintf(row.actor, sizeof(row.actor), "%s",
				 who->name);
			row.submission_id = s.id;
			utf8_truncate(row.filename, slash ? slash + 1 : file,
				      sizeof(row.filename) - 1);
			row.bytes = (long long)len;
			snprintf(row.sha256, sizeof(row.sha256), "%s",
				 r->sha256);
			snprintf(row.mode, sizeof(row.mode), "%s", mode_name);
			row.base_version = s.row_version;
			snprintf(row.status, sizeof(row.status), "applied");
			import_summary_text(&r->sum, mode, row.summary,
					    sizeof(row.summary));
			rc = db_import_insert(db, &row, &import_id) == DB_OK &&
			     db_history_append(db, who, "import", "import",
					       import_id, row.summary) ==
			     DB_OK ? 0 : -1;
		}
		if (db_end(db, rc == 0 ? DB_OK : DB_ERROR) != DB_OK && rc == 0)
			rc = -1;
	}
	/* The explanations are read only when there is something to say. */
	if (rc > 0 || (rc == 0 && r->nwarnings > 0))
		lang = load_lang(cfg);
	if (rc > 0) {
		print_problems(lang, r->problems, r->nproblems, file);
		if (r->more > 0)
			fprintf(stderr, "%s: %lld more problem%s\n", file,
				r->more, r->more == 1 ? "" : "s");
		fprintf(stderr, "vrsadm: %s refused; nothing changed\n", file);
	} else if (rc < 0) {
		fprintf(stderr, "vrsadm: the database failed; nothing "
			"changed\n");
	} else {
		print_problems(lang, r->warnings, r->nwarnings, "warning");
		warn_twice(&r->sum, dry_run);
		import_summary_text(&r->sum, mode, sum, sizeof(sum));
		printf("%s %s (%lld value%s): %s\n", dry_run ?
		       "checked, not written" : "imported", file,
		       r->sum.values, r->sum.values == 1 ? "" : "s", sum);
	}
	free(r);
	unmap_upload(buf, len);
	if (lang)
		hdf_destroy(&lang);
	arena_free(&a);
	return rc == 0 ? 0 : 1;
}
