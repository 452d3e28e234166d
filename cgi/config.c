/* SPDX-License-Identifier: MIT */
/* config.c: one table row per configuration key, with type, bounds and default. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"

enum conf_type { CONF_STR, CONF_INT, CONF_OCTAL, CONF_ENUM };

struct conf_key {
	const char *name;
	enum conf_type type;
	size_t offset;		/* into struct config */
	size_t size;		/* for strings: buffer size */
	long min, max;		/* for numbers */
	const char *def;	/* default, as it would be written in the file */
	const char *const *choices;	/* for enums; index is the value */
};

static const char *const cookie_secure_choices[] = { "auto", "always", NULL };
static const char *const smtp_tls_choices[] = { "starttls", "try", "none",
						NULL };

#define STR(n, d) { .name = #n, .type = CONF_STR, \
	.offset = offsetof(struct config, n), \
	.size = sizeof(((struct config *)0)->n), .def = d }
#define INT(n, lo, hi, d) { .name = #n, .type = CONF_INT, \
	.offset = offsetof(struct config, n), .min = lo, .max = hi, .def = d }

static const struct conf_key keys[] = {
	STR(db_socket, "/run/mysqld/mysqld.sock"),
	STR(db_host, "localhost"),
	INT(db_port, 1, 65535, "3306"),
	STR(db_name, "vrs"),
	STR(db_user, "vrs"),
	STR(db_password_file, "/etc/vrs-msrc/db-password"),
	STR(share_dir, "/usr/share/vrs-msrc"),
	STR(static_url, "/static"),
	STR(log, "syslog"),
	STR(listen, ""),
	{ .name = "listen_mode", .type = CONF_OCTAL,
	  .offset = offsetof(struct config, listen_mode),
	  .min = 0600, .max = 0777, .def = "0660" },
	INT(workers, 1, 64, "4"),
	INT(access_seal_seconds, 0, 3600, "60"),
	INT(max_body_bytes, 1024, 104857600, "1048576"),
	INT(max_upload_bytes, 1024, 1073741824, "20971520"),
	INT(max_fields, 1, 100000, "30000"),
	INT(max_field_bytes, 16, 1048576, "65536"),
	INT(pbkdf2_iterations, 1000, 10000000, "600000"),
	INT(session_idle_minutes, 1, 1440, "30"),
	INT(session_absolute_hours, 1, 168, "12"),
	{ .name = "cookie_secure", .type = CONF_ENUM,
	  .offset = offsetof(struct config, cookie_secure),
	  .choices = cookie_secure_choices, .def = "auto" },
	INT(lockout_attempts, 1, 100, "5"),
	INT(lockout_window_minutes, 1, 1440, "15"),
	INT(lockout_minutes, 1, 1440, "15"),
	STR(public_url, ""),
	STR(smtp_url, "smtp://127.0.0.1:25"),
	STR(smtp_from, ""),
	STR(smtp_from_name, "VRS-MSRC"),
	STR(smtp_user, ""),
	STR(smtp_password_file, ""),
	{ .name = "smtp_tls", .type = CONF_ENUM,
	  .offset = offsetof(struct config, smtp_tls),
	  .choices = smtp_tls_choices, .def = "starttls" },
	INT(smtp_timeout_seconds, 5, 600, "30"),
	INT(mail_max_attempts, 1, 1000, "10"),
	INT(mail_retry_seconds, 1, 86400, "300"),
	INT(mail_retry_max_seconds, 1, 604800, "21600"),
	INT(mail_batch, 1, 100000, "200"),
	INT(mail_reminder_days, 1, 60, "7"),
};

static int set_key(struct config *cfg, const struct conf_key *k,
		   const char *value, char *err, size_t errsz)
{
	char *field = (char *)cfg + k->offset;
	char *end;
	long v;
	size_t i;

	switch (k->type) {
	case CONF_STR:
		if (strlen(value) >= k->size) {
			snprintf(err, errsz, "%s: value longer than %zu bytes",
				 k->name, k->size - 1);
			return -1;
		}
		memcpy(field, value, strlen(value) + 1);
		return 0;
	case CONF_INT:
	case CONF_OCTAL:
		errno = 0;
		v = strtol(value, &end, k->type == CONF_OCTAL ? 8 : 10);
		if (errno != 0 || end == value || *end != '\0') {
			snprintf(err, errsz, "%s: \"%s\" is not a%s number",
				 k->name, value,
				 k->type == CONF_OCTAL ? "n octal" : " whole");
			return -1;
		}
		if (v < k->min || v > k->max) {
			snprintf(err, errsz, k->type == CONF_OCTAL ?
				 "%s: %lo is outside %lo..%lo" :
				 "%s: %ld is outside %ld..%ld",
				 k->name, v, k->min, k->max);
			return -1;
		}
		*(long *)(void *)field = v;
		return 0;
	case CONF_ENUM:
		for (i = 0; k->choices[i] != NULL; i++)
			if (strcmp(k->choices[i], value) == 0) {
				*(long *)(void *)field = (long)i;
				return 0;
			}
		snprintf(err, errsz, "%s: \"%s\" is not one of the choices",
			 k->name, value);
		return -1;
	}
	return -1;
}

void config_defaults(struct config *cfg)
{
	char err[256];
	size_t i;

	memset(cfg, 0, sizeof(*cfg));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (set_key(cfg, &keys[i], keys[i].def, err, sizeof(err)) != 0)
			abort();	/* a bad default is a programming error */
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int config_parse_line(struct config *cfg, char *line, char *err, size_t errsz)
{
	char *eq, *key, *value;
	size_t i;

	key = trim(line);
	if (*key == '\0' || *key == '#')
		return 0;
	eq = strchr(key, '=');
	if (eq == NULL) {
		snprintf(err, errsz, "expected \"key = value\"");
		return -1;
	}
	*eq = '\0';
	key = trim(key);
	value = trim(eq + 1);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i].name, key) == 0)
			return set_key(cfg, &keys[i], value, err, errsz);
	snprintf(err, errsz, "unknown key \"%.64s\"", key);
	return -1;
}

/* The password file must be a regular file nobody else can read. */
static int read_secret(struct config *cfg, char *err, size_t errsz)
{
	struct stat st;
	ssize_t n;
	int fd;

	fd = open(cfg->db_password_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(err, errsz, "%s: cannot open: %s",
			 cfg->db_password_file, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (st.st_mode & S_IROTH)) {
		snprintf(err, errsz, "%s: must be a regular file that is not "
			 "world-readable (chmod 0640)", cfg->db_password_file);
		close(fd);
		return -1;
	}
	n = read(fd, cfg->db_password, sizeof(cfg->db_password) - 1);
	close(fd);
	if (n < 0) {
		snprintf(err, errsz, "%s: %s", cfg->db_password_file,
			 strerror(errno));
		return -1;
	}
	cfg->db_password[n] = '\0';
	cfg->db_password[strcspn(cfg->db_password, "\r\n")] = '\0';
	return 0;
}

int config_load(struct config *cfg, const char *path, int skip_secret,
		char *err, size_t errsz)
{
	char line[1024], why[512];
	struct stat st;
	FILE *f;
	int lineno = 0, rc = 0;

	config_defaults(cfg);
	f = fopen(path, "re");
	if (f == NULL) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == 0 && (st.st_mode & S_IWOTH)) {
		snprintf(err, errsz, "%s: world-writable, refusing it", path);
		fclose(f);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			snprintf(err, errsz, "%s:%d: line too long", path, lineno);
			rc = -1;
			break;
		}
		if (config_parse_line(cfg, line, why, sizeof(why)) != 0) {
			snprintf(err, errsz, "%s:%d: %s", path, lineno, why);
			rc = -1;
			break;
		}
	}
	fclose(f);
	if (rc == 0 && !skip_secret)
		rc = read_secret(cfg, err, errsz);
	return rc;
}
