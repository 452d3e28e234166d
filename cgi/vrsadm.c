/* SPDX-License-Identifier: MIT */
/* vrsadm.c: the host admin's command-line tool, built from the same code
 * as the web program (same config, db layer, hashing and history). */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "auth.h"
#include "config.h"
#include "db-access.h"
#include "db-history.h"
#include "db-jurisdiction.h"
#include "db-mail.h"
#include "db-report.h"
#include "db-user.h"
#include "db-sharing.h"
#include "vrsadm-demo.h"
#include "vrsadm-exchange.h"
#include "vrsadm-mail.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "notify.h"
#include "policy.h"
#include "util.h"

#define DEFAULT_CONFIG "/etc/vrs-msrc/vrs.conf"
#define MAX_MIGRATIONS 500

static const char help_text[] =
"usage: vrsadm [-c CONFIG] [--admin-defaults FILE] COMMAND ...\n"
"\n"
"  -c CONFIG               configuration file (default $VRS_CONFIG, else\n"
"                          " DEFAULT_CONFIG ")\n"
"  --admin-defaults FILE   connect with the account in the [client] section\n"
"                          of this MariaDB option file instead of the\n"
"                          application account (for migrate and grants)\n"
"\n"
"Commands:\n"
"  migrate [--to N]        apply the schema migrations in share_dir/db/\n"
"                          migrations that the database lacks (up to\n"
"                          version N); refuses a database newer than this\n"
"                          program; takes a lock against concurrent runs\n"
"  backup FILE             write a consistent dump of the database to FILE\n"
"                          (mariadb-dump --single-transaction; mode 0600)\n"
"  restore FILE [--force]  load a dump made by backup; needs\n"
"                          --admin-defaults; refuses a database that has\n"
"                          tables unless --force\n"
"  pool-rebuild            recompute the pooled views' summaries (migrate\n"
"                          does it too)\n"
"  demo-data               write the fictitious demo figures of make run\n"
"                          (jurisdictions QZA, QZB, QZC); never in production\n"
"  export --format vrs|sdmx|csv --out FILE [--period P]... [--jurisdiction X]...\n"
"         [--dataset D]... [--all-statuses]\n"
"                          stream the accepted submission versions (all\n"
"                          current ones with --all-statuses) into FILE; the\n"
"                          manifest goes to FILE.manifest.xml, and for sdmx\n"
"                          the structure message to FILE.structure.xml.\n"
"                          D: flows, documents, smugglers, harm, routes,\n"
"                          incidents, narrative (csv: exactly one)\n"
"  sdmx-structure --out FILE\n"
"                          write the SDMX-ML 2.1 structure message (code\n"
"                          lists, concepts, data structure definition)\n"
"  import FILE --jurisdiction X --period P [--mode merge|replace] [--dry-run]\n"
"                          check a VRS exchange file and load it into the\n"
"                          jurisdiction's draft of the period, all or\n"
"                          nothing; problems are listed with their lines\n"
"  grants [--user U] [--host H]\n"
"                          print least-privilege GRANT statements for the\n"
"                          application account (default: db_user@localhost)\n"
"  verify                  check the schema version, that every SQL\n"
"                          statement prepares, the history chain, and\n"
"                          every seal of the access log of pooled views\n"
"                          (a view row deleted, altered or inserted is\n"
"                          named by its seal's entry); counts the rows not\n"
"                          sealed yet (fails when one waited over an hour)\n"
"  access-seal             seal into the history, now, the pooled views\n"
"                          not sealed yet (workers do it every\n"
"                          access_seal_seconds; this is for the rows of a\n"
"                          worker that died while no other runs)\n"
"  jurisdiction add CODE [--name NAME]\n"
"                          add a state or territory (ISO 3166-1 alpha-3)\n"
"  jurisdiction add CODE --organisation --name NAME\n"
"                          add an organisation (code QMA-QZZ or XAA-XZZ)\n"
"  jurisdiction list\n"
"  user add --username U --name \"Full Name\" --role ROLE [--jurisdiction CODE]\n"
"           [--email ADDRESS] [--permanent]\n"
"                          ROLE: data-entry, focal-point, viewer (these need\n"
"                          --jurisdiction), secretariat-analyst,\n"
"                          secretariat-admin; the password is read from\n"
"                          standard input, never from the command line; it\n"
"                          is temporary: the user must choose another at the\n"
"                          next sign-in; ADDRESS receives the notifications\n"
"  user email USERNAME ADDRESS|--none\n"
"                          set (or remove) the account's e-mail address\n"
"  user passwd USERNAME [--permanent]\n"
"                          set a new temporary password (read from standard\n"
"                          input); ends the user's sessions\n"
"                          --permanent: the password stays as set, with no\n"
"                          change at sign-in; for demos and tests only\n"
"  user lock USERNAME      refuse sign-in until unlocked\n"
"  user unlock USERNAME    allow sign-in again (also ends a lockout)\n"
"  user list\n"
"  mail-send [--now] [--no-reminders]\n"
"                          queue the reminders before due dates, then send\n"
"                          the waiting notifications to smtp_url; failed\n"
"                          ones wait for their next try (--now: try every\n"
"                          waiting one now). Run by vrs-msrc-mail.timer\n"
"  help                    this text\n";

/* Process-wide for this short-lived tool. */
static struct config cfg;
static struct db *db;
static struct actor cli_actor;
static int admin_mode;		/* connected with --admin-defaults */

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "vrsadm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

static int db_fail(int rc)
{
	fprintf(stderr, "vrsadm: database %s: %s\n",
		rc == DB_UNAVAILABLE ? "unavailable" : "error",
		db_last_error(db));
	return 1;
}

/* Finds "--name VALUE" in argv[from..argc); NULL if absent. */
static const char *opt(int argc, char **argv, int from, const char *name)
{
	int i;

	for (i = from; i < argc - 1; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

static int flag(int argc, char **argv, int from, const char *name)
{
	int i;

	for (i = from; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

/* Reads one line from standard input, without echo on a terminal. */
static int read_password(char *buf, size_t size)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fprintf(stderr, "Password (12 to 128 characters): ");
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (fgets(buf, (int)size, stdin) == NULL)
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fputc('\n', stderr);
	}
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return 0;
}

static int hashed_password(char *hash, size_t hashsz)
{
	char pw[1100];
	const char *problem;

	read_password(pw, sizeof(pw));
	problem = auth_password_problem(pw);
	if (problem != NULL) {
		memset(pw, 0, sizeof(pw));
		return fail("password refused (%s): use 12 to 128 characters",
			    problem);
	}
	if (auth_hash(pw, cfg.pbkdf2_iterations, hash, hashsz) != 0) {
		memset(pw, 0, sizeof(pw));
		return fail("%s", "hashing failed");
	}
	memset(pw, 0, sizeof(pw));
	return 0;
}

/* Ends a write's transaction by rc: 0 once committed, else 1 after
 * saying why. */
static int finish(int rc)
{
	rc = db_end(db, rc);
	return rc == DB_OK ? 0 : db_fail(rc);
}

/* ---- migrate ---------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static long query_long(enum stmt s, const struct db_arg *args, size_t n)
{
	struct db_col c = { .type = DB_T_INT };
	int rc = db_query_one(db, s, args, n, &c, 1);

	return rc == DB_OK ? (long)c.i : -1;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1))) {
		*len = fread(buf, 1, (size_t)n, f);
		buf[*len] = '\0';
	}
	fclose(f);
	return buf;
}

/* Recomputes the pooled views' summaries from the submissions, in one
 * transaction (they are kept in step by every transition; this is for
 * after a restore, and migrate runs it as part of the schema work, which
 * the history does not record either). */
static int cmd_pool_rebuild(int in_history)
{
	long long subs = 0;
	int rc = db_begin(db);

	if (rc == DB_OK)
		rc = db_pool_rebuild(db, &subs);
	if (rc == DB_OK && in_history)
		rc = db_history_append(db, &cli_actor, "pool.rebuild", "pool",
				       0, "summaries recomputed");
	if (finish(rc) != 0)
		return 1;
	printf("pooled summaries rebuilt from %lld contributing submission%s\n",
	       subs, subs == 1 ? "" : "s");
	return 0;
}

static int cmd_migrate(int argc, char **argv)
{
	const char *to_s = opt(argc, argv, 1, "--to");
	char *end = NULL;
	long to = to_s ? strtol(to_s, &end, 10) : 0;
	char dir[400], *names[MAX_MIGRATIONS];
	struct dirent *de;
	struct db_arg wait = DB_INT(30);
	long current, newest = 0;
	size_t n = 0, i, applied = 0;
	int rc = 0;
	DIR *d;

	if (to_s != NULL && (*end != '\0' || to < 1))
		return fail("--to takes a schema version number, not \"%s\"",
			    to_s);
	snprintf(dir, sizeof(dir), "%s/db/migrations", cfg.share_dir);
	d = opendir(dir);
	if (d == NULL)
		return fail("cannot read %s", dir);
	while ((de = readdir(d)) != NULL && n < MAX_MIGRATIONS) {
		size_t l = strlen(de->d_name);

		if (l > 9 && strspn(de->d_name, "0123456789") == 4 &&
		    de->d_name[4] == '-' && strcmp(de->d_name + l - 4, ".sql")
		    == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	if (n > 0)
		newest = atol(names[n - 1]);
	/* Two admins running migrate at once: the second waits. */
	if (query_long(STMT_SCHEMA_LOCK, &wait, 1) != 1) {
		rc = fail("%s", "another migrate holds the lock");
		goto out;
	}
	current = query_long(STMT_SCHEMA_TABLE_EXISTS, NULL, 0) > 0 ?
		  query_long(STMT_SCHEMA_VERSION, NULL, 0) : 0;
	if (current < 0) {
		rc = db_fail(DB_ERROR);
		goto unlock;
	}
	if (current > newest) {
		fprintf(stderr, "vrsadm: the database is at schema version "
			"%ld, newer than this program's %ld; nothing "
			"changed\n", current, newest);
		rc = 1;
		goto unlock;
	}
	for (i = 0; i < n; i++) {
		long v = atol(names[i]);
		char path[700], err[600], sum_hex[65];
		unsigned char sum[32];
		unsigned int sumlen = 32;
		size_t len = 0;
		char *sql;

		if (to > 0 && v > to)
			continue;
		/* One below the newest applied is skipped only when it was
		 * applied too: a migration merged after a later-numbered
		 * one (work done on two branches at once) is applied. */
		if (v <= current) {
			struct db_arg ver = DB_INT(v);
			long has = query_long(STMT_SCHEMA_HAS, &ver, 1);

			if (has < 0) {
				rc = db_fail(DB_ERROR);
				goto unlock;
			}
			if (has > 0)
				continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		sql = slurp(path, &len);
		if (sql == NULL) {
			rc = fail("cannot read %s", path);
			goto unlock;
		}
		EVP_Digest(sql, len, sum, &sumlen, EVP_sha256(), NULL);
		hex_encode(sum, 32, sum_hex);
		if (db_run_script(db, sql, len, err, sizeof(err)) != DB_OK) {
			fprintf(stderr, "vrsadm: %s failed: %s\n", names[i],
				err);
			free(sql);
			rc = 1;
			goto unlock;
		}
		free(sql);
		{
			struct db_arg args[] = { DB_INT(v), DB_STR(names[i]),
						 DB_STR(sum_hex) };

			if (db_exec(db, STMT_SCHEMA_RECORD, args, 3, NULL,
				    NULL) != DB_OK) {
				rc = db_fail(DB_ERROR);
				goto unlock;
			}
		}
		printf("applied %s\n", names[i]);
		if (v > current)
			current = v;
		applied++;
	}
	/* Derived tables follow the schema: the pooled summaries (0008) and
	 * their trend summary (0018), once both exist (migrate --to may
	 * stop before: the next migrate rebuilds them). */
	if (applied > 0 && current >= 18 && cmd_pool_rebuild(0) != 0) {
		rc = 1;
		goto unlock;
	}
	/* A migration may change code lists or settings (0016 added
	 * currencies): the workers' copies (refcache.c) are read again. */
	if (applied > 0 && current >= 18 &&
	    db_ref_generation_raise(db) != DB_OK) {
		rc = db_fail(DB_ERROR);
		goto unlock;
	}
	printf("schema version %ld\n", current);
unlock:
	query_long(STMT_SCHEMA_UNLOCK, NULL, 0);
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	return rc;
}

/* ---- grants ------------------------------------------------------ */

static int cmd_grants(int argc, char **argv)
{
	const char *user = opt(argc, argv, 1, "--user");
	const char *host = opt(argc, argv, 1, "--host");
	char table[128];
	struct db_col c = { .type = DB_T_STR, .buf = table,
			    .cap = sizeof(table) };
	int rc, count = 0;

	if (user == NULL)
		user = cfg.db_user;
	if (host == NULL)
		host = "localhost";
	if (strpbrk(user, "'`\\") || strpbrk(host, "'`\\"))
		return fail("%s", "quotes are not allowed in --user/--host");
	rc = db_query(db, STMT_SCHEMA_TABLES, NULL, 0, &c, 1);
	while (rc == DB_OK &&
	       (rc = db_fetch_row(db, STMT_SCHEMA_TABLES, &c, 1)) == DB_OK) {
		/* History, the access log and their seals are
		 * append-only; a writer's row only moves forward; the
		 * schema table is the host admin's. Everything else is
		 * read and written. */
		const char *priv =
			strcmp(table, "history") == 0 ||
			strcmp(table, "cell_changes") == 0 ||
			strcmp(table, "access_log") == 0 ||
			strcmp(table, "access_seals") == 0 ? "SELECT, INSERT" :
			strcmp(table, "access_writers") == 0 ?
				"SELECT, INSERT, UPDATE" :
			strcmp(table, "schema_version") == 0 ? "SELECT" :
			"SELECT, INSERT, UPDATE, DELETE";

		printf("GRANT %s ON `%s`.`%s` TO '%s'@'%s';\n", priv,
		       cfg.db_name, table, user, host);
		count++;
	}
	db_done(db, STMT_SCHEMA_TABLES);
	if (rc != DB_NONE)
		return db_fail(rc);
	if (count == 0)
		return fail("%s", "no tables: run vrsadm migrate first");
	return 0;
}

/* ---- verify ------------------------------------------------------ */

static int verify_access(void);

static int cmd_verify(void)
{
	long long count = 0, bad = 0;
	long version = query_long(STMT_SCHEMA_VERSION, NULL, 0);
	enum stmt first = STMT__MAX;
	int rc, failed;

	if (version < 0)
		return db_fail(DB_ERROR);
	printf("schema version %ld\n", version);
	failed = db_check_statements(db, admin_mode, &first);
	if (failed != 0) {
		printf("%d of %d statements do not prepare (first: %d: %s)\n",
		       failed, (int)STMT__MAX, (int)first, db_last_error(db));
		return 1;
	}
	printf("every statement prepares against this schema%s\n",
	       admin_mode ? "" : " with the application account's grants");
	rc = db_history_verify(db, &count, &bad);
	if (rc == DB_NONE) {
		printf("history chain BROKEN at entry %lld\n", bad);
		return 1;
	}
	if (rc != DB_OK)
		return db_fail(rc);
	printf("history chain intact: %lld entr%s\n", count,
	       count == 1 ? "y" : "ies");
	return verify_access();
}

/* ---- the access log of pooled views ---------------------------------- */

/* Rows unsealed for longer than this fail verify: workers seal every
 * access_seal_seconds, and sweep up after a dead one within its grace. */
static long unsealed_max_seconds(void)
{
	long grace = access_grace_seconds(cfg.access_seal_seconds);

	return 20 * grace > 3600 ? 20 * grace : 3600;
}

static int verify_access(void)
{
	struct access_check c;
	int rc = db_access_verify(db, &c);

	if (rc == DB_NONE) {
		printf("access log seal BROKEN at history entry %lld: %s",
		       c.bad_entry, c.why);
		if (c.bad_writer > 0)
			printf(" (writer %lld, rows %lld-%lld)", c.bad_writer,
			       c.bad_from, c.bad_to);
		if (c.want_rows != c.found_rows)
			printf(" (sealed %lld rows, found %lld)", c.want_rows,
			       c.found_rows);
		printf("\n");
		return 1;
	}
	if (rc != DB_OK)
		return db_fail(rc);
	printf("access log seals intact: %lld seal%s covering %lld view "
	       "row%s\n", c.seals, c.seals == 1 ? "" : "s", c.rows,
	       c.rows == 1 ? "" : "s");
	if (c.unsealed == 0) {
		printf("access log: every view row is sealed\n");
		return 0;
	}
	printf("access log: %lld view row%s not sealed yet, the oldest from "
	       "%s UTC (%lld s ago)\n", c.unsealed,
	       c.unsealed == 1 ? "" : "s", c.oldest, c.oldest_age);
	if (c.oldest_age > unsealed_max_seconds()) {
		printf("access log: view rows unsealed for more than %ld s: "
		       "FAILED (if no worker runs, seal them with vrsadm "
		       "access-seal; rows no worker wrote stay unsealed)\n",
		       unsealed_max_seconds());
		return 1;
	}
	return 0;
}

static int cmd_access_seal(void)
{
	long long rows = 0;
	int rc = db_access_seal_all(db, &cli_actor, &rows);

	if (rc != DB_OK)
		return db_fail(rc);
	printf("sealed %lld view row%s\n", rows, rows == 1 ? "" : "s");
	return 0;
}

/* ---- jurisdictions ----------------------------------------------- */

static int user_assigned(const char *code)
{
	return strlen(code) == 3 &&
	       ((code[0] == 'Q' && code[1] >= 'M' && code[1] <= 'Z') ||
		code[0] == 'X') &&
	       code[1] >= 'A' && code[1] <= 'Z' &&
	       code[2] >= 'A' && code[2] <= 'Z';
}

static int cmd_jurisdiction_add(int argc, char **argv)
{
	const char *code = argc > 2 ? argv[2] : NULL;
	const char *name = opt(argc, argv, 3, "--name");
	int org = flag(argc, argv, 3, "--organisation");
	char country[520], detail[700];
	long long id = 0;
	int rc;

	if (code == NULL)
		return fail("%s", "jurisdiction add needs a CODE");
	if (org) {
		if (!user_assigned(code))
			return fail("%s: organisations take a code from "
				    "QMA-QZZ or XAA-XZZ", code);
		if (name == NULL || *name == '\0')
			return fail("%s", "an organisation needs --name");
	} else {
		rc = db_country_by_code(db, code, country, sizeof(country));
		if (rc == DB_NONE || strlen(code) != 3)
			return fail("%s is not a current ISO 3166-1 alpha-3 "
				    "code", code);
		if (rc < 0)
			return db_fail(rc);
		if (name == NULL)
			name = country;
	}
	if (utf8_length(name, strlen(name)) < 1 ||
	    utf8_length(name, strlen(name)) > 128)
		return fail("%s", "--name must be 1 to 128 characters of UTF-8");
	rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_jurisdiction_insert(db, code, name,
					    org ? "organisation" : "country",
					    &id);
	if (rc == DB_ERROR)
		return fail("could not add %s (does it exist already?)", code);
	snprintf(detail, sizeof(detail), "%s %s", code, name);
	if (rc == DB_OK)
		rc = db_history_append(db, &cli_actor, "jurisdiction.add",
				       "jurisdiction", id, detail);
	if (finish(rc) != 0)
		return 1;
	printf("added jurisdiction %s (%s)\n", code, name);
	return 0;
}

static void print_jurisdiction(void *ctx, const char *code, const char *name,
			       const char *kind)
{
	(void)ctx;
	printf("%-4s %-13s %s\n", code, kind, name);
}

/* ---- users ------------------------------------------------------- */

static int cmd_user_add(int argc, char **argv)
{
	const char *username = opt(argc, argv, 2, "--username");
	const char *name = opt(argc, argv, 2, "--name");
	const char *role_s = opt(argc, argv, 2, "--role");
	const char *jcode = opt(argc, argv, 2, "--jurisdiction");
	int permanent = flag(argc, argv, 2, "--permanent");
	const char *email = opt(argc, argv, 2, "--email");
	enum role role;
	char hash[AUTH_HASH_MAX], detail[200];
	long long jid = 0, id = 0;
	long ulen;
	int rc;

	if (username == NULL || name == NULL || role_s == NULL)
		return fail("%s", "user add needs --username, --name and --role");
	ulen = utf8_length(username, strlen(username));
	if (ulen < 1 || ulen > 64 || strpbrk(username, " \t\r\n") != NULL)
		return fail("%s", "--username must be 1 to 64 characters, "
			    "no spaces");
	if (utf8_length(name, strlen(name)) < 1 ||
	    utf8_length(name, strlen(name)) > 128)
		return fail("%s", "--name must be 1 to 128 characters");
	if (email != NULL && !mail_address_valid(email))
		return fail("--email %s is not an address we can send to "
			    "(name@domain, ASCII, no spaces)", email);
	role = role_from_name(role_s);
	if (role == ROLE_NONE)
		return fail("unknown role %s (see vrsadm help)", role_s);
	if (role_is_secretariat(role) && jcode != NULL)
		return fail("%s", "secretariat roles belong to no jurisdiction");
	if (!role_is_secretariat(role)) {
		if (jcode == NULL)
			return fail("role %s needs --jurisdiction CODE", role_s);
		rc = db_jurisdiction_by_code(db, jcode, &jid, NULL, 0);
		if (rc == DB_NONE)
			return fail("no jurisdiction %s (vrsadm jurisdiction "
				    "add)", jcode);
		if (rc < 0)
			return db_fail(rc);
	}
	if (hashed_password(hash, sizeof(hash)) != 0)
		return 1;
	rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_user_insert(db, username, name, role_s, jid, hash,
				    !permanent, &id);
	if (rc == DB_ERROR)
		return fail("could not add %s (does the username exist "
			    "already?)", username);
	snprintf(detail, sizeof(detail), "%s %s %s", username, role_s,
		 jcode ? jcode : "");
	if (rc == DB_OK && email != NULL)
		rc = db_user_set_email(db, id, email);
	if (rc == DB_OK)
		rc = db_history_append(db, &cli_actor, "user.add", "user", id,
				       detail);
	if (finish(rc) != 0)
		return 1;
	printf("added user %s (%s)\n", username, role_s);
	return 0;
}

static int cmd_user_change(const char *what, const char *username,
			   int permanent)
{
	char hash[AUTH_HASH_MAX];
	long long id = 0;
	int rc;

	if (username == NULL)
		return fail("user %s needs a USERNAME", what);
	rc = db_user_id_by_name(db, username, &id);
	if (rc == DB_NONE)
		return fail("no user %s", username);
	if (rc < 0)
		return db_fail(rc);
	if (strcmp(what, "passwd") == 0 &&
	    hashed_password(hash, sizeof(hash)) != 0)
		return 1;
	rc = db_begin(db);
	if (rc == DB_OK && strcmp(what, "passwd") == 0) {
		unsigned char none[32] = { 0 };

		rc = db_user_set_password(db, id, hash, !permanent);
		/* A new password ends every session of the account. */
		if (rc == DB_OK)
			rc = db_session_delete_others(db, id, none);
	} else if (rc == DB_OK) {
		rc = db_user_set_disabled(db, id, strcmp(what, "lock") == 0);
	}
	if (rc == DB_OK) {
		char action[32];

		snprintf(action, sizeof(action), "user.%s", what);
		rc = db_history_append(db, &cli_actor, action, "user", id,
				       username);
	}
	if (finish(rc) != 0)
		return 1;
	printf("user %s: %s done\n", username, what);
	return 0;
}

/* user email USERNAME ADDRESS|--none: the address notifications go to. */
static int cmd_user_email(int argc, char **argv)
{
	const char *username = argc > 2 ? argv[2] : NULL;
	const char *email = argc > 3 ? argv[3] : NULL;
	long long id = 0;
	int rc;

	if (username == NULL || email == NULL || argc > 4)
		return fail("%s", "usage: user email USERNAME ADDRESS|--none");
	if (strcmp(email, "--none") == 0)
		email = "";
	else if (!mail_address_valid(email))
		return fail("%s is not an address we can send to (name@domain, "
			    "ASCII, no spaces)", email);
	rc = db_user_id_by_name(db, username, &id);
	if (rc == DB_NONE)
		return fail("no user %s", username);
	if (rc < 0)
		return db_fail(rc);
	rc = db_begin(db);
	if (rc == DB_OK)
		rc = db_user_set_email(db, id, email);
	if (rc == DB_OK)
		rc = db_history_append(db, &cli_actor, "user.email", "user", id,
				       *email ? email : "(none)");
	if (finish(rc) != 0)
		return 1;
	printf("user %s: e-mail %s\n", username, *email ? email : "removed");
	return 0;
}

static void print_user(void *ctx, const struct user_login *u,
		       const char *created)
{
	(void)ctx;
	printf("%-24s %-20s %-4s %-8s %s UTC  %s\n", u->user.username,
	       role_name((enum role)u->user.role),
	       u->user.jurisdiction_code[0] ? u->user.jurisdiction_code : "-",
	       u->disabled ? "disabled" : u->locked ? "locked" : "active",
	       created, u->user.display_name);
}

/* ---- backup and restore ------------------------------------------ */

/* Writes a MariaDB option file (mode 0600) with the application account,
 * so the password never appears on a command line. Returns its path in
 * path, or -1. */
static int client_options(char *path, size_t size)
{
	FILE *f;
	int fd;

	snprintf(path, size, "%s/vrsadm-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	/* The option-file syntax has no way to quote these safely. */
	if (strpbrk(cfg.db_password, "\"\\\n") != NULL)
		return -1;
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (f == NULL) {
		close(fd);
		unlink(path);
		return -1;
	}
	fprintf(f, "[client]\nuser=%s\npassword=\"%s\"\n", cfg.db_user,
		cfg.db_password);
	if (cfg.db_socket[0] != '\0')
		fprintf(f, "socket=%s\n", cfg.db_socket);
	else
		fprintf(f, "host=%s\nport=%ld\n", cfg.db_host, cfg.db_port);
	return fclose(f) == 0 ? 0 : -1;
}

/* Runs argv with stdin/stdout redirected to the given fds (-1: keep).
 * Returns the exit status, or -1. */
static int run_tool(char *const argv[], int in_fd, int out_fd)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (in_fd >= 0)
			dup2(in_fd, STDIN_FILENO);
		if (out_fd >= 0)
			dup2(out_fd, STDOUT_FILENO);
		execvp(argv[0], argv);
		fprintf(stderr, "vrsadm: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int cmd_backup(const char *admin, int argc, char **argv)
{
	const char *file = argc > 1 ? argv[1] : NULL;
	char opts[300], extra[400];
	int fd, rc;

	if (file == NULL)
		return fail("%s", "backup needs a FILE");
	if (admin != NULL)
		snprintf(opts, sizeof(opts), "%s", admin);
	else if (client_options(opts, sizeof(opts)) != 0)
		return fail("%s", "cannot write a temporary option file (or the "
			    "password holds a quote, backslash or newline)");
	snprintf(extra, sizeof(extra), "--defaults-extra-file=%s", opts);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	/* An existing file keeps its mode on open: the dump holds password
	 * hashes, so make it private either way. */
	if (fd >= 0 && fchmod(fd, 0600) != 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0) {
		if (admin == NULL)
			unlink(opts);
		return fail("%s: %s", file, strerror(errno));
	}
	{
		/* One transaction gives a consistent snapshot of InnoDB
		 * without locking out the web program. */
		char *args[] = { "mariadb-dump", extra, "--single-transaction",
				 "--quick", "--routines", "--triggers",
				 "--hex-blob", "--skip-dump-date",
				 "--default-character-set=utf8mb4",
				 cfg.db_name, NULL };

		rc = run_tool(args, -1, fd);
	}
	close(fd);
	if (admin == NULL)
		unlink(opts);
	if (rc != 0) {
		unlink(file);
		return fail("mariadb-dump failed (status %d); no backup written",
			    rc);
	}
	printf("backup of %s written to %s\n", cfg.db_name, file);
	return 0;
}

static int cmd_restore(const char *admin, int argc, char **argv)
{
	const char *file = argc > 1 ? argv[1] : NULL;
	int force = flag(argc, argv, 2, "--force");
	char extra[400], create[300];
	long tables;
	int fd, rc;

	if (file == NULL)
		return fail("%s", "restore needs a FILE");
	if (admin == NULL)
		return fail("%s", "restore creates tables: give --admin-defaults "
			    "FILE for an account that may");
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("%s: %s", file, strerror(errno));
	snprintf(extra, sizeof(extra), "--defaults-extra-file=%s", admin);
	snprintf(create, sizeof(create), "CREATE DATABASE IF NOT EXISTS `%s` "
		 "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
		 cfg.db_name);
	if (strchr(cfg.db_name, '`') != NULL) {
		close(fd);
		return fail("%s", "db_name may not contain a backquote");
	}
	{
		char *args[] = { "mariadb", extra, "-e", create, NULL };

		if (run_tool(args, -1, -1) != 0) {
			close(fd);
			return fail("%s", "cannot create the database");
		}
	}
	db = db_open(&cfg, admin);
	tables = db ? query_long(STMT_SCHEMA_TABLE_COUNT, NULL, 0) : -1;
	if (tables < 0) {
		close(fd);
		return db_fail(DB_UNAVAILABLE);
	}
	if (tables > 0 && !force) {
		close(fd);
		fprintf(stderr, "vrsadm: %s already has %ld tables; nothing "
			"changed (use --force to replace them)\n", cfg.db_name,
			tables);
		return 1;
	}
	{
		char *args[] = { "mariadb", extra,
				 "--default-character-set=utf8mb4",
				 cfg.db_name, NULL };

		rc = run_tool(args, fd, -1);
	}
	close(fd);
	if (rc != 0)
		return fail("loading %s failed (status %d)", file, rc);
	printf("restored %s from %s; check it with vrsadm verify\n",
	       cfg.db_name, file);
	return 0;
}

static int dispatch_command(int argc, char **argv)
{
	const char *cmd = argv[0], *sub = argc > 1 ? argv[1] : "";
	int rc;

	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(argc, argv);
	if (strcmp(cmd, "grants") == 0)
		return cmd_grants(argc, argv);
	if (strcmp(cmd, "verify") == 0)
		return cmd_verify();
	if (strcmp(cmd, "access-seal") == 0)
		return cmd_access_seal();
	if (strcmp(cmd, "jurisdiction") == 0 && strcmp(sub, "add") == 0)
		return cmd_jurisdiction_add(argc, argv);
	if (strcmp(cmd, "jurisdiction") == 0 && strcmp(sub, "list") == 0) {
		rc = db_jurisdiction_list(db, print_jurisdiction, NULL);
		return rc == DB_OK ? 0 : db_fail(rc);
	}
	if (strcmp(cmd, "user") == 0 && strcmp(sub, "add") == 0)
		return cmd_user_add(argc, argv);
	if (strcmp(cmd, "user") == 0 && strcmp(sub, "email") == 0)
		return cmd_user_email(argc, argv);
	if (strcmp(cmd, "mail-send") == 0)
		return vrsadm_mail_send(db, &cfg, argc, argv);
	if (strcmp(cmd, "pool-rebuild") == 0)
		return cmd_pool_rebuild(1);
	if (strcmp(cmd, "export") == 0)
		return vrsadm_export(db, &cfg, &cli_actor, argc, argv);
	if (strcmp(cmd, "import") == 0)
		return vrsadm_import(db, &cfg, &cli_actor, argc, argv);
	if (strcmp(cmd, "sdmx-structure") == 0)
		return vrsadm_sdmx_structure(db, &cfg, argc, argv);
	if (strcmp(cmd, "demo-data") == 0) {
		rc = demo_data(db, &cli_actor);
		if (rc == DB_NONE)
			return fail("%s", "the demo jurisdictions QZA, QZB and "
				    "QZC do not exist");
		return rc == DB_OK ? 0 : db_fail(rc);
	}
	if (strcmp(cmd, "user") == 0 && strcmp(sub, "list") == 0) {
		struct arena a = { 0 };

		rc = db_user_list(db, &a, 0, 1000000000, 0, print_user, NULL);
		arena_free(&a);
		return rc == DB_OK ? 0 : db_fail(rc);
	}
	if (strcmp(cmd, "user") == 0 && strcmp(sub, "passwd") == 0) {
		const char *name = NULL;
		int i;

		for (i = 2; i < argc && name == NULL; i++)
			if (strcmp(argv[i], "--permanent") != 0)
				name = argv[i];
		return cmd_user_change(sub, name,
				       flag(argc, argv, 2, "--permanent"));
	}
	if (strcmp(cmd, "user") == 0 &&
	    (strcmp(sub, "lock") == 0 || strcmp(sub, "unlock") == 0))
		return cmd_user_change(sub, argc > 2 ? argv[2] : NULL, 0);
	fprintf(stderr, "vrsadm: unknown command (see vrsadm help)\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *path = getenv("VRS_CONFIG");
	const char *admin = NULL;
	struct passwd *pw = getpwuid(getuid());
	char err[600], actor[80];
	int i = 1, rc;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			path = argv[i + 1], i += 2;
		else if (strcmp(argv[i], "--admin-defaults") == 0 &&
			 i + 1 < argc)
			admin = argv[i + 1], i += 2;
		else if (strcmp(argv[i], "-h") == 0 ||
			 strcmp(argv[i], "--help") == 0)
			break;
		else
			return fail("unknown option %s (see vrsadm help)",
				    argv[i]);
	}
	if (i >= argc || strcmp(argv[i], "help") == 0 ||
	    strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
		fputs(help_text, stdout);
		return i >= argc ? 2 : 0;
	}
	if (path == NULL) {
		path = DEFAULT_CONFIG;
		/* Most likely a checkout, where each instance has its own. */
		if (access(path, F_OK) != 0)
			return fail("no configuration at %s: give -c CONFIG or "
				    "set VRS_CONFIG (for the instance of make "
				    "run, use var/run/vrsadm, which does)",
				    path);
	}
	/* With an admin option file the application password is not needed. */
	if (config_load(&cfg, path, admin != NULL, err, sizeof(err)) != 0)
		return fail("%s", err);
	log_open("stderr", "vrsadm");
	notify_init(&cfg);
	snprintf(actor, sizeof(actor), "cli:%s", pw ? pw->pw_name : "?");
	cli_actor.user_id = 0;
	cli_actor.name = actor;
	admin_mode = admin != NULL;
	/* These two drive the MariaDB client tools and open what they need. */
	if (strcmp(argv[i], "backup") == 0 || strcmp(argv[i], "restore") == 0) {
		rc = strcmp(argv[i], "backup") == 0 ?
			cmd_backup(admin, argc - i, argv + i) :
			cmd_restore(admin, argc - i, argv + i);
		db_close(db);
		log_close();
		return rc;
	}
	db = db_open(&cfg, admin);
	if (db == NULL)
		return fail("%s", "out of memory");
	rc = dispatch_command(argc - i, argv + i);
	db_close(db);
	log_close();
	return rc;
}
