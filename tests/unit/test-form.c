/* SPDX-License-Identifier: MIT */
/* test-form.c: the request parsers and field validation. */
#include "unit.h"

#include "form.h"

static struct arena a;

static int parse(const char *s, struct param_list *out)
{
	return form_parse_urlencoded(&a, s, strlen(s), 10, 32, out);
}

static void test_urlencoded(void)
{
	struct param_list l;

	CHECK(parse("a=1&b=x+y&c=%41%62&d=", &l) == FORM_OK);
	CHECK(l.count == 4);
	CHECK_STR(req_param(&l, "a")->value, "1");
	CHECK_STR(req_param(&l, "b")->value, "x y");
	CHECK_STR(req_param(&l, "c")->value, "Ab");
	CHECK_STR(req_param(&l, "d")->value, "");
	CHECK(req_param(&l, "zz") == NULL);
	CHECK(parse("", &l) == FORM_OK && l.count == 0);
	CHECK(parse("&&", &l) == FORM_OK && l.count == 0);
	CHECK(parse("flag", &l) == FORM_OK && l.count == 1);
	CHECK_STR(req_param(&l, "flag")->value, "");
	/* the last of repeated names wins */
	CHECK(parse("a=1&a=2", &l) == FORM_OK);
	CHECK_STR(req_param(&l, "a")->value, "2");
	/* UTF-8 passes through */
	CHECK(parse("n=J%C3%B6rg", &l) == FORM_OK);
	CHECK_STR(req_param(&l, "n")->value, "J\xc3\xb6rg");
}

/* A kept form is stored encoded and parsed again: the same pairs come
 * back, the token left out, odd bytes and a NUL included. */
static void test_encode_round_trip(void)
{
	struct param_list l, back;
	size_t len = 0;
	char *enc;

	CHECK(parse("csrf=abc&t=a+b%26c%3D%0D%0A%C3%A9&e=&t=%00x", &l) ==
	      FORM_OK);
	enc = form_encode_urlencoded(&a, &l, "csrf", &len);
	CHECK(len == strlen(enc));
	CHECK(strstr(enc, "csrf") == NULL);
	CHECK_STR(enc, "t=a%20b%26c%3D%0D%0A%C3%A9&e=&t=%00x");
	CHECK(form_parse_urlencoded(&a, enc, len, 10, 32, &back) == FORM_OK);
	CHECK(back.count == 3);
	CHECK_STR(back.items[0].value, "a b&c=\r\n\xc3\xa9");
	CHECK_STR(back.items[1].name, "e");
	CHECK(back.items[2].len == 2 && back.items[2].has_nul);
	enc = form_encode_urlencoded(&a, &(struct param_list){ 0 }, NULL,
				     &len);
	CHECK(len == 0 && *enc == '\0');
}

static void test_bad_input(void)
{
	struct param_list l;
	const struct param *p;

	CHECK(parse("a=%", &l) == FORM_BAD_ENCODING);
	CHECK(parse("a=%4", &l) == FORM_BAD_ENCODING);
	CHECK(parse("a=%zz", &l) == FORM_BAD_ENCODING);
	CHECK(parse("%g0=1", &l) == FORM_BAD_ENCODING);
	CHECK(parse("a=1&b=2&c=3&d=4&e=5&f=6&g=7&h=8&i=9&j=10&k=11", &l)
	      == FORM_TOO_MANY);
	CHECK(parse("a=0123456789012345678901234567890123", &l)
	      == FORM_TOO_LONG);
	CHECK(parse("x=a%00b", &l) == FORM_OK);
	p = req_param(&l, "x");
	CHECK(p != NULL && p->has_nul && p->len == 3);
	/* a NUL in a name matches no field */
	CHECK(parse("u%00=1", &l) == FORM_OK);
	CHECK(req_param(&l, "u") == NULL);
}

static void test_cookies(void)
{
	struct param_list l;

	form_parse_cookies(&a, "a=1; vrs_session=abc;b=2;junk", &l);
	CHECK(l.count == 3);
	CHECK_STR(req_param(&l, "vrs_session")->value, "abc");
	CHECK_STR(req_param(&l, "b")->value, "2");
	form_parse_cookies(&a, NULL, &l);
	CHECK(l.count == 0);
	form_parse_cookies(&a, "", &l);
	CHECK(l.count == 0);
}

static const struct field_spec specs[] = {
	{ .name = "name", .type = FIELD_LINE, .required = 1, .min = 2,
	  .max = 5 },
	{ .name = "note", .type = FIELD_TEXT, .max = 100 },
	{ .name = "n", .type = FIELD_INT, .min = -5, .max = 5 },
	{ .name = "ok", .type = FIELD_CHECK },
};

static void validate(const char *body, struct field_value *v)
{
	struct param_list l;

	CHECK(form_parse_urlencoded(&a, body, strlen(body), 100, 1000, &l)
	      == FORM_OK);
	form_validate(&l, specs, 4, v);
}

static void test_validate(void)
{
	struct field_value v[4];

	validate("name=abc&note=line1%0D%0Aline2&n=-5&ok=1", v);
	CHECK(v[0].error == NULL && v[1].error == NULL);
	CHECK(v[2].error == NULL && v[2].num == -5);
	CHECK(v[3].num == 1);
	validate("", v);
	CHECK_STR(v[0].error, "required");
	CHECK(v[1].error == NULL && v[2].error == NULL && v[3].num == 0);
	validate("name=abcdef", v);
	CHECK_STR(v[0].error, "too_long");
	/* length counts characters, not bytes */
	validate("name=%C3%B6%C3%B6%C3%B6%C3%B6%C3%B6", v);
	CHECK(v[0].error == NULL);
	validate("name=a", v);
	CHECK_STR(v[0].error, "too_short");
	validate("name=a%0Ab", v);
	CHECK_STR(v[0].error, "bad_chars");
	validate("name=a%00b", v);
	CHECK_STR(v[0].error, "bad_chars");
	validate("name=%FF%FE", v);
	CHECK_STR(v[0].error, "bad_chars");
	validate("name=%C0%AF", v);	/* overlong '/' */
	CHECK_STR(v[0].error, "bad_chars");
	validate("name=ab&note=%1B[31m", v);
	CHECK_STR(v[1].error, "bad_chars");
	validate("name=ab&n=6", v);
	CHECK_STR(v[2].error, "out_of_range");
	validate("name=ab&n=1x", v);
	CHECK_STR(v[2].error, "not_number");
	validate("name=ab&n=99999999999999999999999", v);
	CHECK_STR(v[2].error, "out_of_range");
	validate("name=ab&n=9223372036854775808", v);
	CHECK_STR(v[2].error, "out_of_range");
	validate("name=ab&n=999999999999999999999999999999999999999999", v);
	CHECK_STR(v[2].error, "too_long");
	/* numbers as people type them, through valid_whole */
	validate("name=ab&n=%2B4", v);
	CHECK_STR(v[2].error, "not_number");
	validate("name=ab&n=%20-4%20", v);
	CHECK(v[2].error == NULL && v[2].num == -4);
	validate("name=ab&n=1%2C200", v);
	CHECK_STR(v[2].error, "out_of_range");
	CHECK(v[2].num == 1200);
	validate("name=ab&n=1%2C20", v);
	CHECK_STR(v[2].error, "not_number");
}

int main(void)
{
	unit_name = "form";
	RUN(test_urlencoded);
	RUN(test_encode_round_trip);
	RUN(test_bad_input);
	RUN(test_cookies);
	RUN(test_validate);
	arena_free(&a);
	return unit_report();
}
