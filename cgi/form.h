/* SPDX-License-Identifier: MIT */
/* form.h: parsing of query strings, urlencoded bodies and cookies, and
 * validation of declared fields into typed values. */
#ifndef VRS_FORM_H
#define VRS_FORM_H

#include <stddef.h>

#include "req.h"

/* Outcomes of the parsers. */
enum form_rc {
	FORM_OK = 0,
	FORM_BAD_ENCODING,	/* broken %-escape */
	FORM_TOO_MANY,		/* more than max_fields pairs */
	FORM_TOO_LONG,		/* a name or value over max_field_bytes */
	FORM_FILE_TOO_LARGE	/* an uploaded file over its limit */
};

/* Parses "a=1&b=%20x" into out (arena memory). '+' is a space. A decoded
 * NUL is kept and flagged (validation rejects it per field, so the user
 * gets a message beside the field). */
int form_parse_urlencoded(struct arena *a, const char *s, size_t len,
			  size_t max_fields, size_t max_field_bytes,
			  struct param_list *out);

/* The reverse of form_parse_urlencoded: list as "a=1&b=%20x" (arena
 * memory), leaving out the pairs named skip (may be NULL). */
char *form_encode_urlencoded(struct arena *a, const struct param_list *list,
			     const char *skip, size_t *len);

/* Parses a multipart/form-data body (RFC 7578) whose Content-Type header
 * is ctype into out. A file part becomes a parameter with its bytes
 * (value, len; NUL-terminated but binary) and a second one,
 * "<name>.filename", with the name the browser sent. Text parts are
 * limited to max_field_bytes, file parts to max_file_bytes. Returns
 * FORM_OK, FORM_TOO_MANY, FORM_TOO_LONG, or FORM_BAD_ENCODING for a body
 * that is not well-formed multipart. Values point into body (a file may
 * be 20 MiB: it is not copied), which is changed to NUL-terminate them. */
int form_parse_multipart(struct arena *a, const char *ctype, char *body,
			 size_t len, size_t max_fields, size_t max_field_bytes,
			 size_t max_file_bytes, struct param_list *out);
/* Parses a Cookie header ("a=1; b=2"); values are not decoded. Pairs
 * beyond a small cap are ignored. */
void form_parse_cookies(struct arena *a, const char *header,
			struct param_list *out);

enum field_type {
	FIELD_LINE,	/* one line of text */
	FIELD_TEXT,	/* multi-line text */
	FIELD_SECRET,	/* like LINE, but never echoed back into the form */
	FIELD_INT,	/* a whole number in [min, max] */
	FIELD_CHECK	/* a checkbox: present or not */
};

/* One declared input. For text types min/max bound the length in
 * characters; for FIELD_INT they bound the value. */
struct field_spec {
	const char *name;
	enum field_type type;
	int required;
	long long min, max;
};

/* The validated value of one field. error is NULL or a message key from
 * the language file's Lang.err section. */
struct field_value {
	const char *str;	/* "" when absent; arena or static memory,
				 * or digits for a valid FIELD_INT */
	long long num;		/* FIELD_INT and FIELD_CHECK */
	const char *error;
	char digits[24];	/* a valid FIELD_INT as digits: "1 200" is
				 * "1200" (str points here: do not copy) */
};

/* Validates params against n specs, filling out[n]. Returns the number
 * of fields with an error. */
size_t form_validate(const struct param_list *params,
		     const struct field_spec *specs, size_t n,
		     struct field_value *out);

#endif
