/* SPDX-License-Identifier: MIT */
/* import.h: loading a state's VRS exchange file into its draft. The file
 * is refused before parsing if it has a DOCTYPE, parsed from memory with
 * XML_PARSE_NONET only, validated against the shipped XSD while it
 * streams through libxml2's SAX parser (the schema plugged into its
 * events with xmlSchemaSAXPlug: no tree is built), and checked against
 * the draft (its jurisdiction and period, active codes, the records'
 * rules). A check writes nothing; an apply runs the same pass inside the
 * caller's transaction, which the caller rolls back on any problem. */
#ifndef VRS_IMPORT_H
#define VRS_IMPORT_H

#include <stddef.h>

struct arena;
struct actor;
struct db;

enum import_mode { IMPORT_MERGE, IMPORT_REPLACE };

/* One problem: the line in the file, what is wrong (a key of the
 * language file, Lang.imp.err.<key>) and the concrete value or the
 * parser's words. */
struct import_problem {
	long line;
	const char *key;
	const char *detail;
};

#define IMPORT_MAX_PROBLEMS 100

/* The draft a file goes into. */
struct import_target {
	long long sub;
	const char *jcode;		/* the uploader's jurisdiction */
	const char *period;		/* the draft's period */
	const char *starts, *ends;	/* its first and last day */
};

/* What the file would change (check) or changed (apply). */
struct import_summary {
	long long cells_new, cells_changed, cells_same, cells_removed;
	long long routes_added, routes_removed;
	long long incidents_added, incidents_removed;
	/* Merge: the file's records already in the draft, field for field
	 * (merging adds them a second time). Counted by a check only. */
	long long routes_twice, incidents_twice;
	int narrative;			/* the file replaces the narrative */
	/* Parts whose nil return the file sets or clears: "documents harm" */
	char nil_set[80], nil_cleared[80];
	long long values;		/* cells, records and texts in the file */
	/* What the file says of where it came from; an upload never
	 * changes the draft's version, status or sharing level. */
	char version[21], status[17], sharing[17];
};

struct import_report {
	struct import_problem problems[IMPORT_MAX_PROBLEMS];
	size_t nproblems;
	long long more;			/* problems beyond the list */
	struct import_problem warnings[IMPORT_MAX_PROBLEMS];
	size_t nwarnings;		/* text that looks personal */
	struct import_summary sum;
	int db_rc;			/* a db_* failure: not the file's fault */
	char sha256[65];		/* of the file */
};

/* Loads the schema (share_dir/static/vrs-exchange-1.0.xsd) once per
 * process. Returns 0, or -1 after logging why. */
int import_init(const char *schema_path);
void import_shutdown(void);

/* Checks buf (len bytes) against target t, or with apply set also writes
 * it into the draft (the caller has begun the transaction, locked the
 * draft and will append who's history entry). Returns 0 when the file
 * has no problem (apply: and was written), 1 when it has problems (in
 * r), -1 when the database failed (r->db_rc). With db NULL (the fuzz
 * harness) it checks without code lists or a draft, and cannot apply. */
/* A check in merge mode counts the file's records already in the draft
 * (sum.routes_twice, incidents_twice); applying does not (the web counted
 * them at its check), unless apply also has IMPORT_COUNT_TWICE (vrsadm,
 * which checks and writes in one pass). */
#define IMPORT_COUNT_TWICE 2
int import_run(struct db *db, struct arena *a, const struct import_target *t,
	       enum import_mode mode, const char *buf, size_t len, int apply,
	       const struct actor *who, struct import_report *r);

/* One line for the history and the log: mode, counts, nil returns
 * ("replace: cells 3 new, ...; nil returns set: harm; cleared: -"). It
 * is also how an upload's outcome is kept: import_summary_parse reads it
 * back (counts and nil returns; values left 0), so the two change
 * together. */
void import_summary_text(const struct import_summary *s, enum import_mode m,
			 char *out, size_t n);
/* 0, or -1 if text is not such a line. */
int import_summary_parse(const char *text, struct import_summary *s);

#endif
