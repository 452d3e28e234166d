/* SPDX-License-Identifier: MIT */
/* test-csrf.c: the form token's per-response mask (BREACH). */
#include "unit.h"

#include "csrf.h"

static void mask_differs_and_unmasks_to_the_token(void)
{
	unsigned char token[CSRF_TOKEN_BYTES], back[CSRF_TOKEN_BYTES];
	char a[CSRF_MASKED_HEX + 1], b[CSRF_MASKED_HEX + 1];
	size_t i;

	for (i = 0; i < sizeof(token); i++)
		token[i] = (unsigned char)(i * 37 + 11);
	CHECK(csrf_mask(token, a) == 0);
	CHECK(csrf_mask(token, b) == 0);
	CHECK(strlen(a) == CSRF_MASKED_HEX && strlen(b) == CSRF_MASKED_HEX);
	CHECK(strspn(a, "0123456789abcdef") == CSRF_MASKED_HEX);
	/* a fresh pad each time: no two responses carry the same bytes */
	CHECK(strcmp(a, b) != 0);
	CHECK(memcmp(a, b, CSRF_MASKED_HEX / 2) != 0);
	CHECK(memcmp(a + CSRF_MASKED_HEX / 2, b + CSRF_MASKED_HEX / 2,
		     CSRF_MASKED_HEX / 2) != 0);
	CHECK(csrf_unmask(a, strlen(a), back) == 0 &&
	      memcmp(back, token, sizeof(token)) == 0);
	CHECK(csrf_unmask(b, strlen(b), back) == 0 &&
	      memcmp(back, token, sizeof(token)) == 0);
}

static void known_answer(void)
{
	unsigned char back[CSRF_TOKEN_BYTES];
	char masked[CSRF_MASKED_HEX + 1];
	size_t i;

	/* pad 0x0f.. and masked half 0xff..: the token is 0xf0.. */
	memset(masked, 'f', CSRF_MASKED_HEX);
	masked[CSRF_MASKED_HEX] = '\0';
	for (i = 0; i < CSRF_MASKED_HEX / 2; i += 2)
		masked[i] = '0';
	CHECK(csrf_unmask(masked, CSRF_MASKED_HEX, back) == 0);
	for (i = 0; i < sizeof(back); i++)
		CHECK(back[i] == 0xf0);
}

static void tampered_or_malformed_fails(void)
{
	unsigned char token[CSRF_TOKEN_BYTES], back[CSRF_TOKEN_BYTES];
	char m[CSRF_MASKED_HEX + 1], bad[CSRF_MASKED_HEX + 2];
	size_t i;

	memset(token, 0x5a, sizeof(token));
	CHECK(csrf_mask(token, m) == 0);
	/* one digit changed, in the pad or in the masked half: a different
	 * token, which the caller's comparison refuses */
	for (i = 0; i < CSRF_MASKED_HEX; i += CSRF_MASKED_HEX / 2 - 1) {
		strcpy(bad, m);
		bad[i] = bad[i] == '0' ? '1' : '0';
		CHECK(csrf_unmask(bad, strlen(bad), back) == 0 &&
		      memcmp(back, token, sizeof(token)) != 0);
	}
	/* the unmasked token sent as it is (the old 64-digit form) */
	CHECK(csrf_unmask(m, CSRF_MASKED_HEX / 2, back) == -1);
	/* too long, not hex, a NUL inside, empty */
	strcpy(bad, m);
	strcat(bad, "0");
	CHECK(csrf_unmask(bad, strlen(bad), back) == -1);
	strcpy(bad, m);
	bad[7] = 'g';
	CHECK(csrf_unmask(bad, strlen(bad), back) == -1);
	strcpy(bad, m);
	bad[9] = '\0';
	CHECK(csrf_unmask(bad, CSRF_MASKED_HEX, back) == -1);
	CHECK(csrf_unmask("", 0, back) == -1);
	/* a refused value leaves no token behind */
	for (i = 0; i < sizeof(back); i++)
		CHECK(back[i] == 0);
}

int main(void)
{
	unit_name = "csrf";
	RUN(mask_differs_and_unmasks_to_the_token);
	RUN(known_answer);
	RUN(tampered_or_malformed_fails);
	return unit_report();
}
