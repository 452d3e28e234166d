/* SPDX-License-Identifier: MIT */
/* config.h: the configuration, read once at start-up from a key = value file. */
#ifndef VRS_CONFIG_H
#define VRS_CONFIG_H

#include <stddef.h>

enum cookie_secure { COOKIE_SECURE_AUTO, COOKIE_SECURE_ALWAYS };
/* How mail reaches the relay: STARTTLS required (and the certificate
 * verified), tried when offered, or plain. smtps:// URLs are TLS from the
 * first byte whatever this says. */
enum smtp_tls { SMTP_TLS_REQUIRED, SMTP_TLS_TRY, SMTP_TLS_NONE };

/* One per process, filled by config_load before anything else runs and
 * read-only afterwards. */
struct config {
	char db_socket[256];
	char db_host[256];
	long db_port;
	char db_name[64];
	char db_user[64];
	char db_password_file[256];
	char db_password[256];		/* read from db_password_file */
	char share_dir[256];		/* templates/ and db/ live below it */
	char static_url[128];
	char log[256];			/* "syslog" or a file path */
	char listen[256];		/* empty: serve on the socket on fd 0 */
	long listen_mode;
	long workers;
	long access_seal_seconds;	/* pooled views sealed per worker */
	long max_body_bytes;
	long max_upload_bytes;		/* an XML upload (file and form) */
	long max_fields;
	long max_field_bytes;
	long pbkdf2_iterations;
	long session_idle_minutes;
	long session_absolute_hours;
	long cookie_secure;		/* enum cookie_secure */
	long lockout_attempts;
	long lockout_window_minutes;
	long lockout_minutes;
	/* Notifications (vrsadm mail-send; notify.c). */
	char public_url[256];		/* links in mail: https://host */
	char smtp_url[256];		/* smtp://host:port or smtps:// */
	char smtp_from[256];		/* envelope and From address */
	char smtp_from_name[128];	/* From display name */
	char smtp_user[128];		/* empty: no authentication */
	char smtp_password_file[256];	/* read by mail-send only */
	long smtp_tls;			/* enum smtp_tls */
	long smtp_timeout_seconds;
	long mail_max_attempts;		/* then it is given up */
	long mail_retry_seconds;	/* first back-off, doubled each time */
	long mail_retry_max_seconds;	/* longest back-off */
	long mail_batch;		/* messages per mail-send run */
	long mail_reminder_days;	/* the reminder before a due date */
};

/* Fills cfg with the defaults, then reads path. Returns 0 on success; on
 * error returns -1 and writes "file:line: reason" into err. A missing
 * file is an error. The password file is read unless skip_secret. */
int config_load(struct config *cfg, const char *path, int skip_secret,
		char *err, size_t errsz);

/* Fills cfg with the defaults only. */
void config_defaults(struct config *cfg);

/* Parses one "key = value" line into cfg; returns 0, or -1 with err set.
 * Blank lines and comments are accepted. Exposed for the unit tests. */
int config_parse_line(struct config *cfg, char *line, char *err, size_t errsz);

#endif
