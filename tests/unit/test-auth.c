/* SPDX-License-Identifier: MIT */
/* test-auth.c: password hashing, verification and the password rule. */
#include "unit.h"

#include "auth.h"
#include "util.h"

static void auth_all(void)
{
	char h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX], bad[AUTH_HASH_MAX];
	long iter = 0;

	CHECK(auth_hash("correct horse", 1000, h1, sizeof(h1)) == 0);
	CHECK(auth_hash("correct horse", 1000, h2, sizeof(h2)) == 0);
	CHECK(strncmp(h1, "pbkdf2-sha256$1000$", 19) == 0);
	CHECK(strlen(h1) == 19 + 32 + 1 + 64);
	CHECK(strcmp(h1, h2) != 0);	/* fresh salt every time */
	CHECK(auth_verify("correct horse", h1, &iter) == 1 && iter == 1000);
	CHECK(auth_verify("correct horsE", h1, NULL) == 0);
	CHECK(auth_verify("", h1, NULL) == 0);
	/* one flipped hex digit of the stored hash */
	strcpy(bad, h1);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == '0' ? '1' : '0';
	CHECK(auth_verify("correct horse", bad, NULL) == 0);
	CHECK(auth_verify("x", "", NULL) == -1);
	CHECK(auth_verify("x", "md5$abc", NULL) == -1);
	CHECK(auth_verify("x", "pbkdf2-sha256$0$00$00", NULL) == -1);
	CHECK(auth_verify("x", "pbkdf2-sha256$1000$zz$00", NULL) == -1);
	/* known answer: PBKDF2-HMAC-SHA256("password", 16 x 0x00, 1) */
	/* (value from Python's hashlib, an independent implementation) */
	CHECK(auth_verify("password", "pbkdf2-sha256$1$"
		"00000000000000000000000000000000$"
		"1fefe125ab13dd2c06db86711ec448e9490e6c73024d7d8d659126c6f9fadd68", NULL) == 1);
	CHECK(auth_password_problem("short") != NULL);
	CHECK_STR(auth_password_problem("elevenchars"), "password_short");
	CHECK(auth_password_problem("twelve chars") == NULL);
	/* 12 characters of two bytes each is fine; counting is by character */
	CHECK(auth_password_problem("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
		"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9")
		== NULL);
	CHECK_STR(auth_password_problem("\xff\xfe xxxxxxxxxxxx"), "bad_chars");
	{
		char longpw[200];

		memset(longpw, 'a', 129);
		longpw[129] = '\0';
		CHECK_STR(auth_password_problem(longpw), "password_long");
		longpw[128] = '\0';
		CHECK(auth_password_problem(longpw) == NULL);
	}
	{
		unsigned char raw[3] = { 0x00, 0xab, 0xff }, back[3];
		char hex[7];

		hex_encode(raw, 3, hex);
		CHECK_STR(hex, "00abff");
		CHECK(hex_decode("00ABff", back, 3) == 0 &&
		      memcmp(raw, back, 3) == 0);
		CHECK(hex_decode("00abf", back, 3) == -1);
		CHECK(hex_decode("00abfg", back, 3) == -1);
		CHECK(utf8_length("a\xc3\xb6\xe2\x82\xac\xf0\x9f\x8d\x90", 10)
		      == 4);
		CHECK(utf8_length("\xed\xa0\x80", 3) == -1);	/* surrogate */
		CHECK(utf8_length("\xc3", 1) == -1);		/* cut short */
	}
}

int main(void)
{
	unit_name = "auth";
	RUN(auth_all);
	return unit_report();
}
