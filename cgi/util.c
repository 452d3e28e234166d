/* SPDX-License-Identifier: MIT */
/* util.c: hex coding and UTF-8 checks. */
#include <string.h>

#include "arena.h"
#include "util.h"

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int hex_decode(const char *in, unsigned char *out, size_t n)
{
	size_t i;

	if (strlen(in) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		int hi = nibble(in[2 * i]), lo = nibble(in[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

long utf8_length(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	long count = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			count++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			need = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			need = 2;
			cp = c & 0x0f;
		} else if ((c & 0xf8) == 0xf0) {
			need = 3;
			cp = c & 0x07;
		} else {
			return -1;
		}
		for (size_t k = 1; k <= need; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				return -1;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
		    (need == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return -1;
		i += need + 1;
		count++;
	}
	return count;
}

char *utf8_truncate(char *dst, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		/* back off continuation bytes to the start of a character */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
	return dst;
}

void ascii_upcase(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

const char *util_num(char *buf, long long n)
{
	char tmp[24];
	size_t i = 0, k = 0;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n :
		(unsigned long long)n;

	do
		tmp[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		buf[k++] = '-';
	while (i > 0)
		buf[k++] = tmp[--i];
	buf[k] = '\0';
	return buf;
}

char *util_join(struct arena *a, const char *const *part, size_t n)
{
	size_t i, len = 0;
	char *s, *p;

	for (i = 0; i < n; i++)
		len += strlen(part[i]);
	p = s = arena_alloc(a, len + 1);
	for (i = 0; i < n; i++) {
		size_t k = strlen(part[i]);

		memcpy(p, part[i], k);
		p += k;
	}
	*p = '\0';
	return s;
}

const char *mem_find(const char *hay, size_t hlen, const char *needle,
		     size_t nlen)
{
	const char *p = hay, *end = hay + hlen;

	while (nlen > 0 && (size_t)(end - p) >= nlen &&
	       (p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1)) != NULL) {
		if (memcmp(p, needle, nlen) == 0)
			return p;
		p++;
	}
	return NULL;
}

void csv_encode_row(const char *const *v, size_t n,
		    void (*put)(void *ctx, const char *s, size_t len),
		    void *ctx)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *s = v[i];
		int quote = strpbrk(s, ",\"\r\n") != NULL;

		if (i > 0)
			put(ctx, ",", 1);
		if (quote)
			put(ctx, "\"", 1);
		if (s[0] != '\0' && strchr("=+-@", s[0]) != NULL)
			put(ctx, "'", 1);
		while (*s != '\0') {
			size_t run = strcspn(s, "\"");

			put(ctx, s, run);
			s += run;
			if (*s == '"') {
				put(ctx, "\"\"", 2);
				s++;
			}
		}
		if (quote)
			put(ctx, "\"", 1);
	}
	put(ctx, "\r\n", 2);
}
