/* SPDX-License-Identifier: MIT */
/* export.h: the secretariat's exports (the VRS exchange format and
 * SDMX-ML 2.1), streamed through libxml2's xmlTextWriter into a sink: the
 * FastCGI stream or a file. Nothing is built in memory; the sink hashes
 * and counts the bytes on their way out, for the manifest. */
#ifndef VRS_EXPORT_H
#define VRS_EXPORT_H

#include <stddef.h>

struct arena;
struct actor;
struct db;
struct _hdf;

#define VRS_NS "urn:vrs-msrc:vrs-exchange/1.0"
#define VRS_SCHEMA_FILE "vrs-exchange-1.0.xsd"

enum export_format {
	EXPORT_VRS,		/* the VRS exchange format */
	EXPORT_SDMX,		/* SDMX-ML 2.1 generic data */
	EXPORT_CSV		/* one dataset as CSV (RFC 4180, UTF-8) */
};

/* The parts of a submission an export may hold: the seven datasets. */
extern const char *const export_parts[];	/* NULL-terminated */

#define EXPORT_MAX_FILTER 64
/* Empty lists mean "all". Codes are checked by the caller. */
struct export_filter {
	const char *periods[EXPORT_MAX_FILTER];
	size_t nperiods;
	const char *jurisdictions[EXPORT_MAX_FILTER];
	size_t njurisdictions;
	const char *parts[8];
	size_t nparts;
	int any_status;		/* 0: accepted versions only */
};

/* Where the bytes go. write returns 0, or -1 to stop the export. */
struct export_sink {
	int (*write)(void *ctx, const char *buf, size_t len);
	void *ctx;
	/* Kept by export.c: */
	void *md;			/* SHA-256 of everything written */
	unsigned long long bytes;
	int failed;
};

struct export_result {
	long long id;			/* the manifest's export id */
	long long submissions;
	long long values;		/* cells, records and texts written */
	unsigned long long bytes;
	char sha256[65];
	char data_file[256];		/* the file's name in the manifest */
};

/* 1 if code names one of export_parts. */
int export_part_known(const char *code);

/* Writes the filters as text ("period=2026-S1 dataset=flows ...") into
 * out (size n), as the manifest and the history show them. */
void export_filter_text(const struct export_filter *f, char *out, size_t n);

/* Runs one export: picks the submission versions f selects, records the
 * export (manifest row and history) before writing, streams the file into
 * sink, then records its size and SHA-256. data_file names the file in
 * the manifest; "{id}" in it becomes the export's id (res->data_file has
 * the result). Returns 0, or -1 if the database failed or the sink refused (the
 * export is then marked failed). */
int export_run(struct db *db, struct arena *a, const struct actor *who,
	       enum export_format fmt, const struct export_filter *f,
	       const char *data_file, struct export_sink *sink,
	       struct export_result *res);

/* Writes the manifest of export id (from the database) into sink.
 * Returns 0, 1 when there is no such export, or -1. */
int export_write_manifest(struct db *db, long long id,
			  struct export_sink *sink);

/* Writes the SDMX structure message (code lists, concepts and the data
 * structure definition) that the SDMX exports refer to; lang is a
 * dataset holding Lang.* (the names). Returns 0 or -1. */
int export_write_sdmx_structure(struct db *db, struct _hdf *lang,
				struct export_sink *sink);

#endif
