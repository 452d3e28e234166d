/* SPDX-License-Identifier: MIT */
/* test-access.c: the canonical form of access log rows and its digest
 * (db-access.c), which the seals in the history carry. */
#include "unit.h"

#include "config.h"
#include "db-access.h"

static const struct access_row one = {
	.id = 41, .writer_id = 3, .writer_seq = 1,
	.at = "2026-12-07 23:49:34.648621", .user_id = 7,
	.username = "qza.focal", .jurisdiction_id = 1, .has_jurisdiction = 1,
	.view = "totals", .format = "html", .part = "flows",
	.period_id = 2, .has_period = 1, .periods = "2026-S1", .country = "",
};

static const struct access_row two = {
	.id = 42, .writer_id = 3, .writer_seq = 2,
	.at = "2026-12-07 23:49:35.000001", .user_id = 9,
	.username = "analyst", .view = "trends", .format = "csv",
	.part = "harm", .periods = "2025-S2,2026-S1", .country = "AFG",
};

static void digest_of(const struct access_row *rows, size_t n, char hex[65])
{
	struct access_digest d;
	size_t i;

	CHECK(access_digest_init(&d) == 0);
	for (i = 0; i < n; i++)
		access_digest_add(&d, &rows[i]);
	CHECK(d.rows == (long long)n);
	CHECK(access_digest_final(&d, hex) == 0);
}

/* The value computed independently (Python's hashlib over the same
 * "<length>:<bytes>" fields, "-" for NULL, "\n" after each row): the
 * form is a contract with every seal already in a database. */
static void known_answer(void)
{
	struct access_row rows[2] = { one, two };
	char hex[65];

	digest_of(rows, 2, hex);
	CHECK_STR(hex, "897e965544d269112cb9397bcd8c055d"
		       "6708af4afde7b2541967e8d776bca687");
	digest_of(rows, 0, hex);	/* no rows: SHA-256 of nothing */
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb924"
		       "27ae41e4649b934ca495991b7852b855");
}

static void every_change_shows(void)
{
	struct access_row rows[2] = { one, two }, swapped[2] = { two, one };
	char base[65], hex[65];

	digest_of(rows, 2, base);
	digest_of(swapped, 2, hex);		/* order counts */
	CHECK(strcmp(hex, base) != 0);
	digest_of(rows, 1, hex);		/* a row less */
	CHECK(strcmp(hex, base) != 0);
	rows[1].country = "AFH";		/* one byte */
	digest_of(rows, 2, hex);
	CHECK(strcmp(hex, base) != 0);
	rows[1] = two;
	rows[1].has_jurisdiction = 1;		/* NULL is not 0 */
	digest_of(rows, 2, hex);
	CHECK(strcmp(hex, base) != 0);
	rows[1] = two;
	rows[0].view = "total";		/* a byte moved between fields */
	rows[0].format = "shtml";
	digest_of(rows, 2, hex);
	CHECK(strcmp(hex, base) != 0);
	rows[0] = one;
	digest_of(rows, 2, hex);		/* and back: the same */
	CHECK_STR(hex, base);
}

static void seal_detail(void)
{
	char buf[200];

	CHECK_STR(access_seal_detail(buf, sizeof(buf), 3, 1, 250, 249,
				     "897e965544d269112cb9397bcd8c055d"
				     "6708af4afde7b2541967e8d776bca687"),
		  "writer=3 seq=1-250 rows=249 sha256="
		  "897e965544d269112cb9397bcd8c055d"
		  "6708af4afde7b2541967e8d776bca687");
}

static void grace(void)
{
	CHECK(access_grace_seconds(60) == 190);
	CHECK(access_grace_seconds(1) == 13);
	CHECK(access_grace_seconds(0) == 13);	/* the tick is 1 s then */
}

static void interval_key(void)
{
	struct config c;
	char line[64], err[256];

	config_defaults(&c);
	CHECK(c.access_seal_seconds == 60);
	snprintf(line, sizeof(line), "access_seal_seconds = 0");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) == 0);
	CHECK(c.access_seal_seconds == 0);
	snprintf(line, sizeof(line), "access_seal_seconds = 3601");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) == -1);
	snprintf(line, sizeof(line), "access_seal_seconds = -1");
	CHECK(config_parse_line(&c, line, err, sizeof(err)) == -1);
	CHECK(c.access_seal_seconds == 0);
}

int main(void)
{
	unit_name = "access";
	RUN(known_answer);
	RUN(every_change_shows);
	RUN(seal_detail);
	RUN(grace);
	RUN(interval_key);
	return unit_report();
}
