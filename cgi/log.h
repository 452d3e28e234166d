/* SPDX-License-Identifier: MIT */
/* log.h: one-line, escaped log records, to syslog or a file. */
#ifndef VRS_LOG_H
#define VRS_LOG_H

#include <stddef.h>

/* Opens the log: "syslog" or an absolute file path (opened O_APPEND, so
 * several workers can share it). Returns 0 on success, -1 on error. */
int log_open(const char *target, const char *ident);
void log_close(void);

/* Writes one line: "rid=... " then the message. Every byte of the
 * formatted message outside printable ASCII is written as \xHH, so no
 * input can forge a line. rid may be NULL. */
void log_msg(const char *rid, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Escapes src into dst (size dsz) as log_msg does; returns dst. */
char *log_escape(char *dst, size_t dsz, const char *src);

#endif
