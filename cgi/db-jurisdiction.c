/* SPDX-License-Identifier: MIT */
/* db-jurisdiction.c: reporting entities and the ISO 3166-1 code list. */
#include "db-jurisdiction.h"

int db_jurisdiction_insert(struct db *db, const char *code, const char *name,
			   const char *kind, long long *id)
{
	struct db_arg args[] = { DB_STR(code), DB_STR(name), DB_STR(kind) };
	unsigned long long newid = 0;
	int rc = db_exec(db, STMT_JURISDICTION_INSERT, args, 3, NULL, &newid);

	*id = (long long)newid;
	return rc;
}

int db_jurisdiction_by_code(struct db *db, const char *code, long long *id,
			    char *name, size_t namesz)
{
	char scratch[520];
	struct db_arg arg = DB_STR(code);
	struct db_col c[2] = {
		{ .type = DB_T_INT },
		{ .type = DB_T_STR, .buf = name ? name : scratch,
		  .cap = name ? namesz : sizeof(scratch) },
	};
	int rc = db_query_one(db, STMT_JURISDICTION_BY_CODE, &arg, 1, c, 2);

	*id = rc == DB_OK ? c[0].i : 0;
	return rc;
}

int db_jurisdiction_list(struct db *db,
			 void (*fn)(void *ctx, const char *code,
				    const char *name, const char *kind),
			 void *ctx)
{
	char code[16], name[513], kind[32];
	struct db_col c[3] = {
		{ .type = DB_T_STR, .buf = code, .cap = sizeof(code) },
		{ .type = DB_T_STR, .buf = name, .cap = sizeof(name) },
		{ .type = DB_T_STR, .buf = kind, .cap = sizeof(kind) },
	};
	int rc = db_query(db, STMT_JURISDICTION_LIST, NULL, 0, c, 3);

	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_JURISDICTION_LIST, c, 3)) == DB_OK)
		fn(ctx, code, name, kind);
	db_done(db, STMT_JURISDICTION_LIST);
	return rc == DB_NONE ? DB_OK : rc;
}

int db_country_by_code(struct db *db, const char *code, char *name,
		       size_t namesz)
{
	char scratch[520];
	struct db_arg arg = DB_STR(code);
	struct db_col c = { .type = DB_T_STR, .buf = name ? name : scratch,
			    .cap = name ? namesz : sizeof(scratch) };

	return db_query_one(db, STMT_COUNTRY_BY_CODE, &arg, 1, &c, 1);
}
