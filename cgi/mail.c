/* SPDX-License-Identifier: MIT */
/* mail.c: formatting a plain-text e-mail (headers, RFC 2047 words,
 * quoted-printable); pure functions, unit-tested under ASan. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"

/* A growing buffer; on failure buf is freed and set to NULL, and every
 * later put is a no-op, so callers check once at the end. */
struct buf {
	char *buf;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->buf == NULL && b->cap != 0)
		return;			/* failed earlier */
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (b->len + n + 1 > cap)
			cap *= 2;
		p = realloc(b->buf, cap);
		if (p == NULL) {
			free(b->buf);
			b->buf = NULL;
			b->cap = 1;
			return;
		}
		b->buf = p;
		b->cap = cap;
	}
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static int is_atext(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static int is_ldh(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-';
}

int mail_address_valid(const char *addr)
{
	const char *at = strchr(addr, '@'), *p, *label;
	size_t n;

	if (at == NULL || strchr(at + 1, '@') != NULL ||
	    strlen(addr) > MAIL_ADDR_MAX)
		return 0;
	n = (size_t)(at - addr);
	if (n < 1 || n > 64 || addr[0] == '.' || at[-1] == '.')
		return 0;
	for (p = addr; p < at; p++)
		if (!(is_atext((unsigned char)*p) ||
		      (*p == '.' && p[1] != '.')))
			return 0;
	label = at + 1;
	if (*label == '\0')
		return 0;
	for (;;) {
		for (p = label; is_ldh((unsigned char)*p); p++)
			;
		n = (size_t)(p - label);
		if (n < 1 || n > 63 || label[0] == '-' || p[-1] == '-')
			return 0;
		if (*p == '\0')
			return 1;
		if (*p != '.')
			return 0;
		label = p + 1;
	}
}

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void put_base64(struct buf *b, const unsigned char *s, size_t n)
{
	char q[4];
	size_t i;

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = b64[(v >> 18) & 63];
		q[1] = b64[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
		put(b, q, 4);
	}
}

/* Bytes in one encoded word: 45 make 60 base64 characters, which with
 * "=?UTF-8?B?" and "?=" stay within RFC 2047's 75. */
#define WORD_BYTES 45

/* n bytes of s as encoded words, folded with CRLF SPACE. */
static void put_words(struct buf *b, const unsigned char *s, size_t n)
{
	size_t start, i;

	for (start = 0; start < n; start = i) {
		i = start + WORD_BYTES < n ? start + WORD_BYTES : n;
		/* Back off to the start of a UTF-8 character. */
		while (i < n && i > start + 1 && (s[i] & 0xc0) == 0x80)
			i--;
		if (start > 0)
			puts_(b, "\r\n ");
		puts_(b, "=?UTF-8?B?");
		put_base64(b, s + start, i - start);
		puts_(b, "?=");
	}
}

char *mail_header_encode(const char *text)
{
	struct buf b = { 0 };
	size_t n = strlen(text), i;
	unsigned char *clean = malloc(n + 1);
	int plain = 1;

	if (clean == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		clean[i] = c < 0x20 || c == 0x7f ? ' ' : c;
		if (c >= 0x80)
			plain = 0;
	}
	clean[n] = '\0';
	if (strstr((char *)clean, "=?") != NULL)
		plain = 0;
	if (plain) {
		put(&b, (char *)clean, n);
		if (n == 0)
			put(&b, "", 0);
	} else {
		put_words(&b, clean, n);
	}
	free(clean);
	return b.buf;
}

/* Soft line break before a line would pass 76 characters. */
#define QP_LINE 76

char *mail_qp_encode(const char *body, size_t len, size_t *outlen)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = { 0 };
	size_t i, col = 0;

	put(&b, "", 0);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)body[i];
		char enc[4];
		size_t w;
		int line_end;

		if (c == '\r' && i + 1 < len && body[i + 1] == '\n')
			continue;	/* the LF ends the line */
		if (c == '\n') {
			puts_(&b, "\r\n");
			col = 0;
			continue;
		}
		line_end = i + 1 == len || body[i + 1] == '\n' ||
			   (body[i + 1] == '\r' && i + 2 < len &&
			    body[i + 2] == '\n');
		if ((c >= 33 && c <= 126 && c != '=' &&
		     !(col == 0 && c == '.') &&
		     !(col == 0 && c == 'F' && len - i >= 5 &&
		       memcmp(body + i, "From ", 5) == 0)) ||
		    ((c == ' ' || c == '\t') && !line_end)) {
			enc[0] = (char)c;
			w = 1;
		} else {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			w = 3;
		}
		/* Keep room for the '=' of a soft break, unless this is the
		 * line's last character. */
		if (col + w > (line_end ? QP_LINE : QP_LINE - 1)) {
			puts_(&b, "=\r\n");
			col = 0;
			if (w == 1 && (c == '.' || c == 'F')) {
				/* Now at the start of a line: encode it. */
				enc[0] = '=';
				enc[1] = hex[c >> 4];
				enc[2] = hex[c & 15];
				w = 3;
			}
		}
		put(&b, enc, w);
		col += w;
	}
	if (b.buf != NULL)
		*outlen = b.len;
	return b.buf;
}

void mail_date(time_t t, char *out)
{
	static const char days[][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
					"Fri", "Sat" };
	static const char months[][4] = { "Jan", "Feb", "Mar", "Apr", "May",
					  "Jun", "Jul", "Aug", "Sep", "Oct",
					  "Nov", "Dec" };
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, 40, "%s, %02d %s %04d %02d:%02d:%02d +0000",
		 days[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* A display name as a phrase: plain when made of letters, digits,
 * spaces, '-' and '_', else encoded words (which any text may be; control
 * characters become spaces). */
static void put_phrase(struct buf *b, const char *name)
{
	const char *p;
	unsigned char *clean;
	size_t n = strlen(name), i;

	for (p = name; *p; p++)
		if (!(is_ldh((unsigned char)*p) || *p == ' ' || *p == '_'))
			break;
	if (*p == '\0') {
		puts_(b, name);
		return;
	}
	clean = malloc(n + 1);
	if (clean == NULL) {
		free(b->buf);
		b->buf = NULL;
		b->cap = 1;
		return;
	}
	for (i = 0; i < n; i++)
		clean[i] = (unsigned char)name[i] < 0x20 ||
			   name[i] == 0x7f ? ' ' : (unsigned char)name[i];
	put_words(b, clean, n);
	free(clean);
}

static int header_safe(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= 0x20 || *s == 0x7f || *s == '<' ||
		    *s == '>')
			return 0;
	return 1;
}

char *mail_compose(const struct mail_msg *m, size_t *len)
{
	struct buf b = { 0 };
	char date[40], *subject, *body;
	size_t blen = 0;

	if (!mail_address_valid(m->from) || !mail_address_valid(m->to) ||
	    !header_safe(m->message_id) || *m->message_id == '\0')
		return NULL;
	subject = mail_header_encode(m->subject);
	body = mail_qp_encode(m->body, strlen(m->body), &blen);
	if (subject == NULL || body == NULL) {
		free(subject);
		free(body);
		return NULL;
	}
	mail_date(m->date, date);
	puts_(&b, "Date: ");
	puts_(&b, date);
	puts_(&b, "\r\nFrom: ");
	if (*m->from_name) {
		put_phrase(&b, m->from_name);
		puts_(&b, " ");
	}
	puts_(&b, "<");
	puts_(&b, m->from);
	puts_(&b, ">\r\nTo: <");
	puts_(&b, m->to);
	puts_(&b, ">\r\nSubject: ");
	puts_(&b, subject);
	puts_(&b, "\r\nMessage-ID: <");
	puts_(&b, m->message_id);
	puts_(&b, ">\r\nMIME-Version: 1.0\r\n"
	      "Content-Type: text/plain; charset=utf-8\r\n"
	      "Content-Transfer-Encoding: quoted-printable\r\n"
	      "Auto-Submitted: auto-generated\r\n\r\n");
	put(&b, body, blen);
	if (blen > 0 && (blen < 2 || memcmp(body + blen - 2, "\r\n", 2) != 0))
		puts_(&b, "\r\n");
	free(subject);
	free(body);
	if (b.buf != NULL)
		*len = b.len;
	return b.buf;
}
