/* SPDX-License-Identifier: MIT */
/* status.h: what a handler or the gate can answer; resp.c maps each to an
 * HTTP code and to the text in the language file. */
#ifndef VRS_STATUS_H
#define VRS_STATUS_H

enum status {
	ST_OK,			/* a response was already sent */
	ST_BAD_REQUEST,		/* 400 */
	ST_BAD_ENCODING,	/* 400: broken %-escapes */
	ST_TOO_MANY_FIELDS,	/* 400 */
	ST_FIELD_TOO_LONG,	/* 400 */
	ST_BAD_CONTENT_TYPE,	/* 415 */
	ST_SESSION_EXPIRED,	/* 401 */
	ST_FORBIDDEN,		/* 403 */
	ST_CSRF,		/* 403: missing or foreign form token */
	ST_NOT_FOUND,		/* 404 */
	ST_METHOD,		/* 405 */
	ST_CONFLICT,		/* 409: not in this status or period state */
	ST_TOO_LARGE,		/* 413 */
	ST_INTERNAL,		/* 500 */
	ST_MISCONFIGURED,	/* 500: the web server sent no PATH_INFO */
	ST_UNAVAILABLE,		/* 503: the database is unreachable */
	ST__MAX
};

#endif
