/* SPDX-License-Identifier: MIT */
/* test-config.c: the configuration table and loader. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

#include "config.h"

static int line(struct config *c, const char *text, char *err)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", text);
	return config_parse_line(c, buf, err, 200);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	chmod(path, mode);
}

static void config_all(void)
{
	struct config c;
	char err[600], dir[] = "/tmp/vrs-test-config-XXXXXX", conf[700],
	     pw[700], text[1000];

	config_defaults(&c);
	CHECK(c.pbkdf2_iterations == 600000);
	CHECK(c.session_idle_minutes == 30 && c.session_absolute_hours == 12);
	CHECK(c.max_body_bytes == 1048576 && c.listen_mode == 0660);
	CHECK_STR(c.db_name, "vrs");
	CHECK(line(&c, "  # comment", err) == 0);
	CHECK(line(&c, "", err) == 0);
	CHECK(line(&c, "workers = 8", err) == 0 && c.workers == 8);
	CHECK(line(&c, "db_name=other", err) == 0);
	CHECK_STR(c.db_name, "other");
	CHECK(line(&c, "listen_mode = 0600", err) == 0 &&
	      c.listen_mode == 0600);
	CHECK(line(&c, "cookie_secure = always", err) == 0 &&
	      c.cookie_secure == COOKIE_SECURE_ALWAYS);
	CHECK(line(&c, "workers = 0", err) == -1 && strstr(err, "outside"));
	CHECK(line(&c, "workers = 65", err) == -1);
	CHECK(line(&c, "workers = 4x", err) == -1 && strstr(err, "number"));
	CHECK(line(&c, "workers =", err) == -1);
	CHECK(line(&c, "listen_mode = 0999", err) == -1);
	CHECK(line(&c, "cookie_secure = sometimes", err) == -1);
	CHECK(line(&c, "no_such_key = 1", err) == -1 &&
	      strstr(err, "unknown key"));
	CHECK(line(&c, "just words", err) == -1);
	CHECK(c.workers == 8);	/* failed lines changed nothing */

	CHECK(mkdtemp(dir) != NULL);
	snprintf(conf, sizeof(conf), "%s/vrs.conf", dir);
	snprintf(pw, sizeof(pw), "%s/pw", dir);
	write_file(pw, "s3cret\n", 0640);
	snprintf(text, sizeof(text), "# test\ndb_password_file = %s\n"
		 "workers = 2\n", pw);
	write_file(conf, text, 0640);
	CHECK(config_load(&c, conf, 0, err, sizeof(err)) == 0);
	CHECK_STR(c.db_password, "s3cret");
	CHECK(c.workers == 2);
	/* the line number of the bad key is reported */
	snprintf(text, sizeof(text), "db_password_file = %s\n\nbogus = 1\n",
		 pw);
	write_file(conf, text, 0640);
	CHECK(config_load(&c, conf, 0, err, sizeof(err)) == -1);
	CHECK(strstr(err, ":3: unknown key") != NULL);
	/* a world-readable password file stops start-up */
	snprintf(text, sizeof(text), "db_password_file = %s\n", pw);
	write_file(conf, text, 0640);
	chmod(pw, 0644);
	CHECK(config_load(&c, conf, 0, err, sizeof(err)) == -1);
	CHECK(strstr(err, "world-readable") != NULL);
	CHECK(config_load(&c, conf, 1, err, sizeof(err)) == 0);
	CHECK(config_load(&c, "/nonexistent/vrs.conf", 0, err,
			  sizeof(err)) == -1);
	unlink(pw);
	unlink(conf);
	rmdir(dir);
}

int main(void)
{
	unit_name = "config";
	RUN(config_all);
	return unit_report();
}
