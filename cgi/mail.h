/* SPDX-License-Identifier: MIT */
/* mail.h: a plain-text e-mail as it goes to the relay: address checks,
 * RFC 2047 header words, a quoted-printable body and the RFC 5322 headers.
 * No I/O here (vrsadm-mail.c sends, notify.c writes the texts). */
#ifndef VRS_MAIL_H
#define VRS_MAIL_H

#include <stddef.h>
#include <time.h>

/* Longest address kept (RFC 5321's path limit less the brackets). */
#define MAIL_ADDR_MAX 254

/* 1 when addr is an address we send to: ASCII local@domain, the local part
 * of RFC 5322 atext and single dots (at most 64 characters), the domain of
 * letter-digit-hyphen labels, at most MAIL_ADDR_MAX characters in all;
 * else 0. Quoted local parts, address literals and non-ASCII (SMTPUTF8)
 * addresses are refused. */
int mail_address_valid(const char *addr);

/* text as a header value: unchanged when it is printable ASCII (and holds
 * no "=?"), else RFC 2047 encoded words (=?UTF-8?B?...?=, each at most 75
 * characters, never splitting a UTF-8 character) folded with CRLF SPACE.
 * Control characters (CR and LF included) become spaces first, so no text
 * can add a header. Returns malloc'd memory (the caller frees it), or
 * NULL when out of memory. */
char *mail_header_encode(const char *text);

/* body (UTF-8; lines end with LF or CRLF) encoded quoted-printable (RFC
 * 2045) with CRLF line ends and lines of at most 76 characters. A '.' or
 * "From " at the start of a line is encoded too, so neither SMTP nor an
 * mbox reader can take the line for something else. Returns malloc'd
 * memory with *outlen set, or NULL when out of memory. */
char *mail_qp_encode(const char *body, size_t len, size_t *outlen);

/* The RFC 5322 date of t in UTC ("Mon, 07 Dec 2026 21:00:00 +0000"),
 * whatever the locale. out must hold 40 bytes. */
void mail_date(time_t t, char *out);

struct mail_msg {
	const char *from;		/* address (mail_address_valid) */
	const char *from_name;		/* display name; may be "" */
	const char *to;			/* address, as from */
	const char *subject;		/* UTF-8 */
	const char *body;		/* UTF-8 */
	const char *message_id;		/* without <>, e.g. 12.ab@host */
	time_t date;
};

/* The whole message: Date, From, To, Subject, Message-ID, MIME-Version,
 * Content-Type text/plain; charset=utf-8, quoted-printable, and
 * Auto-Submitted: auto-generated, then the body. Returns malloc'd memory
 * (caller frees) with *len set; NULL when an address or the message id is
 * not acceptable, or out of memory. */
char *mail_compose(const struct mail_msg *m, size_t *len);

#endif
