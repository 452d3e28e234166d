/* SPDX-License-Identifier: MIT */
/* test-mail.c: mail formatting: addresses, RFC 2047 words, quoted-printable
 * bodies and the composed message. */
#include <stdlib.h>

#include "unit.h"

#include "config.h"
#include "mail.h"

/* Decodes RFC 2047 B words of s back into out (for round trips). */
static void decode_words(const char *s, char *out)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
				  "qrstuvwxyz0123456789+/";
	size_t o = 0;

	while ((s = strstr(s, "=?UTF-8?B?")) != NULL) {
		unsigned v = 0;
		int bits = 0;

		for (s += 10; *s && *s != '?'; s++) {
			const char *p = strchr(b64, *s);

			if (*s == '=' || p == NULL)
				continue;
			v = (v << 6) | (unsigned)(p - b64);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				out[o++] = (char)((v >> bits) & 0xff);
			}
		}
	}
	out[o] = '\0';
}

static void addresses(void)
{
	CHECK(mail_address_valid("jane.doe@example.org"));
	CHECK(mail_address_valid("a+b_c@mail-1.example.gov.fj"));
	CHECK(mail_address_valid("x@localhost"));
	CHECK(!mail_address_valid(""));
	CHECK(!mail_address_valid("jane"));
	CHECK(!mail_address_valid("@example.org"));
	CHECK(!mail_address_valid("jane@"));
	CHECK(!mail_address_valid("a@b@c"));
	CHECK(!mail_address_valid(".jane@example.org"));
	CHECK(!mail_address_valid("jane.@example.org"));
	CHECK(!mail_address_valid("ja..ne@example.org"));
	CHECK(!mail_address_valid("jane@-example.org"));
	CHECK(!mail_address_valid("jane@example-.org"));
	CHECK(!mail_address_valid("jane@example..org"));
	CHECK(!mail_address_valid("jane@example.org."));
	CHECK(!mail_address_valid("jane doe@example.org"));
	CHECK(!mail_address_valid("jane@example.org\r\nBcc: x@y.z"));
	CHECK(!mail_address_valid("<jane@example.org>"));
	CHECK(!mail_address_valid("j\xc3\xa9@example.org"));
	CHECK(!mail_address_valid("jane@ex\xc3\xa9mple.org"));
	{
		char local[70], addr[400];

		memset(local, 'a', 65);
		local[65] = '\0';
		snprintf(addr, sizeof(addr), "%s@example.org", local);
		CHECK(!mail_address_valid(addr));	/* local part > 64 */
		local[64] = '\0';
		snprintf(addr, sizeof(addr), "%s@example.org", local);
		CHECK(mail_address_valid(addr));
		memset(addr, 'b', 300);
		memcpy(addr, "a@", 2);
		addr[300] = '\0';
		CHECK(!mail_address_valid(addr));	/* label > 63 */
	}
}

static void header_words(void)
{
	char *h, back[400];
	const char *long_utf8 = "Soumission 2026-S1 de l'\xc3\x89tat \xc3\xa9"
		"valu\xc3\xa9" "e, renvoy\xc3\xa9" "e \xc3\xa0 la focale : "
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";

	h = mail_header_encode("Submission 2026-S1 of QZA: returned");
	CHECK_STR(h, "Submission 2026-S1 of QZA: returned");
	free(h);
	h = mail_header_encode("");
	CHECK_STR(h, "");
	free(h);
	/* No text can add a header line. */
	h = mail_header_encode("a\r\nBcc: x@example.org");
	CHECK_STR(h, "a  Bcc: x@example.org");
	free(h);
	/* ASCII that looks like an encoded word is encoded itself. */
	h = mail_header_encode("=?x?");
	CHECK(h != NULL && strncmp(h, "=?UTF-8?B?", 10) == 0);
	decode_words(h, back);
	CHECK_STR(back, "=?x?");
	free(h);
	h = mail_header_encode("\xc3\x89tat");
	CHECK_STR(h, "=?UTF-8?B?w4l0YXQ=?=");
	free(h);
	/* Long text: several words, each at most 75 characters, folded,
	 * no UTF-8 character split across two words. */
	h = mail_header_encode(long_utf8);
	CHECK(h != NULL);
	if (h != NULL) {
		const char *w = h, *e;
		int words = 0, ok = 1;

		while ((e = strstr(w, "\r\n ")) != NULL) {
			if (e - w > 75)
				ok = 0;
			words++;
			w = e + 3;
		}
		CHECK(strlen(w) <= 75);
		CHECK(ok && words >= 1);
		decode_words(h, back);
		CHECK_STR(back, long_utf8);
		/* Each word decodes to whole characters on its own. */
		w = h;
		while (ok && (e = strstr(w, "\r\n ")) != NULL) {
			char one[200], part[200];
			size_t k = (size_t)(e - w);

			memcpy(one, w, k);
			one[k] = '\0';
			decode_words(one, part);
			k = strlen(part);
			/* No word may end on a lead byte. */
			if (k > 0 &&
			    ((unsigned char)part[k - 1] & 0xc0) == 0xc0)
				ok = 0;
			w = e + 3;
		}
		CHECK(ok);
		free(h);
	}
}

static void quoted_printable(void)
{
	size_t n = 0;
	char *q;
	char line[200];

	q = mail_qp_encode("Hello,\n\nplain text.\n", 20, &n);
	CHECK_STR(q, "Hello,\r\n\r\nplain text.\r\n");
	CHECK(n == strlen("Hello,\r\n\r\nplain text.\r\n"));
	free(q);
	q = mail_qp_encode("a=b \n\xc3\xa9t\xc3\xa9\r\n", 12, &n);
	CHECK_STR(q, "a=3Db=20\r\n=C3=A9t=C3=A9\r\n");
	free(q);
	/* Lines that SMTP or an mbox reader could misread. */
	q = mail_qp_encode(".\nFrom here\nFrom", 16, &n);
	CHECK_STR(q, "=2E\r\n=46rom here\r\nFrom");
	free(q);
	q = mail_qp_encode("", 0, &n);
	CHECK_STR(q, "");
	CHECK(n == 0);
	free(q);
	/* Long lines break softly at 76 characters, trailing space kept. */
	memset(line, 'x', 150);
	line[150] = ' ';
	line[151] = '\0';
	q = mail_qp_encode(line, 151, &n);
	CHECK(q != NULL);
	if (q != NULL) {
		const char *p = q, *e;
		size_t total = 0;
		int ok = 1;

		while ((e = strstr(p, "\r\n")) != NULL) {
			if (e - p > 76)
				ok = 0;
			total += (size_t)(e - p);
			p = e + 2;
		}
		if (strlen(p) > 76)
			ok = 0;
		CHECK(ok);
		CHECK(strstr(q, "=20") != NULL);
		CHECK(strcmp(q + strlen(q) - 3, "=20") == 0);
		CHECK(total > 0);
		free(q);
	}
	/* A long line of non-ASCII never splits an =XX triplet. */
	{
		char u[301];
		int i, ok = 1;
		const char *p, *e;

		for (i = 0; i < 150; i++)
			memcpy(u + 2 * i, "\xc3\xa9", 2);
		u[300] = '\0';
		q = mail_qp_encode(u, 300, &n);
		for (p = q; q != NULL && (e = strstr(p, "\r\n")) != NULL;
		     p = e + 2) {
			if (e - p > 76 || e[-1] != '=' || (e - p - 1) % 3 != 0)
				ok = 0;
		}
		CHECK(q != NULL && ok);
		free(q);
	}
}

static void dates(void)
{
	char d[40];

	mail_date(0, d);
	CHECK_STR(d, "Thu, 01 Jan 1970 00:00:00 +0000");
	mail_date(1796677200, d);
	CHECK_STR(d, "Mon, 07 Dec 2026 21:00:00 +0000");
}

static void compose(void)
{
	struct mail_msg m = {
		.from = "vrs@example.org", .from_name = "VRS-MSRC",
		.to = "jane@example.org",
		.subject = "R\xc3\xa9sum\xc3\xa9",
		.body = "Line one.\nLine two\n",
		.message_id = "12.abcdef@example.org", .date = 0,
	};
	size_t n = 0;
	char *msg = mail_compose(&m, &n);

	CHECK(msg != NULL && n == strlen(msg));
	if (msg != NULL) {
		CHECK(strncmp(msg, "Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n",
			      39) == 0);
		CHECK(strstr(msg, "\r\nFrom: VRS-MSRC <vrs@example.org>\r\n"));
		CHECK(strstr(msg, "\r\nTo: <jane@example.org>\r\n"));
		CHECK(strstr(msg, "\r\nSubject: =?UTF-8?B?UsOpc3Vtw6k=?=\r\n"));
		CHECK(strstr(msg, "\r\nMessage-ID: "
			     "<12.abcdef@example.org>\r\n"));
		CHECK(strstr(msg, "\r\nContent-Type: text/plain; "
			     "charset=utf-8\r\n"));
		CHECK(strstr(msg, "\r\nContent-Transfer-Encoding: "
			     "quoted-printable\r\n"));
		CHECK(strstr(msg, "\r\nMIME-Version: 1.0\r\n"));
		CHECK(strstr(msg, "\r\n\r\nLine one.\r\nLine two\r\n") != NULL);
		CHECK(strcmp(msg + n - 2, "\r\n") == 0);
		free(msg);
	}
	/* A display name with specials or non-ASCII becomes encoded words. */
	m.from_name = "Secr\xc3\xa9tariat <VRS>";
	msg = mail_compose(&m, &n);
	CHECK(msg != NULL && strstr(msg, "From: =?UTF-8?B?") != NULL &&
	      strstr(msg, "?= <vrs@example.org>\r\n") != NULL);
	free(msg);
	m.from_name = "";
	msg = mail_compose(&m, &n);
	CHECK(msg != NULL && strstr(msg, "\r\nFrom: <vrs@example.org>\r\n"));
	free(msg);
	/* Bad addresses or ids compose nothing. */
	m.to = "jane@example.org>\r\nBcc: <x@example.org";
	CHECK(mail_compose(&m, &n) == NULL);
	m.to = "jane@example.org";
	m.message_id = "a b";
	CHECK(mail_compose(&m, &n) == NULL);
	m.message_id = "";
	CHECK(mail_compose(&m, &n) == NULL);
	m.message_id = "1.a@b";
	m.from = "not an address";
	CHECK(mail_compose(&m, &n) == NULL);
}

/* The mail settings in the configuration table: defaults and bounds. */
static void settings(void)
{
	struct config c;
	char err[200], line[200];

	config_defaults(&c);
	CHECK_STR(c.smtp_url, "smtp://127.0.0.1:25");
	CHECK_STR(c.smtp_from, "");
	CHECK(c.smtp_tls == SMTP_TLS_REQUIRED);
	CHECK(c.mail_max_attempts == 10 && c.mail_retry_seconds == 300);
	CHECK(c.mail_reminder_days == 7);
	snprintf(line, sizeof(line), "smtp_tls = none");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) == 0);
	CHECK(c.smtp_tls == SMTP_TLS_NONE);
	snprintf(line, sizeof(line), "smtp_tls = maybe");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) != 0);
	snprintf(line, sizeof(line), "mail_max_attempts = 0");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) != 0);
	snprintf(line, sizeof(line), "mail_reminder_days = 61");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) != 0);
}

int main(void)
{
	unit_name = "mail";
	RUN(addresses);
	RUN(header_words);
	RUN(quoted_printable);
	RUN(dates);
	RUN(compose);
	RUN(settings);
	return unit_report();
}
