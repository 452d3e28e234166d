/* SPDX-License-Identifier: MIT */
/* form.c: the only reader of raw request parameters. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form.h"
#include "util.h"
#include "valid.h"

#define MAX_COOKIES 32

const struct param *req_param(const struct param_list *list,
			      const char *name)
{
	size_t i;

	/* The last one wins, as in most CGI libraries; order is kept. */
	for (i = list->count; i-- > 0;)
		if (strcmp(list->items[i].name, name) == 0)
			return &list->items[i];
	return NULL;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..len) into a new arena string. */
static int decode(struct arena *a, const char *s, size_t len,
		  const char **out, size_t *outlen, int *has_nul)
{
	char *d = arena_alloc(a, len + 1);
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '+') {
			d[o++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= len)
				return FORM_BAD_ENCODING;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return FORM_BAD_ENCODING;
			d[o] = (char)(hi << 4 | lo);
			if (d[o] == '\0')
				*has_nul = 1;
			o++;
			i += 2;
		} else {
			d[o++] = s[i];
		}
	}
	d[o] = '\0';
	*out = d;
	*outlen = o;
	return FORM_OK;
}

int form_parse_urlencoded(struct arena *a, const char *s, size_t len,
			  size_t max_fields, size_t max_field_bytes,
			  struct param_list *out)
{
	size_t count = 0, i, start;

	out->items = NULL;
	out->count = 0;
	if (len == 0)
		return FORM_OK;
	/* Count first, so the cap is checked before any decoding work. */
	for (i = 0, count = 1; i < len; i++)
		if (s[i] == '&')
			count++;
	if (count > max_fields)
		return FORM_TOO_MANY;
	out->items = arena_alloc(a, count * sizeof(*out->items));
	for (start = 0; start <= len;) {
		const char *pair = s + start;
		const char *amp = memchr(pair, '&', len - start);
		size_t plen = amp ? (size_t)(amp - pair) : len - start;
		const char *eq = memchr(pair, '=', plen);
		size_t nlen = eq ? (size_t)(eq - pair) : plen;
		size_t vlen = eq ? plen - nlen - 1 : 0;
		struct param *p = &out->items[out->count];
		size_t ignored;
		int nul = 0;

		if (plen > 0) {
			if (nlen > max_field_bytes || vlen > max_field_bytes)
				return FORM_TOO_LONG;
			if (decode(a, pair, nlen, &p->name, &ignored, &nul) ||
			    decode(a, eq ? eq + 1 : "", vlen, &p->value,
				   &p->len, &p->has_nul))
				return FORM_BAD_ENCODING;
			if (nul)	/* a NUL in a name matches no field */
				p->name = "";
			out->count++;
		}
		if (amp == NULL)
			break;
		start += plen + 1;
	}
	return FORM_OK;
}

/* Appends s[0..n) percent-encoded (unreserved bytes as they are). */
static char *encode_into(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~') {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	return o;
}

char *form_encode_urlencoded(struct arena *a, const struct param_list *list,
			     const char *skip, size_t *len)
{
	size_t i, cap = 1;
	char *buf, *o;

	for (i = 0; i < list->count; i++)
		cap += 3 * (strlen(list->items[i].name) +
			    list->items[i].len) + 2;
	buf = o = arena_alloc(a, cap);
	for (i = 0; i < list->count; i++) {
		const struct param *p = &list->items[i];

		if (skip != NULL && strcmp(p->name, skip) == 0)
			continue;
		if (o != buf)
			*o++ = '&';
		o = encode_into(o, p->name, strlen(p->name));
		*o++ = '=';
		o = encode_into(o, p->value, p->len);
	}
	*o = '\0';
	*len = (size_t)(o - buf);
	return buf;
}

/* The value of parameter key (boundary, name, filename) in a header
 * value like 'form-data; name="x"; filename="a.xml"', as arena text, or
 * NULL. Quoted values end at the next quote (browsers escape quotes in
 * file names as %22). */
static char *header_param(struct arena *a, const char *h, size_t hlen,
			  const char *key)
{
	size_t klen = strlen(key), i = 0;

	while (i < hlen) {
		size_t start, end;

		while (i < hlen && (h[i] == ';' || h[i] == ' ' || h[i] == '\t'))
			i++;
		start = i;
		while (i < hlen && h[i] != '=' && h[i] != ';')
			i++;
		if (i >= hlen || h[i] != '=') {
			while (i < hlen && h[i] != ';')
				i++;
			continue;
		}
		end = i++;
		if (i < hlen && h[i] == '"') {
			size_t v = ++i;

			while (i < hlen && h[i] != '"')
				i++;
			if (end - start == klen &&
			    strncasecmp(h + start, key, klen) == 0)
				return arena_strndup(a, h + v, i - v);
			i++;
		} else {
			size_t v = i;

			while (i < hlen && h[i] != ';' && h[i] != ' ')
				i++;
			if (end - start == klen &&
			    strncasecmp(h + start, key, klen) == 0)
				return arena_strndup(a, h + v, i - v);
		}
	}
	return NULL;
}

int form_parse_multipart(struct arena *a, const char *ctype, char *body,
			 size_t len, size_t max_fields, size_t max_field_bytes,
			 size_t max_file_bytes, struct param_list *out)
{
	const char *boundary, *p, *end = body + len;
	char *delim;
	size_t dlen, cap = 16;

	out->count = 0;
	out->items = arena_alloc(a, cap * sizeof(*out->items));
	boundary = header_param(a, ctype, strlen(ctype), "boundary");
	if (boundary == NULL || boundary[0] == '\0' || strlen(boundary) > 70)
		return FORM_BAD_ENCODING;
	/* Every delimiter but the first follows a CRLF. */
	delim = arena_printf(a, "\r\n--%s", boundary);
	dlen = strlen(delim);
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = mem_find(body, len, delim, dlen)) != NULL)
		p += dlen;
	else
		return FORM_BAD_ENCODING;
	for (;;) {
		const char *head, *head_end, *next;
		char *data;
		char *name = NULL, *filename = NULL;
		int is_file;
		size_t size;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return FORM_OK;		/* the closing delimiter */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return FORM_BAD_ENCODING;
		head = p + 2;
		head_end = mem_find(head, (size_t)(end - head), "\r\n\r\n", 4);
		if (head_end == NULL)
			return FORM_BAD_ENCODING;
		/* The part's headers: only Content-Disposition matters. */
		for (p = head; p < head_end;) {
			const char *eol = mem_find(p, (size_t)(head_end + 2 - p),
						 "\r\n", 2);
			static const char cd[] = "content-disposition:";

			if (eol == NULL)
				eol = head_end;
			if ((size_t)(eol - p) > sizeof(cd) - 1 &&
			    strncasecmp(p, cd, sizeof(cd) - 1) == 0) {
				const char *v = p + sizeof(cd) - 1;

				name = header_param(a, v, (size_t)(eol - v),
						    "name");
				filename = header_param(a, v,
							(size_t)(eol - v),
							"filename");
			}
			p = eol + 2;
		}
		data = body + (head_end + 4 - body);
		next = mem_find(data, (size_t)(end - data), delim, dlen);
		if (next == NULL || name == NULL || name[0] == '\0')
			return FORM_BAD_ENCODING;
		size = (size_t)(next - data);
		is_file = filename != NULL;
		if (is_file && size > max_file_bytes)
			return FORM_FILE_TOO_LARGE;
		if ((!is_file && size > max_field_bytes) ||
		    strlen(name) > max_field_bytes)
			return FORM_TOO_LONG;
		if (out->count + 2 > max_fields)
			return FORM_TOO_MANY;
		if (out->count + 2 > cap) {
			struct param *grown;

			cap *= 2;
			grown = arena_alloc(a, cap * sizeof(*grown));
			memcpy(grown, out->items,
			       out->count * sizeof(*grown));
			out->items = grown;
		}
		out->items[out->count].name = name;
		out->items[out->count].value = data;
		out->items[out->count].len = size;
		out->items[out->count++].has_nul =
			!is_file && memchr(data, '\0', size) != NULL;
		if (is_file) {
			out->items[out->count].name =
				arena_printf(a, "%s.filename", name);
			out->items[out->count].value = filename;
			out->items[out->count].len = strlen(filename);
			out->items[out->count++].has_nul = 0;
		}
		p = next + dlen;
		data[size] = '\0';	/* the CR before the delimiter */
	}
}

void form_parse_cookies(struct arena *a, const char *h, struct param_list *out)
{
	out->items = arena_alloc(a, MAX_COOKIES * sizeof(*out->items));
	out->count = 0;
	while (h != NULL && *h != '\0' && out->count < MAX_COOKIES) {
		const char *end = strchr(h, ';');
		size_t plen = end ? (size_t)(end - h) : strlen(h);
		const char *eq;

		while (plen > 0 && *h == ' ') {
			h++;
			plen--;
		}
		eq = memchr(h, '=', plen);
		if (eq != NULL) {
			struct param *p = &out->items[out->count++];

			p->name = arena_strndup(a, h, (size_t)(eq - h));
			p->value = arena_strndup(a, eq + 1,
						 plen - (size_t)(eq - h) - 1);
			p->len = strlen(p->value);
		}
		h = end ? end + 1 : NULL;
	}
}

/* Control characters are refused; multi-line text may keep tab, CR, LF. */
static int bad_chars(const char *s, size_t len, int multiline)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == 0x7f)
			return 1;
		if (c < 0x20 && !(multiline &&
				 (c == '\t' || c == '\r' || c == '\n')))
			return 1;
	}
	return 0;
}

static const char *check_text(const struct param *p,
			      const struct field_spec *f)
{
	/* For numbers min/max bound the value, not the length. */
	long long maxc = f->type == FIELD_INT ? 40 : f->max;
	long long minc = f->type == FIELD_INT ? 0 : f->min;
	long chars;

	if (p->has_nul ||
	    bad_chars(p->value, p->len, f->type == FIELD_TEXT))
		return "bad_chars";
	chars = utf8_length(p->value, p->len);
	if (chars < 0)
		return "bad_chars";
	if (maxc > 0 && chars > maxc)
		return "too_long";
	if (chars < minc)
		return "too_short";
	return NULL;
}

size_t form_validate(const struct param_list *params,
		     const struct field_spec *specs, size_t n,
		     struct field_value *out)
{
	size_t i, errors = 0;

	for (i = 0; i < n; i++) {
		const struct field_spec *f = &specs[i];
		const struct param *p = req_param(params, f->name);
		struct field_value *v = &out[i];

		v->str = "";
		v->num = 0;
		v->error = NULL;
		if (f->type == FIELD_CHECK) {
			v->num = p != NULL && p->len > 0;
			if (f->required && !v->num)
				v->error = "required";
		} else if (p == NULL || p->len == 0) {
			if (f->required)
				v->error = "required";
		} else {
			v->str = p->value;
			v->error = check_text(p, f);
			if (v->error == NULL && f->type == FIELD_INT) {
				/* "1 200" and "1,200" are 1200 (valid.c) */
				int rc = valid_whole(p->value, p->len, &v->num);

				if (rc == -1)
					v->error = "not_number";
				else if (rc < 0 || v->num < f->min ||
					 v->num > f->max)
					v->error = "out_of_range";
				if (v->error == NULL) {
					snprintf(v->digits, sizeof(v->digits),
						 "%lld", v->num);
					v->str = v->digits;
				}
			}
		}
		if (v->error != NULL)
			errors++;
	}
	return errors;
}
