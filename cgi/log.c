/* SPDX-License-Identifier: MIT */
/* log.c: forgery-proof one-line log records for requests and errors. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Process-wide, set once at start-up: the log destination. */
static int log_fd = -1;
static int use_syslog;
static char log_ident[32] = "vrs-msrc";

int log_open(const char *target, const char *ident)
{
	snprintf(log_ident, sizeof(log_ident), "%s", ident);
	if (target == NULL || strcmp(target, "syslog") == 0) {
		openlog(log_ident, LOG_PID, LOG_DAEMON);
		use_syslog = 1;
		return 0;
	}
	if (strcmp(target, "stderr") == 0) {
		log_fd = dup(STDERR_FILENO);
		return log_fd < 0 ? -1 : 0;
	}
	log_fd = open(target, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	return log_fd < 0 ? -1 : 0;
}

void log_close(void)
{
	if (log_fd >= 0)
		close(log_fd);
	log_fd = -1;
	if (use_syslog)
		closelog();
	use_syslog = 0;
}

char *log_escape(char *dst, size_t dsz, const char *src)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	if (dsz == 0)
		return dst;
	for (; *src != '\0'; src++) {
		unsigned char c = (unsigned char)*src;

		if (c >= 0x20 && c < 0x7f && c != '\\') {
			if (o + 1 >= dsz)
				break;
			dst[o++] = (char)c;
		} else {
			if (o + 4 >= dsz)
				break;
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		}
	}
	dst[o] = '\0';
	return dst;
}

void log_msg(const char *rid, const char *fmt, ...)
{
	char raw[2048], safe[4096], line[4200];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	log_escape(safe, sizeof(safe), raw);
	if (use_syslog) {
		syslog(LOG_INFO, "rid=%s %s", rid ? rid : "-", safe);
		return;
	}
	if (log_fd < 0)
		return;
	{
		char ts[32];
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
		n = snprintf(line, sizeof(line), "%s %s[%d]: rid=%s %s\n", ts,
			     log_ident, (int)getpid(), rid ? rid : "-", safe);
	}
	if (n > (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 1;
	/* One write per line keeps lines whole when workers share the file. */
	while (write(log_fd, line, (size_t)n) < 0 && errno == EINTR)
		;
}
